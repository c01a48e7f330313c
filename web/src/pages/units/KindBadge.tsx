import { Badge } from '@mantine/core';
import type { UnitKind } from '../../api/types';
import { useT } from '../../i18n/I18nProvider';

const COLOR: Record<UnitKind, string> = {
  province: 'red',
  district: 'orange',
  commune: 'teal',
  ward: 'cyan',
  agency: 'blue',
  mass_org: 'grape',
  external: 'gray',
};

/** The kind of a unit in words (Tỉnh, Phường, Cơ quan…), colour-coded. */
export function KindBadge({ kind }: { kind: UnitKind }) {
  const t = useT();
  return (
    <Badge color={COLOR[kind]} variant="light" size="sm" radius="sm" tt="none" data-testid="unit-kind">
      {t(`kind.${kind}`)}
    </Badge>
  );
}
