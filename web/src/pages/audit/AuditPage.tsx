import { Button, Card, Group, Loader, Select, Table, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import type { AuditEntry } from '../../api/types';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/I18nProvider';
import { AuditRow } from './AuditRow';

const PAGE = 50;
const ENTITIES = ['unit', 'user', 'api_token'] as const;

/** The newest entries of the audit log first, with "Xem thêm" for older ones. */
export function AuditPage() {
  const t = useT();
  const [entity, setEntity] = useState<string>('');
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (beforeSeq?: number) => {
      setBusy(true);
      setError(null);
      try {
        const page = await api.audit.list({ entity: entity || undefined, beforeSeq, limit: PAGE });
        setEntries((prev) => (beforeSeq && prev ? [...prev, ...page] : page));
        setDone(page.length < PAGE);
      } catch (e) {
        setError(errorMessage(e));
      } finally {
        setBusy(false);
      }
    },
    [entity],
  );

  useEffect(() => {
    setEntries(null);
    void load();
  }, [load]);

  const entityOptions = [
    { value: '', label: t('audit.allEntities') },
    ...ENTITIES.map((e) => ({ value: e, label: t(`entity.${e}`) })),
  ];
  const last = entries?.[entries.length - 1];

  return (
    <>
      <PageHeader title={t('audit.title')} description={t('audit.description')} />
      <Card withBorder padding="md">
        <Group mb="md">
          <Select label={t('audit.entity')} data={entityOptions} value={entity} onChange={(v) => setEntity(v ?? '')} allowDeselect={false} w={240} />
        </Group>
        {error && <LoadError message={error} onRetry={() => void load()} />}
        {!entries ? (
          !error && <Loader aria-label={t('app.loading')} />
        ) : entries.length === 0 ? (
          <Text c="dimmed">{t('audit.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="xs" aria-label={t('audit.tableLabel')} data-testid="audit-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>#</Table.Th>
                  <Table.Th>{t('audit.time')}</Table.Th>
                  <Table.Th>{t('audit.actor')}</Table.Th>
                  <Table.Th>{t('audit.action')}</Table.Th>
                  <Table.Th>{t('audit.object')}</Table.Th>
                  <Table.Th>{t('audit.id')}</Table.Th>
                  <Table.Th>{t('audit.details')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((entry) => (
                  <AuditRow key={entry.seq} entry={entry} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {entries && !done && last && (
          <Group justify="center" mt="md">
            <Button variant="default" loading={busy} onClick={() => void load(last.seq)}>
              {t('audit.more')}
            </Button>
          </Group>
        )}
      </Card>
    </>
  );
}
