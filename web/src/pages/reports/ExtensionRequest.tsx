import { Badge, Button, Group, Modal, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarTime } from '@tabler/icons-react';
import { createContext, useContext, useMemo, useState } from 'react';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import type { EntryView, Extension, ExtensionStatus } from '../../api/types';
import { useResource } from '../../api/useResource';
import { DateField } from '../../components/DateField';
import { FormError } from '../../components/FormError';
import { formatDate, parseVnDate } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/vi';

const LABEL: Record<ExtensionStatus, MessageKey> = { pending: 'ext.status.pending', approved: 'ext.status.approved', refused: 'ext.status.refused' };
const COLOR: Record<ExtensionStatus, string> = { pending: 'yellow', approved: 'green', refused: 'red' };

interface ExtensionsOfReport {
  byAssignment: ReadonlyMap<number, Extension[]>;
  reload: () => void;
}

/** The unit's extension requests in the report's plan, by assignment; the entry cards read them from here. */
export const ExtensionsContext = createContext<ExtensionsOfReport>({ byAssignment: new Map(), reload: () => undefined });

/** Loads them once per report (an error leaves the list empty: the report itself matters more). */
export function useExtensionsOf(planId: number | undefined, unitId: number | undefined): ExtensionsOfReport {
  const list = useResource(
    () => (planId === undefined || unitId === undefined ? Promise.resolve([] as Extension[]) : api.extensions.list({ planId, unitId }).then((r) => r.items, () => [] as Extension[])),
    [planId, unitId],
  );
  const { reload } = list;
  return useMemo(() => {
    const byAssignment = new Map<number, Extension[]>();
    for (const e of list.data ?? []) byAssignment.set(e.assignmentId, [...(byAssignment.get(e.assignmentId) ?? []), e]);
    return { byAssignment, reload };
  }, [list.data, reload]);
}

/**
 * An entry's extension requests (due → requested date, state) and, for the unit officer filling in the
 * report, "Xin gia hạn": which due, until when, why (POST /extensions); the coordinator decides.
 */
export function ExtensionRequest({ view, canRequest }: { view: EntryView; canRequest: boolean }) {
  const t = useT();
  const { byAssignment, reload } = useContext(ExtensionsContext);
  const [open, setOpen] = useState(false);
  const [due, setDue] = useState(view.dues[0] ?? '');
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Only a lead unit has a due of its own to move (the server refuses coordinating units).
  if (view.assignmentId === null || view.role !== 'lead') return null;
  const assignmentId = view.assignmentId;
  const requests = byAssignment.get(assignmentId) ?? [];
  const ask = canRequest && view.dues.length > 0;
  if (!ask && requests.length === 0) return null;

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
      reload();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap={4} mt="sm">
      {requests.length > 0 && (
        <Group gap={6}>
          {requests.map((e) => (
            <Badge key={e.id} color={COLOR[e.status]} variant="light" tt="none" data-testid="entry-extension" title={e.decisionComment ?? e.reason}>
              {formatDate(e.originalDue)} → {formatDate(e.requestedDate)}: {t(LABEL[e.status])}
            </Badge>
          ))}
        </Group>
      )}
      {ask && (
        <>
          <Button size="xs" variant="subtle" color="orange" w="fit-content" leftSection={<IconCalendarTime size={14} aria-hidden />} onClick={() => setOpen(true)}>
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
      )}
    </Stack>
  );
}
