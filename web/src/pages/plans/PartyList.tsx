import { Badge, Box, Collapse, Group, List, Stack, Text, UnstyledButton } from '@mantine/core';
import { LazyTooltip } from '../../components/LazyTooltip';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useId } from 'react';
import type { PartyMention, Unit } from '../../api/types';
import { useT } from '../../i18n/I18nProvider';

interface Props {
  mentions: PartyMention[];
  unitsById: Map<number, Unit>;
  /** The unit chosen in the filter: shown in bold wherever it appears. */
  highlightUnitId?: number | null;
}

/**
 * The lead or coordinating parties of a saved task, one a line: unit names, groups collapsed to
 * "UBND 10 xã, phường" with a button that lists them, bodies outside the town marked, vague mentions
 * in grey with the reason on hover.
 */
export function PartyList({ mentions, unitsById, highlightUnitId }: Props) {
  const t = useT();
  if (!mentions.length) {
    return (
      <Text size="sm" c="dimmed">
        {t('common.none')}
      </Text>
    );
  }
  return (
    <Stack gap={4}>
      {mentions.map((m, i) => (
        <Party key={`${m.text}-${i}`} mention={m} unitsById={unitsById} highlightUnitId={highlightUnitId ?? null} />
      ))}
    </Stack>
  );
}

function Party({ mention, unitsById, highlightUnitId }: { mention: PartyMention; unitsById: Map<number, Unit>; highlightUnitId: number | null }) {
  const t = useT();
  const r = mention.resolution;
  const [opened, { toggle }] = useDisclosure(false);
  const listId = useId();

  switch (r.type) {
    case 'unit': {
      const name = unitsById.get(r.unitId)?.name ?? r.unitName;
      return (
        <Group gap={6} wrap="wrap">
          <Text size="sm" fw={r.unitId === highlightUnitId ? 700 : undefined} c={r.unitId === highlightUnitId ? 'blue.9' : undefined}>
            {name}
          </Text>
          {r.external && (
            <LazyTooltip label={t('plan.externalTip')} withArrow multiline w={260} tabIndex={0}>
              <Badge size="xs" variant="outline" color="gray" tt="none" radius="sm">
                {t('plan.external')}
              </Badge>
            </LazyTooltip>
          )}
        </Group>
      );
    }
    case 'group': {
      const names = r.unitIds.map((id) => ({ id, name: unitsById.get(id)?.name ?? `#${id}` }));
      const label = t(`group.${r.group}`, { count: r.unitIds.length });
      const containsHighlight = highlightUnitId !== null && r.unitIds.includes(highlightUnitId);
      return (
        <Box>
          <UnstyledButton
            onClick={toggle}
            aria-expanded={opened}
            aria-controls={listId}
            title={t('plan.writtenAs', { text: r.text })}
            className="party-group"
          >
            <Group gap={4} wrap="nowrap">
              {opened ? <IconChevronDown size={14} aria-hidden /> : <IconChevronRight size={14} aria-hidden />}
              <Text size="sm" fw={containsHighlight ? 700 : 500} c="teal.9">
                {label}
              </Text>
            </Group>
          </UnstyledButton>
          <Collapse expanded={opened} id={listId}>
            <List size="xs" spacing={0} ml="lg" mt={2} c="dark.6">
              {names.map(({ id, name }) => (
                <List.Item key={id} fw={id === highlightUnitId ? 700 : undefined}>
                  {name}
                </List.Item>
              ))}
            </List>
          </Collapse>
        </Box>
      );
    }
    case 'vague':
      return (
        <Text size="sm" c="dimmed" fs="italic" title={r.reason}>
          {r.text}
        </Text>
      );
    case 'unmatched':
      return (
        <Text size="sm" c="red.8" title={t('plan.unmatchedTip')}>
          {r.text}
        </Text>
      );
  }
}
