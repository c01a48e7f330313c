import { Anchor, Badge, Box, Button, Card, Chip, Group, List, Loader, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconDownload, IconFileImport, IconFilterOff, IconReportAnalytics, IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { api } from '../../api/endpoints';
import type { PlanDetail, ScheduleKind, TaskWithAssignments, Unit } from '../../api/types';
import { useResource } from '../../api/useResource';
import { useSignedIn } from '../../auth/SessionProvider';
import { LoadError } from '../../components/LoadError';
import { UnitSelect } from '../../components/UnitSelect';
import { formatDate } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import { NotFoundPage } from '../NotFoundPage';
import { PATHS, planImportPath, reportsOfPlanPath } from '../../paths';
import { DeadlineInfo } from './DeadlineInfo';
import { PartyList } from './PartyList';
import { DUE_WITHIN_DAYS, ROMAN, SCHEDULE_KINDS, byDimension, canImportPlans, dimensionKey, dimensionRank, mentionsOf, taskAnchor } from './planLabels';
import { ScheduleAction } from './ScheduleAction';
import { TaskText } from './TaskText';
import { compareVietnamese } from '../../../../src/domain/text/normalize';

const ALL = 'all';
const OTHER = 'other';

/**
 * One plan: its header and original file, then its tasks by PAPI dimension with leads, coordinators,
 * output and deadline. Filters: dimension (chips with counts), unit, kind of deadline, due within N
 * days, and a search without diacritics (the server's `q`, debounced).
 */
export function PlanPage() {
  const { id: idParam } = useParams();
  const id = Number(idParam);
  if (!Number.isInteger(id) || id <= 0) return <NotFoundPage />;
  return <PlanView key={id} id={id} />;
}

function PlanView({ id }: { id: number }) {
  const t = useT();
  const signedIn = useSignedIn();
  const plan = useResource(() => api.plans.get(id), [id]);
  const units = useResource(() => api.units.list(), []);
  const all = useResource(() => api.plans.tasks(id), [id]);
  const canSchedule = signedIn.user.role === 'coordinator' || signedIn.user.role === 'admin';

  // Opened from the dashboard with #task-I-12: bring that task into view once the list is there.
  const { hash } = useLocation();
  const loaded = all.data !== undefined;
  useEffect(() => {
    if (!loaded || !hash.startsWith('#task-')) return;
    const row = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!row) return;
    row.scrollIntoView({ block: 'center' });
    row.classList.add('flash');
    const timer = window.setTimeout(() => row.classList.remove('flash'), 1600);
    return () => window.clearTimeout(timer);
  }, [loaded, hash]);

  const [dimension, setDimension] = useState<string>(ALL);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [kind, setKind] = useState<ScheduleKind | null>(null);
  const [due, setDue] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [q] = useDebouncedValue(query.trim(), 300);
  // On a phone the dimensions are a select and the other filters fold away behind one button.
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const [moreFilters, setMoreFilters] = useState(false);

  // Every filter but the dimension goes to the server; the dimension is applied here so that the
  // chips can show how many of the matching tasks each dimension holds.
  const serverFiltered = unitId !== null || kind !== null || due !== null || q !== '';
  const taskQuery = { unitId: unitId ?? undefined, kind: kind ?? undefined, dueWithinDays: due ? Number(due) : undefined, q: q || undefined };
  const queryKey = JSON.stringify(taskQuery);
  const filtered = useResource(
    () => (serverFiltered ? api.plans.tasks(id, taskQuery).then((tasks) => ({ key: queryKey, tasks })) : Promise.resolve(null)),
    [id, queryKey],
  );
  // The answer for the filters now on screen; until it arrives the previous list stays (dimmed).
  const fresh = serverFiltered ? (filtered.data?.key === queryKey ? filtered.data.tasks : undefined) : all.data;
  const last = useRef<TaskWithAssignments[] | undefined>(undefined);
  if (fresh) last.current = fresh;
  const matching = fresh ?? last.current;
  const pending = !fresh && !(serverFiltered ? filtered.error : all.error);

  const unitsById = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u])), [units.data]);
  const appendixLabel = useMemo(() => new Map((plan.data?.appendices ?? []).map((a) => [a.id, a.label])), [plan.data]);
  const assignedUnits = useMemo(() => {
    const ids = new Set((all.data ?? []).flatMap((task) => task.assignments.map((a) => a.unitId)));
    return (units.data ?? []).filter((u) => ids.has(u.id)).sort((a, b) => compareVietnamese(a.name, b.name));
  }, [all.data, units.data]);
  const counts = useMemo(() => {
    const map = new Map<string, number>();
    for (const task of matching ?? []) {
      const key = task.dimension ?? OTHER;
      map.set(key, (map.get(key) ?? 0) + 1);
    }
    return map;
  }, [matching]);
  const shown = useMemo(
    () =>
      (matching ?? [])
        .filter((task) => dimension === ALL || (task.dimension ?? OTHER) === dimension)
        .sort((a, b) => a.position - b.position),
    [matching, dimension],
  );
  const groups = useMemo(() => byDimension(shown), [shown]);
  const dimensionsInPlan = useMemo(
    () => [...new Set((all.data ?? []).map((task) => task.dimension ?? OTHER))].sort((a, b) => dimensionRank(a === OTHER ? null : a) - dimensionRank(b === OTHER ? null : b)),
    [all.data],
  );

  const extraFilters = [unitId, kind, due].filter((v) => v !== null).length;
  const dimensionOptions = [
    { value: ALL, label: t('plan.allDimensions', { count: matching?.length ?? 0 }), disabled: false },
    ...dimensionsInPlan.map((d) => ({
      value: d,
      label: `${d === OTHER ? '' : `${ROMAN[dimensionRank(d)] ?? ''}. `}${t(dimensionKey(d === OTHER ? null : d))} (${counts.get(d) ?? 0})`,
      disabled: !counts.get(d) && dimension !== d,
    })),
  ];

  const anyFilter = serverFiltered || dimension !== ALL || query !== '';
  const clear = () => {
    setDimension(ALL);
    setUnitId(null);
    setKind(null);
    setDue(null);
    setQuery('');
  };

  if (plan.error) return <LoadError message={plan.error} onRetry={plan.reload} />;
  if (!plan.data) return <Loader size="sm" aria-label={t('app.loading')} />;
  const p = plan.data;
  const total = all.data?.length ?? 0;

  return (
    <Stack gap="md">
      <Anchor component={Link} to={PATHS.plans} size="sm">
        ← {t('plan.back')}
      </Anchor>
      <PlanHeader plan={p} issuer={unitsById.get(p.issuerUnitId)} canRevise={canImportPlans(signedIn)} />

      <Card withBorder padding="md">
        <Stack gap="sm">
          {phone ? (
            <Select
              label={t('plan.filterDimension')}
              data={dimensionOptions}
              value={dimension}
              onChange={(v) => setDimension(v ?? ALL)}
              allowDeselect={false}
            />
          ) : (
            <Chip.Group multiple={false} value={dimension} onChange={(v) => setDimension(v)}>
              <Group gap={6} wrap="wrap" role="radiogroup" aria-label={t('plan.filterDimension')}>
                {dimensionOptions.map((o) => (
                  <Chip key={o.value} value={o.value} type="radio" size="sm" variant="outline" disabled={o.disabled}>
                    {o.label}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            <TextInput
              label={t('plan.search')}
              placeholder={t('plan.searchPlaceholder')}
              leftSection={<IconSearch size={16} aria-hidden />}
              value={query}
              onChange={(e) => setQuery(e.currentTarget.value)}
              type="search"
            />
            {phone && (
              <Button
                variant="default"
                leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
                onClick={() => setMoreFilters((o) => !o)}
                aria-expanded={moreFilters}
              >
                {extraFilters ? t('plan.moreFiltersActive', { count: extraFilters }) : t('plan.moreFilters')}
              </Button>
            )}
            {(!phone || moreFilters) && (
              <>
                <UnitSelect label={t('plan.filterUnit')} placeholder={t('plan.anyUnit')} units={assignedUnits} value={unitId} onChange={setUnitId} />
                <Select<ScheduleKind>
                  label={t('plan.filterKind')}
                  placeholder={t('plan.anyKind')}
                  clearable
                  data={SCHEDULE_KINDS.map((k) => ({ value: k, label: t(`scheduleKind.${k}`) }))}
                  value={kind}
                  onChange={setKind}
                />
                <Select
                  label={t('plan.filterDue')}
                  placeholder={t('plan.anyDue')}
                  clearable
                  data={DUE_WITHIN_DAYS.map((n) => ({ value: String(n), label: t('plan.dueWithin', { days: n }) }))}
                  value={due}
                  onChange={setDue}
                />
              </>
            )}
          </SimpleGrid>
          <Group justify="space-between" gap="xs">
            <Text size="sm" c="dimmed" role="status" data-testid="task-count">
              {anyFilter ? t('plan.shownOf', { shown: shown.length, total }) : t('plan.taskTotal', { count: total })}
              {pending ? ' …' : ''}
            </Text>
            {anyFilter && (
              <Button variant="subtle" size="compact-sm" leftSection={<IconFilterOff size={14} aria-hidden />} onClick={clear}>
                {t('plan.clearFilters')}
              </Button>
            )}
          </Group>
        </Stack>
      </Card>

      {all.error && <LoadError message={all.error} onRetry={all.reload} />}
      {filtered.error && serverFiltered && <LoadError message={filtered.error} onRetry={filtered.reload} />}
      {!matching ? (
        <Loader size="sm" aria-label={t('app.loading')} />
      ) : shown.length === 0 ? (
        <Card withBorder>
          <Text c="dimmed">{t('plan.noTasks')}</Text>
        </Card>
      ) : (
        groups.map((g) => (
          <Box
            component="section"
            key={g.dimension ?? OTHER}
            aria-label={t(dimensionKey(g.dimension))}
            aria-busy={pending || undefined}
            style={{ opacity: pending ? 0.55 : 1, transition: 'opacity 150ms' }}
          >
            <Group gap="xs" mb={6} mt="xs" wrap="nowrap" align="baseline">
              <Title order={3} size="h4" className="dimension-title">
                {g.dimension ? `${ROMAN[dimensionRank(g.dimension)]}. ` : ''}
                {t(dimensionKey(g.dimension))}
              </Title>
              <Badge variant="light" color="gray" radius="sm" tt="none">
                {t('plans.tasks', { count: g.items.length })}
              </Badge>
            </Group>
            <TaskTable tasks={g.items} unitsById={unitsById} appendixLabel={appendixLabel} highlightUnitId={unitId} onScheduleChanged={canSchedule ? all.reload : null} />
          </Box>
        ))
      )}
    </Stack>
  );
}

function PlanHeader({ plan, issuer, canRevise }: { plan: PlanDetail; issuer: Unit | undefined; canRevise: boolean }) {
  const t = useT();
  return (
    <Card withBorder padding="lg" className="plan-header">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={4} style={{ flex: '1 1 24rem', minWidth: 0 }}>
            <Text size="xs" tt="uppercase" fw={700} c="red.8" lts={0.5}>
              {issuer?.name ?? `#${plan.issuerUnitId}`}
            </Text>
            <Text size="sm" c="dimmed">
              {t('plan.kh')} {plan.number ? t('plan.numberLine', { number: plan.number }) : t('plans.noNumber')}
              {plan.issuedOn ? ` · ${t('plans.issuedOn', { date: formatDate(plan.issuedOn) })}` : ''}
            </Text>
            <Title order={2} size="h3" lh={1.3} className="plan-title">
              {plan.title}
            </Title>
          </Stack>
          <Group gap="xs">
            {plan.sourceFileHash && (
              <Button component="a" href={api.plans.fileUrl(plan.id)} download variant="default" leftSection={<IconDownload size={16} aria-hidden />}>
                {t('plan.download')}
              </Button>
            )}
            <Button component={Link} to={reportsOfPlanPath(plan.id)} variant="default" leftSection={<IconReportAnalytics size={16} aria-hidden />}>
              {t('reports.rounds')}
            </Button>
            {canRevise && (
              <Button component={Link} to={planImportPath(plan.id)} variant="light" leftSection={<IconFileImport size={16} aria-hidden />}>
                {t('plan.revise')}
              </Button>
            )}
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing={4}>
          <Field label={t('plans.period')} value={`${formatDate(plan.periodFrom)} – ${formatDate(plan.periodTo)}`} />
          <Field label={t('plan.updatedAt')} value={formatDate(plan.updatedAt)} />
        </SimpleGrid>
        {plan.appendices.length > 0 && (
          <Box>
            <Text size="sm" fw={600}>
              {t('plan.appendices')}
            </Text>
            <List size="sm" spacing={2}>
              {plan.appendices.map((a) => (
                <List.Item key={a.id}>
                  <Text span size="sm" fw={500}>
                    {t('plan.appendix', { label: a.label })}
                  </Text>{' '}
                  <Text span size="sm" c="dimmed">
                    ({formatDate(a.windowFrom)} – {formatDate(a.windowTo)})
                  </Text>
                  {a.title && (
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {a.title}
                    </Text>
                  )}
                </List.Item>
              ))}
            </List>
          </Box>
        )}
        {plan.bases.length > 0 && (
          <Box>
            <Text size="sm" fw={600}>
              {t('plan.bases')}
            </Text>
            <List size="sm" spacing={2}>
              {plan.bases.map((b, i) => (
                <List.Item key={i}>
                  <Text size="sm" c="dark.6">
                    {b}
                  </Text>
                </List.Item>
              ))}
            </List>
          </Box>
        )}
      </Stack>
    </Card>
  );
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
        {label}:
      </Text>
      <Text size="sm" fw={500}>
        {value}
      </Text>
    </Group>
  );
}

interface TaskTableProps {
  tasks: TaskWithAssignments[];
  unitsById: Map<number, Unit>;
  appendixLabel: Map<number, string>;
  highlightUnitId: number | null;
  /** Set for coordinators: event and unspecified tasks get their action, and the list reloads after it. */
  onScheduleChanged: (() => void) | null;
}

/** The tasks of one dimension in the appendix layout; on a phone each row becomes a card. */
function TaskTable({ tasks, unitsById, appendixLabel, highlightUnitId, onScheduleChanged }: TaskTableProps) {
  const t = useT();
  return (
    <Card withBorder padding={0}>
      <Table className="task-table stack-table" verticalSpacing="sm" horizontalSpacing="sm" aria-label={t('plan.tasksLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th className="col-no">{t('task.no')}</Table.Th>
            <Table.Th>{t('task.content')}</Table.Th>
            <Table.Th className="col-party">{t('task.lead')}</Table.Th>
            <Table.Th className="col-party">{t('task.coordinating')}</Table.Th>
            <Table.Th className="col-deadline">{t('task.deadline')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.map((task) => (
            <Table.Tr key={task.id} id={taskAnchor(task.key)} data-testid="plan-task" data-key={task.key}>
              <Table.Td className="col-no" data-label={t('task.no')}>
                <Text size="sm" fw={700}>
                  {task.no}
                </Text>
                <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {t('plan.appendixShort', { label: appendixLabel.get(task.appendixId) ?? '' })}
                </Text>
              </Table.Td>
              <Table.Td data-label={t('task.content')}>
                <TaskText text={task.content} />
                {task.output && (
                  <Text size="xs" c="dimmed" mt={4}>
                    <Text span size="xs" fw={600} c="dark.5">
                      {t('task.output')}:
                    </Text>{' '}
                    {task.output.replace(/<\/?i>/g, '')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td data-label={t('task.lead')}>
                <PartyList mentions={mentionsOf(task.parties, 'lead')} unitsById={unitsById} highlightUnitId={highlightUnitId} />
              </Table.Td>
              <Table.Td data-label={t('task.coordinating')}>
                <PartyList mentions={mentionsOf(task.parties, 'coordinating')} unitsById={unitsById} highlightUnitId={highlightUnitId} />
              </Table.Td>
              <Table.Td data-label={t('task.deadline')}>
                <DeadlineInfo schedule={task.schedule} nextDue={task.nextDue} />
                {onScheduleChanged && <ScheduleAction task={task} onChanged={onScheduleChanged} />}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
