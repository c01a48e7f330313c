import { Badge, Button, Card, Group, Loader, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import { useResource } from '../../api/useResource';
import { useSignedIn } from '../../auth/SessionProvider';
import { FormError } from '../../components/FormError';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { formatDate } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import { unitsFor } from '../disclosures/units';
import { canBuildSurveys, surveysApi, type SurveyView } from './surveysApi';
import { StatusBadge } from './StatusBadge';

export const surveyPath = (id: number) => `/khao-sat/${id}`;

/** "Khảo sát": every survey in the user's scope; a coordinator starts one from the SIPAS template or blank. */
export function SurveysPage() {
  const t = useT();
  const session = useSignedIn();
  const navigate = useNavigate();
  const list = useResource(() => surveysApi.list(), []);
  const byUnit = useResource(() => surveysApi.byUnit(), []);
  const units = useResource(() => api.units.list({ active: true }), []);
  const [unitId, setUnitId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const builds = canBuildSurveys(session);

  const start = async (template: boolean) => {
    setError(null);
    setBusy(true);
    try {
      const created = await surveysApi.create(
        template
          ? { unitId: Number(unitId), template: 'sipas' }
          : { unitId: Number(unitId), title: t('surveys.blankTitle'), subjectKind: 'unit', questions: [{ id: 'q1', kind: 'scale', text: t('surveys.blankQuestion'), required: true }] },
      );
      navigate(surveyPath(created.id));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  if (list.error) return <LoadError message={list.error} onRetry={list.reload} />;
  const choices = unitsFor(session.user, units.data ?? []);
  return (
    <>
      <PageHeader title={t('surveys.title')} description={t('surveys.description')} />
      {builds && (
        <Card withBorder mb="md">
          <Stack gap="xs">
            <NativeSelect label={t('surveys.unit')} value={unitId} onChange={(e) => setUnitId(e.currentTarget.value)} data={[{ value: '', label: t('surveys.chooseUnit') }, ...choices.map((u) => ({ value: String(u.id), label: u.name }))]} />
            <Group>
              <Button disabled={!unitId} loading={busy} onClick={() => void start(true)} data-testid="survey-from-template">
                {t('surveys.fromTemplate')}
              </Button>
              <Button variant="default" disabled={!unitId} loading={busy} onClick={() => void start(false)}>
                {t('surveys.blank')}
              </Button>
            </Group>
            <Text size="sm" c="dimmed">
              {t('surveys.templateHint')}
            </Text>
            <FormError message={error} />
          </Stack>
        </Card>
      )}
      {!list.data ? (
        <Loader size="sm" aria-label={t('app.loading')} />
      ) : list.data.items.length === 0 ? (
        <Text>{t('surveys.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('surveys.name')}</Table.Th>
                <Table.Th>{t('surveys.unit')}</Table.Th>
                <Table.Th>{t('surveys.status')}</Table.Th>
                <Table.Th>{t('surveys.period')}</Table.Th>
                <Table.Th>{t('surveys.responses')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((s: SurveyView) => (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Link to={surveyPath(s.id)}>{s.title}</Link>
                    {s.serviceAreaLabel && (
                      <Badge variant="light" ml="xs">
                        {s.serviceAreaLabel}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{s.unitName}</Table.Td>
                  <Table.Td>
                    <StatusBadge status={s.status} />
                  </Table.Td>
                  <Table.Td>{s.opensOn ? `${formatDate(s.opensOn)} – ${formatDate(s.closesOn)}` : '—'}</Table.Td>
                  <Table.Td>{s.responses}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {byUnit.data && byUnit.data.items.length > 0 && (
        <Stack gap="xs" mt="lg">
          <Title order={3}>{t('surveys.byUnit')}</Title>
          <Table striped data-testid="survey-by-unit">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('surveys.unit')}</Table.Th>
                <Table.Th>{t('surveys.surveyCount')}</Table.Th>
                <Table.Th>{t('surveys.responses')}</Table.Th>
                <Table.Th>{t('surveys.meanScore')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {byUnit.data.items.map((u) => (
                <Table.Tr key={u.unitId}>
                  <Table.Td>{u.unitName}</Table.Td>
                  <Table.Td>{u.surveys}</Table.Td>
                  <Table.Td>{u.responses}</Table.Td>
                  <Table.Td>{u.mean === null ? '—' : u.mean.toFixed(2)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </>
  );
}
