import { Anchor, Badge, Button, Card, Checkbox, Group, List, Loader, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import { feedbackApi, type FeedbackView } from '../../api/feedback';
import { useResource } from '../../api/useResource';
import { useSignedIn } from '../../auth/SessionProvider';
import { FormError } from '../../components/FormError';
import { LoadError } from '../../components/LoadError';
import { UnitSelect } from '../../components/UnitSelect';
import { formatDate, formatDateTime } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import { PATHS } from '../../paths';
import { canStep } from '../../../../src/domain/feedback/status';
import { parseFeedbackCode } from '../../../../src/domain/feedback/code';
import { unitsInReach } from '../reception/receptionShared';
import { FeedbackStatusBadge, OverdueBadge } from './FeedbackBadges';
import { feedbackPath, KIND_LABEL, TOPIC_LABEL } from './labels';

/** One case: the question, files, the sender (staff only), the history, and the steps the user may take now. */
export function FeedbackCasePage() {
  const t = useT();
  const id = Number(useParams().id);
  const one = useResource(() => feedbackApi.get(id), [id]);
  if (one.error) return <LoadError message={one.error} onRetry={one.reload} />;
  if (!one.data) return <Loader size="sm" aria-label={t('app.loading')} />;
  const c = one.data;
  return (
    <Stack gap="md">
      <Anchor component={Link} to={PATHS.feedback} size="sm">
        ← {t('feedback.back')}
      </Anchor>
      <Group gap="sm" align="center">
        <Title order={2} ff="monospace">
          {c.code}
        </Title>
        <FeedbackStatusBadge status={c.status} />
        {c.overdue && <OverdueBadge />}
        {c.answerPublic && (
          <Badge color="teal.9" variant="outline" tt="none" data-testid="feedback-public">
            {t('feedback.isPublic')}
          </Badge>
        )}
      </Group>
      <Text size="sm" c="gray.7">
        {t(KIND_LABEL[c.kind])} · {t(TOPIC_LABEL[c.topic])} · {t('feedback.channel')}: {c.channelLabel} · {t('feedback.receivedOn')} {formatDate(c.receivedOn)}
      </Text>
      {c.duplicateOf !== null && (
        <Text size="sm" data-testid="feedback-merged">
          {t('feedback.mergedInto')}{' '}
          <Anchor component={Link} to={feedbackPath(c.duplicateOf)}>
            #{c.duplicateOf}
          </Anchor>
        </Text>
      )}
      <Text size="sm" data-testid="feedback-due">
        {t('feedback.due')}: <b>{formatDate(c.dueDate)}</b> — {c.dueExplanation}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder padding="md">
          <Title order={3} size="h4" mb="xs">
            {t('feedback.question')}
          </Title>
          <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="feedback-question">
            {c.description}
          </Text>
          {(c.attachments ?? []).length > 0 && (
            <>
              <Title order={4} size="h5" mt="md" mb={4}>
                {t('feedback.attachments')}
              </Title>
              <List size="sm">
                {(c.attachments ?? []).map((a) => (
                  <List.Item key={a.hash}>
                    <Anchor href={feedbackApi.fileUrl(c.id, a.hash)}>{a.name}</Anchor> ({Math.ceil(a.size / 1024)} KB)
                  </List.Item>
                ))}
              </List>
            </>
          )}
          {c.answer && (
            <>
              <Title order={4} size="h5" mt="md" mb={4}>
                {t('feedback.answer')}
              </Title>
              <Text style={{ whiteSpace: 'pre-wrap' }} data-testid="feedback-answer">
                {c.answer}
              </Text>
            </>
          )}
          {c.rejectReason && (
            <Text mt="md" size="sm">
              {t('feedback.rejectReason')}: {c.rejectReason}
            </Text>
          )}
          {c.rating !== null && (
            <Text mt="md" size="sm" data-testid="feedback-rating">
              {t('feedback.rating', { stars: c.rating })}
            </Text>
          )}
        </Card>
        <Card withBorder padding="md" bg="var(--mantine-color-yellow-0)">
          <Title order={3} size="h4" mb={4}>
            {t('feedback.sender')}
          </Title>
          <Text size="xs" c="gray.7" mb="xs">
            {t('feedback.senderPrivate')}
          </Text>
          <Text size="sm">
            {t('feedback.senderName')}: {c.sender?.name ?? t('feedback.anonymous')}
          </Text>
          <Text size="sm">
            {t('feedback.senderContact')}: {c.sender?.contact ?? t('common.none')}
          </Text>
        </Card>
      </SimpleGrid>
      {/* Keyed by version: after each step the forms start again from the saved case. */}
      <Actions key={c.version} c={c} onChanged={one.reload} />
      <Card withBorder padding="md">
        <Title order={3} size="h4" mb="xs">
          {t('feedback.history')}
        </Title>
        <List size="sm" spacing={4} data-testid="feedback-history">
          {(c.messages ?? []).map((m, i) => (
            <List.Item key={i}>
              {formatDateTime(m.createdAt)} — <b>{m.statusLabel}</b>
              {m.body ? `: ${m.body}` : ''}
            </List.Item>
          ))}
        </List>
        {(c.duplicates ?? []).length > 0 && (
          <Text size="sm" mt="sm">
            {t('feedback.duplicates')}: {(c.duplicates ?? []).map((d) => d.code).join(', ')}
          </Text>
        )}
      </Card>
    </Stack>
  );
}

const COMPLEXITIES = ['normal', 'complex', 'very_complex'] as const;
type Complexity = (typeof COMPLEXITIES)[number];

/** The steps the user's abilities and the case's status allow now; the server checks both again. */
function Actions({ c, onChanged }: { c: FeedbackView; onChanged: () => void }) {
  const t = useT();
  const session = useSignedIn();
  const { handleFeedback, assignFeedback } = session.abilities;
  const topics = useResource(() => feedbackApi.topics(), []);
  const units = useResource(() => api.units.list({ active: true }), []);
  const [answer, setAnswer] = useState(c.answer ?? '');
  const [makePublic, setMakePublic] = useState(c.kind === 'feedback');
  const [reason, setReason] = useState('');
  const [dupCode, setDupCode] = useState('');
  const [complexity, setComplexity] = useState<Complexity>('normal');
  const [publicQuestion, setPublicQuestion] = useState(c.publicQuestion ?? c.description);
  const [unitId, setUnitId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!handleFeedback && !assignFeedback) return null;

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      setReason('');
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  // The template names the unit as «Ủy ban nhân dân {donVi}»: filled with the handling unit's own name.
  const handler = units.data?.find((u) => u.id === c.unitId)?.name.replace(/^(UBND|Ủy ban nhân dân)\s+/u, '');
  const template = topics.data?.find((x) => x.topic === c.topic)?.template.replaceAll('{donVi}', handler ?? '…');
  const publishable = c.kind === 'feedback' && c.duplicateOf === null;
  const needReason = () => (reason.trim() ? null : t('feedback.reasonRequired'));
  const markDuplicate = async () => {
    const code = parseFeedbackCode(dupCode);
    if (!code) throw new Error(t('feedback.duplicateCodeInvalid'));
    const master = (await feedbackApi.list()).find((x) => x.code === code);
    if (!master) throw new Error(t('feedback.duplicateNotFound'));
    return feedbackApi.markDuplicate(c, master.id);
  };

  return (
    <Card withBorder padding="md" component="section" aria-label={t('feedback.actions')}>
      <Title order={3} size="h4" mb="sm">
        {t('feedback.actions')}
      </Title>
      <Stack gap="md">
        <FormError message={error} />
        {assignFeedback && canStep(c.status, 'assign') && (
          <Group align="flex-end">
            <UnitSelect label={t('feedback.assignTo')} units={units.data ? unitsInReach(units.data, session) : []} value={unitId} onChange={setUnitId} w={320} />
            <Button variant="default" disabled={busy || unitId === null} onClick={() => unitId !== null && run(() => feedbackApi.assign(c, unitId))}>
              {c.status === 'received' ? t('feedback.assign') : t('feedback.reassign')}
            </Button>
          </Group>
        )}
        {handleFeedback && canStep(c.status, 'start') && (
          <Group align="flex-end">
            {/* Complaints and denunciations are accepted (thụ lý) on start; their legal time depends on complexity. */}
            {c.kind !== 'feedback' && (
              <NativeSelect
                label={t('feedback.complexity')}
                value={complexity}
                onChange={(e) => setComplexity(e.currentTarget.value as Complexity)}
                data={COMPLEXITIES.map((x) => ({ value: x, label: t(`feedback.complexity.${x}`) }))}
              />
            )}
            <Button onClick={() => run(() => feedbackApi.start(c, c.kind === 'feedback' ? undefined : complexity))} disabled={busy}>
              {t('feedback.start')}
            </Button>
          </Group>
        )}
        {handleFeedback && canStep(c.status, 'answer') && (
          <Stack gap="xs">
            <Group>
              <Button variant="light" disabled={!template} onClick={() => template && setAnswer((a) => (a.trim() ? `${a}\n\n${template}` : template))}>
                {t('feedback.insertTemplate')}
              </Button>
            </Group>
            <Textarea label={t('feedback.answer')} autosize minRows={5} value={answer} onChange={(e) => setAnswer(e.currentTarget.value)} />
            {publishable && <Checkbox label={t('feedback.makePublic')} checked={makePublic} onChange={(e) => setMakePublic(e.currentTarget.checked)} />}
            <Group>
              <Button disabled={busy} onClick={() => run(() => feedbackApi.answer(c, answer, publishable && makePublic))}>
                {t('feedback.sendAnswer')}
              </Button>
            </Group>
          </Stack>
        )}
        {handleFeedback && publishable && (c.status === 'answered' || c.status === 'closed') && (
          <Stack gap="xs">
            {/* The server hides names, phone numbers and addresses again; the officer may shorten or reword. */}
            <Textarea label={t('feedback.publicQuestion')} description={t('feedback.publicQuestionHint')} autosize minRows={3} value={publicQuestion} onChange={(e) => setPublicQuestion(e.currentTarget.value)} data-public-question />
            <Group>
              {c.answerPublic ? (
                <>
                  <Button variant="default" disabled={busy} onClick={() => run(() => feedbackApi.publish(c, publicQuestion))}>
                    {t('feedback.savePublicQuestion')}
                  </Button>
                  <Button variant="default" disabled={busy} onClick={() => run(() => feedbackApi.unpublish(c))}>
                    {t('feedback.unpublish')}
                  </Button>
                </>
              ) : (
                <Button variant="default" disabled={busy} onClick={() => run(() => feedbackApi.publish(c, publicQuestion))}>
                  {t('feedback.publish')}
                </Button>
              )}
              {canStep(c.status, 'close') && (
                <Button variant="default" disabled={busy} onClick={() => run(() => feedbackApi.close(c))}>
                  {t('feedback.close')}
                </Button>
              )}
            </Group>
          </Stack>
        )}
        {handleFeedback && !publishable && canStep(c.status, 'close') && (
          <Group>
            <Button variant="default" disabled={busy} onClick={() => run(() => feedbackApi.close(c))}>
              {t('feedback.close')}
            </Button>
          </Group>
        )}
        {handleFeedback && (canStep(c.status, 'reject') || canStep(c.status, 'reopen')) && (
          <Stack gap="xs">
            <Textarea label={t('feedback.reason')} autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
            <Group>
              {canStep(c.status, 'reject') && (
                <Button color="red" variant="light" disabled={busy} onClick={() => (needReason() ? setError(needReason()) : run(() => feedbackApi.reject(c, reason)))}>
                  {t('feedback.reject')}
                </Button>
              )}
              {canStep(c.status, 'reopen') && (
                <Button color="orange" variant="light" disabled={busy} onClick={() => (needReason() ? setError(needReason()) : run(() => feedbackApi.reopen(c, reason)))}>
                  {t('feedback.reopen')}
                </Button>
              )}
            </Group>
          </Stack>
        )}
        {handleFeedback && c.duplicateOf === null && canStep(c.status, 'duplicate') && (
          <Group align="flex-end">
            <TextInput label={t('feedback.duplicateOf')} placeholder="PA-XXXX-XXXX" value={dupCode} onChange={(e) => setDupCode(e.currentTarget.value)} />
            <Button variant="default" disabled={busy || !dupCode.trim()} onClick={() => run(markDuplicate)}>
              {t('feedback.markDuplicate')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
