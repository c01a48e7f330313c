import { Button, Group, Modal, PasswordInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import { ROLES, type Role, type Unit, type User } from '../../api/types';
import { FormError } from '../../components/FormError';
import { UnitSelect } from '../../components/UnitSelect';
import { useT } from '../../i18n/I18nProvider';
import { MIN_PASSWORD, toNewUser, toUserChanges, USERNAME, userFormValues, type UserFormValues } from './userForm';

interface Props {
  /** null: a new account. */
  user: User | null;
  units: Unit[];
  onClose: () => void;
  onSaved: () => void;
}

/** "Thêm tài khoản" and editing an account (name, role, unit, active); a 409 reloads and says so. */
export function AccountFormModal({ user: initial, units, onClose, onSaved }: Props) {
  const t = useT();
  const [user, setUser] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const creating = user === null;
  const form = useForm<UserFormValues>({
    initialValues: userFormValues(initial),
    validate: {
      username: (v) => (!creating ? null : !v.trim() ? t('common.required') : USERNAME.test(v.trim().toLowerCase()) ? null : t('userForm.usernameInvalid')),
      displayName: (v) => (v.trim() ? null : t('common.required')),
      role: (v) => (v ? null : t('common.required')),
      password: (v) => (!creating ? null : v.length >= MIN_PASSWORD ? null : t('userForm.passwordShort')),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setError(null);
    form.setSubmitting(true);
    try {
      if (!user) {
        const created = await api.users.create(toNewUser(values));
        notifications.show({ color: 'green', message: t('userForm.created', { username: created.username }) });
      } else {
        const changes = toUserChanges(values, user);
        if (changes) await api.users.update(user.id, changes);
        notifications.show({ color: 'green', message: t('userForm.updated', { username: user.username }) });
      }
      onSaved();
      onClose();
    } catch (e) {
      if (user && e instanceof ApiError && e.status === 409) {
        const fresh = await api.users.get(user.id).catch(() => null);
        if (fresh) {
          setUser(fresh);
          form.setValues(userFormValues(fresh));
          onSaved();
        }
        setError(`${e.message} ${t('common.conflictReloaded')}`);
      } else {
        setError(errorMessage(e));
      }
    } finally {
      form.setSubmitting(false);
    }
  });

  const roles = ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }));
  return (
    <Modal
      opened
      onClose={onClose}
      size="md"
      title={user ? t('userForm.editTitle', { username: user.username }) : t('userForm.createTitle')}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={error} />
          {creating && (
            <TextInput
              label={t('userForm.username')}
              description={t('userForm.usernameHint')}
              withAsterisk
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              data-autofocus
              {...form.getInputProps('username')}
            />
          )}
          <TextInput label={t('userForm.displayName')} withAsterisk {...form.getInputProps('displayName')} />
          <Select<Role> label={t('userForm.role')} withAsterisk data={roles} allowDeselect={false} {...form.getInputProps('role')} />
          <UnitSelect label={t('userForm.unit')} placeholder={t('userForm.unitNone')} units={units} {...form.getInputProps('unitId')} />
          {creating ? (
            <PasswordInput
              label={t('userForm.password')}
              description={t('userForm.passwordHint')}
              withAsterisk
              autoComplete="new-password"
              {...form.getInputProps('password')}
            />
          ) : (
            <Switch label={t('userForm.active')} {...form.getInputProps('active', { type: 'checkbox' })} />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
