import { Button, Group, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import type { CreatedApiToken } from '../../api/types';
import { DateField, dateRule, toIsoOrNull } from '../../components/DateField';
import { FormError } from '../../components/FormError';
import { endOfVnDay } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';

/** Name and optional expiry (the token works until the end of that day, Vietnam time). */
export function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedApiToken) => void }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { name: '', expires: '' },
    validate: {
      name: (v) => (v.trim() ? null : t('common.required')),
      expires: dateRule(t('common.invalidDate')),
    },
  });

  const submit = form.onSubmit(async ({ name, expires }) => {
    setError(null);
    form.setSubmitting(true);
    try {
      const iso = toIsoOrNull(expires);
      const created = await api.tokens.create(name.trim(), iso ? endOfVnDay(iso) : null);
      form.reset();
      onCreated(created);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      form.setSubmitting(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={t('tokens.create')}>
      <FormError message={error} />
      <Group align="flex-start" gap="sm" mt={error ? 'sm' : 0}>
        <TextInput label={t('tokens.name')} placeholder={t('tokens.namePlaceholder')} w={{ base: '100%', sm: 340 }} {...form.getInputProps('name')} />
        <DateField w={240} label={t('tokens.expires')} description={t('unitForm.dateHint')} {...form.getInputProps('expires')} />
        <Button type="submit" mt={25} loading={form.submitting} leftSection={<IconPlus size={16} aria-hidden />}>
          {t('tokens.create')}
        </Button>
      </Group>
    </form>
  );
}
