import { Anchor, Badge, Box, Button, Card, Group, Loader, NativeSelect, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import type { AssignmentLine, AssignmentStatusName, DashboardView, TaskWithAssignments } from '../../api/types';
import { useResource } from '../../api/useResource';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import { drillPath, homeOfPlanPath, planPath, reportPath, type DrillQuery } from '../../paths';
import { taskAnchor } from '../plans/planLabels';
import { dimensionLabel } from './DashboardHome';
import { isStatus, STATUS_COLOR, STATUS_LABEL, STATUS_ORDER } from './statusLabels';

const PAGE = 50;

/** What a dashboard number stands for, read from the address so that every list can be linked to. */
function useDrillQuery(): [DrillQuery, (next: Partial<DrillQuery>) => void] {
  const [params, setParams] = useSearchParams();
  const num = (key: string) => {
    const v = Number(params.get(key));
    return Number.isInteger(v) && v > 0 ? v : undefined;
  };
  const status = params.get('status');
  const query: DrillQuery = {
    planId: num('planId') ?? 0,
    view: params.get('view') === 'tasks' ? 'tasks' : 'assignments',
    status: isStatus(status) ? status : undefined,
    dimension: params.get('dimension') ?? undefined,
    unitId: num('unitId'),
    taskId: num('taskId'),
  };
  const set = (next: Partial<DrillQuery>) => {
    const merged = { ...query, ...next };
    setParams(new URLSearchParams(drillPath(merged).split('?')[1]), { replace: true });
  };
  return [query, set];
}

/** The tasks, or the unit assignments, behind a dashboard number, with filters; each line opens its report and task. */
export function DrillPage() {
  const t = useT();
  const [query, set] = useDrillQuery();
  const dashboard = useResource(() => (query.planId ? api.dashboard.get(query.planId) : Promise.reject(new Error(t('drill.empty')))), [query.planId]);

  if (dashboard.error) return <LoadError message={dashboard.error} onRetry={dashboard.reload} />;
  if (!dashboard.data) return <Loader size="sm" aria-label={t('app.loading')} />;
  const d = dashboard.data;
  const units = [...d.units].sort((a, b) => a.unitName.localeCompare(b.unitName, 'vi'));

  return (
    <>
      <Anchor component={Link} to={homeOfPlanPath(d.planId)} size="sm">
        {t('drill.back')}
      </Anchor>
      <PageHeader title={query.view === 'tasks' && query.status ? t('drill.tasksTitle', { status: t(STATUS_LABEL[query.status as AssignmentStatusName]) }) : t('drill.title')} description={t('drill.description')} />
      <Card withBorder padding="sm" mb="md">
        <Stack gap="xs">
          <SegmentedControl
            aria-label={t('drill.title')}
            value={query.view ?? 'assignments'}
            onChange={(v) => set({ view: v as DrillQuery['view'], ...(v === 'tasks' ? { unitId: undefined, taskId: undefined } : {}) })}
            data={[
              { value: 'tasks', label: t('drill.view.tasks') },
              { value: 'assignments', label: t('drill.view.assignments') },
            ]}
          />
          <SimpleGrid cols={{ base: 1, sm: query.view === 'tasks' ? 2 : 3 }} spacing="xs">
            <NativeSelect
              label={t('drill.status')}
              value={query.status ?? ''}
              onChange={(e) => set({ status: e.currentTarget.value || undefined })}
              data={[{ value: '', label: t('drill.all') }, ...STATUS_ORDER.map((s) => ({ value: s, label: t(STATUS_LABEL[s]) }))]}
            />
            <NativeSelect
              label={t('drill.dimension')}
              value={query.dimension ?? ''}
              onChange={(e) => set({ dimension: e.currentTarget.value || undefined })}
              data={[{ value: '', label: t('drill.all') }, ...d.byDimension.filter((x) => x.dimension !== null).map((x) => ({ value: x.dimension!, label: dimensionLabel(t, x.dimension) }))]}
            />
            {query.view !== 'tasks' && (
              <NativeSelect
                label={t('drill.unit')}
                value={query.unitId ? String(query.unitId) : ''}
                onChange={(e) => set({ unitId: Number(e.currentTarget.value) || undefined })}
                data={[{ value: '', label: t('drill.all') }, ...units.map((u) => ({ value: String(u.unitId), label: u.unitName }))]}
              />
            )}
          </SimpleGrid>
          {query.taskId !== undefined && query.view !== 'tasks' && (
            <Group gap="xs">
              <Badge variant="outline" tt="none">
                {t('drill.task')} #{query.taskId}
              </Badge>
              <Button size="compact-xs" variant="subtle" onClick={() => set({ taskId: undefined })}>
                {t('drill.clearTask')}
              </Button>
            </Group>
          )}
        </Stack>
      </Card>
      {query.view === 'tasks' ? <TaskList d={d} query={query} /> : <AssignmentList planId={d.planId} query={query} />}
    </>
  );
}

/** The tasks whose rolled-up status is the one asked for (the same ids the dashboard counted). */
function TaskList({ d, query }: { d: DashboardView; query: DrillQuery }) {
  const t = useT();
  const tasks = useResource(() => api.plans.tasks(d.planId), [d.planId]);
  const wanted = useMemo(() => {
    const map = new Map<number, AssignmentStatusName>();
    for (const dim of d.byDimension) {
      if (query.dimension !== undefined && (dim.dimension ?? '') !== query.dimension) continue;
      for (const s of STATUS_ORDER) {
        if (query.status && s !== query.status) continue;
        for (const id of dim.taskIds[s] ?? []) map.set(id, s);
      }
    }
    return map;
  }, [d, query.dimension, query.status]);

  if (tasks.error) return <LoadError message={tasks.error} onRetry={tasks.reload} />;
  if (!tasks.data) return <Loader size="sm" aria-label={t('app.loading')} />;
  const shown: Array<[TaskWithAssignments, AssignmentStatusName]> = tasks.data
    .filter((task) => wanted.has(task.id))
    .sort((a, b) => a.position - b.position)
    .map((task) => [task, wanted.get(task.id)!]);

  return (
    <Card withBorder padding="md">
      <Text size="sm" c="dimmed" mb="xs" role="status" data-testid="drill-count">
        {t('dashboard.tasksCount', { count: shown.length })}
      </Text>
      {shown.length === 0 ? (
        <Text c="dimmed">{t('drill.empty')}</Text>
      ) : (
        shown.map(([task, status]) => (
          <Box key={task.id} className="drill-line" data-testid="drill-line">
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <Anchor component={Link} to={`${planPath(d.planId)}#${taskAnchor(task.key)}`} size="sm" fw={500} style={{ minWidth: 0 }}>
                {task.no ? `${task.no}. ` : ''}
                {task.content}
              </Anchor>
              <StatusBadge status={status} />
            </Group>
            <Group gap="sm" mt={2}>
              <Text size="xs" c="dimmed">
                {dimensionLabel(t, task.dimension)}
              </Text>
              <Anchor component={Link} to={drillPath({ planId: d.planId, view: 'assignments', taskId: task.id })} size="xs">
                {t('drill.units')} ({task.assignments.filter((a) => a.role === 'lead').length})
              </Anchor>
            </Group>
          </Box>
        ))
      )}
    </Card>
  );
}

function StatusBadge({ status }: { status: AssignmentStatusName }) {
  const t = useT();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" tt="none" style={{ flexShrink: 0 }} data-testid="drill-status">
      {t(STATUS_LABEL[status])}
    </Badge>
  );
}

