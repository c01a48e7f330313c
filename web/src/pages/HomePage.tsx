import { Anchor, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { api } from '../api/endpoints';
import { useResource } from '../api/useResource';
import { useSignedIn } from '../auth/SessionProvider';
import { useT } from '../i18n/I18nProvider';
import { PATHS } from '../paths';
import { canSeeDashboard } from './dashboard/access';
import { DashboardHome } from './dashboard/DashboardHome';
import { MyReports } from './reports/MyReports';
import { KindBadge } from './units/KindBadge';

/** Coordinators, leaders (and IT staff, supervisors) land on the plan dashboard; unit officers on their unit's reports. */
export function HomePage() {
  const t = useT();
  const session = useSignedIn();
  if (canSeeDashboard(session)) return <DashboardHome />;
  if (session.user.role === 'unit_officer') {
    return (
      <Stack gap="md">
        <Stack gap={2}>
          <Title order={2}>{t('home.myReports')}</Title>
          <Text size="sm" c="dimmed">
            {t('home.welcome', { name: session.user.displayName })} · {t('home.myReportsHint')}
          </Text>
        </Stack>
        <MyReports label={t('home.myReports')} />
        <Welcome />
      </Stack>
    );
  }
  return <Welcome />;
}

/** A short welcome with the user's role and unit, and where to go from here. */
function Welcome() {
  const t = useT();
  const { user, abilities } = useSignedIn();
  const unitId = user.unitId;
  const unit = useResource(() => (unitId === null ? Promise.resolve(null) : api.units.get(unitId)), [unitId]);

  return (
    <Stack maw={900}>
      {user.role !== 'unit_officer' && <Title order={2}>{t('home.welcome', { name: user.displayName })}</Title>}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            {t('home.role')}
          </Text>
          <Text fw={600} size="lg" data-testid="home-role">
            {t(`role.${user.role}`)}
          </Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">
            {t('home.unit')}
          </Text>
          {unitId === null ? (
            <Text fw={600} size="lg">
              {t('home.noUnit')}
            </Text>
          ) : (
            <Group gap="xs">
              <Text fw={600} size="lg" data-testid="home-unit">
                {unit.data?.name ?? (unit.error ? t('common.none') : t('app.loading'))}
              </Text>
              {unit.data && <KindBadge kind={unit.data.kind} />}
            </Group>
          )}
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Text mb="sm">{t('home.intro')}</Text>
        <List spacing={4}>
          <List.Item>
            <Anchor component={Link} to={PATHS.plans}>
              {t('home.linkPlans')}
            </Anchor>
          </List.Item>
          <List.Item>
            <Anchor component={Link} to={PATHS.reports}>
              {t('home.allReports')}
            </Anchor>
          </List.Item>
          <List.Item>
            <Anchor component={Link} to={PATHS.units}>
              {t('home.linkUnits')}
            </Anchor>
          </List.Item>
          {abilities.listUsers && (
            <List.Item>
              <Anchor component={Link} to={PATHS.accounts}>
                {t('home.linkAccounts')}
              </Anchor>
            </List.Item>
          )}
          {abilities.readAudit && (
            <List.Item>
              <Anchor component={Link} to={PATHS.audit}>
                {t('home.linkAudit')}
              </Anchor>
            </List.Item>
          )}
          <List.Item>
            <Anchor component={Link} to={PATHS.profile}>
              {t('home.linkProfile')}
            </Anchor>
          </List.Item>
        </List>
      </Card>
    </Stack>
  );
}
