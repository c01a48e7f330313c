import { Anchor, Card, Group, Loader, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { useState } from 'react';
import { api } from '../../api/endpoints';
import { receptionApi } from '../../api/reception';
import { useResource } from '../../api/useResource';
import { useSignedIn } from '../../auth/SessionProvider';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { UnitSelect } from '../../components/UnitSelect';
import { useT } from '../../i18n/I18nProvider';
import { FileImportCard } from './FileImportCard';
import { defaultUnitId, unitsInReach } from './receptionShared';

/**
 * "Thủ tục hành chính": the procedures of the units in reach (searched without diacritics) and their import
 * from the desk's XLSX or CSV list; the list is public at once on /thu-tuc-hanh-chinh.
 */
export function ProceduresPage() {
  const t = useT();
  const session = useSignedIn();
  const canImport = session.abilities.importProcedures ?? (session.user.role === 'unit_officer' || session.user.role === 'coordinator' || session.user.role === 'admin');
  const units = useResource(() => api.units.list({ active: true }), []);
  const reach = units.data ? unitsInReach(units.data, session) : [];
  const [unitId, setUnitId] = useState<number | null | undefined>(undefined);
  const chosenUnit = unitId === undefined ? defaultUnitId(reach, session) : unitId;
  const [q, setQ] = useState('');
  const list = useResource(() => receptionApi.procedures({ ...(chosenUnit !== null ? { unitId: chosenUnit } : {}), ...(q.trim() ? { q: q.trim() } : {}) }), [chosenUnit, q]);

  if (units.error) return <LoadError message={units.error} onRetry={units.reload} />;
  if (!units.data) return <Loader size="sm" aria-label={t('app.loading')} />;

  return (
    <>
      <PageHeader
        title={t('procedures.title')}
        description={t('procedures.description')}
        actions={
          <Anchor href="/thu-tuc-hanh-chinh" target="_blank" rel="noopener" size="sm">
            <Group gap={4} wrap="nowrap">
              {t('procedures.publicPage')} <IconExternalLink size={14} aria-hidden />
            </Group>
          </Anchor>
        }
      />
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <UnitSelect units={reach} label={t('reception.unit')} value={chosenUnit} onChange={(v) => setUnitId(v ?? null)} placeholder={t('reception.allUnits')} />
          <TextInput label={t('procedures.search')} placeholder={t('procedures.searchHint')} value={q} onChange={(e) => setQ(e.currentTarget.value)} type="search" />
        </SimpleGrid>
        {canImport && (
          <FileImportCard
            testId="procedure-import"
            title={t('procedures.import')}
            hint={t('procedures.importHint')}
            unitId={chosenUnit}
            send={async (id, file) => {
              const r = await receptionApi.importProcedures(id, file);
              return {
                lines: [t('sheet.rows', { count: r.rows }), t('procedures.created', { count: r.created }), t('procedures.updated', { count: r.updated }), t('procedures.unchanged', { count: r.unchanged })],
                ignoredColumns: r.ignoredColumns,
              };
            }}
            onDone={list.reload}
          />
        )}
        <Card withBorder padding="md">
          {list.error ? (
            <LoadError message={list.error} onRetry={list.reload} />
          ) : !list.data ? (
            <Loader size="sm" aria-label={t('app.loading')} />
          ) : list.data.length === 0 ? (
            <Text c="dimmed">{t('procedures.empty')}</Text>
          ) : (
            <>
              <Text size="sm" c="dimmed" mb="xs">
                {t('procedures.count', { count: list.data.length })}
              </Text>
              <Table verticalSpacing="xs" aria-label={t('procedures.title')} className="stack-table" data-testid="procedures">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('procedures.code')}</Table.Th>
                    <Table.Th>{t('procedures.name')}</Table.Th>
                    <Table.Th>{t('procedures.field')}</Table.Th>
                    <Table.Th>{t('procedures.days')}</Table.Th>
                    <Table.Th>{t('procedures.fee')}</Table.Th>
                    <Table.Th>{t('reception.unit')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.map((p) => (
                    <Table.Tr key={p.id} data-testid="procedure">
                      <Table.Td data-label={t('procedures.code')}>{p.code}</Table.Td>
                      <Table.Td data-label={t('procedures.name')}>{p.name}</Table.Td>
                      <Table.Td data-label={t('procedures.field')}>{p.field}</Table.Td>
                      <Table.Td data-label={t('procedures.days')}>{p.processingDays === null ? t('procedures.noDays') : t('procedures.daysValue', { count: p.processingDays })}</Table.Td>
                      <Table.Td data-label={t('procedures.fee')}>{p.fee ?? t('common.none')}</Table.Td>
                      <Table.Td data-label={t('reception.unit')}>{p.unitName}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          )}
        </Card>
      </Stack>
    </>
  );
}
