import { Button, Card, Group, Loader, NativeSelect, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import { feedbackApi, type FeedbackKind, type FeedbackTopic } from '../../api/feedback';
import { useResource } from '../../api/useResource';
import { useSignedIn } from '../../auth/SessionProvider';
import { FormError } from '../../components/FormError';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { UnitSelect } from '../../components/UnitSelect';
import { useT } from '../../i18n/I18nProvider';
import { FEEDBACK_TOPICS } from '../../../../src/domain/feedback/topics';
import { unitsInReach } from '../reception/receptionShared';
import { FEEDBACK_KIND_LIST, feedbackPath, KIND_LABEL, TOPIC_LABEL } from './labels';

/**
 * "Tiếp nhận tại bộ phận một cửa": an officer files what a citizen said at the desk or on the phone. The
 * server routes it and counts the due date as for the public form; the case page then shows the code to give
 * the citizen.
 */
export function FeedbackOnBehalfPage() {
  const t = useT();
  const session = useSignedIn();
  const navigate = useNavigate();
  const units = useResource(() => api.units.list({ active: true }), []);
  const communes = (units.data ? unitsInReach(units.data, session) : []).filter((u) => u.kind === 'commune' || u.kind === 'ward');
  const [form, setForm] = useState({ channel: 'desk' as 'desk' | 'phone', kind: 'feedback' as FeedbackKind, topic: '' as FeedbackTopic | '', description: '', name: '', contact: '' });
  const [communeId, setCommuneId] = useState<number | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = communeId === undefined ? (communes.find((u) => u.id === session.user.unitId)?.id ?? null) : communeId;

  if (units.error) return <LoadError message={units.error} onRetry={units.reload} />;
  if (!units.data) return <Loader size="sm" aria-label={t('app.loading')} />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (chosen === null) return setError(t('feedback.onBehalf.communeRequired'));
    if (!form.topic) return setError(t('feedback.onBehalf.topicRequired'));
    if (form.description.trim().length < 10) return setError(t('feedback.onBehalf.descriptionRequired'));
    setBusy(true);
    setError(null);
    try {
      const created = await feedbackApi.fileOnBehalf({
        channel: form.channel,
        kind: form.kind,
        topic: form.topic,
        communeId: chosen,
        description: form.description,
        name: form.name.trim() || undefined,
        contact: form.contact.trim() || undefined,
      });
      navigate(feedbackPath(created.id));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const field = (key: 'description' | 'name' | 'contact') => ({ value: form[key], onChange: (e: { currentTarget: { value: string } }) => setForm({ ...form, [key]: e.currentTarget.value }) });

  return (
    <>
      <PageHeader title={t('feedback.onBehalf.title')} />
      {/* Not PageHeader's description: its "dimmed" grey is below 4.5:1 contrast on white. */}
      <Text size="sm" c="gray.7" mt={-8} mb="md">
        {t('feedback.onBehalf.description')}
      </Text>
      <Card withBorder padding="md" component="form" onSubmit={submit} aria-label={t('feedback.onBehalf.title')} noValidate>
        <Stack gap="sm">
          <FormError message={error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect
              label={t('feedback.channel')}
              value={form.channel}
              onChange={(e) => setForm({ ...form, channel: e.currentTarget.value as 'desk' | 'phone' })}
              data={[
                { value: 'desk', label: t('feedback.channel.desk') },
                { value: 'phone', label: t('feedback.channel.phone') },
              ]}
            />
            <NativeSelect label={t('feedback.kindField')} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.currentTarget.value as FeedbackKind })} data={FEEDBACK_KIND_LIST.map((k) => ({ value: k, label: t(KIND_LABEL[k]) }))} />
            <NativeSelect
              label={t('feedback.topicField')}
              value={form.topic}
              onChange={(e) => setForm({ ...form, topic: e.currentTarget.value as FeedbackTopic })}
              data={[{ value: '', label: t('feedback.onBehalf.chooseTopic') }, ...FEEDBACK_TOPICS.map((k) => ({ value: k, label: t(TOPIC_LABEL[k]) }))]}
            />
            <UnitSelect label={t('feedback.onBehalf.commune')} units={communes} value={chosen} onChange={setCommuneId} />
          </SimpleGrid>
          <Textarea label={t('feedback.onBehalf.content')} autosize minRows={5} {...field('description')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('feedback.senderName')} {...field('name')} />
            <TextInput label={t('feedback.senderContact')} {...field('contact')} />
          </SimpleGrid>
          <Text size="xs" c="gray.7">
            {t('feedback.senderPrivate')}
          </Text>
          <Group>
            <Button type="submit" loading={busy}>
              {t('feedback.onBehalf.submit')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </>
  );
}
