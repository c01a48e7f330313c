import { Badge, Group, Text } from '@mantine/core';
import type { Unit } from '../../api/types';
import { formatDate, nextDay } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';

/**
 * "Hết hiệu lực từ dd/mm/yyyy" (the first day the unit is no longer in force, i.e. the merge date)
 * and "Sáp nhập vào …" when it has a successor.
 */
export function UnitStatus({ unit, ended, successor }: { unit: Unit; ended: boolean; successor: Unit | undefined }) {
  const t = useT();
  if (!ended && unit.successorId === null) {
    if (!unit.validTo) return null;
    return (
      <Text size="xs" c="dimmed">
        {t('units.validUntil', { date: formatDate(unit.validTo) })}
      </Text>
    );
  }
  return (
    <Group gap={6} wrap="wrap">
      {unit.validTo && (
        <Badge color="gray" variant="outline" size="sm" tt="none" title={t('units.validUntil', { date: formatDate(unit.validTo) })}>
          {t('units.endedFrom', { date: formatDate(nextDay(unit.validTo)) })}
        </Badge>
      )}
      {unit.successorId !== null && (
        <Text size="xs" c="dimmed" fs="italic">
          {t('units.mergedInto', { name: successor?.name ?? `#${unit.successorId}` })}
        </Text>
      )}
    </Group>
  );
}
