import { ActionIcon, Alert, Anchor, Badge, Box, Button, Card, Checkbox, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCopy, IconEdit, IconGitCompare, IconInfoCircle } from '@tabler/icons-react';
import { memo, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import type { ImportPreview, PartyMention, PreviewTask, Schedule, Unit } from '../../api/types';
import { LazyTooltip } from '../../components/LazyTooltip';
import { UnitSelect } from '../../components/UnitSelect';
import { formatDate, formatDateTime } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import { planPath } from '../../paths';
import { DeadlineFixer } from './DeadlineFixer';
import { DeadlineInfo } from './DeadlineInfo';
import { PartyBadge } from './PartyBadge';
import { PartyFixer } from './PartyFixer';
import { ROMAN, byDimension, dimensionKey, dimensionRank, taskAnchor } from './planLabels';
import { deadlineIssueId, partyIssueId, warningIssueId, type Issue, type ReviewAnswers } from './reviewIssues';
import { TaskText, plainText } from './TaskText';

export interface ReviewActions {
  setPartyFix: (text: string, fix: number | null | undefined) => void;
  setDeadlineFix: (key: string, text: string | undefined) => void;
  setReading: (key: string, schedule: Schedule | undefined) => void;
  acknowledge: (ids: string[], seen: boolean) => void;
  setIssuer: (unitId: number | null) => void;
}

interface Props {
  preview: ImportPreview;
  answers: ReviewAnswers;
  issues: Issue[];
  actions: ReviewActions;
  units: Unit[];
}

const NO_WARNINGS: Array<{ id: string; message: string }> = [];

/** Scrolls a task row into view and puts the focus on its first control. */
function goToTask(key: string) {
  const row = document.getElementById(taskAnchor(key));
  if (!row) return;
  row.scrollIntoView({ block: 'center', behavior: 'smooth' });
  row.classList.add('flash');
  window.setTimeout(() => row.classList.remove('flash'), 1600);
  const control = row.querySelector<HTMLElement>('input:not([type=hidden]), button');
  control?.focus({ preventScroll: true });
}

/** The review screen of an import: header, duplicate or revision banner, what to look at, then every task. */
export function ImportReview({ preview, answers, issues, actions, units }: Props) {
  const onDate = preview.draft.plan.date ?? preview.draft.appendices[0]?.window.from ?? new Date().toISOString().slice(0, 10);
  const liveUnits = useMemo(
    () => units.filter((u) => (u.validFrom === null || u.validFrom <= onDate) && (u.validTo === null || u.validTo >= onDate)),
    [units, onDate],
  );
  const unitsById = useMemo(() => new Map(units.map((u) => [u.id, u])), [units]);
  return (
    <Stack gap="md">
      <ReviewHeader preview={preview} answers={answers} actions={actions} units={liveUnits} />
      <ReviewBanner preview={preview} />
      <IssuesPanel issues={issues} actions={actions} unitsById={unitsById} answers={answers} />
      <AppendixTables preview={preview} answers={answers} issues={issues} actions={actions} units={liveUnits} unitsById={unitsById} />
    </Stack>
  );
}

function ReviewHeader({ preview, answers, actions, units }: { preview: ImportPreview; answers: ReviewAnswers; actions: ReviewActions; units: Unit[] }) {
  const t = useT();
  const h = preview.draft.plan;
  const governments = units.filter((u) => u.kind === 'province' || u.kind === 'district' || u.kind === 'commune' || u.kind === 'ward');
  const none = <Text span c="dimmed">{t('review.notStated')}</Text>;
  return (
    <Card withBorder padding="lg" className="plan-header" data-testid="review-header">
      <Stack gap="sm">
        <Group gap="xs">
          <Text size="xs" tt="uppercase" fw={700} c="dimmed" lts={0.5}>
            {t('review.documentRead')}
          </Text>
          <Badge variant="light" color="gray" tt="none" radius="sm">
            {preview.fileName}
          </Badge>
        </Group>
        <Title order={2} size="h3" lh={1.3} className="plan-title">
          {h.title ?? t('review.noTitle')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing={6}>
          <HeaderField label={t('review.number')}>{h.number ? <Text span ff="monospace" fw={600}>{h.number}</Text> : none}</HeaderField>
          <HeaderField label={t('review.date')}>{h.date ? formatDate(h.date) : h.year ? t('plans.year', { year: h.year }) : none}</HeaderField>
          <HeaderField label={t('review.issuer')}>
            {preview.issuer ? (
              <Text span fw={600}>
                {preview.issuer.name}
                {h.issuer && h.issuer !== preview.issuer.name && (
                  <Text span c="dimmed" fw={400} size="sm">
                    {' '}
                    ({t('review.writtenAsShort', { text: h.issuer })})
                  </Text>
                )}
              </Text>
            ) : (
              <Text span c="red.8" fw={600}>
                {h.issuer ?? t('review.notStated')}
              </Text>
            )}
          </HeaderField>
          <HeaderField label={t('plans.period')}>{h.period ? `${formatDate(h.period.from)} – ${formatDate(h.period.to)}` : none}</HeaderField>
        </SimpleGrid>
        {!preview.issuer && (
          <Box className="needs-attention" p="sm" id="review-issuer">
            <UnitSelect
              label={t('review.chooseIssuer')}
              description={t('review.chooseIssuerHint')}
              units={governments}
              value={answers.issuerUnitId}
              onChange={actions.setIssuer}
              maw={420}
              error={answers.issuerUnitId === null}
            />
          </Box>
        )}
        <Box>
          <Text size="sm" fw={600}>
            {t('plan.bases')}
          </Text>
          {h.bases.length ? (
            <List size="sm" spacing={2}>
              {h.bases.map((b, i) => (
                <List.Item key={i}>{b}</List.Item>
              ))}
            </List>
          ) : (
            <Text size="sm" c="dimmed">
              {t('review.noBases')}
            </Text>
          )}
        </Box>
      </Stack>
    </Card>
  );
}

function HeaderField({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Box>
  );
}

/** A file imported before (nothing to do), a revision of a saved plan (what changes), or a new plan. */
function ReviewBanner({ preview }: { preview: ImportPreview }) {
  const t = useT();
  if (preview.duplicateOf) {
    return (
      <Alert color="red" variant="light" icon={<IconCopy aria-hidden />} title={t('review.duplicateTitle')} role="alert" data-testid="duplicate-banner">
        {t('review.duplicate', { date: formatDateTime(preview.duplicateOf.importedAt) })}{' '}
        <Anchor component={Link} to={planPath(preview.duplicateOf.planId)} size="sm" fw={600}>
          {t('review.openPlan')}
        </Anchor>
      </Alert>
    );
  }
  const r = preview.revision;
  if (!preview.target) {
    return (
      <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} title={t('review.newPlanTitle')}>
        {t('review.newPlan', { tasks: preview.tasks.length, appendices: preview.draft.appendices.length })}
      </Alert>
    );
  }
  const fieldNames = (fields: string[]) => fields.map((f) => t(`field.${f as 'content'}`)).join(', ');
  return (
    <Alert color="indigo" variant="light" icon={<IconGitCompare aria-hidden />} title={t('review.revisionTitle', { title: preview.target.title })} data-testid="revision-banner">
      <Group gap="xs" mb={r.changed.length || r.retired.length ? 'xs' : 0}>
        <Badge color="green" variant="light" tt="none" size="lg" radius="sm">
          {t('review.added', { count: r.added.length })}
        </Badge>
        <Badge color="orange" variant="light" tt="none" size="lg" radius="sm">
          {t('review.changed', { count: r.changed.length })}
        </Badge>
        <Badge color="red" variant="light" tt="none" size="lg" radius="sm">
          {t('review.retired', { count: r.retired.length })}
        </Badge>
        <Badge color="gray" variant="light" tt="none" size="lg" radius="sm">
          {t('review.unchanged', { count: r.unchanged })}
        </Badge>
      </Group>
      {r.changed.length > 0 && (
        <Text size="sm">
          <Text span fw={600} size="sm">
            {t('review.changedList')}
          </Text>{' '}
          {r.changed.map((c) => `${c.key} (${fieldNames(c.fields)})`).join('; ')}
        </Text>
      )}
      {r.retired.length > 0 && (
        <Text size="sm">
          <Text span fw={600} size="sm">
            {t('review.retiredList')}
          </Text>{' '}
          {r.retired.join(', ')}
        </Text>
      )}
    </Alert>
  );
}

/** The list of everything to look at, with links to the rows where each is answered. */
function IssuesPanel({ issues, actions, unitsById, answers }: { issues: Issue[]; actions: ReviewActions; unitsById: Map<number, Unit>; answers: ReviewAnswers }) {
  const t = useT();
  if (!issues.length) {
    return (
      <Alert color="green" variant="light" title={t('review.nothingToCheckTitle')}>
        {t('review.nothingToCheck')}
      </Alert>
    );
  }
  const parties = issues.filter((i) => i.kind === 'party');
  const deadlines = issues.filter((i) => i.kind === 'deadline');
  const warnings = issues.filter((i) => i.kind === 'warning');
  const taskLink = (key: string) => (
    <Anchor key={key} component="button" type="button" size="sm" onClick={() => goToTask(key)} aria-label={t('review.goToTask', { key })}>
      {key}
    </Anchor>
  );
  const status = (open: boolean) => (
    <Badge size="sm" variant={open ? 'filled' : 'light'} color={open ? 'orange' : 'green'} tt="none" radius="sm">
      {open ? t('review.open') : t('review.done')}
    </Badge>
  );
  const openWarnings = warnings.filter((w) => w.open);

  return (
    <Card withBorder padding="md" data-testid="issues-panel">
      <Title order={3} size="h4" mb="xs">
        {t('review.issuesTitle')}
      </Title>
      <Stack gap="md">
        {parties.length > 0 && (
          <Box>
            <Text fw={600} size="sm" mb={4}>
              {t('review.unmatchedTitle', { count: parties.length })}
            </Text>
            <Stack gap={4}>
              {parties.map((p) => {
                const fix = answers.partyFixes[p.text];
                return (
                  <Group key={p.id} gap="xs" wrap="wrap" className={p.open ? 'issue-line open' : 'issue-line'}>
                    {status(p.open)}
                    <Text size="sm" fw={600} c={p.open ? 'red.8' : undefined}>
                      «{p.text}»
                    </Text>
                    {fix !== undefined && (
                      <Text size="sm" c="dimmed">
                        → {fix === null ? t('review.notReporting') : (unitsById.get(fix)?.name ?? `#${fix}`)}
                      </Text>
                    )}
                    <Group gap={4}>
                      <Text size="sm" c="dimmed">
                        {t('review.inTasks')}
                      </Text>
                      {p.keys.map(taskLink)}
                    </Group>
                  </Group>
                );
              })}
            </Stack>
          </Box>
        )}
        {deadlines.length > 0 && (
          <Box>
            <Text fw={600} size="sm" mb={4}>
              {t('review.deadlinesTitle', { count: deadlines.length })}
            </Text>
            <Stack gap={4}>
              {deadlines.map((d) => (
                <Group key={d.id} gap="xs" wrap="wrap" className={d.open ? 'issue-line open' : 'issue-line'}>
                  {status(d.open)}
                  {taskLink(d.key)}
                  <Text size="sm">«{d.text}»</Text>
                  {d.reason && (
                    <Text size="xs" c="dimmed">
                      {d.reason}
                    </Text>
                  )}
                </Group>
              ))}
            </Stack>
          </Box>
        )}
        {warnings.length > 0 && (
          <Box>
            <Group justify="space-between" mb={4} gap="xs">
              <Text fw={600} size="sm">
                {t('review.warningsTitle', { count: warnings.length })}
              </Text>
              {openWarnings.length > 1 && (
                <Button size="compact-xs" variant="subtle" onClick={() => actions.acknowledge(openWarnings.map((w) => w.id), true)}>
                  {t('review.ackAll')}
                </Button>
              )}
            </Group>
            <Stack gap={4}>
              {warnings.map((w) => (
                <Group key={w.id} gap="xs" wrap="nowrap" align="flex-start" className={w.open ? 'issue-line open' : 'issue-line'}>
                  <Checkbox
                    size="xs"
                    mt={3}
                    checked={!w.open}
                    onChange={(e) => actions.acknowledge([w.id], e.currentTarget.checked)}
                    aria-label={t('review.ackWarning', { message: w.message })}
                  />
                  <Text size="sm" style={{ flex: 1 }}>
                    {w.key ? taskLink(w.key) : w.where ? <Text span fw={600} size="sm">{t('plan.appendix', { label: w.where })}</Text> : null}
                    {w.key || w.where ? ' — ' : ''}
                    {w.message}
                  </Text>
                </Group>
              ))}
            </Stack>
          </Box>
        )}
      </Stack>
    </Card>
  );
}

interface TablesProps {
  preview: ImportPreview;
  answers: ReviewAnswers;
  issues: Issue[];
  actions: ReviewActions;
  units: Unit[];
  unitsById: Map<number, Unit>;
}

/** Per appendix, per PAPI dimension, the tasks as read. */
function AppendixTables({ preview, answers, issues, actions, units, unitsById }: TablesProps) {
  const t = useT();
  const open = useMemo(() => new Set(issues.filter((i) => i.open).map((i) => i.id)), [issues]);
  const suggestions = useMemo(() => new Map(preview.unmatched.map((u) => [u.text, u.suggestions])), [preview.unmatched]);
  const warningsByKey = useMemo(() => {
    const map = new Map<string, Array<{ id: string; message: string }>>();
    for (const w of preview.warnings) map.set(w.where, [...(map.get(w.where) ?? []), { id: warningIssueId(w), message: w.message }]);
    return map;
  }, [preview.warnings]);
  const revision = useMemo(
    () => ({
      added: new Set(preview.target ? preview.revision.added : []),
      changed: new Map(preview.target ? preview.revision.changed.map((c) => [c.key, c.fields]) : []),
    }),
    [preview],
  );

  let offset = 0;
  const appendices = preview.draft.appendices.map((appendix, ai) => {
    const rows = preview.tasks.slice(offset, offset + appendix.tasks.length).map((task, i) => ({ task, draft: appendix.tasks[i]!, dimension: task.dimension }));
    offset += appendix.tasks.length;
    return { appendix, ai, rows };
  });

  return (
    <>
      {appendices.map(({ appendix, ai, rows }) => (
        <Box component="section" key={ai} aria-label={appendix.label ? t('plan.appendix', { label: appendix.label }) : t('review.tasks')}>
          <Box mb="xs" mt="sm">
            <Title order={3} size="h4">
              {appendix.label ? t('plan.appendix', { label: appendix.label }) : t('review.tasks')}
              <Text span c="dimmed" fw={400} size="sm">
                {' '}
                · {t('plans.tasks', { count: appendix.tasks.length })} · {formatDate(appendix.window.from)} – {formatDate(appendix.window.to)}
              </Text>
            </Title>
            {appendix.title && (
              <Text size="sm" c="dimmed">
                {appendix.title}
              </Text>
            )}
          </Box>
          <Stack gap="md">
            {byDimension(rows).map((g) => (
              <Card withBorder padding={0} key={g.dimension ?? 'other'}>
                <Group gap="xs" px="sm" py={8} className="dimension-bar" wrap="nowrap">
                  <Text fw={650} size="sm">
                    {g.dimension ? `${ROMAN[dimensionRank(g.dimension)]}. ` : ''}
                    {t(dimensionKey(g.dimension))}
                  </Text>
                  <Badge size="sm" variant="light" color="gray" tt="none" radius="sm">
                    {g.items.length}
                  </Badge>
                </Group>
                <Table className="task-table stack-table review-table" verticalSpacing="sm" horizontalSpacing="sm" aria-label={t(dimensionKey(g.dimension))}>
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
                    {g.items.map(({ task, draft }) => (
                      <ReviewRow
                        key={task.key}
                        task={task}
                        output={draft.output}
                        originalDeadline={draft.deadline.text}
                        window={appendix.window}
                        answers={answers}
                        open={open}
                        actions={actions}
                        units={units}
                        unitsById={unitsById}
                        suggestions={suggestions}
                        warnings={warningsByKey.get(task.key) ?? NO_WARNINGS}
                        added={revision.added.has(task.key)}
                        changed={revision.changed.get(task.key)}
                      />
                    ))}
                  </Table.Tbody>
                </Table>
              </Card>
            ))}
          </Stack>
        </Box>
      ))}
    </>
  );
}

interface RowProps {
  task: PreviewTask;
  output: string;
  originalDeadline: string;
  window: { from: string; to: string };
  answers: ReviewAnswers;
  open: Set<string>;
  actions: ReviewActions;
  units: Unit[];
  unitsById: Map<number, Unit>;
  suggestions: Map<string, Array<{ unitId: number; name: string }>>;
  warnings: Array<{ id: string; message: string }>;
  added: boolean;
  changed: string[] | undefined;
}

/**
 * A row re-renders only when something it shows changes: the answers for its own parties and deadline,
 * whether its own items are open. Answering one party therefore repaints one row (or the few naming it).
 */
const ReviewRow = memo(ReviewRowView, (a, b) => {
  const same: Array<keyof RowProps> = ['task', 'output', 'originalDeadline', 'window', 'actions', 'units', 'unitsById', 'suggestions', 'warnings', 'added', 'changed'];
  if (same.some((k) => a[k] !== b[k])) return false;
  const key = a.task.key;
  const ids = [deadlineIssueId(key), ...a.task.mentions.map((m) => partyIssueId(m.text)), ...a.warnings.map((w) => w.id)];
  return (
    a.task.mentions.every((m) => a.answers.partyFixes[m.text] === b.answers.partyFixes[m.text]) &&
    a.answers.deadlineFixes[key] === b.answers.deadlineFixes[key] &&
    a.answers.readings[key] === b.answers.readings[key] &&
    ids.every((id) => a.open.has(id) === b.open.has(id) && a.answers.acknowledged.has(id) === b.answers.acknowledged.has(id))
  );
});

function ReviewRowView({ task, output, originalDeadline, window, answers, open, actions, units, unitsById, suggestions, warnings, added, changed }: RowProps) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const deadlineId = deadlineIssueId(task.key);
  const hasFix = answers.deadlineFixes[task.key] !== undefined;
  const deadlineListed = task.schedule.needsReview || open.has(deadlineId);
  const showFixer = deadlineListed || hasFix || editing;
  const attention =
    task.mentions.some((m) => open.has(partyIssueId(m.text))) || open.has(deadlineId) || warnings.some((w) => open.has(w.id));

  const parties = (role: PartyMention['role']) => {
    const list = task.mentions.filter((m) => m.role === role);
    if (!list.length) return <Text size="sm" c="dimmed">{t('common.none')}</Text>;
    return (
      <Stack gap={6} align="flex-start">
        {list.map((m, i) => {
          const fix = answers.partyFixes[m.text];
          const fixable = m.resolution.type === 'unmatched' || fix !== undefined;
          return (
            <Stack key={`${m.text}-${i}`} gap={4} align="stretch" w="100%">
              <Box>
                <PartyBadge mention={m} unitsById={unitsById} fix={fix} />
              </Box>
              {fixable && (
                <PartyFixer
                  text={m.text}
                  units={units}
                  suggestions={suggestions.get(m.text) ?? []}
                  fix={fix}
                  onFix={(value) => actions.setPartyFix(m.text, value)}
                />
              )}
            </Stack>
          );
        })}
      </Stack>
    );
  };

  return (
    <Table.Tr id={taskAnchor(task.key)} data-attention={attention || undefined} data-testid="review-task" data-key={task.key}>
      <Table.Td className="col-no" data-label={t('task.no')}>
        <Text size="sm" fw={700}>
          {task.no}
        </Text>
        {added && (
          <Badge size="xs" color="green" variant="light" tt="none" radius="sm">
            {t('review.rowAdded')}
          </Badge>
        )}
        {changed && (
          <LazyTooltip label={changed.map((f) => t(`field.${f as 'content'}`)).join(', ')} withArrow tabIndex={0}>
            <Badge size="xs" color="orange" variant="light" tt="none" radius="sm">
              {t('review.rowChanged')}
            </Badge>
          </LazyTooltip>
        )}
      </Table.Td>
      <Table.Td data-label={t('task.content')}>
        <TaskText text={task.content} lines={3} />
        {output && (
          <Text size="xs" c="dimmed" mt={4} lineClamp={2} title={plainText(output)}>
            <Text span size="xs" fw={600} c="dark.5">
              {t('task.output')}:
            </Text>{' '}
            {plainText(output)}
          </Text>
        )}
        {warnings.map((w) => (
          <Group key={w.id} gap={6} mt={6} wrap="nowrap" align="flex-start" className={open.has(w.id) ? 'row-warning open' : 'row-warning'}>
            <IconAlertTriangle size={14} aria-hidden style={{ flexShrink: 0, marginTop: 3 }} />
            <Stack gap={2}>
              <Text size="xs">{w.message}</Text>
              <Checkbox
                size="xs"
                label={t('review.seen')}
                checked={!open.has(w.id)}
                onChange={(e) => actions.acknowledge([w.id], e.currentTarget.checked)}
              />
            </Stack>
          </Group>
        ))}
      </Table.Td>
      <Table.Td data-label={t('task.lead')}>{parties('lead')}</Table.Td>
      <Table.Td data-label={t('task.coordinating')}>{parties('coordinating')}</Table.Td>
      <Table.Td data-label={t('task.deadline')} className={open.has(deadlineId) ? 'cell-attention' : undefined}>
        <Stack gap={6}>
          <Group gap={4} wrap="nowrap" align="flex-start" justify="space-between">
            <DeadlineInfo schedule={answers.readings[task.key] ?? task.schedule} original={originalDeadline} firstDues={3} />
            {!showFixer && (
              <LazyTooltip label={t('review.editDeadline')} withArrow>
                <ActionIcon variant="subtle" color="gray" size="sm" onClick={() => setEditing(true)} aria-label={t('review.editDeadlineLabel', { key: task.key })}>
                  <IconEdit size={14} aria-hidden />
                </ActionIcon>
              </LazyTooltip>
            )}
          </Group>
          {showFixer && (
            <DeadlineFixer
              taskKey={task.key}
              original={originalDeadline}
              fix={answers.deadlineFixes[task.key]}
              onFix={(text) => actions.setDeadlineFix(task.key, text)}
              window={window}
              onReading={(s) => actions.setReading(task.key, s)}
              accepted={answers.acknowledged.has(deadlineId)}
              onAccept={deadlineListed ? (seen) => actions.acknowledge([deadlineId], seen) : undefined}
              autoFocus={editing}
            />
          )}
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}
