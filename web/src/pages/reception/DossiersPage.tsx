import { Anchor, Badge, Button, Card, Loader, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { api } from '../../api/endpoints';
import { receptionApi, type DossierPublicStatus, type DossierView } from '../../api/reception';
import { useResource } from '../../api/useResource';
import { useSignedIn } from '../../auth/SessionProvider';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { UnitSelect } from '../../components/UnitSelect';
import { formatDate } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import { searchKey } from '../../../../src/domain/text/normalize';
import { DossierFormModal, DossierStatusModal } from './DossierModals';
import { FileImportCard } from './FileImportCard';
import { DOSSIER_STATUS_COLOR, DOSSIER_STATUS_LABEL, defaultUnitId, unitsInReach } from './receptionShared';

const FILTER_STATUSES: readonly DossierPublicStatus[] = ['received', 'processing', 'supplement', 'overdue', 'resolved', 'returned'];

/** Whether a dossier matches the typed text: its code, receipt code or applicant, without diacritics. */
function matches(d: DossierView, text: string): boolean {
  const words = searchKey(text).split(' ').filter(Boolean);
  const hay = ` ${searchKey(`${d.code} ${d.receiptCode} ${d.applicantName}`)} `;
  return words.every((w) => hay.includes(w));
}

/**
 * "Hồ sơ": the dossiers received by the units in reach (the newest 500), searched by code and filtered by
 * status ("quá hạn" derived from the due date), entered one by one or imported from the desk's spreadsheet,
 * and moved on step by step. Citizens follow them at /tra-cuu?ma=… with the applicant's name masked.
 */
export function DossiersPage() {
  const t = useT();
  const session = useSignedIn();
  const canEnter = session.abilities.enterDossiers ?? (session.user.role === 'unit_officer' || session.user.role === 'admin');
  const units = useResource(() => api.units.list({ active: true }), []);
  const reach = units.data ? unitsInReach(units.data, session) : [];
  const [unitId, setUnitId] = useState<number | null | undefined>(undefined);
  const chosenUnit = unitId === undefined ? defaultUnitId(reach, session) : unitId;
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<DossierPublicStatus | ''>('');
  const list = useResource(() => receptionApi.dossiers(chosenUnit !== null ? { unitId: chosenUnit } : {}), [chosenUnit]);
  const [adding, setAdding] = useState(false);
  const [changing, setChanging] = useState<DossierView | null>(null);

  if (units.error) return <LoadError message={units.error} onRetry={units.reload} />;
  if (!units.data) return <Loader size="sm" aria-label={t('app.loading')} />;

  const shown = (list.data ?? []).filter((d) => (status === '' || d.publicStatus === status) && (q.trim() === '' || matches(d, q)));

  return (
    <>
      <PageHeader
        title={t('dossiers.title')}
        description={t('dossiers.description')}
        actions={
          canEnter && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAdding(true)} disabled={chosenUnit === null}>
              {t('dossiers.add')}
            </Button>
          )
        }
      />
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <UnitSelect units={reach} label={t('reception.unit')} value={chosenUnit} onChange={(v) => setUnitId(v ?? null)} placeholder={t('reception.allUnits')} />
          <TextInput label={t('dossiers.search')} placeholder={t('dossiers.searchHint')} value={q} onChange={(e) => setQ(e.currentTarget.value)} type="search" />
          <NativeSelect
            label={t('dossiers.statusFilter')}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as DossierPublicStatus | '')}
            data={[{ value: '', label: t('reception.allStatuses') }, ...FILTER_STATUSES.map((s) => ({ value: s, label: t(DOSSIER_STATUS_LABEL[s]) }))]}
          />
        </SimpleGrid>
        {canEnter && (
          <FileImportCard
            testId="dossier-import"
            title={t('dossiers.import')}
            hint={t('dossiers.importHint')}
            unitId={chosenUnit}
            send={async (id, file) => {
              const r = await receptionApi.importDossiers(id, file);
              return { lines: [t('sheet.rows', { count: r.rows }), t('dossiers.created', { count: r.created }), t('dossiers.skipped', { count: r.skipped })], ignoredColumns: r.ignoredColumns };
            }}
            onDone={list.reload}
          />
        )}
        <Card withBorder padding="md">
          {list.error ? (
            <LoadError message={list.error} onRetry={list.reload} />
          ) : !list.data ? (
            <Loader size="sm" aria-label={t('app.loading')} />
          ) : shown.length === 0 ? (
            <Text c="dimmed">{t('dossiers.empty')}</Text>
          ) : (
            <>
              <Text size="sm" c="dimmed" mb="xs">
                {t('dossiers.count', { count: shown.length, total: list.data.length })}
              </Text>
              <Table verticalSpacing="xs" aria-label={t('dossiers.title')} className="stack-table" data-testid="dossiers">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('dossiers.code')}</Table.Th>
                    <Table.Th>{t('dossiers.procedure')}</Table.Th>
                    <Table.Th>{t('dossiers.applicant')}</Table.Th>
                    <Table.Th>{t('dossiers.received')}</Table.Th>
                    <Table.Th>{t('dossiers.due')}</Table.Th>
                    <Table.Th>{t('dossiers.status')}</Table.Th>
                    {canEnter && <Table.Th>{t('reception.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shown.map((d) => (
                    <Table.Tr key={d.id} data-testid="dossier">
                      <Table.Td data-label={t('dossiers.code')}>
                        <Anchor href={`/tra-cuu?ma=${encodeURIComponent(d.code)}`} target="_blank" rel="noopener" size="sm" fw={600}>
                          {d.code}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {t('dossiers.receiptCode')}: {d.receiptCode}
                        </Text>
                      </Table.Td>
                      <Table.Td data-label={t('dossiers.procedure')}>
                        <Text size="sm">{d.procedureName}</Text>
                        <Text size="xs" c="dimmed">
                          {d.procedureCode} · {d.unitName}
                        </Text>
                      </Table.Td>
                      <Table.Td data-label={t('dossiers.applicant')}>{d.applicantName}</Table.Td>
                      <Table.Td data-label={t('dossiers.received')}>{formatDate(d.receivedDate)}</Table.Td>
                      <Table.Td data-label={t('dossiers.due')}>{formatDate(d.dueDate)}</Table.Td>
                      <Table.Td data-label={t('dossiers.status')}>
                        <Badge color={DOSSIER_STATUS_COLOR[d.publicStatus]} variant="light" tt="none" data-testid="dossier-status">
                          {t(DOSSIER_STATUS_LABEL[d.publicStatus])}
                        </Badge>
                        {d.returnedDate && (
                          <Text size="xs" c="dimmed">
                            {formatDate(d.returnedDate)}
                          </Text>
                        )}
                      </Table.Td>
                      {canEnter && (
                        <Table.Td data-label={t('reception.actions')}>
                          {d.status !== 'returned' && (
                            <Button size="compact-xs" variant="light" onClick={() => setChanging(d)}>
                              {t('dossiers.change')}
                            </Button>
                          )}
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          )}
        </Card>
      </Stack>
      {adding && chosenUnit !== null && <DossierFormModal unitId={chosenUnit} onClose={() => setAdding(false)} onDone={list.reload} />}
      {changing && <DossierStatusModal dossier={changing} onClose={() => setChanging(null)} onDone={list.reload} />}
    </>
  );
}
