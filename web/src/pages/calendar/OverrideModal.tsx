import { Button, Group, Modal, Radio, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { DateField, dateRule, toIsoOrNull } from '../../components/DateField';
import { FormError } from '../../components/FormError';
import { formatDate } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import { calendarApi } from './calendarApi';

/**
 * Records what a date is: an extra day off (a swapped day, a day off in lieu) or a working day (a make-up
 * Saturday, a default holiday cancelled). The server refuses a change that would change nothing.
 */
export function OverrideModal({ onClose, onDone }: { onClose: () => void; onDone: (date: string) => void }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { date: '', kind: 'off' as 'off' | 'working', name: '', note: '' },
    validate: {
      date: dateRule(t('common.invalidDate'), t('common.required')),
      name: (v) => (v.trim() ? null : t('common.required')),
    },
  });

  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setError(null);
    try {
      const date = toIsoOrNull(v.date)!;
      await calendarApi.set(date, { kind: v.kind, name: v.name.trim(), note: v.note.trim() || null });
      notifications.show({ message: t('calendar.saved', { date: formatDate(date) }), color: 'green' });
      onClose();
      onDone(date);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  });

  return (
    <Modal opened onClose={onClose} title={t('calendar.add')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <DateField label={t('calendar.date')} required data-autofocus {...form.getInputProps('date')} />
          <Radio.Group label={t('calendar.kind')} required {...form.getInputProps('kind')}>
            <Stack gap={6} mt={4}>
              <Radio value="off" label={t('calendar.kind.off')} />
              <Radio value="working" label={t('calendar.kind.working')} />
            </Stack>
          </Radio.Group>
          <TextInput label={t('calendar.name')} description={t('calendar.nameHint')} required maxLength={200} {...form.getInputProps('name')} />
          <Textarea label={t('calendar.note')} description={t('calendar.noteHint')} autosize minRows={2} maxLength={1000} {...form.getInputProps('note')} />
          {error && <FormError message={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" loading={busy} data-testid="calendar-save">{t('common.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
