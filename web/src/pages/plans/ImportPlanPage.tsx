import { Alert, Anchor, Badge, Button, Card, Checkbox, FileInput, Group, Modal, Paper, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconEye, IconFileUpload, IconRefresh, IconUpload } from '@tabler/icons-react';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import type { ImportPreview, Schedule } from '../../api/types';
import { useResource } from '../../api/useResource';
import { FormError } from '../../components/FormError';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/I18nProvider';
import { PATHS, planPath } from '../../paths';
import { ImportReview, type ReviewActions } from './ImportReview';
import { reviewIssues, type ReviewAnswers } from './reviewIssues';

/** The server refuses bigger files with 413; saying so before uploading saves the wait. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;
const ACCEPT = '.docx,.xlsx,.txt,.tsv';

const NO_ANSWERS: ReviewAnswers = { partyFixes: {}, deadlineFixes: {}, readings: {}, acknowledged: new Set(), issuerUnitId: null };

/** What of the answers the server sees (readings and ticks stay on this screen). */
const sentAnswers = (a: ReviewAnswers) => JSON.stringify([a.partyFixes, a.deadlineFixes, a.issuerUnitId]);

/**
 * Importing a plan document: choose the file (and, to revise, the saved plan) → the server reads it
 * without saving (dry run) → the review screen, where every unmatched party, unread deadline and
 * warning is answered in place → "Xem lại" reads it again with the answers → "Xác nhận nhập" saves.
 */
