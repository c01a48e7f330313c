import { Text } from '@mantine/core';
import type { Unit } from '../../api/types';
import { useT } from '../../i18n/I18nProvider';
import { UnitRow, type UnitActions } from './UnitRow';
import { hasEnded } from './unitTree';

interface Props {
  results: Unit[];
  byId: Map<number, Unit>;
  today: string;
  actions: UnitActions;
}

/** Search hits as a flat list, each with the name of the unit it belongs to. */
export function UnitSearchResults({ results, byId, today, actions }: Props) {
  const t = useT();
  if (!results.length) return <Text c="dimmed">{t('common.noResults')}</Text>;
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs" role="status">
        {t('units.resultCount', { count: results.length })}
      </Text>
      <ul className="unit-tree" aria-label={t('units.resultsLabel')} data-testid="unit-results">
        {results.map((unit) => {
          const parent = unit.parentId === null ? undefined : byId.get(unit.parentId);
          return (
            <li key={unit.id}>
              <UnitRow
                unit={unit}
                ended={hasEnded(unit, today)}
                successor={unit.successorId === null ? undefined : byId.get(unit.successorId)}
                actions={actions}
                extra={
                  <Text size="xs" c="dimmed">
                    {parent ? t('units.parent', { name: parent.name }) : t('units.topLevel')}
                  </Text>
                }
              />
            </li>
          );
        })}
      </ul>
    </>
  );
}
