import { Anchor, Badge, Button, Card, Group, Loader, NativeSelect, SimpleGrid, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTable } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router-dom';
import { disclosuresApi, type DisclosureCategory, type DisclosureView } from '../../api/disclosures';
import { api } from '../../api/endpoints';
import { useResource } from '../../api/useResource';
import { useSignedIn } from '../../auth/SessionProvider';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { UnitSelect } from '../../components/UnitSelect';
import { formatDate } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import { disclosurePath, PATHS } from '../../paths';
import { matchesSearch, searchKey } from '../../../../src/domain/text/normalize';
import { CATEGORY_LABEL, DISCLOSURE_CATEGORIES, shownStatus, STATUS_FILTERS, STATUS_LABEL, type StatusFilter } from './labels';
import { StatusBadge } from './StatusBadge';
import { unitsFor } from './units';

const isCategory = (v: string | null): v is DisclosureCategory => v !== null && (DISCLOSURE_CATEGORIES as readonly string[]).includes(v);
const isStatus = (v: string | null): v is StatusFilter => v !== null && (STATUS_FILTERS as readonly string[]).includes(v);

/** "Công khai": the disclosures in the user's reach, filtered by category, unit, status and words. */
export function DisclosuresPage() {
  const t = useT();
  const session = useSignedIn();
  const { abilities, user } = session;
  const [params, setParams] = useSearchParams();
  const category = isCategory(params.get('category')) ? (params.get('category') as DisclosureCategory) : undefined;
  const status = isStatus(params.get('status')) ? (params.get('status') as StatusFilter) : undefined;
  const unitId = Number(params.get('unitId')) || undefined;
  const q = params.get('q') ?? '';
  const units = useResource(() => api.units.list({ active: true }), []);
  const list = useResource(
    () => disclosuresApi.list({ category, unitId, status: status === 'returned' ? 'draft' : status }),
    [category, unitId, status],
  );

  // What waits for the approver, whatever the filters say.
  const pending = useResource(
    () => (abilities.approveDisclosures ? disclosuresApi.list({ status: 'pending' }) : Promise.resolve([] as DisclosureView[])),
    [abilities.approveDisclosures, list.data],
  );

  const set = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  // The API has no word search: the list in reach is small, so it is folded here (no diacritics needed).
  const shown = (list.data ?? []).filter(
    (d) => (status !== 'returned' || shownStatus(d) === 'returned') && matchesSearch(searchKey(`${d.title} ${d.summary} ${d.unitName} ${t(CATEGORY_LABEL[d.category])}`), q),
  );

  return (
    <>
      <PageHeader
        title={t('disclosures.title')}
        description={t('disclosures.description')}
        actions={
          <>
            {pending.data && pending.data.length > 0 && status !== 'pending' && (
              <Button variant="light" color="blue" onClick={() => set('status', 'pending')} data-testid="pending-count">
                {t('disclosures.pendingCount', { count: pending.data.length })}
              </Button>
            )}
            <Button component={Link} to={PATHS.disclosureRegister} variant="default" leftSection={<IconTable size={16} aria-hidden />}>
              {t('disclosures.register.title')}
            </Button>
            {abilities.draftDisclosures && (
              <Button component={Link} to={PATHS.disclosureNew} leftSection={<IconPlus size={16} aria-hidden />}>
                {t('disclosures.new')}
              </Button>
            )}
          </>
        }
      />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" mb="md">
        <TextInput label={t('disclosures.search')} placeholder={t('disclosures.searchHint')} value={q} onChange={(e) => set('q', e.currentTarget.value)} />
        <NativeSelect
          label={t('disclosures.category')}
          value={category ?? ''}
          onChange={(e) => set('category', e.currentTarget.value)}
          data={[{ value: '', label: t('disclosures.all') }, ...DISCLOSURE_CATEGORIES.map((c) => ({ value: c, label: t(CATEGORY_LABEL[c]) }))]}
        />
        <UnitSelect
          label={t('disclosures.unit')}
          placeholder={t('disclosures.all')}
          units={units.data ? unitsFor(user, units.data) : []}
          value={unitId ?? null}
          onChange={(id) => set('unitId', id === null ? null : String(id))}
        />
        <NativeSelect
          label={t('disclosures.status')}
          value={status ?? ''}
          onChange={(e) => set('status', e.currentTarget.value)}
          data={[{ value: '', label: t('disclosures.all') }, ...STATUS_FILTERS.map((s) => ({ value: s, label: t(STATUS_LABEL[s]) }))]}
        />
      </SimpleGrid>
      <Card withBorder padding="md">
        {list.error ? (
          <LoadError message={list.error} onRetry={list.reload} />
        ) : !list.data ? (
          <Loader size="sm" aria-label={t('app.loading')} />
        ) : shown.length === 0 ? (
          <Text c="dimmed">{t('disclosures.empty')}</Text>
        ) : (
          <Table verticalSpacing="sm" aria-label={t('disclosures.title')} className="stack-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('disclosures.titleField')}</Table.Th>
                <Table.Th>{t('disclosures.unit')}</Table.Th>
                <Table.Th>{t('disclosures.status')}</Table.Th>
                <Table.Th>{t('disclosures.period')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((d) => (
                <Row key={d.id} d={d} />
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Card>
    </>
  );
}

function Row({ d }: { d: DisclosureView }) {
  const t = useT();
  return (
    <Table.Tr data-testid="disclosure-row">
      <Table.Td data-label={t('disclosures.titleField')}>
        <Anchor component={Link} to={disclosurePath(d.id)} fw={600}>
          {d.title}
        </Anchor>
        <Text size="xs" c="dimmed">
          {t(CATEGORY_LABEL[d.category])}
        </Text>
      </Table.Td>
      <Table.Td data-label={t('disclosures.unit')}>{d.unitName}</Table.Td>
      <Table.Td data-label={t('disclosures.status')}>
        <Group gap={4}>
          <StatusBadge d={d} />
          {d.takenDownTooEarly && (
            <Badge color="red" variant="outline" tt="none">
              {t('disclosures.posting.taken_down_early')}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td data-label={t('disclosures.period')}>
        {d.publishDate ? `${formatDate(d.publishDate)} – ${d.postingEnd ? formatDate(d.postingEnd) : t('disclosures.noEnd')}` : t('common.none')}
      </Table.Td>
    </Table.Tr>
  );
}
