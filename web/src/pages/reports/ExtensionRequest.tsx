import { Button, Group, Modal, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarTime } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import type { EntryView } from '../../api/types';
import { DateField } from '../../components/DateField';
import { FormError } from '../../components/FormError';
import { formatDate, parseVnDate } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';

/** "Xin gia hạn" on one entry: which due, until when, why (POST /extensions); the coordinator decides. */
export function ExtensionRequest({ view }: { view: EntryView }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [due, setDue] = useState(view.dues[0] ?? '');
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Only a lead unit has a due of its own to move (the server refuses coordinating units).
  if (view.assignmentId === null || view.dues.length === 0 || view.role !== 'lead') return null;
  const assignmentId = view.assignmentId;

  const send = async () => {
    const requested = parseVnDate(date);
    if (!requested) return setError(t('common.invalidDate'));
    if (requested <= due) return setError(t('ext.mustBeLater'));
    if (!reason.trim()) return setError(`${t('ext.reason')}: ${t('common.required')}`);
    setBusy(true);
    setError(null);
    try {
      await api.extensions.request({ assignmentId, dueDate: due, requestedDate: requested, reason: reason.trim() });
      notifications.show({ message: t('ext.sent'), color: 'green' });
      setOpen(false);
      setDate('');
      setReason('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button size="xs" variant="subtle" color="orange" w="fit-content" mt={4} leftSection={<IconCalendarTime size={14} aria-hidden />} onClick={() => setOpen(true)}>
        {t('ext.request')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('ext.requestTitle', { no: view.taskNo ?? '' })}>
        <Stack gap="sm">
          <Text size="sm" lineClamp={3}>
            {view.content}
          </Text>
          <NativeSelect label={t('ext.due')} value={due} onChange={(e) => setDue(e.currentTarget.value)} data={view.dues.map((d) => ({ value: d, label: formatDate(d) }))} />
          <DateField label={t('ext.requestedDate')} value={date} onChange={(e) => setDate(e.currentTarget.value)} required />
          <Textarea label={t('ext.reason')} autosize minRows={3} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required />
          <FormError message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => void send()} loading={busy}>
              {t('ext.send')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
