import { Badge, Box, Button, Card, Group, Loader, Modal, NativeSelect, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import type { Extension, ExtensionStatus } from '../../api/types';
import { useResource } from '../../api/useResource';
import { useSignedIn } from '../../auth/SessionProvider';
import { FormError } from '../../components/FormError';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, formatDateTime } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/vi';
import { canDecideExtensions } from '../dashboard/access';
import { latestPlan, planLabel } from '../dashboard/DashboardHome';

export const EXTENSION_LABEL: Record<ExtensionStatus, MessageKey> = {
  pending: 'ext.status.pending',
  approved: 'ext.status.approved',
  refused: 'ext.status.refused',
};
const EXTENSION_COLOR: Record<ExtensionStatus, string> = { pending: 'yellow', approved: 'green', refused: 'red' };

/** "Gia hạn": the extension requests of a plan; the coordinator approves or refuses the pending ones. */
export function ExtensionsPage() {
  const t = useT();
  const session = useSignedIn();
  const decides = canDecideExtensions(session);
  const plans = useResource(() => api.plans.list(), []);
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('planId'));
  const planId = plans.data?.some((p) => p.id === asked) ? asked : (latestPlan(plans.data ?? [])?.id ?? null);
  const statusParam = params.get('status');
  // The coordinator sees what waits for a decision first; "" is every request.
  const status: ExtensionStatus | '' =
    statusParam === null ? (decides ? 'pending' : '') : statusParam === 'pending' || statusParam === 'approved' || statusParam === 'refused' ? statusParam : '';
  const list = useResource(
    () => (planId === null ? Promise.resolve({ items: [] as Extension[] }) : api.extensions.list({ planId, ...(status ? { status } : {}) })),
    [planId, status],
  );
  const [deciding, setDeciding] = useState<{ ext: Extension; approve: boolean } | null>(null);

  const set = (next: { planId?: number; status?: string }) => {
    const merged = { planId: String(next.planId ?? planId ?? ''), status: next.status ?? status };
    setParams(merged, { replace: true });
  };

  if (plans.error) return <LoadError message={plans.error} onRetry={plans.reload} />;
  if (!plans.data) return <Loader size="sm" aria-label={t('app.loading')} />;

  return (
    <>
      <PageHeader title={t('ext.title')} description={t('ext.description')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mb="md">
        {plans.data.length > 1 && (
          <NativeSelect
            label={t('dashboard.plan')}
            value={planId === null ? '' : String(planId)}
            onChange={(e) => set({ planId: Number(e.currentTarget.value) })}
            data={plans.data.map((p) => ({ value: String(p.id), label: planLabel(p) }))}
          />
        )}
        <NativeSelect
          label={t('ext.status')}
          value={status}
          onChange={(e) => set({ status: e.currentTarget.value })}
          data={[{ value: '', label: t('ext.all') }, ...(['pending', 'approved', 'refused'] as const).map((s) => ({ value: s, label: t(EXTENSION_LABEL[s]) }))]}
        />
      </SimpleGrid>
      <Card withBorder padding="md">
        {list.error ? (
          <LoadError message={list.error} onRetry={list.reload} />
        ) : !list.data ? (
          <Loader size="sm" aria-label={t('app.loading')} />
        ) : list.data.items.length === 0 ? (
          <Text c="dimmed">{t('ext.empty')}</Text>
        ) : (
          <Stack gap={0}>
            {list.data.items.map((ext) => (
              <Box key={ext.id} className="drill-line" data-testid="extension">
                <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                  <Text size="sm" fw={600} style={{ minWidth: 0 }}>
                    {ext.unitName}
                  </Text>
                  <Badge color={EXTENSION_COLOR[ext.status]} variant="light" tt="none" style={{ flexShrink: 0 }} data-testid="extension-status">
                    {t(EXTENSION_LABEL[ext.status])}
                  </Badge>
                </Group>
                <Text size="sm" lineClamp={2}>
                  {ext.taskNo ? `${ext.taskNo}. ` : ''}
                  {ext.taskContent}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('ext.originalDue')}: {formatDate(ext.originalDue)} · {t('ext.currentDue')}: {formatDate(ext.currentDue)} · {t('ext.requestedDate')}:{' '}
                  <b>{formatDate(ext.requestedDate)}</b>
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {t('ext.reason')}: {ext.reason}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('ext.requestedAt')}: {formatDateTime(ext.requestedAt)}
                </Text>
                {ext.decisionComment && (
                  <Text size="xs">
                    {t('ext.decision')}: {ext.decisionComment}
                  </Text>
                )}
                {decides && ext.status === 'pending' && (
                  <Group gap="xs" mt={4}>
                    <Button size="xs" color="green" onClick={() => setDeciding({ ext, approve: true })}>
                      {t('ext.approve')}
                    </Button>
                    <Button size="xs" color="red" variant="light" onClick={() => setDeciding({ ext, approve: false })}>
                      {t('ext.refuse')}
                    </Button>
                  </Group>
                )}
              </Box>
            ))}
          </Stack>
        )}
      </Card>
      {deciding && <DecisionModal {...deciding} onClose={() => setDeciding(null)} onDone={list.reload} />}
    </>
  );
}

function DecisionModal({ ext, approve, onClose, onDone }: { ext: Extension; approve: boolean; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const decide = async () => {
    setBusy(true);
    setError(null);
    try {
      if (approve) await api.extensions.approve(ext.id, comment.trim() || undefined);
      else await api.extensions.refuse(ext.id, comment.trim());
      notifications.show({ message: t(approve ? 'ext.approved' : 'ext.refused'), color: approve ? 'green' : 'gray' });
      onClose();
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t(approve ? 'ext.approveTitle' : 'ext.refuseTitle')}>
      <Text size="sm" mb="xs">
        {ext.unitName} — {ext.taskNo ? `${ext.taskNo}. ` : ''}
        {formatDate(ext.currentDue)} → {formatDate(ext.requestedDate)}
      </Text>
      <Textarea label={t('ext.comment')} autosize minRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} required={!approve} data-autofocus />
      <FormError message={error} />
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button color={approve ? 'green' : 'red'} loading={busy} disabled={!approve && comment.trim() === ''} onClick={() => void decide()}>
          {t(approve ? 'ext.approve' : 'ext.refuse')}
        </Button>
      </Group>
    </Modal>
  );
}
