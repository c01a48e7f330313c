import { Anchor, Button, Card, Loader, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { api } from '../../api/endpoints';
import type { MyReport } from '../../api/types';
import { useResource } from '../../api/useResource';
import { LoadError } from '../../components/LoadError';
import { formatDate, formatDateTime } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import { reportPath } from '../../paths';
import { ReportStateBadges } from './ReportStateBadges';
import type { ReportState } from './reportLabels';

const EDITABLE: readonly ReportState[] = ['draft', 'returned'];

/** Newest deadline first; among equal deadlines the reports still to fill in first. */
function order(a: MyReport, b: MyReport): number {
  return b.submissionDeadline.localeCompare(a.submissionDeadline) || Number(EDITABLE.includes(b.status)) - Number(EDITABLE.includes(a.status)) || b.id - a.id;
}

/** Every report of the officer's unit: period, plan, deadline, state (late marked), a link to fill it in. */
export function MyReports({ label }: { label: string }) {
  const t = useT();
  const rows = useResource(async () => [...(await api.myReports.list())].sort(order), []);

  return (
    <Card withBorder padding="md" data-testid="my-reports">
      {rows.error ? (
        <LoadError message={rows.error} onRetry={rows.reload} />
      ) : !rows.data ? (
        <Loader size="sm" aria-label={t('app.loading')} />
      ) : rows.data.length === 0 ? (
        <Text c="dimmed">{t('reports.mineEmpty')}</Text>
      ) : (
        <Table verticalSpacing="sm" aria-label={label} className="stack-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('reports.period')}</Table.Th>
              <Table.Th>{t('reports.deadline')}</Table.Th>
              <Table.Th>{t('reports.status')}</Table.Th>
              <Table.Th>{t('reports.submittedAt')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.data.map((report) => {
              const editable = EDITABLE.includes(report.status);
              return (
                <Table.Tr key={report.id} data-testid="my-report">
                  <Table.Td data-label={t('reports.period')}>
                    <Anchor component={Link} to={reportPath(report.id)} fw={600}>
                      {report.roundLabel}
                    </Anchor>
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {report.planTitle} · {report.unitName}
                    </Text>
                  </Table.Td>
                  <Table.Td data-label={t('reports.deadline')} data-testid="my-report-deadline">
                    {formatDate(report.submissionDeadline)}
                  </Table.Td>
                  <Table.Td data-label={t('reports.status')}>
                    <ReportStateBadges status={report.status} late={report.late} submission={report.submission} />
                  </Table.Td>
                  <Table.Td data-label={t('reports.submittedAt')}>{formatDateTime(report.submittedAt) || t('common.none')}</Table.Td>
                  <Table.Td ta="right">
                    <Button component={Link} to={reportPath(report.id)} size="xs" variant={editable ? 'filled' : 'default'}>
                      {editable ? t('reports.fill') : t('reports.view')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
