import { ActionIcon, Box, Button, Group, Text } from '@mantine/core';
import { IconArrowMerge, IconChevronDown, IconChevronRight, IconPencil } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { Unit } from '../../api/types';
import { useT } from '../../i18n/I18nProvider';
import { KindBadge } from './KindBadge';
import { UnitStatus } from './UnitStatus';

export interface UnitActions {
  canEdit: boolean;
  canMerge: boolean;
  onEdit: (unit: Unit) => void;
  onMerge: (unit: Unit) => void;
}

interface Props {
  unit: Unit;
  ended: boolean;
  successor: Unit | undefined;
  actions: UnitActions;
  /** Tree rows: the expand/collapse state; undefined for leaves and flat lists. */
  toggle?: { expanded: boolean; onToggle: () => void; controls: string };
  /** Flat lists: where the unit sits. */
  extra?: ReactNode;
}

/** One unit on one line: name, kind, code, validity, and the actions the user has. */
export function UnitRow({ unit, ended, successor, actions, toggle, extra }: Props) {
  const t = useT();
  return (
    <Group className="unit-row" data-ended={ended} data-testid="unit-row" gap="xs" wrap="wrap" justify="space-between">
      <Group gap="xs" wrap="nowrap" style={{ flex: '1 1 16rem', minWidth: 0 }}>
        {toggle ? (
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            onClick={toggle.onToggle}
            aria-expanded={toggle.expanded}
            aria-controls={toggle.controls}
            aria-label={t(toggle.expanded ? 'units.collapse' : 'units.expand', { name: unit.name })}
          >
            {toggle.expanded ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
          </ActionIcon>
        ) : (
          <Box w={22} aria-hidden />
        )}
        <Box style={{ minWidth: 0 }}>
          <Group gap={8} wrap="wrap">
            <Text className="unit-name" fw={unit.kind === 'province' || unit.kind === 'district' ? 650 : 500} size="sm">
              {unit.name}
            </Text>
            <KindBadge kind={unit.kind} />
            <Text size="xs" c="dimmed" ff="monospace">
              {unit.code}
            </Text>
            <UnitStatus unit={unit} ended={ended} successor={successor} />
          </Group>
          {extra}
        </Box>
      </Group>
      {(actions.canEdit || actions.canMerge) && (
        <Group gap={4} wrap="nowrap" className="unit-actions" ml="auto">
          {actions.canEdit && (
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconPencil size={14} aria-hidden />}
              onClick={() => actions.onEdit(unit)}
              aria-label={`${t('units.edit')} ${unit.name}`}
            >
              {t('units.edit')}
            </Button>
          )}
          {actions.canMerge && unit.successorId === null && (
            <Button
              size="compact-xs"
              variant="subtle"
              color="orange"
              leftSection={<IconArrowMerge size={14} aria-hidden />}
              onClick={() => actions.onMerge(unit)}
              aria-label={`${t('units.merge')} ${unit.name}`}
            >
              {t('units.merge')}
            </Button>
          )}
        </Group>
      )}
    </Group>
  );
}