export function ImportPlanPage() {
  const t = useT();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const presetPlan = params.get('planId');

  const plans = useResource(() => api.plans.list(), []);
  const units = useResource(() => api.units.list(), []);

  const [file, setFile] = useState<File | null>(null);
  const [revise, setRevise] = useState(presetPlan !== null);
  const [planId, setPlanId] = useState<string | null>(presetPlan);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [answers, setAnswers] = useState<ReviewAnswers>(NO_ANSWERS);
  /** The answers the preview on screen was read with: when they differ, "Xem lại" shows something new. */
  const [previewedWith, setPreviewedWith] = useState('');
  const [busy, setBusy] = useState<'preview' | 'import' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const request = (a: ReviewAnswers) => ({
    file: file!,
    planId: revise && planId ? Number(planId) : undefined,
    issuerUnitId: a.issuerUnitId ?? undefined,
    partyFixes: a.partyFixes,
    deadlineFixes: a.deadlineFixes,
  });

  const runPreview = async (a: ReviewAnswers = answers) => {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setError(t('import.tooLarge'));
      return;
    }
    setError(null);
    setBusy('preview');
    try {
      const next = await api.plans.preview(request(a));
      setPreview(next);
      setPreviewedWith(sentAnswers(a));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const startOver = () => {
    setPreview(null);
    setAnswers(NO_ANSWERS);
    setPreviewedWith('');
    setError(null);
  };

  const stale = preview !== null && sentAnswers(answers) !== previewedWith;

  const latest: ReviewActions = {
    setPartyFix: (text, fix) =>
      setAnswers((a) => {
        if (a.partyFixes[text] === fix) return a;
        const partyFixes = { ...a.partyFixes };
        if (fix === undefined) delete partyFixes[text];
        else partyFixes[text] = fix;
        return { ...a, partyFixes };
      }),
    setDeadlineFix: (key, text) =>
      setAnswers((a) => {
        if (a.deadlineFixes[key] === text) return a;
        const deadlineFixes = { ...a.deadlineFixes };
        if (text === undefined) delete deadlineFixes[key];
        else deadlineFixes[key] = text;
        return { ...a, deadlineFixes };
      }),
    setReading: (key, schedule: Schedule | undefined) =>
      setAnswers((a) => {
        if (a.readings[key] === schedule) return a;
        const readings = { ...a.readings };
        if (schedule === undefined) delete readings[key];
        else readings[key] = schedule;
        return { ...a, readings };
      }),
    acknowledge: (ids, seen) =>
      setAnswers((a) => {
        const acknowledged = new Set(a.acknowledged);
        for (const id of ids) {
          if (seen) acknowledged.add(id);
          else acknowledged.delete(id);
        }
        return { ...a, acknowledged };
      }),
    setIssuer: (unitId) => {
      const next = { ...answers, issuerUnitId: unitId };
      setAnswers(next);
      // The issuer decides how every party resolves: read the document again at once.
      if (unitId !== null) void runPreview(next);
    },
  };

  // The rows of the review are memoised: they get callbacks that never change and call the latest ones.
  const latestRef = useRef(latest);
  latestRef.current = latest;
  const actions = useMemo<ReviewActions>(
    () => ({
      setPartyFix: (...a) => latestRef.current.setPartyFix(...a),
      setDeadlineFix: (...a) => latestRef.current.setDeadlineFix(...a),
      setReading: (...a) => latestRef.current.setReading(...a),
      acknowledge: (...a) => latestRef.current.acknowledge(...a),
      setIssuer: (...a) => latestRef.current.setIssuer(...a),
    }),
    [],
  );

  const issues = useMemo(() => (preview ? reviewIssues(preview, answers) : []), [preview, answers]);
  const openCount = issues.filter((i) => i.open).length;

  const confirm = async () => {
    setConfirming(false);
    if (!file) return;
    setError(null);
    setBusy('import');
    try {
      const result = await api.plans.import(request(answers));
      const r = result.revision;
      notifications.show({
        color: 'green',
        title: t('import.doneTitle'),
        message: preview?.target
          ? t('import.doneRevision', { added: r.added.length, changed: r.changed.length, retired: r.retired.length })
          : t('import.doneNew', { count: r.added.length }),
      });
      navigate(planPath(result.plan.id));
    } catch (e) {
      setError(errorMessage(e));
      window.scrollTo({ top: 0, behavior: 'smooth' });
    } finally {
      setBusy(null);
    }
  };

  /** A new upload starts a new review: earlier answers belonged to the earlier reading. */
  const upload = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    startOver();
    void runPreview(NO_ANSWERS);
  };

  const planOptions = (plans.data ?? []).map((p) => ({
    value: String(p.id),
    label: `${p.number ?? t('plans.noNumber')} — ${p.title.length > 90 ? `${p.title.slice(0, 90)}…` : p.title}`,
  }));

  return (
    <>
      <PageHeader title={t('import.title')} description={t('import.description')} />
      <Stack gap="md">
        <Card withBorder padding="md" component="form" onSubmit={upload}>
          <Stack gap="sm">
            <FileInput
              label={t('import.file')}
              description={t('import.fileHint')}
              placeholder={t('import.filePlaceholder')}
              accept={ACCEPT}
              value={file}
              onChange={(f) => {
                setFile(f);
                startOver();
              }}
              clearable
              leftSection={<IconFileUpload size={16} aria-hidden />}
              maw={560}
              withAsterisk
            />
            <Checkbox
              label={t('import.revise')}
              checked={revise}
              onChange={(e) => {
                setRevise(e.currentTarget.checked);
                startOver();
              }}
            />
            {revise && (
              <Select
                label={t('import.revisePlan')}
                placeholder={t('import.revisePlanPlaceholder')}
                data={planOptions}
                value={planId}
                onChange={(v) => {
                  setPlanId(v);
                  startOver();
                }}
                searchable
                maw={560}
                withAsterisk
              />
            )}
            <Group>
              <Button
                type="submit"
                leftSection={<IconUpload size={16} aria-hidden />}
                loading={busy === 'preview' && !preview}
                disabled={!file || (revise && !planId)}
              >
                {t('import.upload')}
              </Button>
              <Anchor component={Link} to={PATHS.plans} size="sm">
                {t('common.cancel')}
              </Anchor>
            </Group>
            {!preview && <FormError message={error} />}
          </Stack>
        </Card>

        {preview && (
          <>
            <Paper withBorder shadow="sm" p="sm" className="review-bar" data-testid="review-bar">
              <Stack gap="xs">
                <Group justify="space-between" gap="sm">
                  <Group gap="xs">
                    <Badge
                      size="lg"
                      radius="sm"
                      tt="none"
                      color={openCount ? 'orange' : 'green'}
                      variant={openCount ? 'filled' : 'light'}
                      role="status"
                      data-testid="open-count"
                    >
                      {openCount ? t('review.remaining', { count: openCount }) : t('review.allChecked')}
                    </Badge>
                    {stale && (
                      <Text size="xs" c="dimmed">
                        {t('review.stale')}
                      </Text>
                    )}
                  </Group>
                  <Group gap="xs">
                    <Button variant={stale ? 'light' : 'default'} leftSection={<IconRefresh size={16} aria-hidden />} onClick={() => void runPreview()} loading={busy === 'preview'} disabled={busy !== null}>
                      {t('review.rerun')}
                    </Button>
                    <Button
                      color="green"
                      leftSection={<IconCheck size={16} aria-hidden />}
                      onClick={() => (openCount ? setConfirming(true) : void confirm())}
                      loading={busy === 'import'}
                      disabled={busy !== null || preview.duplicateOf !== null || preview.tasks.length === 0}
                    >
                      {t('review.confirm')}
                    </Button>
                  </Group>
                </Group>
                <FormError message={error} />
              </Stack>
            </Paper>
            {units.error && <Alert color="red">{units.error}</Alert>}
            <ImportReview preview={preview} answers={answers} issues={issues} actions={actions} units={units.data ?? []} />
          </>
        )}
      </Stack>

      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('review.confirmTitle', { count: openCount })}>
        <Stack>
          <Text size="sm">{t('review.confirmText')}</Text>
          <Group justify="flex-end">
            <Button variant="default" leftSection={<IconEye size={16} aria-hidden />} onClick={() => setConfirming(false)}>
              {t('review.keepReviewing')}
            </Button>
            <Button color="green" onClick={() => void confirm()}>
              {t('review.confirmAnyway')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
