import { Anchor, Badge, Button, Card, Loader, Progress, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/endpoints';
import { errorMessage } from '../../api/client';
import { useResource } from '../../api/useResource';
import { useSignedIn } from '../../auth/SessionProvider';
import { DateField } from '../../components/DateField';
import { FormError } from '../../components/FormError';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { UnitSelect } from '../../components/UnitSelect';
import { formatDate, parseVnDate } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import { PATHS } from '../../paths';
import { defaultUnitId, unitsInReach } from '../reception/receptionShared';
import { campaignsApi, money, parseAmount } from './campaignsApi';

export const campaignPath = (id: number) => `${PATHS.campaigns}/${id}`;

/**
 * "Đóng góp tự nguyện": the campaigns of the communes in reach with what was received against the target,
 * and the form a ward officer opens a campaign with (no minimum, no per-household amount: there is no
 * field for one, and the server refuses one).
 */
export function CampaignsPage() {
  const t = useT();
  const session = useSignedIn();
  const navigate = useNavigate();
  const canOpen = session.abilities.recordContributions ?? false;
  const units = useResource(() => api.units.list({ active: true }), []);
  const reach = units.data ? unitsInReach(units.data, session) : [];
  const [unitId, setUnitId] = useState<number | null | undefined>(undefined);
  const chosen = unitId === undefined ? defaultUnitId(reach, session) : unitId;
  const list = useResource(() => campaignsApi.list(chosen !== null ? { unitId: chosen } : {}), [chosen]);
  const [opening, setOpening] = useState(false);
  const [form, setForm] = useState({ purpose: '', target: '', inKind: '', start: '', end: '', description: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (units.error) return <LoadError message={units.error} onRetry={units.reload} />;
  if (!units.data) return <Loader size="sm" aria-label={t('app.loading')} />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const targetAmount = parseAmount(form.target);
    const startDate = parseVnDate(form.start);
    const endDate = parseVnDate(form.end);
    if (chosen === null) return setError(t('campaigns.unitRequired'));
    if (!form.purpose.trim()) return setError(t('campaigns.purposeRequired'));
    if (targetAmount === null) return setError(t('campaigns.amountInvalid'));
    if (!startDate || !endDate) return setError(t('campaigns.dateInvalid'));
    setBusy(true);
    setError(null);
    try {
      const created = await campaignsApi.open({ unitId: chosen, purpose: form.purpose, targetAmount, inKindTarget: form.inKind || null, startDate, endDate, description: form.description || null });
      navigate(campaignPath(created.id));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('campaigns.title')}
        description={t('campaigns.description')}
        actions={
          canOpen && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setOpening((v) => !v)} disabled={chosen === null}>
              {t('campaigns.open')}
            </Button>
          )
        }
      />
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <UnitSelect units={reach} label={t('campaigns.unit')} value={chosen} onChange={(v) => setUnitId(v ?? null)} placeholder={t('reception.allUnits')} />
        </SimpleGrid>
        {opening && (
          <Card withBorder padding="md" component="form" onSubmit={submit} aria-label={t('campaigns.open')}>
            <Stack gap="sm">
              <TextInput label={t('campaigns.purpose')} description={t('campaigns.purposeHint')} required value={form.purpose} onChange={(e) => setForm({ ...form, purpose: e.currentTarget.value })} data-autofocus />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label={t('campaigns.target')} required inputMode="numeric" value={form.target} onChange={(e) => setForm({ ...form, target: e.currentTarget.value })} />
                <TextInput label={t('campaigns.inKindTarget')} value={form.inKind} onChange={(e) => setForm({ ...form, inKind: e.currentTarget.value })} />
                <DateField label={t('campaigns.start')} required value={form.start} onChange={(e) => setForm({ ...form, start: e.currentTarget.value })} />
                <DateField label={t('campaigns.end')} required value={form.end} onChange={(e) => setForm({ ...form, end: e.currentTarget.value })} />
              </SimpleGrid>
              <Textarea label={t('campaigns.descriptionField')} autosize minRows={2} value={form.description} onChange={(e) => setForm({ ...form, description: e.currentTarget.value })} />
              <Text size="sm" c="dimmed">{t('campaigns.voluntary')}</Text>
              <FormError message={error} />
              <Button type="submit" loading={busy} w="fit-content">{t('campaigns.openSubmit')}</Button>
            </Stack>
          </Card>
        )}
        <Card withBorder padding="md">
          {list.error ? (
            <LoadError message={list.error} onRetry={list.reload} />
          ) : !list.data ? (
            <Loader size="sm" aria-label={t('app.loading')} />
          ) : list.data.length === 0 ? (
            <Text c="dimmed">{t('campaigns.empty')}</Text>
          ) : (
            <Table verticalSpacing="xs" aria-label={t('campaigns.title')} className="stack-table" data-testid="campaigns">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('campaigns.purpose')}</Table.Th>
                  <Table.Th>{t('campaigns.period')}</Table.Th>
                  <Table.Th>{t('campaigns.received')}</Table.Th>
                  <Table.Th>{t('campaigns.spent')}</Table.Th>
                  <Table.Th>{t('campaigns.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((c) => (
                  <Table.Tr key={c.id} data-testid="campaign">
                    <Table.Td data-label={t('campaigns.purpose')}>
                      <Anchor component={Link} to={campaignPath(c.id)} fw={600} size="sm">
                        {c.purpose}
                      </Anchor>
                      <Text size="xs" c="dimmed">{c.unitName}</Text>
                    </Table.Td>
                    <Table.Td data-label={t('campaigns.period')}>
                      {formatDate(c.startDate)} – {formatDate(c.endDate)}
                    </Table.Td>
                    <Table.Td data-label={t('campaigns.received')}>
                      <Text size="sm">
                        {money(c.totals.money)} / {money(c.targetAmount)}
                      </Text>
                      <Progress value={Math.min(100, c.totals.progressPercent)} size="sm" aria-label={`${c.totals.progressPercent}%`} />
                    </Table.Td>
                    <Table.Td data-label={t('campaigns.spent')}>{money(c.totals.spent)}</Table.Td>
                    <Table.Td data-label={t('campaigns.status')}>
                      <Badge color={c.status === 'open' ? 'blue' : 'gray'} variant="light" tt="none">
                        {t(c.status === 'open' ? 'campaigns.statusOpen' : 'campaigns.statusClosed')}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
      </Stack>
    </>
  );
}
