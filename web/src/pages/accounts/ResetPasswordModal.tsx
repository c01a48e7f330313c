import { Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import type { User } from '../../api/types';
import { FormError } from '../../components/FormError';
import { useT } from '../../i18n/I18nProvider';
import { MIN_PASSWORD } from './userForm';

/** An admin sets a new password for someone who has forgotten theirs. */
export function ResetPasswordModal({ user, onClose }: { user: User; onClose: () => void }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { password: '' },
    validate: { password: (v) => (v.length >= MIN_PASSWORD ? null : t('userForm.passwordShort')) },
  });

  const submit = form.onSubmit(async ({ password }) => {
    setError(null);
    form.setSubmitting(true);
    try {
      await api.users.resetPassword(user.id, password);
      notifications.show({ color: 'green', message: t('reset.done', { username: user.username }) });
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      form.setSubmitting(false);
    }
  });

  return (
    <Modal opened onClose={onClose} size="md" title={t('reset.title', { username: user.username })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={error} />
          <PasswordInput
            label={t('reset.password')}
            description={t('userForm.passwordHint')}
            withAsterisk
            autoComplete="new-password"
            data-autofocus
            {...form.getInputProps('password')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="orange" loading={form.submitting}>
              {t('reset.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
