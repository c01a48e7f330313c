import { Alert, Anchor, Badge, Box, Button, Card, Group, Loader, NativeSelect, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/endpoints';
import type { DashboardView, DimensionStatus, OverdueLine, PlanSummary, UnitRank, UpcomingLine } from '../../api/types';
import { useResource } from '../../api/useResource';
import { useSignedIn } from '../../auth/SessionProvider';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../i18n/dates';
import { useT, type Translate } from '../../i18n/I18nProvider';
import { drillPath, PATHS, planPath, reportPath } from '../../paths';
import { canDecideExtensions } from './access';
import { dimensionKey, dimensionRank, ROMAN, taskAnchor } from '../plans/planLabels';
import { percent, STATUS_COLOR, STATUS_LABEL, STATUS_ORDER } from './statusLabels';

/** The plan shown first: the newest by issue date, then by id. */
export function latestPlan(plans: readonly PlanSummary[]): PlanSummary | undefined {
  return [...plans].sort((a, b) => (b.issuedOn ?? '').localeCompare(a.issuedOn ?? '') || b.id - a.id)[0];
}

export const planLabel = (p: PlanSummary) => (p.number ? `${p.number} — ${p.title}` : p.title);

/** "I. Tham gia của người dân ở cấp cơ sở" */
export function dimensionLabel(t: Translate, dimension: string | null): string {
  const rank = dimensionRank(dimension);
  return `${dimension && ROMAN[rank] ? `${ROMAN[rank]}. ` : ''}${t(dimensionKey(dimension))}`;
}

/** The coordinator's and leader's home: one plan's dashboard, a select when there are several plans. */
export function DashboardHome() {
  const t = useT();
  const plans = useResource(() => api.plans.list(), []);
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('planId'));
  const planId = plans.data?.some((p) => p.id === asked) ? asked : (latestPlan(plans.data ?? [])?.id ?? null);
  const dashboard = useResource(() => (planId === null ? Promise.resolve(null) : api.dashboard.get(planId)), [planId]);

  if (plans.error) return <LoadError message={plans.error} onRetry={plans.reload} />;
  if (!plans.data) return <Loader size="sm" aria-label={t('app.loading')} />;
  const d = dashboard.data && dashboard.data.planId === planId ? dashboard.data : null;

  return (
    <Stack gap="md" data-testid="dashboard">
      <PageHeader title={t('dashboard.title')} description={d ? t('dashboard.description', { date: formatDate(d.today) }) : undefined} />
      {plans.data.length === 0 ? (
        <Text c="dimmed">{t('dashboard.noPlans')}</Text>
      ) : (
        <>
          {plans.data.length > 1 && (
            <NativeSelect
              label={t('dashboard.plan')}
              value={planId === null ? '' : String(planId)}
              onChange={(e) => setParams({ planId: e.currentTarget.value }, { replace: true })}
              data={plans.data.map((p) => ({ value: String(p.id), label: planLabel(p) }))}
            />
          )}
          {plans.data.length === 1 && (
            <Text fw={600} size="sm" data-testid="dashboard-plan">
              {planLabel(plans.data[0]!)}
            </Text>
          )}
          {dashboard.error ? (
            <LoadError message={dashboard.error} onRetry={dashboard.reload} />
          ) : !d ? (
            <Loader size="sm" aria-label={t('app.loading')} />
          ) : (
            <>
              <PendingExtensions planId={d.planId} />
              <DashboardBody d={d} />
            </>
          )}
        </>
      )}
    </Stack>
  );
}

/** For the coordinator: how many extension requests of the plan wait for a decision, with the way there. */
function PendingExtensions({ planId }: { planId: number }) {
  const t = useT();
  const session = useSignedIn();
  const decides = canDecideExtensions(session);
  const pending = useResource(() => (decides ? api.extensions.list({ planId, status: 'pending' }).catch(() => null) : Promise.resolve(null)), [planId, decides]);
  const count = pending.data?.items.length ?? 0;
  if (count === 0) return null;
  return (
    <Alert color="yellow" variant="light" data-testid="pending-extensions">
      <Anchor component={Link} to={`${PATHS.extensions}?planId=${planId}&status=pending`} fw={600} size="sm">
        {t('ext.pendingCount', { count })}
      </Anchor>
    </Alert>
  );
}

