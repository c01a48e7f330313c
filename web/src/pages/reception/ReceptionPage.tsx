import { Anchor, Badge, Button, Card, Group, Loader, Modal, NativeSelect, SimpleGrid, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconExternalLink, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import { receptionApi, type ReceptionSlotView, type ReceptionStatus } from '../../api/reception';
import { useResource } from '../../api/useResource';
import { useSignedIn } from '../../auth/SessionProvider';
import { FormError } from '../../components/FormError';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { UnitSelect } from '../../components/UnitSelect';
import { formatDate, todayIso } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import { KIND_LABEL, SLOT_STATUS_COLOR, SLOT_STATUS_LABEL, defaultUnitId, unitsInReach } from './receptionShared';
import { ScheduleForm } from './ScheduleForm';

/**
 * "Lịch tiếp công dân": the coming slots of the units in reach (drafts too), the form that schedules one
 * slot or a recurrence, and the publish and cancel steps. Published and cancelled slots show on the public
 * page /lich-tiep-cong-dan and in its .ics feed.
 */
export function ReceptionPage() {
  const t = useT();
  const session = useSignedIn();
  const canSchedule = session.abilities.scheduleReception ?? (session.user.role === 'unit_officer' || session.user.role === 'coordinator' || session.user.role === 'admin');
  const units = useResource(() => api.units.list({ active: true }), []);
  const reach = units.data ? unitsInReach(units.data, session) : [];
  const [unitId, setUnitId] = useState<number | null | undefined>(undefined);
  const chosenUnit = unitId === undefined ? defaultUnitId(reach, session) : unitId;
  const [status, setStatus] = useState<ReceptionStatus | ''>('');
  const slots = useResource(
    () => receptionApi.slots({ from: todayIso(), ...(chosenUnit !== null ? { unitId: chosenUnit } : {}), ...(status ? { status } : {}) }),
    [chosenUnit, status],
  );
  const [cancelling, setCancelling] = useState<ReceptionSlotView | null>(null);
  const [publishing, setPublishing] = useState(false);

  const drafts = (slots.data ?? []).filter((s) => s.status === 'draft');

  const publish = async (items: ReceptionSlotView[]) => {
    setPublishing(true);
    try {
      // One request per slot: the API publishes slot by slot, and a refusal names the slot it concerns.
      for (const slot of items) await receptionApi.publish(slot.id);
      notifications.show({ message: t('reception.published', { count: items.length }), color: 'green' });
    } catch (e) {
      notifications.show({ message: errorMessage(e), color: 'red' });
    } finally {
      setPublishing(false);
      slots.reload();
    }
  };

  if (units.error) return <LoadError message={units.error} onRetry={units.reload} />;
  if (!units.data) return <Loader size="sm" aria-label={t('app.loading')} />;

  return (
    <>
      <PageHeader
        title={t('reception.title')}
        description={t('reception.description')}
        actions={
          <Anchor href="/lich-tiep-cong-dan" target="_blank" rel="noopener" size="sm">
            <Group gap={4} wrap="nowrap">
              {t('reception.publicPage')} <IconExternalLink size={14} aria-hidden />
            </Group>
          </Anchor>
        }
      />
      <Stack gap="md">
        {canSchedule && <ScheduleForm units={reach} initialUnitId={chosenUnit} onScheduled={slots.reload} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <UnitSelect units={reach} label={t('reception.unit')} value={chosenUnit} onChange={(v) => setUnitId(v ?? null)} placeholder={t('reception.allUnits')} />
          <NativeSelect
            label={t('reception.statusFilter')}
            value={status}
            onChange={(e) => setStatus(e.currentTarget.value as ReceptionStatus | '')}
            data={[{ value: '', label: t('reception.allStatuses') }, ...(['draft', 'published', 'cancelled'] as const).map((s) => ({ value: s, label: t(SLOT_STATUS_LABEL[s]) }))]}
          />
        </SimpleGrid>
        <Card withBorder padding="md">
          {canSchedule && drafts.length > 0 && (
            <Group justify="space-between" mb="sm">
              <Text size="sm">{t('reception.draftCount', { count: drafts.length })}</Text>
              <Button size="xs" leftSection={<IconSend size={14} aria-hidden />} loading={publishing} onClick={() => void publish(drafts)}>
                {t('reception.publishAll')}
              </Button>
            </Group>
          )}
          {slots.error ? (
            <LoadError message={slots.error} onRetry={slots.reload} />
          ) : !slots.data ? (
            <Loader size="sm" aria-label={t('app.loading')} />
          ) : slots.data.length === 0 ? (
            <Text c="dimmed">{t('reception.empty')}</Text>
          ) : (
            <Table verticalSpacing="xs" aria-label={t('reception.table')} className="stack-table" data-testid="slots">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reception.date')}</Table.Th>
                  <Table.Th>{t('reception.time')}</Table.Th>
                  <Table.Th>{t('reception.place')}</Table.Th>
                  <Table.Th>{t('reception.officer')}</Table.Th>
                  <Table.Th>{t('reception.phone')}</Table.Th>
                  <Table.Th>{t('reception.status')}</Table.Th>
                  {canSchedule && <Table.Th>{t('reception.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {slots.data.map((s) => (
                  <Table.Tr key={s.id} data-testid="slot">
                    <Table.Td data-label={t('reception.date')}>
                      <Text size="sm" fw={600}>
                        {formatDate(s.date)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {s.weekday}
                      </Text>
                    </Table.Td>
                    <Table.Td data-label={t('reception.time')}>
                      {s.startTime}–{s.endTime}
                    </Table.Td>
                    <Table.Td data-label={t('reception.place')}>
                      <Text size="sm">{s.place}</Text>
                      <Text size="xs" c="dimmed">
                        {s.unitName} · {t(KIND_LABEL[s.kind])}
                      </Text>
                    </Table.Td>
                    <Table.Td data-label={t('reception.officer')}>
                      <Text size="sm">{s.officerName}</Text>
                      <Text size="xs" c="dimmed">
                        {s.officerTitle}
                      </Text>
                    </Table.Td>
                    <Table.Td data-label={t('reception.phone')}>{s.officerPhone ?? t('common.none')}</Table.Td>
                    <Table.Td data-label={t('reception.status')}>
                      <Badge color={SLOT_STATUS_COLOR[s.status]} variant="light" tt="none" data-testid="slot-status">
                        {t(SLOT_STATUS_LABEL[s.status])}
                      </Badge>
                      {s.cancelReason && (
                        <Text size="xs" c="dimmed">
                          {s.cancelReason}
                        </Text>
                      )}
                    </Table.Td>
                    {canSchedule && (
                      <Table.Td data-label={t('reception.actions')}>
                        <Group gap={4} wrap="nowrap">
                          {s.status === 'draft' && (
                            <Button size="compact-xs" variant="light" onClick={() => void publish([s])} disabled={publishing}>
                              {t('reception.publish')}
                            </Button>
                          )}
                          {s.status !== 'cancelled' && (
                            <Button size="compact-xs" variant="subtle" color="red" onClick={() => setCancelling(s)}>
                              {t('reception.cancel')}
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
      </Stack>
      {cancelling && <CancelModal slot={cancelling} onClose={() => setCancelling(null)} onDone={slots.reload} />}
    </>
  );
}

function CancelModal({ slot, onClose, onDone }: { slot: ReceptionSlotView; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await receptionApi.cancel(slot.id, reason.trim());
      notifications.show({ message: t('reception.cancelled'), color: 'gray' });
      onClose();
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('reception.cancelTitle')}>
      <Text size="sm" mb="xs">
        {slot.weekday}, {formatDate(slot.date)}, {slot.startTime}–{slot.endTime} — {slot.place}
      </Text>
      <Textarea label={t('reception.cancelReason')} description={t('reception.cancelHint')} autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required data-autofocus />
      <FormError message={error} />
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          {t('common.close')}
        </Button>
        <Button color="red" loading={busy} disabled={reason.trim() === ''} onClick={() => void confirm()}>
          {t('reception.cancelConfirm')}
        </Button>
      </Group>
    </Modal>
  );
}
