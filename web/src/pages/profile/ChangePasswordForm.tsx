import { Button, Group, PasswordInput, Stack, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import { FormError } from '../../components/FormError';
import { useT } from '../../i18n/I18nProvider';
import { MIN_PASSWORD } from '../accounts/userForm';

/** Current password, new password twice; the server checks the rest (length, not the username…). */
export function ChangePasswordForm() {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirm: '' },
    validate: {
      currentPassword: (v) => (v ? null : t('common.required')),
      newPassword: (v) => (v.length >= MIN_PASSWORD ? null : t('userForm.passwordShort')),
      confirm: (v, values) => (v === values.newPassword ? null : t('password.mismatch')),
    },
  });

  const submit = form.onSubmit(async ({ currentPassword, newPassword }) => {
    setError(null);
    form.setSubmitting(true);
    try {
      await api.auth.changePassword(currentPassword, newPassword);
      form.reset();
      notifications.show({ color: 'green', message: t('password.done') });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      form.setSubmitting(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="change-password-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="change-password-title">
          {t('password.title')}
        </Title>
        <FormError message={error} />
        <PasswordInput label={t('password.current')} autoComplete="current-password" {...form.getInputProps('currentPassword')} />
        <PasswordInput
          label={t('password.new')}
          description={t('userForm.passwordShort')}
          autoComplete="new-password"
          {...form.getInputProps('newPassword')}
        />
        <PasswordInput label={t('password.confirm')} autoComplete="new-password" {...form.getInputProps('confirm')} />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            {t('password.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
