import { Select, type ComboboxItem, type ComboboxParsedItem, type SelectProps } from '@mantine/core';
import type { Unit } from '../api/types';
import { useT } from '../i18n/I18nProvider';
import { matchesSearch, searchKey } from '../../../src/domain/text/normalize';

type Props = Omit<SelectProps<number>, 'data' | 'filter'> & { units: Unit[] };

/** Pick a unit by typing part of its name, with or without diacritics. */
export function UnitSelect({ units, ...props }: Props) {
  const t = useT();
  const data: ComboboxItem<number>[] = units.map((u) => ({ value: u.id, label: u.name }));
  const filter = ({ options, search, limit }: { options: ComboboxParsedItem<number>[]; search: string; limit: number }) =>
    options.filter((o) => 'label' in o && matchesSearch(searchKey(o.label), search)).slice(0, limit);
  return <Select<number> searchable clearable nothingFoundMessage={t('common.noResults')} data={data} filter={filter} limit={100} maxDropdownHeight={280} {...props} />;
}
