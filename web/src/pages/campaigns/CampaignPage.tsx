import { Alert, Anchor, Badge, Button, Card, FileInput, Group, Loader, NativeSelect, Progress, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useRef, useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { useResource } from '../../api/useResource';
import { useSignedIn } from '../../auth/SessionProvider';
import { DateField } from '../../components/DateField';
import { FormError } from '../../components/FormError';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, parseVnDate, todayIso } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import { campaignsApi, money, parseAmount, type CampaignDetail, type ContributionView } from './campaignsApi';

const vnToday = () => formatDate(todayIso());

/** "007" → "008", "BN-12" → "BN-13"; a number without digits stays as it is (the officer types the next one). */
export function nextReceiptNo(previous: string): string {
  const m = /^(.*?)(\d+)$/.exec(previous);
  if (!m) return previous;
  const next = String(Number(m[2]) + 1).padStart(m[2]!.length, '0');
  return `${m[1]}${next}`;
}

/**
 * One campaign: totals, the fast contribution form (Enter saves; the name field gets the focus back, the
 * village, date and the next receipt number stay filled), each contribution's confirmation to print or
 * download, spending with its evidence, and closing the campaign.
 */
export function CampaignPage() {
  const t = useT();
  const session = useSignedIn();
  const id = Number(useParams().id);
  const campaign = useResource(() => campaignsApi.get(id), [id]);
  const canWrite = session.abilities.recordContributions ?? false;

  if (campaign.error) return <LoadError message={campaign.error} onRetry={campaign.reload} />;
  if (!campaign.data) return <Loader size="sm" aria-label={t('app.loading')} />;
  const c = campaign.data;

  return (
    <>
      <PageHeader title={c.purpose} description={`${c.unitName} · ${formatDate(c.startDate)} – ${formatDate(c.endDate)}`} />
      <Stack gap="md">
        <Card withBorder padding="md" data-testid="campaign-totals">
          <Group justify="space-between" align="flex-start">
            <div>
              <Text size="sm">
                {t('campaigns.received')}: <strong>{money(c.totals.money)}</strong> / {money(c.targetAmount)} ({c.totals.progressPercent}%)
              </Text>
              {c.totals.inKindValue > 0 && <Text size="sm">{t('campaigns.inKindValue')}: {money(c.totals.inKindValue)}</Text>}
              <Text size="sm">
                {t('campaigns.spent')}: {money(c.totals.spent)} · {t('campaigns.balance')}: {money(c.totals.balance)}
              </Text>
              <Text size="sm">{t('campaigns.count', { count: c.totals.contributions })}</Text>
            </div>
            <Group gap="xs">
              <Badge color={c.status === 'open' ? 'blue' : 'gray'} variant="light" tt="none">
                {t(c.status === 'open' ? 'campaigns.statusOpen' : 'campaigns.statusClosed')}
              </Badge>
              <Anchor href={`/dong-gop/${c.id}`} target="_blank" rel="noopener" size="sm">
                {t('campaigns.publicPage')}
              </Anchor>
            </Group>
          </Group>
          <Progress value={Math.min(100, c.totals.progressPercent)} mt="xs" aria-label={`${c.totals.progressPercent}%`} />
        </Card>
        {canWrite && c.status === 'open' && <ContributionForm campaign={c} onSaved={campaign.reload} />}
        <ContributionsTable items={c.contributions} />
        {canWrite && <SpendingForm campaign={c} onSaved={campaign.reload} />}
        <SpendingsTable campaign={c} />
        {canWrite && c.status === 'open' && <CloseButton campaign={c} onClosed={campaign.reload} />}
      </Stack>
    </>
  );
}

