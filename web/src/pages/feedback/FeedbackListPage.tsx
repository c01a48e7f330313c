import { Anchor, Badge, Button, Card, Checkbox, Group, Loader, NativeSelect, SimpleGrid, Table, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/endpoints';
import { feedbackApi, type FeedbackView } from '../../api/feedback';
import { useResource } from '../../api/useResource';
import { useSignedIn } from '../../auth/SessionProvider';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { UnitSelect } from '../../components/UnitSelect';
import { formatDate } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import { PATHS } from '../../paths';
import { matchesSearch, searchKey } from '../../../../src/domain/text/normalize';
import { FEEDBACK_TOPICS } from '../../../../src/domain/feedback/topics';
import { unitsInReach } from '../reception/receptionShared';
import { FeedbackStatusBadge, OverdueBadge } from './FeedbackBadges';
import { FEEDBACK_KIND_LIST, FEEDBACK_STATUS_LIST, feedbackPath, KIND_LABEL, STATUS_LABEL, TOPIC_LABEL } from './labels';

/**
 * "Phản ánh, kiến nghị": the cases in the reader's scope. The server sends the whole scope (at most 500);
 * the filters and the search (code or words, with or without diacritics) run here so the counts per status
 * at the top always speak of the whole list. Filters live in the address so a link shows the same list.
 */
export function FeedbackListPage() {
  const t = useT();
  const session = useSignedIn();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const topic = params.get('topic') ?? '';
  const kind = params.get('kind') ?? '';
  const unitId = params.get('unitId') ? Number(params.get('unitId')) : null;
  const overdue = params.get('overdue') === '1';
  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const units = useResource(() => api.units.list({ active: true }), []);
  const list = useResource(() => feedbackApi.list(unitId ? { unitId } : {}), [unitId]);
  const unitName = new Map((units.data ?? []).map((u) => [u.id, u.name]));

  const all = list.data ?? [];
  const counts = new Map<string, number>();
  for (const c of all) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  const overdueCount = all.filter((c) => c.overdue).length;
  const shown = all.filter(
    (c) =>
      (!status || c.status === status) &&
      (!topic || c.topic === topic) &&
      (!kind || c.kind === kind) &&
      (!overdue || c.overdue) &&
      (!q.trim() || matchesSearch(searchKey(`${c.code} ${c.code.replace(/-/g, '')} ${c.description}`), q)),
  );

  return (
    <>
      <PageHeader
        title={t('feedback.title')}
        actions={
          session.abilities.handleFeedback && (
            <Button component={Link} to={PATHS.feedbackNew} leftSection={<IconPlus size={16} aria-hidden />}>
              {t('feedback.onBehalf.title')}
            </Button>
          )
        }
      />
      {/* Not PageHeader's description: its "dimmed" grey is below 4.5:1 contrast on white. */}
      <Text size="sm" c="gray.7" mt={-8} mb="md">
        {t('feedback.description')}
      </Text>
      <Group gap="xs" mb="md" aria-label={t('feedback.counts')} role="group">
        {FEEDBACK_STATUS_LIST.map((s) => (
          <UnstyledButton key={s} onClick={() => set('status', status === s ? null : s)} aria-pressed={status === s} data-testid={`count-${s}`}>
            <Badge variant={status === s ? 'filled' : 'light'} tt="none" size="lg">
              {t(STATUS_LABEL[s])}: {counts.get(s) ?? 0}
            </Badge>
          </UnstyledButton>
        ))}
        <UnstyledButton onClick={() => set('overdue', overdue ? null : '1')} aria-pressed={overdue} data-testid="count-overdue">
          <Badge color="red" variant={overdue ? 'filled' : 'light'} tt="none" size="lg">
            {t('feedback.overdue')}: {overdueCount}
          </Badge>
        </UnstyledButton>
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm" mb="md">
        <TextInput label={t('feedback.search')} placeholder={t('feedback.searchHint')} value={q} onChange={(e) => set('q', e.currentTarget.value)} />
        <NativeSelect
          label={t('feedback.statusField')}
          value={status}
          onChange={(e) => set('status', e.currentTarget.value)}
          data={[{ value: '', label: t('feedback.all') }, ...FEEDBACK_STATUS_LIST.map((s) => ({ value: s, label: t(STATUS_LABEL[s]) }))]}
        />
        <NativeSelect
          label={t('feedback.topicField')}
          value={topic}
          onChange={(e) => set('topic', e.currentTarget.value)}
          data={[{ value: '', label: t('feedback.all') }, ...FEEDBACK_TOPICS.map((s) => ({ value: s, label: t(TOPIC_LABEL[s]) }))]}
        />
        <NativeSelect
          label={t('feedback.kindField')}
          value={kind}
          onChange={(e) => set('kind', e.currentTarget.value)}
          data={[{ value: '', label: t('feedback.all') }, ...FEEDBACK_KIND_LIST.map((s) => ({ value: s, label: t(KIND_LABEL[s]) }))]}
        />
        <UnitSelect
          label={t('feedback.unit')}
          placeholder={t('feedback.all')}
          units={units.data ? unitsInReach(units.data, session) : []}
          value={unitId}
          onChange={(id) => set('unitId', id === null ? null : String(id))}
        />
      </SimpleGrid>
      <Checkbox mb="md" label={t('feedback.overdueOnly')} checked={overdue} onChange={(e) => set('overdue', e.currentTarget.checked ? '1' : null)} />
      <Card withBorder padding="md">
        {list.error ? (
          <LoadError message={list.error} onRetry={list.reload} />
        ) : !list.data ? (
          <Loader size="sm" aria-label={t('app.loading')} />
        ) : shown.length === 0 ? (
          <Text c="gray.7">{t('feedback.empty')}</Text>
        ) : (
          <Table verticalSpacing="sm" aria-label={t('feedback.title')} className="stack-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('feedback.code')}</Table.Th>
                <Table.Th>{t('feedback.question')}</Table.Th>
                <Table.Th>{t('feedback.unit')}</Table.Th>
                <Table.Th>{t('feedback.statusField')}</Table.Th>
                <Table.Th>{t('feedback.due')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((c) => (
                <Row key={c.id} c={c} unitName={unitName.get(c.unitId) ?? String(c.unitId)} />
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </>
  );
}

function Row({ c, unitName }: { c: FeedbackView; unitName: string }) {
  const t = useT();
  return (
    <Table.Tr data-testid="feedback-row">
      <Table.Td data-label={t('feedback.code')}>
        <Anchor component={Link} to={feedbackPath(c.id)} fw={600} ff="monospace">
          {c.code}
        </Anchor>
        <Text size="xs" c="gray.7">
          {t(KIND_LABEL[c.kind])} · {t(TOPIC_LABEL[c.topic])}
        </Text>
      </Table.Td>
      <Table.Td data-label={t('feedback.question')}>
        <Text size="sm" lineClamp={2}>
          {c.description}
        </Text>
      </Table.Td>
      <Table.Td data-label={t('feedback.unit')}>{unitName}</Table.Td>
      <Table.Td data-label={t('feedback.statusField')}>
        <Group gap={4}>
          <FeedbackStatusBadge status={c.status} />
          {c.overdue && <OverdueBadge />}
        </Group>
      </Table.Td>
      <Table.Td data-label={t('feedback.due')}>
        <Text size="sm">{formatDate(c.dueDate)}</Text>
        <Text size="xs" c="gray.7">
          {c.dueExplanation}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
