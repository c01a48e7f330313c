import { Anchor, Badge, Button, Card, Loader, Table, Text } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/endpoints';
import { useResource } from '../../api/useResource';
import { useSignedIn } from '../../auth/SessionProvider';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import { PATHS, planPath } from '../../paths';
import { canImportPlans } from './planLabels';

/** Every plan: number, title, issuer, period, number of tasks; "Nhập kế hoạch" for those who may. */
export function PlansPage() {
  const t = useT();
  const signedIn = useSignedIn();
  const plans = useResource(() => api.plans.list(), []);
  const units = useResource(() => api.units.list(), []);
  const unitNames = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u.name])), [units.data]);

  return (
    <>
      <PageHeader
        title={t('plans.title')}
        description={t('plans.description')}
        actions={
          canImportPlans(signedIn) && (
            <Button component={Link} to={PATHS.planImport} leftSection={<IconFileImport size={16} aria-hidden />}>
              {t('plans.import')}
            </Button>
          )
        }
      />
      <Card withBorder padding="md">
        {plans.error ? (
          <LoadError message={plans.error} onRetry={plans.reload} />
        ) : !plans.data ? (
          <Loader size="sm" aria-label={t('app.loading')} />
        ) : plans.data.length === 0 ? (
          <Text c="dimmed">{t('plans.empty')}</Text>
        ) : (
          <Table verticalSpacing="sm" highlightOnHover aria-label={t('plans.tableLabel')} className="stack-table" data-testid="plans-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={150}>{t('plans.number')}</Table.Th>
                <Table.Th>{t('plans.planTitle')}</Table.Th>
                <Table.Th w={200}>{t('plans.issuer')}</Table.Th>
                <Table.Th w={200}>{t('plans.period')}</Table.Th>
                <Table.Th w={110} ta="right">
                  {t('plans.taskCount')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {plans.data.map((plan) => (
                <Table.Tr key={plan.id} data-testid="plan-row">
                  <Table.Td data-label={t('plans.number')}>
                    <Text size="sm" fw={600} ff={plan.number ? 'monospace' : undefined} c={plan.number ? undefined : 'dimmed'}>
                      {plan.number ?? t('plans.noNumber')}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {plan.issuedOn ? t('plans.issuedOn', { date: formatDate(plan.issuedOn) }) : plan.year ? t('plans.year', { year: plan.year }) : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td data-label={t('plans.planTitle')}>
                    <Anchor component={Link} to={planPath(plan.id)} fw={600} size="sm">
                      {plan.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td data-label={t('plans.issuer')}>
                    <Text size="sm">{unitNames.get(plan.issuerUnitId) ?? `#${plan.issuerUnitId}`}</Text>
                  </Table.Td>
                  <Table.Td data-label={t('plans.period')}>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {formatDate(plan.periodFrom)} – {formatDate(plan.periodTo)}
                    </Text>
                  </Table.Td>
                  <Table.Td data-label={t('plans.taskCount')} ta="right">
                    <Badge variant="light" size="lg" radius="sm" tt="none" data-testid="plan-task-count">
                      {t('plans.tasks', { count: plan.taskCount })}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </>
  );
}