function ContributionForm({ campaign, onSaved }: { campaign: CampaignDetail; onSaved: () => void }) {
  const t = useT();
  const last = campaign.contributions[campaign.contributions.length - 1];
  const empty = { name: '', village: last?.village ?? '', kind: 'money' as 'money' | 'in_kind', amount: '', inKind: '', date: vnToday(), receiptNo: last ? nextReceiptNo(last.receiptNo) : '001' };
  const [form, setForm] = useState(empty);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<ContributionView | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const amount = parseAmount(form.amount);
    const date = parseVnDate(form.date);
    if (amount === null) return setError(t('campaigns.amountInvalid'));
    if (!date) return setError(t('campaigns.dateInvalid'));
    setBusy(true);
    setError(null);
    try {
      const row = await campaignsApi.contribute(campaign.id, {
        contributorName: form.name,
        village: form.village,
        kind: form.kind,
        amount,
        inKindDescription: form.kind === 'in_kind' ? form.inKind : null,
        date,
        receiptNo: form.receiptNo,
      });
      setSaved(row);
      setForm({ ...form, name: '', amount: '', inKind: '', receiptNo: nextReceiptNo(row.receiptNo) });
      onSaved();
      nameRef.current?.focus();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder padding="md" component="form" onSubmit={submit} aria-label={t('campaigns.record')} data-testid="contribution-form">
      <Title order={2} size="h4" mb="sm">
        {t('campaigns.record')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
        <TextInput ref={nameRef} label={t('campaigns.contributor')} required value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} autoComplete="off" />
        <TextInput label={t('campaigns.village')} required value={form.village} onChange={(e) => setForm({ ...form, village: e.currentTarget.value })} />
        <NativeSelect
          label={t('campaigns.kind')}
          value={form.kind}
          onChange={(e) => setForm({ ...form, kind: e.currentTarget.value as 'money' | 'in_kind' })}
          data={[
            { value: 'money', label: t('campaigns.kindMoney') },
            { value: 'in_kind', label: t('campaigns.kindInKind') },
          ]}
        />
        <TextInput label={t(form.kind === 'money' ? 'campaigns.amount' : 'campaigns.estimatedValue')} required inputMode="numeric" value={form.amount} onChange={(e) => setForm({ ...form, amount: e.currentTarget.value })} autoComplete="off" />
        {form.kind === 'in_kind' && <TextInput label={t('campaigns.inKindDescription')} required value={form.inKind} onChange={(e) => setForm({ ...form, inKind: e.currentTarget.value })} />}
        <DateField label={t('campaigns.date')} required value={form.date} onChange={(e) => setForm({ ...form, date: e.currentTarget.value })} />
        <TextInput label={t('campaigns.receiptNo')} required value={form.receiptNo} onChange={(e) => setForm({ ...form, receiptNo: e.currentTarget.value })} autoComplete="off" />
      </SimpleGrid>
      <Group mt="sm" gap="sm">
        <Button type="submit" loading={busy}>
          {t('campaigns.save')}
        </Button>
        <Text size="xs" c="dimmed">{t('campaigns.enterHint')}</Text>
      </Group>
      <FormError message={error} />
      {saved && (
        <Alert color="green" variant="light" mt="sm" role="status" data-testid="contribution-saved">
          {t('campaigns.saved', { name: saved.contributorName, code: saved.code })}{' '}
          <Anchor href={campaignsApi.printUrl(saved.id)} target="_blank" rel="noopener">{t('campaigns.print')}</Anchor> ·{' '}
          <Anchor href={campaignsApi.docxUrl(saved.id)}>{t('campaigns.docx')}</Anchor>
        </Alert>
      )}
    </Card>
  );
}