function DashboardBody({ d }: { d: DashboardView }) {
  const t = useT();
  const overdueTotal = d.overdueTotal;
  const upcomingTotal = d.upcomingTotal;
  const share = percent(d.progress.share);
  return (
    <>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
        <Card withBorder padding="md" data-testid="dashboard-progress">
          <Text size="sm" c="dimmed">
            {t('dashboard.progress')}
          </Text>
          <Text fw={700} size="xl">
            {share ?? t('common.none')}
          </Text>
          <Progress value={(d.progress.share ?? 0) * 100} color="green" my={6} aria-label={t('dashboard.progress')} />
          <Anchor component={Link} to={drillPath({ planId: d.planId, view: 'tasks', status: 'done' })} size="sm">
            {t('dashboard.progressTasks', { done: d.progress.doneTasks, total: d.progress.taskCount })}
          </Anchor>
          <Text size="xs" c="dimmed">
            {t('dashboard.progressAssignments', {
              done: d.progress.doneAssignments,
              total: d.progress.assignmentCount,
              share: percent(d.progress.assignmentShare) ?? t('common.none'),
            })}
          </Text>
        </Card>
        <Card withBorder padding="md">
          <Text size="sm" c="dimmed">
            {t('dashboard.overdueTile')}
          </Text>
          <Anchor component={Link} to={drillPath({ planId: d.planId, view: 'assignments', status: 'overdue' })} fw={700} size="xl" c="red.8" data-testid="overdue-total">
            {overdueTotal}
          </Anchor>
          <Text size="xs" c="dimmed">
            {t('dashboard.lines')}
          </Text>
        </Card>
        <Card withBorder padding="md">
          <Text size="sm" c="dimmed">
            {t('dashboard.upcomingTile', { days: d.horizonDays })}
          </Text>
          <Anchor href="#dashboard-upcoming" fw={700} size="xl" data-testid="upcoming-total">
            {upcomingTotal}
          </Anchor>
          <Text size="xs" c="dimmed">
            {t('dashboard.lines')}
          </Text>
        </Card>
      </SimpleGrid>
      <StatusChart d={d} />
      <UnitRanking planId={d.planId} units={d.units} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <OverdueList planId={d.planId} lines={d.overdue} total={overdueTotal} />
        <UpcomingList lines={d.upcoming} total={upcomingTotal} days={d.horizonDays} planId={d.planId} />
      </SimpleGrid>
    </>
  );
}

/** Stacked bars: per dimension, its tasks by rolled-up status; every segment and count opens the tasks behind it. */
function StatusChart({ d }: { d: DashboardView }) {
  const t = useT();
  const whole: DimensionStatus = { dimension: null, tasks: d.totals.tasks, taskIds: {} as DimensionStatus['taskIds'], assignments: d.totals.assignments, total: d.totals.taskCount };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="dashboard-chart-title">
      <Title order={3} size="h4" id="dashboard-chart-title">
        {t('dashboard.byDimension')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('dashboard.byDimensionHint')}
      </Text>
      <Group gap="xs" mb="md" aria-hidden>
        {STATUS_ORDER.map((s) => (
          <Group key={s} gap={4} wrap="nowrap">
            <Box w={12} h={12} bg={`${STATUS_COLOR[s]}.6`} style={{ borderRadius: 2 }} />
            <Text size="xs">{t(STATUS_LABEL[s])}</Text>
          </Group>
        ))}
      </Group>
      <Stack gap="md">
        {d.byDimension.map((dim) => (
          <DimensionBar key={dim.dimension ?? ''} planId={d.planId} dim={dim} label={dimensionLabel(t, dim.dimension)} dimensionParam={dim.dimension ?? ''} />
        ))}
        <DimensionBar planId={d.planId} dim={whole} label={t('dashboard.allDimensions')} dimensionParam={undefined} strong />
      </Stack>
    </Card>
  );
}

function DimensionBar({ planId, dim, label, dimensionParam, strong }: { planId: number; dim: DimensionStatus; label: string; dimensionParam: string | undefined; strong?: boolean }) {
  const t = useT();
  const present = STATUS_ORDER.filter((s) => dim.tasks[s] > 0);
  const to = (status: string) => drillPath({ planId, view: 'tasks', status, dimension: dimensionParam });
  return (
    <Box data-testid="dimension-bar" data-dimension={dimensionParam ?? '*'}>
      <Group justify="space-between" gap={4} wrap="wrap" mb={4}>
        <Text size="sm" fw={strong ? 700 : 500} style={{ minWidth: 0 }}>
          {label}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          <Anchor component={Link} to={drillPath({ planId, view: 'tasks', dimension: dimensionParam })} size="sm" data-testid="dimension-total">
            {t('dashboard.tasksCount', { count: dim.total })}
          </Anchor>
          {' · '}
          <Anchor component={Link} to={drillPath({ planId, view: 'assignments', dimension: dimensionParam })} size="sm" c="dimmed" data-testid="dimension-assignments">
            {t('dashboard.assignmentsCount', { count: Object.values(dim.assignments).reduce((a, b) => a + b, 0) })}
          </Anchor>
        </Text>
      </Group>
      <div className="status-bar">
        {present.map((s) => (
          <Link
            key={s}
            to={to(s)}
            className="status-seg"
            style={{ flexGrow: dim.tasks[s], background: `var(--mantine-color-${STATUS_COLOR[s]}-6)` }}
            aria-label={t('dashboard.segment', { dimension: label, status: t(STATUS_LABEL[s]), count: dim.tasks[s] })}
            title={`${t(STATUS_LABEL[s])}: ${dim.tasks[s]}`}
            data-testid="status-segment"
          >
            {dim.tasks[s]}
          </Link>
        ))}
      </div>
      <Group gap={6} mt={4}>
        {present.map((s) => (
          <Anchor key={s} component={Link} to={to(s)} size="xs" c={`${STATUS_COLOR[s]}.9`} data-testid="status-count" data-status={s} data-dimension={dimensionParam ?? '*'}>
            {t(STATUS_LABEL[s])}: <b>{dim.tasks[s]}</b>
          </Anchor>
        ))}
      </Group>
    </Box>
  );
}

