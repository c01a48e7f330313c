import { Alert, Anchor, Badge, Button, Card, FileInput, Group, Loader, Modal, NativeSelect, NumberInput, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconDownload, IconUpload } from '@tabler/icons-react';
import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import type { EntryStatus, EntryView, EvidenceView, Narrative, ReportView } from '../../api/types';
import { useResource } from '../../api/useResource';
import { useSignedIn } from '../../auth/SessionProvider';
import { DateField } from '../../components/DateField';
import { FormError } from '../../components/FormError';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, formatDateTime, parseVnDate } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/vi';
import { roundPath } from '../../paths';
import { ExtensionRequest, ExtensionsContext, useExtensionsOf } from './ExtensionRequest';
import { ENTRY_STATUS_LABEL, ENTRY_STATUSES } from './reportLabels';
import { ReportStateBadges } from './ReportStateBadges';

const NARRATIVE_PARTS: ReadonlyArray<[keyof Narrative, MessageKey]> = [
  ['results', 'reports.narrative.results'],
  ['shortcomings', 'reports.narrative.shortcomings'],
  ['causes', 'reports.narrative.causes'],
  ['proposals', 'reports.narrative.proposals'],
];

/** A unit's report: the form its officer fills in (draft or returned), or the coordinator's review. */
export function ReportPage() {
  const t = useT();
  const id = Number(useParams().id);
  const { user } = useSignedIn();
  const report = useResource(() => api.reporting.report(id), [id]);
  const extensions = useExtensionsOf(report.data?.round.planId, report.data?.unitId);

  if (report.error) return <LoadError message={report.error} onRetry={report.reload} />;
  if (!report.data) return <Loader size="sm" aria-label={t('app.loading')} />;
  const r = report.data;
  const editable = user.role === 'unit_officer' && (r.status === 'draft' || r.status === 'returned');
  const reviewer = (user.role === 'coordinator' || user.role === 'admin') && r.status === 'submitted';

  return (
    <>
      <Anchor component={Link} to={roundPath(r.roundId)} size="sm">
        {t('reports.backToRound')}
      </Anchor>
      <PageHeader
        title={t('reports.report', { unit: r.unitName })}
        description={t('reports.reportDescription', { label: r.round.label, date: formatDate(r.round.submissionDeadline) })}
        actions={<ReportStateBadges status={r.status} late={r.late} />}
      />
      {r.submittedAt && (
        <Text size="sm" c="dimmed" mb="sm">
          {t('reports.submittedAt')}: {formatDateTime(r.submittedAt)}
        </Text>
      )}
      {r.returnComment && (r.status === 'returned' || editable) && (
        <Alert color="orange" variant="light" mb="md" title={t('reports.returnedComment')} data-testid="return-comment">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {r.returnComment}
          </Text>
        </Alert>
      )}
      <ExtensionsContext.Provider value={extensions}>
        {editable ? (
          <ReportForm key={`${r.id}-${r.version}`} initial={r} onChanged={report.reload} />
        ) : (
          <ReportReview report={r} reviewer={reviewer} onChanged={report.reload} />
        )}
      </ExtensionsContext.Provider>
    </>
  );
}

type EntryDraft = Pick<EntryView, 'taskId' | 'status' | 'progress' | 'result' | 'difficulties' | 'proposals' | 'blockedReason'>;
type SaveState = { kind: 'idle' } | { kind: 'dirty' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'error'; message: string } | { kind: 'conflict' };

const AUTOSAVE_MS = 800;