function ContributionsTable({ items }: { items: ContributionView[] }) {
  const t = useT();
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="sm">
        {t('campaigns.contributions')}
      </Title>
      {items.length === 0 ? (
        <Text c="dimmed">{t('campaigns.noContributions')}</Text>
      ) : (
        <Table verticalSpacing="xs" className="stack-table" aria-label={t('campaigns.contributions')} data-testid="contributions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('campaigns.receiptNo')}</Table.Th>
              <Table.Th>{t('campaigns.contributor')}</Table.Th>
              <Table.Th>{t('campaigns.village')}</Table.Th>
              <Table.Th>{t('campaigns.amount')}</Table.Th>
              <Table.Th>{t('campaigns.date')}</Table.Th>
              <Table.Th>{t('campaigns.code')}</Table.Th>
              <Table.Th>{t('campaigns.confirmation')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((k) => (
              <Table.Tr key={k.id} data-testid="contribution">
                <Table.Td data-label={t('campaigns.receiptNo')}>{k.receiptNo}</Table.Td>
                <Table.Td data-label={t('campaigns.contributor')}>{k.contributorName}</Table.Td>
                <Table.Td data-label={t('campaigns.village')}>{k.village}</Table.Td>
                <Table.Td data-label={t('campaigns.amount')}>
                  {money(k.amount)}
                  {k.kind === 'in_kind' && <Text size="xs" c="dimmed">{k.inKindDescription}</Text>}
                </Table.Td>
                <Table.Td data-label={t('campaigns.date')}>{formatDate(k.date)}</Table.Td>
                <Table.Td data-label={t('campaigns.code')}>
                  <Text ff="monospace" size="sm">{k.code}</Text>
                </Table.Td>
                <Table.Td data-label={t('campaigns.confirmation')}>
                  <Anchor href={campaignsApi.printUrl(k.id)} target="_blank" rel="noopener" size="sm">{t('campaigns.print')}</Anchor> ·{' '}
                  <Anchor href={campaignsApi.docxUrl(k.id)} size="sm">{t('campaigns.docx')}</Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

function SpendingForm({ campaign, onSaved }: { campaign: CampaignDetail; onSaved: () => void }) {
  const t = useT();
  const [form, setForm] = useState({ date: vnToday(), amount: '', purpose: '', note: '' });
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const amount = parseAmount(form.amount);
    const date = parseVnDate(form.date);
    if (amount === null) return setError(t('campaigns.amountInvalid'));
    if (!date) return setError(t('campaigns.dateInvalid'));
    setBusy(true);
    setError(null);
    try {
      await campaignsApi.spend(campaign.id, { date, amount, purpose: form.purpose, ...(form.note ? { overspendNote: form.note } : {}) }, file);
      setForm({ date: form.date, amount: '', purpose: '', note: '' });
      setFile(null);
      onSaved();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder padding="md" component="form" onSubmit={submit} aria-label={t('campaigns.recordSpending')}>
      <Title order={2} size="h4" mb="sm">
        {t('campaigns.recordSpending')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <DateField label={t('campaigns.date')} required value={form.date} onChange={(e) => setForm({ ...form, date: e.currentTarget.value })} />
        <TextInput label={t('campaigns.amount')} required inputMode="numeric" value={form.amount} onChange={(e) => setForm({ ...form, amount: e.currentTarget.value })} />
        <TextInput label={t('campaigns.spendingPurpose')} required value={form.purpose} onChange={(e) => setForm({ ...form, purpose: e.currentTarget.value })} />
        <FileInput label={t('campaigns.evidence')} description={t('campaigns.evidenceHint')} value={file} onChange={setFile} clearable />
        <TextInput label={t('campaigns.overspendNote')} description={t('campaigns.overspendHint')} value={form.note} onChange={(e) => setForm({ ...form, note: e.currentTarget.value })} />
      </SimpleGrid>
      <FormError message={error} />
      <Button type="submit" loading={busy} mt="sm">
        {t('campaigns.saveSpending')}
      </Button>
    </Card>
  );
}

function SpendingsTable({ campaign }: { campaign: CampaignDetail }) {
  const t = useT();
  return (
    <Card withBorder padding="md">
      <Title order={2} size="h4" mb="sm">
        {t('campaigns.spendings')}
      </Title>
      {campaign.spendings.length === 0 ? (
        <Text c="dimmed">{t('campaigns.noSpendings')}</Text>
      ) : (
        <Table verticalSpacing="xs" className="stack-table" aria-label={t('campaigns.spendings')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('campaigns.date')}</Table.Th>
              <Table.Th>{t('campaigns.spendingPurpose')}</Table.Th>
              <Table.Th>{t('campaigns.amount')}</Table.Th>
              <Table.Th>{t('campaigns.evidence')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {campaign.spendings.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td data-label={t('campaigns.date')}>{formatDate(s.date)}</Table.Td>
                <Table.Td data-label={t('campaigns.spendingPurpose')}>
                  {s.purpose}
                  {s.overspendNote && (
                    <Text size="xs" c="red.8">
                      {t('campaigns.overspent')}: {s.overspendNote}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td data-label={t('campaigns.amount')}>{money(s.amount)}</Table.Td>
                <Table.Td data-label={t('campaigns.evidence')}>
                  {s.evidence ? (
                    <Anchor href={`/dong-gop/${campaign.id}/chi/${s.id}/chung-tu`} size="sm">
                      {s.evidence.name}
                    </Anchor>
                  ) : (
                    '—'
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

function CloseButton({ campaign, onClosed }: { campaign: CampaignDetail; onClosed: () => void }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const close = async () => {
    try {
      await campaignsApi.close(campaign.id, campaign.version);
      onClosed();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <Group>
      {confirming ? (
        <>
          <Text size="sm">{t('campaigns.closeConfirm')}</Text>
          <Button color="red" onClick={close}>{t('campaigns.close')}</Button>
          <Button variant="default" onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
        </>
      ) : (
        <Button variant="light" color="red" onClick={() => setConfirming(true)}>{t('campaigns.close')}</Button>
      )}
      <FormError message={error} />
    </Group>
  );
}
