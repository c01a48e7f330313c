import { Button, Group, Select, Stack, type ComboboxItem, type ComboboxParsedItem, type ComboboxParsedItemGroup } from '@mantine/core';
import { IconArrowBackUp, IconBan } from '@tabler/icons-react';
import { useMemo } from 'react';
import type { Unit } from '../../api/types';
import { useT } from '../../i18n/I18nProvider';
import { matchesSearch, searchKey } from '../../../../src/domain/text/normalize';

interface Props {
  /** The party as the document wrote it. */
  text: string;
  units: Unit[];
  suggestions: Array<{ unitId: number; name: string }>;
  /** undefined: not decided; a unit id; null: not a reporting unit. */
  fix: number | null | undefined;
  onFix: (fix: number | null | undefined) => void;
}

type Parsed = ComboboxParsedItem<number>;
const isGroup = (o: Parsed): o is ComboboxParsedItemGroup<number> => 'group' in o;

/**
 * Answers a party that matched no unit, in place: pick the unit it means (the importer's suggestions
 * first), or mark it "không phải đơn vị báo cáo". The answer holds for every task that names it.
 */
export function PartyFixer({ text, units, suggestions, fix, onFix }: Props) {
  const t = useT();
  const data = useMemo(() => {
    const suggested = new Set(suggestions.map((s) => s.unitId));
    const item = (u: { id: number; name: string }): ComboboxItem<number> => ({ value: u.id, label: u.name });
    const groups = [];
    if (suggested.size) groups.push({ group: t('review.suggestions'), items: suggestions.map((s) => item({ id: s.unitId, name: s.name })) });
    groups.push({ group: t('review.allUnits'), items: units.filter((u) => !suggested.has(u.id)).map(item) });
    return groups;
  }, [suggestions, units, t]);

  const filter = ({ options, search, limit }: { options: Parsed[]; search: string; limit: number }): Parsed[] => {
    const hit = (o: ComboboxItem<number>) => matchesSearch(searchKey(o.label), search);
    let left = limit;
    const out: Parsed[] = [];
    for (const o of options) {
      if (left <= 0) break;
      if (isGroup(o)) {
        const items = o.items.filter(hit).slice(0, left);
        if (items.length) out.push({ ...o, items });
        left -= items.length;
      } else if (hit(o)) {
        out.push(o);
        left--;
      }
    }
    return out;
  };

  if (fix === null) {
    return (
      <Button
        size="compact-xs"
        variant="subtle"
        color="gray"
        leftSection={<IconArrowBackUp size={14} aria-hidden />}
        onClick={() => onFix(undefined)}
        aria-label={t('review.undoNotReportingLabel', { text })}
      >
        {t('review.undo')}
      </Button>
    );
  }
  return (
    <Stack gap={4} className="party-fixer">
      <Select<number>
        size="xs"
        label={t('review.mapTo', { text })}
        styles={{ label: { fontWeight: 500 } }}
        placeholder={t('review.chooseUnit')}
        searchable
        clearable
        data={data}
        filter={filter}
        limit={60}
        maxDropdownHeight={260}
        nothingFoundMessage={t('common.noResults')}
        value={typeof fix === 'number' ? fix : null}
        onChange={(value) => onFix(value ?? undefined)}
        error={fix === undefined}
        comboboxProps={{ width: 320, position: 'bottom-start' }}
      />
      <Group gap={4}>
        <Button
          size="compact-xs"
          variant="subtle"
          color="gray"
          leftSection={<IconBan size={14} aria-hidden />}
          onClick={() => onFix(null)}
          aria-label={t('review.notReportingLabel', { text })}
          styles={{ root: { height: 'auto', minHeight: 22, paddingBlock: 2 }, label: { whiteSpace: 'normal', textAlign: 'left', lineHeight: 1.3 } }}
        >
          {t('review.notReporting')}
        </Button>
      </Group>
    </Stack>
  );
}
