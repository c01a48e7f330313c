import { ScrollArea, Table, Text } from '@mantine/core';
import type { DisclosureTable } from '../../api/disclosures';
import { useT } from '../../i18n/I18nProvider';

const SHOWN_ROWS = 100;
const money = new Intl.NumberFormat('vi-VN');

/** A disclosure table as the portal shows it (the stored table is already stripped of personal data). */
export function TablePreview({ table, label }: { table: DisclosureTable; label: string }) {
  const t = useT();
  const rows = table.rows.slice(0, SHOWN_ROWS);
  return (
    <>
      <ScrollArea type="auto">
        <Table striped withTableBorder withColumnBorders aria-label={label} data-testid="disclosure-table" fz="sm">
          <Table.Thead>
            <Table.Tr>
              {table.columns.map((c) => (
                <Table.Th key={c.key} style={c.type === 'text' ? undefined : { textAlign: 'right' }}>
                  {c.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, i) => (
              <Table.Tr key={i}>
                {table.columns.map((c, j) => {
                  const v = row[j];
                  return (
                    <Table.Td key={c.key} style={c.type === 'text' ? undefined : { textAlign: 'right' }}>
                      {v === null || v === undefined ? '' : typeof v === 'number' ? money.format(v) : v}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      <Text size="xs" c="dimmed" mt={4}>
        {table.rows.length > SHOWN_ROWS ? t('disclosures.table.more', { shown: SHOWN_ROWS, total: table.rows.length }) : t('disclosures.table.rows', { count: table.rows.length })}
      </Text>
    </>
  );
}