function ReportForm({ initial, onChanged }: { initial: ReportView; onChanged: () => void }) {
  const t = useT();
  const [entries, setEntries] = useState<EntryDraft[]>(() =>
    initial.entries.map((e) => ({
      taskId: e.taskId,
      status: e.status,
      progress: e.progress,
      result: e.result ?? e.results,
      difficulties: e.difficulties,
      proposals: e.proposals,
      blockedReason: e.blockedReason,
    })),
  );
  const [narrative, setNarrative] = useState<Narrative>(initial.narrative);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [confirming, setConfirming] = useState(false);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  // The latest values, the version the server last answered, edits not yet saved, the save in flight.
  const latest = useRef({ entries, narrative });
  latest.current = { entries, narrative };
  const version = useRef(initial.version);
  const edits = useRef(0);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const stopped = useRef(false);

  /** Saves what is on screen now; true when everything typed so far is saved. */
  const flush = useCallback(async (): Promise<boolean> => {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
    }
    while (inFlight.current) await inFlight.current;
    if (stopped.current) return false;
    if (edits.current === 0) return true;
    const seen = edits.current;
    const { entries: e, narrative: n } = latest.current;
    setSave({ kind: 'saving' });
    const run = (async () => {
      try {
        const saved = await api.reporting.save(initial.id, version.current, { entries: e, narrative: n });
        version.current = saved.version;
        edits.current -= seen;
        if (edits.current === 0) setSave({ kind: 'saved', at: saved.updatedAt });
        return edits.current === 0;
      } catch (err) {
        if (err instanceof ApiError && (err.status === 409 || err.status === 412)) {
          stopped.current = true;
          setSave({ kind: 'conflict' });
        } else {
          setSave({ kind: 'error', message: errorMessage(err) });
        }
        return false;
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = run;
    return run;
  }, [initial.id]);

  const changed = useCallback(() => {
    if (stopped.current) return;
    edits.current += 1;
    setSave({ kind: 'dirty' });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), AUTOSAVE_MS);
  }, [flush]);

  // Leaving the page saves what is pending; closing the tab with unsaved edits asks first.
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (edits.current > 0 && !stopped.current) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      if (timer.current && edits.current > 0) void flush();
    };
  }, [flush]);

  const setEntry = useCallback(
    (taskId: number, patch: Partial<EntryDraft>) => {
      setEntries((list) => list.map((e) => (e.taskId === taskId ? { ...e, ...patch } : e)));
      changed();
    },
    [changed],
  );

  const submit = async () => {
    setSubmitting(true);
    setSubmitError(null);
    try {
      if (!(await flush())) {
        setConfirming(false);
        return;
      }
      await api.reporting.submit(initial.id, version.current);
      setConfirming(false);
      onChanged();
    } catch (err) {
      setSubmitError(errorMessage(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Stack gap="md">
      {save.kind === 'conflict' && (
        <Alert color="red" variant="light" role="alert" title={t('reports.conflict')}>
          <Button mt="xs" variant="light" color="red" onClick={onChanged}>
            {t('reports.reload')}
          </Button>
        </Alert>
      )}
      {initial.entries.map((view, i) => (
        <EntryCard key={view.taskId} view={view} index={i} entry={entries[i]!} reportId={initial.id} onChange={setEntry} />
      ))}
      <Card withBorder padding="md" component="section" aria-label={t('reports.narrative')}>
        <Title order={3} size="h4" mb="sm">
          {t('reports.narrative')}
        </Title>
        <Stack gap="sm">
          {NARRATIVE_PARTS.map(([key, label]) => (
            <Textarea
              key={key}
              label={t(label)}
              autosize
              minRows={3}
              value={narrative[key]}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setNarrative((n) => ({ ...n, [key]: value }));
                changed();
              }}
            />
          ))}
        </Stack>
      </Card>
      <Card withBorder padding="sm" pos="sticky" bottom={0} style={{ zIndex: 5 }}>
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Text size="sm" c={save.kind === 'error' ? 'red' : 'dimmed'} role="status" data-testid="save-state">
            {save.kind === 'saving'
              ? t('reports.saving')
              : save.kind === 'saved'
                ? t('reports.savedAt', { time: formatDateTime(save.at) })
                : save.kind === 'dirty'
                  ? t('reports.unsaved')
                  : save.kind === 'error'
                    ? t('reports.saveError', { message: save.message })
                    : ''}
          </Text>
          <Button onClick={() => setConfirming(true)} disabled={save.kind === 'conflict'}>
            {t('reports.submit')}
          </Button>
        </Group>
      </Card>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('reports.submit')}>
        <Text size="sm" mb="md">
          {t('reports.submitConfirm')}
        </Text>
        <FormError message={submitError} />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void submit()} loading={submitting}>
            {t('reports.confirmSubmit')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}

