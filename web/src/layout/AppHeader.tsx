import { ActionIcon, Badge, Box, Burger, Button, Group, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLogout } from '@tabler/icons-react';
import { useSession, useSignedIn } from '../auth/SessionProvider';
import { useT } from '../i18n/I18nProvider';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './NotificationBell';

interface Props {
  navOpened: boolean;
  onToggleNav: () => void;
}

/** App name, who is signed in and as what, the language switch and sign-out. */
export function AppHeader({ navOpened, onToggleNav }: Props) {
  const t = useT();
  const { logout } = useSession();
  const { user } = useSignedIn();
  const roleLabel = t(`role.${user.role}`);

  const signOut = async () => {
    await logout().catch(() => undefined);
    notifications.show({ message: t('header.loggedOut'), color: 'gray' });
  };

  return (
    <Group h="100%" px={{ base: 'xs', sm: 'md' }} justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap">
        <Burger opened={navOpened} onClick={onToggleNav} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
        <Box visibleFrom="xs" display="flex">
          <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width={30} height={30} />
        </Box>
        <Box>
          <Title order={1} size="h4" lh={1.1}>
            {t('app.name')}
          </Title>
          <Text size="xs" c="dimmed" visibleFrom="md" lh={1.2}>
            {t('app.tagline')}
          </Text>
        </Box>
      </Group>
      <Group gap="xs" wrap="nowrap">
        <Box ta="right" mr="xs" visibleFrom="sm" aria-label={t('header.signedInAs', { name: user.displayName, role: roleLabel })}>
          <Text size="sm" fw={600} lh={1.2} data-testid="current-user">
            {user.displayName}
          </Text>
          <Badge size="xs" variant="light" color="red" tt="none" data-testid="current-role">
            {roleLabel}
          </Badge>
        </Box>
        <NotificationBell />
        <LanguageSwitch />
        <Button variant="default" leftSection={<IconLogout size={16} aria-hidden />} onClick={signOut} visibleFrom="xs">
          {t('header.logout')}
        </Button>
        <ActionIcon variant="default" size="lg" onClick={signOut} hiddenFrom="xs" aria-label={t('header.logout')}>
          <IconLogout size={16} aria-hidden />
        </ActionIcon>
      </Group>
    </Group>
  );
}
