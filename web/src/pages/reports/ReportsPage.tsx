import { Anchor, Button, Card, Grid, Loader, NativeSelect, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { api, type PeriodType } from '../../api/endpoints';
import type { RoundView } from '../../api/types';
import { useResource } from '../../api/useResource';
import { useSignedIn } from '../../auth/SessionProvider';
import { DateField, dateRule, toIsoOrNull } from '../../components/DateField';
import { FormError } from '../../components/FormError';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, formatDateTime } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import { roundPath } from '../../paths';
import { MyReports } from './MyReports';

/** "Báo cáo": a unit officer's own reports; for the others, the rounds of a plan (and opening one). */
export function ReportsPage() {
  const t = useT();
  const { user } = useSignedIn();
  const mine = user.role === 'unit_officer';
  return (
    <>
      <PageHeader title={mine ? t('reports.mine') : t('reports.rounds')} description={t('reports.description')} />
      {mine ? <MyReports label={t('reports.mine')} /> : <Rounds canOpen={user.role === 'coordinator' || user.role === 'admin'} />}
    </>
  );
}

const INDEXES: Record<PeriodType, number> = { quarter: 4, half: 2, year: 1 };

/** The rounds of one plan, newest first, and the form that opens a new one. */
function Rounds({ canOpen }: { canOpen: boolean }) {
  const t = useT();
  const plans = useResource(() => api.plans.list(), []);
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('planId'));
  const planId = plans.data?.some((p) => p.id === asked) ? asked : (plans.data?.[0]?.id ?? null);
  const setPlanId = (id: number) => setParams({ planId: String(id) }, { replace: true });
  const rounds = useResource(() => (planId === null ? Promise.resolve([] as RoundView[]) : api.reporting.rounds(planId)), [planId]);

  if (plans.error) return <LoadError message={plans.error} onRetry={plans.reload} />;
  if (!plans.data) return <Loader size="sm" aria-label={t('app.loading')} />;
  if (plans.data.length === 0) return <Text c="dimmed">{t('reports.noPlans')}</Text>;

  const sorted = [...(rounds.data ?? [])].sort((a, b) => b.periodFrom.localeCompare(a.periodFrom));
  return (
    <Stack gap="md">
      <NativeSelect
        label={t('reports.plan')}
        value={planId === null ? '' : String(planId)}
        onChange={(e) => setPlanId(Number(e.currentTarget.value))}
        data={plans.data.map((p) => ({ value: String(p.id), label: p.number ? `${p.number} — ${p.title}` : p.title }))}
      />
      {canOpen && planId !== null && <OpenRoundForm planId={planId} />}
      <Card withBorder padding="md">
        {rounds.error ? (
          <LoadError message={rounds.error} onRetry={rounds.reload} />
        ) : !rounds.data ? (
          <Loader size="sm" aria-label={t('app.loading')} />
        ) : sorted.length === 0 ? (
          <Text c="dimmed">{t('reports.roundsEmpty')}</Text>
        ) : (
          <Table verticalSpacing="sm" aria-label={t('reports.roundsTable')} className="stack-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reports.period')}</Table.Th>
                <Table.Th>{t('reports.deadline')}</Table.Th>
                <Table.Th>{t('reports.openedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted.map((round) => (
                <Table.Tr key={round.id}>
                  <Table.Td data-label={t('reports.period')}>
                    <Anchor component={Link} to={roundPath(round.id)} fw={600}>
                      {round.label}
                    </Anchor>
                  </Table.Td>
                  <Table.Td data-label={t('reports.deadline')}>{formatDate(round.submissionDeadline)}</Table.Td>
                  <Table.Td data-label={t('reports.openedAt')}>{formatDateTime(round.openedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </Stack>
  );
}

/** Period type (quý / 6 tháng / năm), year, which one, and the submission deadline (dd/mm/yyyy). */
export function OpenRoundForm({ planId }: { planId: number }) {
  const t = useT();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { type: 'quarter' as PeriodType, year: new Date().getFullYear() as number | string, index: '1', dueDate: '' },
    validate: {
      dueDate: dateRule(t('common.invalidDate'), t('common.required')),
      year: (v) => (Number.isInteger(Number(v)) && Number(v) >= 2000 && Number(v) <= 2100 ? null : t('common.required')),
    },
  });
  const count = INDEXES[form.values.type];

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setError(null);
    try {
      const round = await api.reporting.openRound(
        planId,
        { type: values.type, year: Number(values.year), index: Math.min(Number(values.index), INDEXES[values.type]) },
        toIsoOrNull(values.dueDate)!,
      );
      navigate(roundPath(round.id));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  });

  return (
    <Card withBorder padding="md" component="form" onSubmit={submit} aria-label={t('reports.open')}>
      <Title order={3} size="h4" mb="sm">
        {t('reports.open')}
      </Title>
      <Grid>
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <NativeSelect
            label={t('reports.periodType')}
            data={(['quarter', 'half', 'year'] as const).map((v) => ({ value: v, label: t(`reports.type.${v}`) }))}
            {...form.getInputProps('type')}
            onChange={(e) => {
              form.setFieldValue('type', e.currentTarget.value as PeriodType);
              form.setFieldValue('index', '1');
            }}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 2 }}>
          <NumberInput label={t('reports.year')} min={2000} max={2100} allowDecimal={false} {...form.getInputProps('year')} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 2 }}>
          <NativeSelect
            label={t('reports.index')}
            disabled={count === 1}
            data={Array.from({ length: count }, (_, i) => String(i + 1))}
            {...form.getInputProps('index')}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 3 }}>
          <DateField label={t('reports.dueDate')} {...form.getInputProps('dueDate')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 2 }} style={{ display: 'flex', alignItems: 'flex-end' }}>
          <Button type="submit" loading={busy} fullWidth>
            {t('reports.open')}
          </Button>
        </Grid.Col>
      </Grid>
      <FormError message={error} />
    </Card>
  );
}
