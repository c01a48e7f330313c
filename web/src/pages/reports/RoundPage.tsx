import { Alert, Anchor, Button, Card, Group, Loader, Table, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { Link, useParams } from 'react-router-dom';
import { API_BASE } from '../../api/client';
import { api } from '../../api/endpoints';
import { useSignedIn } from '../../auth/SessionProvider';
import { useResource } from '../../api/useResource';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, formatDateTime } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import { PATHS, reportPath } from '../../paths';
import { ReportStateBadges } from './ReportStateBadges';

/** One round: per unit its report's state, when it was submitted, late and missing units. */
export function RoundPage() {
  const t = useT();
  const id = Number(useParams().id);
  const round = useResource(() => api.reporting.round(id), [id]);
  // The consolidated documents are for those who follow the whole round, not for a unit's officer.
  const canExport = useSignedIn().user.role !== 'unit_officer';

  if (round.error) return <LoadError message={round.error} onRetry={round.reload} />;
  if (!round.data) return <Loader size="sm" aria-label={t('app.loading')} />;
  const r = round.data;
  const missing = r.reports.filter((x) => x.submission === 'missing');

  return (
    <>
      <Anchor component={Link} to={PATHS.reports} size="sm">
        {t('reports.rounds')}
      </Anchor>
      <PageHeader
        title={t('reports.round', { label: r.label })}
        description={t('reports.roundDescription', { date: formatDate(r.submissionDeadline), count: r.reports.length })}
      />
      {canExport && (
        <Group gap="sm" mb="md" data-testid="round-exports">
          {(
            [
              ['consolidated.docx', 'reports.exportDocx'],
              ['consolidated.xlsx', 'reports.exportXlsx'],
              ['urging.docx', 'reports.exportUrging'],
            ] as const
          ).map(([file, label]) => (
            <Button key={file} component="a" href={`${API_BASE}/rounds/${r.id}/${file}`} download variant="default" size="sm" leftSection={<IconDownload size={16} aria-hidden />}>
              {t(label)}
            </Button>
          ))}
        </Group>
      )}
      {missing.length > 0 && (
        <Alert color="orange" variant="light" mb="md">
          <Text fw={600} size="sm">
            {t('reports.missingCount', { count: missing.length })}
          </Text>
          <Text size="sm">{missing.map((m) => m.unitName).join(', ')}</Text>
        </Alert>
      )}
      <Card withBorder padding="md">
        <Table verticalSpacing="sm" aria-label={t('reports.unitsTable')} className="stack-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports.unit')}</Table.Th>
              <Table.Th>{t('reports.status')}</Table.Th>
              <Table.Th>{t('reports.submittedAt')}</Table.Th>
              <Table.Th ta="right">{t('reports.entries')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {r.reports.map((report) => (
              <Table.Tr key={report.id} data-testid="round-report">
                <Table.Td data-label={t('reports.unit')}>
                  <Anchor component={Link} to={reportPath(report.id)} fw={600}>
                    {report.unitName}
                  </Anchor>
                </Table.Td>
                <Table.Td data-label={t('reports.status')}>
                  <ReportStateBadges status={report.status} late={report.late} submission={report.submission} />
                </Table.Td>
                <Table.Td data-label={t('reports.submittedAt')}>{formatDateTime(report.submittedAt) || t('common.none')}</Table.Td>
                <Table.Td data-label={t('reports.entries')} ta="right">
                  {report.entryCount}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </>
  );
}