/** One task of the report: memoised, so typing in one card does not re-render the others. */
const EntryCard = memo(function EntryCard({
  view,
  index: i,
  entry,
  reportId,
  onChange,
}: {
  view: EntryView;
  index: number;
  entry: EntryDraft;
  reportId: number;
  onChange: (taskId: number, patch: Partial<EntryDraft>) => void;
}) {
  const t = useT();
  return (
    <Card withBorder padding="md" data-testid="report-entry" aria-label={t('reports.task', { no: view.taskNo ?? String(i + 1) })} component="section">
      <EntryHeading view={view} index={i} />
      {view.reviewComment && (
        <Alert color="orange" variant="light" mb="sm" data-testid="entry-review-comment">
          {view.reviewComment}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <NativeSelect
          label={t('reports.entryStatus')}
          value={entry.status}
          data={ENTRY_STATUSES.map((s) => ({ value: s, label: t(ENTRY_STATUS_LABEL[s]) }))}
          onChange={(e) => {
            const status = e.currentTarget.value as EntryStatus;
            onChange(view.taskId, { status, ...(status === 'done' ? { progress: 100 } : {}) });
          }}
        />
        <NumberInput
          label={t('reports.progress')}
          min={0}
          max={100}
          clampBehavior="strict"
          allowDecimal={false}
          value={entry.progress ?? ''}
          onChange={(v) => onChange(view.taskId, { progress: v === '' ? null : Number(v) })}
        />
      </SimpleGrid>
      {entry.status === 'blocked' && (
        <Textarea
          mt="sm"
          label={t('reports.blockedReason')}
          autosize
          minRows={2}
          value={entry.blockedReason ?? ''}
          onChange={(e) => onChange(view.taskId, { blockedReason: e.currentTarget.value })}
        />
      )}
      <Textarea mt="sm" label={t('reports.results')} autosize minRows={2} value={entry.result} onChange={(e) => onChange(view.taskId, { result: e.currentTarget.value })} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="sm">
        <Textarea label={t('reports.difficulties')} autosize minRows={2} value={entry.difficulties} onChange={(e) => onChange(view.taskId, { difficulties: e.currentTarget.value })} />
        <Textarea label={t('reports.proposals')} autosize minRows={2} value={entry.proposals} onChange={(e) => onChange(view.taskId, { proposals: e.currentTarget.value })} />
      </SimpleGrid>
      <EvidenceList view={view} reportId={reportId} />
      <ExtensionRequest view={view} canRequest />
    </Card>
  );
});

function EntryHeading({ view, index }: { view: EntryView; index: number }) {
  const t = useT();
  return (
    <Stack gap={4} mb="sm">
      <Text fw={600} size="sm">
        {view.taskNo ? `${view.taskNo}. ` : `${index + 1}. `}
        {view.content}
      </Text>
      {view.deadlineText && (
        <Text size="xs" c="dimmed">
          {t('reports.taskDeadline', { text: view.deadlineText })}
        </Text>
      )}
      {view.dues.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('reports.dues', { dates: view.dues.map(formatDate).join(', ') })}
        </Text>
      )}
    </Stack>
  );
}

