import { Button, Card, Group, Loader, Switch, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { api } from '../../api/endpoints';
import type { Unit } from '../../api/types';
import { useResource } from '../../api/useResource';
import { useSignedIn } from '../../auth/SessionProvider';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { todayIso } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import { MergeUnitModal } from './MergeUnitModal';
import { UnitFormModal } from './UnitFormModal';
import type { UnitActions } from './UnitRow';
import { UnitSearchResults } from './UnitSearchResults';
import { UnitTree } from './UnitTree';
import { useTreeExpansion } from './useTreeExpansion';
import { buildTree } from './unitTree';

type Dialog = { kind: 'create' } | { kind: 'edit'; unit: Unit } | { kind: 'merge'; unit: Unit } | null;

/** The unit tree, a diacritics-free search, and (for admins) add / edit / merge. */
export function UnitsPage() {
  const t = useT();
  const { abilities } = useSignedIn();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 300);
  const [activeOnly, setActiveOnly] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const active = activeOnly || undefined;

  const all = useResource(() => api.units.list({ active }), [active]);
  const search = useResource(() => (debounced ? api.units.list({ q: debounced, active }) : Promise.resolve(null)), [debounced, active]);

  const units = useMemo(() => all.data ?? [], [all.data]);
  const byId = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  const tree = useMemo(() => buildTree(units), [units]);
  const expansion = useTreeExpansion(tree);
  const today = todayIso();

  const reload = () => {
    all.reload();
    search.reload();
  };
  const actions: UnitActions = {
    canEdit: abilities.updateUnit,
    canMerge: abilities.mergeUnit,
    onEdit: (unit) => setDialog({ kind: 'edit', unit }),
    onMerge: (unit) => setDialog({ kind: 'merge', unit }),
  };

  const searching = query.trim() !== '';
  return (
    <>
      <PageHeader
        title={t('units.title')}
        description={t('units.description')}
        actions={
          abilities.createUnit && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setDialog({ kind: 'create' })}>
              {t('units.add')}
            </Button>
          )
        }
      />
      <Card withBorder padding="md">
        <Group align="flex-end" mb="md" gap="lg" wrap="wrap">
          <TextInput
            label={t('units.search')}
            placeholder={t('units.searchPlaceholder')}
            leftSection={<IconSearch size={16} aria-hidden />}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            type="search"
            w={{ base: '100%', sm: 420 }}
          />
          <Switch label={t('units.activeOnly')} checked={activeOnly} onChange={(e) => setActiveOnly(e.currentTarget.checked)} mb={8} />
          {!searching && tree.length > 0 && (
            <Group gap={4} mb={4} ml="auto">
              <Button variant="subtle" size="compact-sm" onClick={() => expansion.setAll(true)}>
                {t('units.expandAll')}
              </Button>
              <Button variant="subtle" size="compact-sm" onClick={() => expansion.setAll(false)}>
                {t('units.collapseAll')}
              </Button>
            </Group>
          )}
        </Group>
        {all.error ? (
          <LoadError message={all.error} onRetry={all.reload} />
        ) : !all.data ? (
          <Loader aria-label={t('app.loading')} />
        ) : searching ? (
          search.error ? (
            <LoadError message={search.error} onRetry={search.reload} />
          ) : !search.data || search.loading ? (
            <Loader size="sm" aria-label={t('app.loading')} />
          ) : (
            <UnitSearchResults results={search.data} byId={byId} today={today} actions={actions} />
          )
        ) : tree.length === 0 ? (
          <Text c="dimmed">{t('units.empty')}</Text>
        ) : (
          <UnitTree nodes={tree} byId={byId} today={today} isExpanded={expansion.isExpanded} onToggle={expansion.toggle} actions={actions} />
        )}
      </Card>
      {dialog?.kind === 'create' && <UnitFormModal unit={null} units={units} onClose={() => setDialog(null)} onSaved={reload} />}
      {dialog?.kind === 'edit' && <UnitFormModal unit={dialog.unit} units={units} onClose={() => setDialog(null)} onSaved={reload} />}
      {dialog?.kind === 'merge' && (
        <MergeUnitModal unit={dialog.unit} units={units} today={today} onClose={() => setDialog(null)} onMerged={reload} />
      )}
    </>
  );
}
