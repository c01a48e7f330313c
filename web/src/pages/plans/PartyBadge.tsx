import { Badge, List, Stack, Text } from '@mantine/core';
import { LazyTooltip } from '../../components/LazyTooltip';
import type { ReactNode } from 'react';
import type { PartyMention, Unit } from '../../api/types';
import { useT } from '../../i18n/I18nProvider';

interface Props {
  mention: PartyMention;
  unitsById: Map<number, Unit>;
  /** The reviewer's own answer for this party text (a unit id, or null = not a reporting unit). */
  fix?: number | null;
}

/**
 * One party of a task on the review screen, coloured by how it was resolved: a unit (plain), a group
 * ("UBND 10 xã, phường", the names in a tooltip), a vague mention (grey), a body outside the issuer's
 * tree (outlined), a name that matched nothing (red).
 */
export function PartyBadge({ mention, unitsById, fix }: Props) {
  const t = useT();
  const r = mention.resolution;
  const common = { size: 'md', radius: 'sm', tt: 'none', fw: 500, maw: '100%' } as const;
  // Long names ("Phòng Tài nguyên và Môi trường") wrap inside the badge instead of overflowing it.
  const styles = {
    root: { height: 'auto', minHeight: 22, paddingTop: 2, paddingBottom: 2, fontSize: 12.5 },
    label: { whiteSpace: 'normal', lineHeight: 1.3, overflow: 'visible', textAlign: 'left' },
  } as const;
  // The tooltip opens on hover, on touch and on keyboard focus (the badge is then a tab stop).
  const label = (tip: ReactNode, badge: ReactNode) => (
    <LazyTooltip label={tip} multiline w={320} withArrow tabIndex={0}>
      {badge}
    </LazyTooltip>
  );

  if (fix !== undefined) {
    const unit = fix === null ? undefined : unitsById.get(fix);
    const name = fix === null ? t('review.notReporting') : (unit?.name ?? `#${fix}`);
    return label(
      t('review.fixedTip', { text: mention.text, name }),
      <Badge {...common} styles={styles} color={fix === null ? 'gray' : 'green'} variant="light" data-resolution="fixed">
        {fix === null ? `${mention.text} · ${name}` : name}
      </Badge>,
    );
  }

  switch (r.type) {
    case 'unit': {
      const tip = r.external ? t('review.externalTip', { name: r.unitName }) : r.text === r.unitName ? r.unitName : t('review.writtenAs', { text: r.text, name: r.unitName });
      return label(
        tip,
        <Badge {...common} styles={styles} color="blue" variant={r.external ? 'outline' : 'light'} data-resolution={r.external ? 'external' : 'unit'}>
          {r.unitName}
        </Badge>,
      );
    }
    case 'group': {
      const names = r.unitIds.map((id) => unitsById.get(id)?.name ?? `#${id}`);
      const text = t(`group.${r.group}`, { count: r.unitIds.length });
      return label(
        <Stack gap={4}>
          <Text size="xs" fw={600}>
            {t('plan.writtenAs', { text: r.text })}
          </Text>
          <List size="xs" spacing={0}>
            {names.map((n) => (
              <List.Item key={n}>{n}</List.Item>
            ))}
          </List>
        </Stack>,
        <Badge {...common} styles={styles} color="teal" variant="light" data-resolution="group">
          {text}
        </Badge>,
      );
    }
    case 'vague':
      return label(
        r.reason,
        <Badge {...common} styles={styles} color="gray" variant="light" c="dimmed" data-resolution="vague">
          {r.text}
        </Badge>,
      );
    case 'unmatched':
      return label(
        t('review.unmatchedTip'),
        <Badge {...common} styles={styles} color="red" variant="filled" data-resolution="unmatched">
          {r.text}
        </Badge>,
      );
  }
}
