import { Badge, Card, Group, List, Loader, ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useSearchParams } from 'react-router-dom';
import { disclosuresApi, type RegisterView } from '../../api/disclosures';
import { api } from '../../api/endpoints';
import { useResource } from '../../api/useResource';
import { useSignedIn } from '../../auth/SessionProvider';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { UnitSelect } from '../../components/UnitSelect';
import { formatDate } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import { CATEGORY_LABEL, CHANNEL_LABEL, REGISTER_COLOR, REGISTER_LABEL } from './labels';
import { registerRoot } from './units';

const REGISTER_KINDS = new Set(['province', 'district', 'commune', 'ward']);

/** "Sổ theo dõi công khai": per commune × category, posted / missing / taken down too early / expired. */
export function RegisterPage() {
  const t = useT();
  const { user } = useSignedIn();
  const units = useResource(() => api.units.list({ active: true }), []);
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('unitId')) || null;
  const unitId = asked ?? (units.data ? registerRoot(user, units.data) : null);

  if (units.error) return <LoadError message={units.error} onRetry={units.reload} />;
  if (!units.data) return <Loader size="sm" aria-label={t('app.loading')} />;
  return (
    <>
      <PageHeader title={t('disclosures.register.title')} description={t('disclosures.register.description')} />
      <UnitSelect
        label={t('disclosures.register.unit')}
        units={units.data.filter((u) => REGISTER_KINDS.has(u.kind))}
        value={unitId}
        clearable={false}
        onChange={(id) => id !== null && setParams({ unitId: String(id) }, { replace: true })}
        mb="md"
        maw={480}
      />
      {unitId === null ? <Text c="dimmed">{t('disclosures.register.pickUnit')}</Text> : <Register unitId={unitId} />}
    </>
  );
}

function Register({ unitId }: { unitId: number }) {
  const t = useT();
  const reg = useResource(() => disclosuresApi.register(unitId), [unitId]);
  if (reg.error) return <LoadError message={reg.error} onRetry={reg.reload} />;
  if (!reg.data) return <Loader size="sm" aria-label={t('app.loading')} />;
  const data = reg.data;
  if (data.communes.length === 0) return <Text c="dimmed">{t('disclosures.register.empty')}</Text>;
  return (
    <Stack gap="md">
      <Totals data={data} />
      <Card withBorder padding="xs">
        <ScrollArea type="auto">
          <Table withColumnBorders verticalSpacing="xs" aria-label={t('disclosures.register.title')} style={{ minWidth: 900 }} data-testid="register">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" style={{ minWidth: 170 }}>
                  {t('disclosures.register.commune')}
                </Table.Th>
                {data.categories.map((c) => (
                  <Table.Th key={c.category} scope="col" style={{ verticalAlign: 'bottom' }}>
                    <Text size="sm" fw={600}>
                      {t(CATEGORY_LABEL[c.category])}
                    </Text>
                    <Text size="xs" c="dimmed" fw={400}>
                      {c.minPostingDays === null ? t('disclosures.register.whileInForce') : t('disclosures.register.minDays', { days: c.minPostingDays })}
                    </Text>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.communes.map((commune) => (
                <Table.Tr key={commune.unitId}>
                  <Table.Th scope="row">{commune.unitName}</Table.Th>
                  {commune.cells.map((cell) => (
                    <Table.Td key={cell.category} data-testid="register-cell" data-commune={commune.unitName} data-category={cell.category}>
                      <Badge color={REGISTER_COLOR[cell.status]} variant={cell.status === 'too_early' ? 'filled' : 'light'} tt="none" data-testid="register-status">
                        {t(REGISTER_LABEL[cell.status])}
                      </Badge>
                      <Text size="xs" c="dimmed" mt={2}>
                        {[
                          cell.posted > 0 && t('disclosures.register.postedCount', { count: cell.posted }),
                          cell.pending > 0 && t('disclosures.register.pendingCount', { count: cell.pending }),
                          cell.drafts > 0 && t('disclosures.register.draftCount', { count: cell.drafts }),
                          cell.tooEarly > 0 && t('disclosures.register.tooEarlyCount', { count: cell.tooEarly }),
                          cell.lastPublished && t('disclosures.register.lastPublished', { date: formatDate(cell.lastPublished) }),
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </Text>
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Card>
      <Card withBorder padding="md" component="section" aria-labelledby="register-rules-heading">
        <Title order={3} size="h4" id="register-rules-heading" mb="sm">
          {t('disclosures.register.rules')}
        </Title>
        <Stack gap="sm">
          {data.categories.map((c) => (
            <div key={c.category} data-testid="register-rule">
              <Text size="sm" fw={600}>
                {t(CATEGORY_LABEL[c.category])}
              </Text>
              <Text size="xs">
                {t('disclosures.rules.channels')}: {c.channels.map((ch) => t(CHANNEL_LABEL[ch])).join('; ')} ·{' '}
                {c.minPostingDays === null ? t('disclosures.rules.noMinimum') : t('disclosures.rules.minPosting', { days: c.minPostingDays })}
              </Text>
              <List size="xs" c="dimmed">
                {c.legalBasis.map((b) => (
                  <List.Item key={b}>{b}</List.Item>
                ))}
              </List>
            </div>
          ))}
        </Stack>
      </Card>
    </Stack>
  );
}

/** How many commune × category cells stand in each state. */
function Totals({ data }: { data: RegisterView }) {
  const t = useT();
  const cells = data.communes.flatMap((c) => c.cells);
  const count = (s: keyof typeof REGISTER_LABEL) => cells.filter((c) => c.status === s).length;
  return (
    <Group gap="xs" data-testid="register-totals">
      <Text size="sm">{t('disclosures.register.asOf', { date: formatDate(data.today) })}</Text>
      {(['posted', 'missing', 'too_early', 'expired'] as const).map((s) => (
        <Badge key={s} color={REGISTER_COLOR[s]} variant="light" tt="none">
          {t(REGISTER_LABEL[s])}: {count(s)}
        </Badge>
      ))}
    </Group>
  );
}
