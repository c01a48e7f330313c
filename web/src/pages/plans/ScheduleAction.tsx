import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarEvent } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import type { TaskWithAssignments } from '../../api/types';
import { DateField } from '../../components/DateField';
import { FormError } from '../../components/FormError';
import { parseVnDate } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';

/**
 * The coordinator's word on a task the plan leaves without a date: "Ghi nhận sự kiện" for an event task
 * (it becomes due from that day), "Đặt thời hạn" for an unspecified one.
 */
export function ScheduleAction({ task, onChanged }: { task: TaskWithAssignments; onChanged: () => void }) {
  const t = useT();
  const kind = task.schedule.kind;
  const [open, setOpen] = useState(false);
  const [dates, setDates] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (kind !== 'event' && kind !== 'unspecified') return null;
  const isEvent = kind === 'event';

  const save = async () => {
    const parsed = dates.split(/[,;\s]+/).filter(Boolean).map(parseVnDate);
    if (parsed.length === 0 || parsed.some((d) => d === null) || (isEvent && parsed.length !== 1)) return setError(t('common.invalidDate'));
    setBusy(true);
    setError(null);
    try {
      if (isEvent) await api.tasks.trigger(task.id, parsed[0]!, note.trim());
      else await api.tasks.setDates(task.id, parsed as string[], note.trim() || undefined);
      notifications.show({ message: t('taskEvent.saved'), color: 'green' });
      setOpen(false);
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const title = t(isEvent ? 'taskEvent.triggerTitle' : 'taskEvent.setDatesTitle', { no: task.no });
  return (
    <>
      <Button size="compact-xs" variant="light" mt={6} leftSection={<IconCalendarEvent size={14} aria-hidden />} onClick={() => setOpen(true)} data-testid="schedule-action">
        {t(isEvent ? 'taskEvent.trigger' : 'taskEvent.setDates')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={title}>
        <Stack gap="sm">
          {task.schedule.trigger && <Text size="sm">{task.schedule.trigger}</Text>}
          {isEvent ? (
            <DateField label={t('taskEvent.date')} value={dates} onChange={(e) => setDates(e.currentTarget.value)} required />
          ) : (
            <TextInput label={t('taskEvent.dates')} value={dates} onChange={(e) => setDates(e.currentTarget.value)} placeholder={`${t('common.dateFormat')}, ${t('common.dateFormat')}`} required />
          )}
          <Textarea label={t('taskEvent.note')} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <FormError message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => void save()} loading={busy}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