function EvidenceList({ view, reportId }: { view: EntryView; reportId?: number }) {
  const t = useT();
  const [items, setItems] = useState<EvidenceView[]>(view.evidence);
  const [adding, setAdding] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [docNumber, setDocNumber] = useState('');
  const [docDate, setDocDate] = useState('');
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const upload = async () => {
    if (!file || reportId === undefined) return;
    if (docDate.trim() && !parseVnDate(docDate)) {
      setError(t('common.invalidDate'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const added = await api.reporting.uploadEvidence(reportId, view.taskId, file, { docNumber: docNumber.trim(), docDate: parseVnDate(docDate), summary: summary.trim() });
      setItems((list) => [...list, added]);
      setFile(null);
      setDocNumber('');
      setDocDate('');
      setSummary('');
      setAdding(false);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap={4} mt="sm">
      <Text size="sm" fw={500}>
        {t('reports.evidence')}
      </Text>
      {items.length === 0 ? (
        <Text size="xs" c="dimmed">
          {t('reports.noEvidence')}
        </Text>
      ) : (
        items.map((ev) => (
          <Text key={ev.id} size="sm" data-testid="evidence-item">
            {[ev.docNumber, formatDate(ev.docDate), ev.summary].filter(Boolean).join(' · ')}
            {ev.fileHash && (
              <>
                {' '}
                <Anchor href={api.reporting.evidenceFileUrl(ev.id)} download size="sm" aria-label={t('reports.evidenceDownload', { name: ev.summary })}>
                  <IconDownload size={14} aria-hidden />
                </Anchor>
              </>
            )}
          </Text>
        ))
      )}
      {reportId !== undefined &&
        (adding ? (
          <Stack gap="xs" p="xs" style={{ border: '1px dashed var(--mantine-color-gray-4)', borderRadius: 4 }}>
            <FileInput label={t('reports.evidenceFile')} value={file} onChange={setFile} accept=".pdf,.docx,.xlsx,.jpg,.jpeg,.png" clearable />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              <TextInput label={t('reports.evidenceDocNumber')} value={docNumber} onChange={(e) => setDocNumber(e.currentTarget.value)} />
              <DateField label={t('reports.evidenceDocDate')} value={docDate} onChange={(e) => setDocDate(e.currentTarget.value)} />
            </SimpleGrid>
            <TextInput label={t('reports.evidenceSummary')} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} />
            <FormError message={error} />
            <Group gap="xs">
              <Button size="xs" onClick={() => void upload()} loading={busy} disabled={!file} leftSection={<IconUpload size={14} aria-hidden />}>
                {t('reports.evidenceSend')}
              </Button>
              <Button size="xs" variant="default" onClick={() => setAdding(false)}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Button size="xs" variant="subtle" w="fit-content" onClick={() => setAdding(true)} leftSection={<IconUpload size={14} aria-hidden />}>
            {t('reports.evidenceUpload')}
          </Button>
        ))}
    </Stack>
  );
}

/** Read-only report; "Trả lại" (with a comment) and "Duyệt" for the coordinator while it is submitted. */
function ReportReview({ report, reviewer, onChanged }: { report: ReportView; reviewer: boolean; onChanged: () => void }) {
  const t = useT();
  const [returning, setReturning] = useState(false);
  const [comment, setComment] = useState('');
  const [entryComments, setEntryComments] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const act = async (step: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await step();
      setReturning(false);
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const field = (label: MessageKey, value: string | null) =>
    value ? (
      <div>
        <Text size="xs" c="dimmed">
          {t(label)}
        </Text>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {value}
        </Text>
      </div>
    ) : null;

  return (
    <Stack gap="md">
      {reviewer && (
        <Group gap="sm">
          <Button color="orange" variant="light" onClick={() => setReturning(true)}>
            {t('reports.return')}
          </Button>
          <Button color="green" loading={busy && !returning} onClick={() => void act(() => api.reporting.accept(report.id, report.version))}>
            {t('reports.accept')}
          </Button>
        </Group>
      )}
      {!returning && <FormError message={error} />}
      {report.entries.map((view, i) => (
        <Card key={view.taskId} withBorder padding="md" data-testid="report-entry" component="section" aria-label={t('reports.task', { no: view.taskNo ?? String(i + 1) })}>
          <EntryHeading view={view} index={i} />
          <Group gap="xs" mb="xs">
            <Badge variant="light">{t(ENTRY_STATUS_LABEL[view.status])}</Badge>
            {view.progress !== null && <Badge variant="outline">{view.progress}%</Badge>}
          </Group>
          <Stack gap="xs">
            {field('reports.blockedReason', view.status === 'blocked' ? view.blockedReason : null)}
            {field('reports.results', view.result ?? view.results)}
            {field('reports.difficulties', view.difficulties)}
            {field('reports.proposals', view.proposals)}
          </Stack>
          <EvidenceList view={view} />
          <ExtensionRequest view={view} canRequest={false} />
          {reviewer && (
            <Textarea
              mt="sm"
              label={t('reports.entryComment')}
              autosize
              minRows={1}
              value={entryComments[view.taskId] ?? ''}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setEntryComments((c) => ({ ...c, [view.taskId]: value }));
              }}
            />
          )}
        </Card>
      ))}
      <Card withBorder padding="md" component="section" aria-label={t('reports.narrative')}>
        <Title order={3} size="h4" mb="sm">
          {t('reports.narrative')}
        </Title>
        <Stack gap="xs">{NARRATIVE_PARTS.map(([key, label]) => <div key={key}>{field(label, report.narrative[key]) ?? null}</div>)}</Stack>
      </Card>
      <Modal opened={returning} onClose={() => setReturning(false)} title={t('reports.returnTitle')}>
        <Textarea label={t('reports.returnComment')} autosize minRows={3} value={comment} onChange={(e) => setComment(e.currentTarget.value)} data-autofocus />
        <FormError message={error} />
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setReturning(false)}>
            {t('common.cancel')}
          </Button>
          <Button color="orange" loading={busy} disabled={comment.trim() === ''} onClick={() => void act(() =>
                  api.reporting.returnReport(
                    report.id,
                    report.version,
                    comment.trim(),
                    Object.entries(entryComments)
                      .filter(([, c]) => c.trim() !== '')
                      .map(([taskId, c]) => ({ taskId: Number(taskId), comment: c.trim() })),
                  ),
                )}>
            {t('reports.return')}
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
