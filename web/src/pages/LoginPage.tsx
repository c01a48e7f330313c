import { Alert, Anchor, Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconLogin } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../api/client';
import { useSession } from '../auth/SessionProvider';
import { useT } from '../i18n/I18nProvider';
import { LanguageSwitch } from '../layout/LanguageSwitch';

/** Sign-in form; the server's Vietnamese message is shown as is when it fails. */
export function LoginPage() {
  const t = useT();
  const { login, expired } = useSession();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { username: '', password: '' },
    validate: {
      username: (v) => (v.trim() ? null : t('common.required')),
      password: (v) => (v ? null : t('common.required')),
    },
  });

  const submit = form.onSubmit(async ({ username, password }) => {
    setError(null);
    form.setSubmitting(true);
    try {
      await login(username.trim(), password);
    } catch (e) {
      setError(errorMessage(e));
      form.setFieldValue('password', '');
    } finally {
      form.setSubmitting(false);
    }
  });

  return (
    <Center mih="100vh" p="md" bg="gray.1">
      <Box w="100%" maw={420}>
        <Group justify="space-between" mb="md">
          <Group gap="xs">
            <img src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width={36} height={36} />
            <Text fw={700} fz="xl">
              {t('app.name')}
            </Text>
          </Group>
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md" style={{ borderTop: '4px solid var(--mantine-color-red-8)' }}>
          <Title order={1} size="h3" mb={4}>
            {t('login.title')}
          </Title>
          <Text c="dimmed" size="sm" mb="lg">
            {t('login.subtitle')}
          </Text>
          <form onSubmit={submit} noValidate aria-label={t('login.title')}>
            <Stack>
              {expired && !error && (
                <Alert color="yellow" variant="light">
                  {t('header.sessionEnded')}
                </Alert>
              )}
              {error && (
                <Alert color="red" variant="light" title={t('login.failed')} icon={<IconAlertCircle aria-hidden />} role="alert">
                  {error}
                </Alert>
              )}
              <TextInput
                label={t('login.username')}
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                data-autofocus
                autoFocus
                {...form.getInputProps('username')}
              />
              <PasswordInput label={t('login.password')} autoComplete="current-password" {...form.getInputProps('password')} />
              <Button type="submit" loading={form.submitting} leftSection={<IconLogin size={18} aria-hidden />} fullWidth mt="xs">
                {t('login.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
        <Text ta="center" mt="md" size="sm">
          <Anchor href="/">{t('login.publicPortal')}</Anchor>
        </Text>
      </Box>
    </Center>
  );
}
