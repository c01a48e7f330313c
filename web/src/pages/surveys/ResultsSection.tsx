import { Badge, Button, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { FormError } from '../../components/FormError';
import { useT } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/vi';
import { exportHref, surveysApi, type CommentView, type ResultsView } from './surveysApi';

const pct = (share: number | null) => (share === null ? '–' : `${(share * 100).toFixed(1)}%`);
const COMMENT_LABEL: Record<CommentView['status'], MessageKey> = { pending: 'surveys.comment.pending', approved: 'surveys.comment.approved', hidden: 'surveys.comment.hidden' };

/** Per question: counts with bars and the numbers; the mean of scales; the free-text answers and their moderation. */
export function ResultsSection({ view, moderates, onChanged }: { view: ResultsView; moderates: boolean; onChanged: () => void }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const decide = async (c: CommentView, decision: 'approved' | 'hidden') => {
    setError(null);
    try {
      await surveysApi.moderate(c.id, decision);
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const id = view.survey.id;
  return (
    <Stack gap="md">
      <Group>
        <Text fw={600}>{t('surveys.responsesCount', { n: view.results.responses })}</Text>
        {view.results.overallMean !== null && <Badge>{t('surveys.mean', { mean: view.results.overallMean.toFixed(2) })}</Badge>}
        <Button component="a" href={exportHref(id, 'xlsx')} variant="default" size="xs">
          {t('surveys.exportXlsx')}
        </Button>
        <Button component="a" href={exportHref(id, 'csv')} variant="default" size="xs">
          {t('surveys.exportCsv')}
        </Button>
      </Group>
      {view.results.questions.map((q) => (
        <div key={q.id}>
          <Title order={4}>
            {q.number}. {q.text}
          </Title>
          <Text size="sm" c="dimmed">
            {t('surveys.answered', { n: q.answered })}
            {q.mean !== null ? ` · ${t('surveys.mean', { mean: q.mean.toFixed(2) })}` : ''}
          </Text>
          {q.kind !== 'text' && (
            <Table>
              <Table.Tbody>
                {q.counts.map((c) => (
                  <Table.Tr key={c.label}>
                    <Table.Td w="40%">{c.label}</Table.Td>
                    <Table.Td w="10%">{c.count}</Table.Td>
                    <Table.Td w="10%">{pct(c.share)}</Table.Td>
                    <Table.Td>
                      <Progress value={c.share === null ? 0 : c.share * 100} aria-hidden />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {q.kind === 'text' &&
            view.comments
              .filter((c) => c.questionId === q.id)
              .map((c) => (
                <Group key={c.id} justify="space-between" wrap="nowrap" py={4} data-testid="survey-comment">
                  <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                    {c.body}
                  </Text>
                  <Group gap="xs" wrap="nowrap">
                    <Badge variant="light">{t(COMMENT_LABEL[c.status])}</Badge>
                    {moderates && c.status !== 'approved' && (
                      <Button size="compact-xs" onClick={() => void decide(c, 'approved')}>
                        {t('surveys.approve')}
                      </Button>
                    )}
                    {moderates && c.status !== 'hidden' && (
                      <Button size="compact-xs" variant="default" onClick={() => void decide(c, 'hidden')}>
                        {t('surveys.hide')}
                      </Button>
                    )}
                  </Group>
                </Group>
              ))}
        </div>
      ))}
      <FormError message={error} />
    </Stack>
  );
}