/** Unit assignments a page at a time (GET /dashboard/assignments), "Xem thêm" for the next page. */
function AssignmentList({ planId, query }: { planId: number; query: DrillQuery }) {
  const t = useT();
  const key = JSON.stringify([planId, query.status, query.dimension, query.unitId, query.taskId]);
  const [lines, setLines] = useState<AssignmentLine[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);

  const load = async (offset: number, reset: boolean, alive: () => boolean) => {
    setLoading(true);
    setError(null);
    try {
      const page = await api.dashboard.assignments(planId, {
        status: query.status,
        dimension: query.dimension,
        unitId: query.unitId,
        taskId: query.taskId,
        limit: PAGE,
        offset,
      });
      if (!alive()) return;
      setTotal(page.total);
      setLines((old) => (reset ? page.items : [...old, ...page.items]));
    } catch (e) {
      if (alive()) setError(errorMessage(e));
    } finally {
      if (alive()) setLoading(false);
    }
  };

  useEffect(() => {
    let alive = true;
    setLines([]);
    setTotal(null);
    void load(0, true, () => alive);
    return () => {
      alive = false;
    };
    // `load` reads the query the key stands for.
  }, [key, tick]);

  if (error && total === null) return <LoadError message={error} onRetry={() => setTick((n) => n + 1)} />;
  if (total === null) return <Loader size="sm" aria-label={t('app.loading')} />;
  return (
    <Card withBorder padding="md">
      <Text size="sm" c="dimmed" mb="xs" role="status" data-testid="drill-count">
        {t('drill.count', { count: total })}
      </Text>
      {lines.length === 0 ? (
        <Text c="dimmed">{t('drill.empty')}</Text>
      ) : (
        lines.map((l) => (
          <Box key={l.assignmentId} className="drill-line" data-testid="drill-line">
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <Text size="sm" fw={600} style={{ minWidth: 0 }}>
                {l.unitName}
              </Text>
              <StatusBadge status={l.status} />
            </Group>
            <Text size="sm" lineClamp={2}>
              {l.taskNo ? `${l.taskNo}. ` : ''}
              {l.content}
            </Text>
            <Group gap="sm" mt={2}>
              {l.dueDate && (
                <Text size="xs" c="dimmed">
                  {t('drill.due')}: {formatDate(l.dueDate)}
                </Text>
              )}
              {l.reportId !== null ? (
                <Anchor component={Link} to={reportPath(l.reportId)} size="xs">
                  {t('dashboard.openReport')}
                </Anchor>
              ) : (
                <Text size="xs" c="dimmed">
                  {t('dashboard.noReport')}
                </Text>
              )}
              <Anchor component={Link} to={`${planPath(planId)}#${taskAnchor(l.taskKey)}`} size="xs">
                {t('dashboard.openTask')}
              </Anchor>
            </Group>
          </Box>
        ))
      )}
      {error && <Text c="red" size="sm">{error}</Text>}
      {lines.length < total && (
        <Button variant="light" mt="sm" loading={loading} onClick={() => void load(lines.length, false, () => true)}>
          {t('drill.more')} ({lines.length}/{total})
        </Button>
      )}
    </Card>
  );
}
