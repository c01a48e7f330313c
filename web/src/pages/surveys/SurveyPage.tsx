import { Button, Card, Group, Loader, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { useResource } from '../../api/useResource';
import { useSignedIn } from '../../auth/SessionProvider';
import { FormError } from '../../components/FormError';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, todayIso } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import { QuestionBuilder } from './QuestionBuilder';
import { ResultsSection } from './ResultsSection';
import { StatusBadge } from './StatusBadge';
import { canBuildSurveys, canModerateSurveys, surveysApi, type Question } from './surveysApi';

/** One survey: the builder while a draft, publish for a period, close; results and the moderation queue. */
export function SurveyPage() {
  const t = useT();
  const session = useSignedIn();
  const id = Number(useParams().id);
  const survey = useResource(() => surveysApi.get(id), [id]);
  const results = useResource(() => surveysApi.results(id), [id]);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [questions, setQuestions] = useState<Question[]>([]);
  const [closesOn, setClosesOn] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!survey.data) return;
    setTitle(survey.data.title);
    setDescription(survey.data.description);
    setQuestions(survey.data.questions);
  }, [survey.data]);

  const run = async (work: () => Promise<unknown>, done: string) => {
    setError(null);
    setBusy(true);
    try {
      await work();
      notifications.show({ message: done, color: 'green' });
      survey.reload();
      results.reload();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (survey.error) return <LoadError message={survey.error} onRetry={survey.reload} />;
  if (!survey.data) return <Loader size="sm" aria-label={t('app.loading')} />;
  const s = survey.data;
  const builds = canBuildSurveys(session);
  const editable = builds && s.status === 'draft';

  return (
    <>
      <PageHeader title={s.title} description={`${s.unitName}${s.serviceAreaLabel ? ` · ${s.serviceAreaLabel}` : ''}`} />
      <Group mb="md">
        <StatusBadge status={s.status} />
        {s.opensOn && <Text size="sm">{t('surveys.periodText', { from: formatDate(s.opensOn), to: formatDate(s.closesOn) })}</Text>}
        {s.status !== 'draft' && (
          <Button component="a" href={`/khao-sat/${s.id}/ket-qua`} target="_blank" variant="subtle" size="xs">
            {t('surveys.publicPage')}
          </Button>
        )}
      </Group>
      {editable && (
        <Card withBorder mb="md">
          <Stack gap="sm">
            <TextInput label={t('surveys.name')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
            <Textarea label={t('surveys.intro')} autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
            <QuestionBuilder questions={questions} onChange={setQuestions} />
            <Group>
              <Button loading={busy} data-testid="survey-save" onClick={() => void run(() => surveysApi.update(id, { title, description, questions: questions.map((q) => ({ ...q, options: q.options?.map((o) => o.trim()).filter(Boolean) })) }), t('surveys.saved'))}>
                {t('common.save')}
              </Button>
            </Group>
            <Title order={4}>{t('surveys.publish')}</Title>
            <Group align="end">
              <TextInput type="date" label={t('surveys.closesOn')} min={todayIso()} value={closesOn} onChange={(e) => setClosesOn(e.currentTarget.value)} />
              <Button loading={busy} disabled={!closesOn} data-testid="survey-publish" onClick={() => void run(() => surveysApi.publish(id, closesOn), t('surveys.published'))}>
                {t('surveys.publish')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      {builds && s.status === 'published' && (
        <Button mb="md" color="red" variant="light" loading={busy} onClick={() => void run(() => surveysApi.close(id), t('surveys.closed'))}>
          {t('surveys.close')}
        </Button>
      )}
      <FormError message={error} />
      {s.status !== 'draft' && (
        <>
          <Title order={3} mt="md" mb="sm">
            {t('surveys.results')}
          </Title>
          {results.error ? <LoadError message={results.error} onRetry={results.reload} /> : results.data ? <ResultsSection view={results.data} moderates={canModerateSurveys(session)} onChanged={results.reload} /> : <Loader size="sm" />}
        </>
      )}
    </>
  );
}
