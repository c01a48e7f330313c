import { Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useSignedIn } from '../../auth/SessionProvider';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import { ApiTokens } from './ApiTokens';
import { ChangePasswordForm } from './ChangePasswordForm';

/** The signed-in user's own account: details, password, personal API tokens. */
export function ProfilePage() {
  const t = useT();
  const { user } = useSignedIn();
  return (
    <>
      <PageHeader title={t('profile.title')} />
      <Stack gap="lg" maw={1000}>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Card withBorder>
            <Title order={3} size="h4" mb="sm">
              {t('profile.account')}
            </Title>
            <Stack gap={6}>
              <Row label={t('accounts.username')} value={user.username} />
              <Row label={t('accounts.displayName')} value={user.displayName} />
              <Row label={t('accounts.role')} value={t(`role.${user.role}`)} />
              <Row label={t('profile.passwordChangedAt')} value={formatDateTime(user.passwordChangedAt)} />
            </Stack>
          </Card>
          <Card withBorder>
            <ChangePasswordForm />
          </Card>
        </SimpleGrid>
        <Card withBorder>
          <ApiTokens />
        </Card>
      </Stack>
    </>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <Group gap="xs" wrap="nowrap" align="baseline">
      <Text size="sm" c="dimmed" w={170}>
        {label}
      </Text>
      <Text size="sm" fw={500}>
        {value}
      </Text>
    </Group>
  );
}