const TOP_UNITS = 10;

function UnitRanking({ planId, units }: { planId: number; units: UnitRank[] }) {
  const t = useT();
  const [all, setAll] = useState(false);
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const shown = all ? units : units.slice(0, TOP_UNITS);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="dashboard-units-title">
      <Title order={3} size="h4" id="dashboard-units-title">
        {t('dashboard.units')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('dashboard.unitsHint')}
      </Text>
      {units.length === 0 ? (
        <Text c="dimmed">{t('dashboard.unitsEmpty')}</Text>
      ) : phone ? (
        <Stack gap={0}>
          {shown.map((u) => (
            <UnitLine key={u.unitId} planId={planId} u={u} />
          ))}
        </Stack>
      ) : (
        <Table verticalSpacing="xs" aria-labelledby="dashboard-units-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={60}>{t('dashboard.rank')}</Table.Th>
              <Table.Th>{t('dashboard.unit')}</Table.Th>
              <Table.Th ta="right">{t('dashboard.rate')}</Table.Th>
              <Table.Th ta="right">{t('dashboard.onTime')}</Table.Th>
              <Table.Th ta="right">{t('dashboard.late')}</Table.Th>
              <Table.Th ta="right">{t('dashboard.assignments')}</Table.Th>
              <Table.Th ta="right">{t('dashboard.overdue')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((u) => (
              <Table.Tr key={u.unitId} data-testid="unit-rank">
                <Table.Td data-label={t('dashboard.rank')}>{u.rank}</Table.Td>
                <Table.Td data-label={t('dashboard.unit')}>
                  <Anchor component={Link} to={drillPath({ planId, view: 'assignments', unitId: u.unitId })} fw={600} size="sm">
                    {u.unitName}
                  </Anchor>
                </Table.Td>
                <Table.Td data-label={t('dashboard.rate')} ta="right">
                  <RateText rate={u.rate} />
                </Table.Td>
                <Table.Td data-label={t('dashboard.onTime')} ta="right">
                  {u.onTime}
                </Table.Td>
                <Table.Td data-label={t('dashboard.late')} ta="right">
                  {u.late}
                </Table.Td>
                <Table.Td data-label={t('dashboard.assignments')} ta="right">
                  <Anchor component={Link} to={drillPath({ planId, view: 'assignments', unitId: u.unitId })} size="sm">
                    {u.assignments}
                  </Anchor>
                </Table.Td>
                <Table.Td data-label={t('dashboard.overdue')} ta="right">
                  {u.overdue > 0 ? (
                    <Anchor component={Link} to={drillPath({ planId, view: 'assignments', unitId: u.unitId, status: 'overdue' })} size="sm" c="red.8" fw={600}>
                      {u.overdue}
                    </Anchor>
                  ) : (
                    0
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {units.length > TOP_UNITS && (
        <Button variant="subtle" size="xs" mt="xs" onClick={() => setAll((v) => !v)}>
          {all ? t('dashboard.shownOf', { shown: TOP_UNITS, total: units.length }) : t('dashboard.seeAll', { count: units.length })}
        </Button>
      )}
    </Card>
  );
}

/** A unit of the ranking on a phone: rank, name and rate on one line, the counts on the next. */
function UnitLine({ planId, u }: { planId: number; u: UnitRank }) {
  const t = useT();
  return (
    <Box className="drill-line" data-testid="unit-rank">
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" style={{ minWidth: 0 }}>
          {u.rank}.{' '}
          <Anchor component={Link} to={drillPath({ planId, view: 'assignments', unitId: u.unitId })} fw={600} size="sm">
            {u.unitName}
          </Anchor>
        </Text>
        <RateText rate={u.rate} />
      </Group>
      <Text size="xs" c="dimmed">
        {t('dashboard.onTime')} {u.onTime} · {t('dashboard.late')} {u.late} ·{' '}
        <Anchor component={Link} to={drillPath({ planId, view: 'assignments', unitId: u.unitId })} size="xs">
          {t('dashboard.assignments')} {u.assignments}
        </Anchor>
        {u.overdue > 0 && (
          <>
            {' · '}
            <Anchor component={Link} to={drillPath({ planId, view: 'assignments', unitId: u.unitId, status: 'overdue' })} size="xs" c="red.8" fw={600}>
              {t('dashboard.overdue')} {u.overdue}
            </Anchor>
          </>
        )}
      </Text>
    </Box>
  );
}

function RateText({ rate }: { rate: number | null }) {
  const t = useT();
  return rate === null ? (
    <Text size="sm" c="dimmed" span style={{ flexShrink: 0 }}>
      {t('dashboard.noRate')}
    </Text>
  ) : (
    <Text size="sm" fw={600} span c={rate >= 0.8 ? 'green.8' : rate >= 0.5 ? 'orange.8' : 'red.8'} style={{ flexShrink: 0 }}>
      {percent(rate)}
    </Text>
  );
}

/** "quá hạn 3 ngày" / "còn 5 ngày" / "hạn hôm nay". */
export function relativeDue(t: Translate, days: number, overdue: boolean): string {
  if (overdue) return t('dashboard.daysOverdue', { days });
  return days === 0 ? t('dashboard.dueToday') : t('dashboard.daysLeft', { days });
}

const SHORT_LIST = 8;

function DueLine({ line, planId, badge, color }: { line: OverdueLine | UpcomingLine; planId: number; badge: string; color: string }) {
  const t = useT();
  return (
    <Box py={6} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }} data-testid="due-line">
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Text size="sm" fw={600} style={{ minWidth: 0 }}>
          {line.unitName}
        </Text>
        <Badge color={color} variant="light" tt="none" style={{ flexShrink: 0 }}>
          {badge}
        </Badge>
      </Group>
      <Text size="sm" lineClamp={2}>
        {line.taskNo ? `${line.taskNo}. ` : ''}
        {line.content}
      </Text>
      <Group gap="sm" mt={2}>
        <Text size="xs" c="dimmed">
          {formatDate(line.dueDate)}
        </Text>
        {line.reportId !== null ? (
          <Anchor component={Link} to={reportPath(line.reportId)} size="xs">
            {t('dashboard.openReport')}
          </Anchor>
        ) : (
          <Text size="xs" c="dimmed">
            {t('dashboard.noReport')}
          </Text>
        )}
        <Anchor component={Link} to={`${planPath(planId)}#${taskAnchor(line.taskKey)}`} size="xs">
          {t('dashboard.openTask')}
        </Anchor>
      </Group>
    </Box>
  );
}

function OverdueList({ planId, lines, total }: { planId: number; lines: OverdueLine[]; total: number }) {
  const t = useT();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="dashboard-overdue-title" data-testid="overdue-list">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4" id="dashboard-overdue-title">
          {t('dashboard.overdueList')}
        </Title>
        {total > 0 && (
          <Anchor component={Link} to={drillPath({ planId, view: 'assignments', status: 'overdue' })} size="sm">
            {t('dashboard.seeAll', { count: total })}
          </Anchor>
        )}
      </Group>
      {lines.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('dashboard.overdueEmpty')}
        </Text>
      ) : (
        lines.slice(0, SHORT_LIST).map((l) => <DueLine key={`${l.assignmentId}-${l.dueDate}`} line={l} planId={planId} badge={relativeDue(t, l.daysOverdue, true)} color="red" />)
      )}
    </Card>
  );
}

function UpcomingList({ planId, lines, total, days }: { planId: number; lines: UpcomingLine[]; total: number; days: number }) {
  const t = useT();
  const [all, setAll] = useState(false);
  const shown = all ? lines : lines.slice(0, SHORT_LIST);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="dashboard-upcoming-title" id="dashboard-upcoming" data-testid="upcoming-list">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4" id="dashboard-upcoming-title">
          {t('dashboard.upcomingList', { days })}
        </Title>
        {lines.length > SHORT_LIST && (
          <Button variant="subtle" size="xs" onClick={() => setAll((v) => !v)}>
            {all ? t('dashboard.shownOf', { shown: lines.length, total }) : t('dashboard.seeAll', { count: total })}
          </Button>
        )}
      </Group>
      {lines.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('dashboard.upcomingEmpty', { days })}
        </Text>
      ) : (
        shown.map((l) => <DueLine key={`${l.assignmentId}-${l.dueDate}`} line={l} planId={planId} badge={relativeDue(t, l.daysLeft, false)} color={l.daysLeft <= 7 ? 'orange' : 'blue'} />)
      )}
    </Card>
  );
}
