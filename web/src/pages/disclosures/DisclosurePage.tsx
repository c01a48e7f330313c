import { Alert, Badge, Button, Card, Divider, Group, Loader, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconExternalLink, IconMessage } from '@tabler/icons-react';
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { disclosuresApi, publicDisclosureUrl, type DisclosureView } from '../../api/disclosures';
import { useResource } from '../../api/useResource';
import { useSignedIn } from '../../auth/SessionProvider';
import { FormError } from '../../components/FormError';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, formatDateTime } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import { disclosureEditPath } from '../../paths';
import { ApproveModal, PostingModal, ReasonModal } from './ActionModals';
import { AttachmentsSection, PostingsSection } from './FilesSection';
import { CATEGORY_LABEL, CHANNEL_LABEL, POSTING_STATE_LABEL } from './labels';
import { StatusBadge } from './StatusBadge';
import { TableSection } from './TableSection';

type Dialog = 'submit' | 'approve' | 'return' | 'takeDown' | 'posting' | null;

/** One disclosure: its content, table and files, and the steps the user may take at its stage. */
export function DisclosurePage() {
  const t = useT();
  const id = Number(useParams().id);
  const loaded = useResource(() => disclosuresApi.get(id), [id]);
  const [d, setD] = useState<DisclosureView | undefined>();
  useEffect(() => setD(loaded.data), [loaded.data]);
  if (loaded.error) return <LoadError message={loaded.error} onRetry={loaded.reload} />;
  if (!d) return <Loader size="sm" aria-label={t('app.loading')} />;
  return <Disclosure d={d} onChanged={setD} reload={loaded.reload} />;
}

function Disclosure({ d, onChanged, reload }: { d: DisclosureView; onChanged: (next: DisclosureView) => void; reload: () => void }) {
  const t = useT();
  const { abilities } = useSignedIn();
  const [dialog, setDialog] = useState<Dialog>(null);
  const draft = d.status === 'draft';
  const editable = draft && Boolean(abilities.draftDisclosures);
  const done = (next: DisclosureView) => {
    setDialog(null);
    onChanged(next);
  };

  const actions = (
    <>
      {editable && (
        <>
          <Button component={Link} to={disclosureEditPath(d.id)} variant="default">
            {t('disclosures.edit')}
          </Button>
          <Button onClick={() => setDialog('submit')}>{t('disclosures.submit')}</Button>
        </>
      )}
      {d.status === 'pending' && abilities.approveDisclosures && (
        <>
          <Button color="orange" variant="light" onClick={() => setDialog('return')}>
            {t('disclosures.return')}
          </Button>
          <Button color="green" onClick={() => setDialog('approve')}>
            {t('disclosures.approve')}
          </Button>
        </>
      )}
      {d.status === 'published' && abilities.takeDownDisclosures && (
        <Button color="red" variant="light" onClick={() => setDialog('takeDown')}>
          {t('disclosures.takeDown')}
        </Button>
      )}
      {d.postingState === 'posted' && (
        <Button component="a" href={publicDisclosureUrl(d.id)} target="_blank" variant="subtle" rightSection={<IconExternalLink size={14} aria-hidden />}>
          {t('disclosures.viewPublic')}
        </Button>
      )}
    </>
  );

  return (
    <>
      <PageHeader title={d.title} description={`${t(CATEGORY_LABEL[d.category])} · ${d.unitName}`} actions={actions} />
      <Stack gap="md">
        <Group gap={6}>
          <StatusBadge d={d} />
          {d.status !== 'draft' && d.status !== 'pending' && (
            <Badge color={d.postingState === 'posted' ? 'green' : d.postingState === 'taken_down_early' ? 'red' : 'gray'} variant="outline" tt="none" data-testid="posting-state">
              {t(POSTING_STATE_LABEL[d.postingState])}
            </Badge>
          )}
        </Group>
        {draft && d.returnComment && (
          <Alert color="orange" variant="light" icon={<IconMessage aria-hidden />} title={t('disclosures.returnedWith')} role="note" data-testid="return-comment">
            {d.returnComment}
          </Alert>
        )}
        <Card withBorder padding="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            <Fact label={t('disclosures.period')}>
              {d.publishDate ? `${formatDate(d.publishDate)} – ${d.postingEnd ? formatDate(d.postingEnd) : t('disclosures.noEnd')}` : t('disclosures.periodAtApproval')}
              {d.publishDate && (d.status === 'draft' || d.status === 'pending') && ` (${t('disclosures.proposed')})`}
            </Fact>
            <Fact label={t('disclosures.objectionWindow')}>
              {d.objectionWindow ? `${formatDate(d.objectionWindow.from)} – ${formatDate(d.objectionWindow.to)}` : t('common.none')}
            </Fact>
            <Fact label={t('disclosures.channels')}>{d.channels.map((c) => t(CHANNEL_LABEL[c])).join('; ')}</Fact>
            <Fact label={t('disclosures.updatedAt')}>{formatDateTime(d.updatedAt)}</Fact>
            {d.approvedAt && <Fact label={t('disclosures.approvedAt')}>{formatDateTime(d.approvedAt)}</Fact>}
            {d.takenDownOn && (
              <Fact label={t('disclosures.takenDownOn')}>
                {formatDate(d.takenDownOn)}
                {d.takenDownReason && ` — ${d.takenDownReason}`}
              </Fact>
            )}
          </SimpleGrid>
          {d.summary && (
            <Text size="sm" mt="sm" fw={500}>
              {d.summary}
            </Text>
          )}
          {d.body && (
            <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
              {d.body}
            </Text>
          )}
          {d.legalBasis && (
            <>
              <Divider my="sm" />
              <Text size="xs" c="dimmed" fw={600}>
                {t('disclosures.legalBasis')}
              </Text>
              <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
                {d.legalBasis}
              </Text>
            </>
          )}
        </Card>
        <Card withBorder padding="md">
          <TableSection d={d} editable={editable} onChanged={onChanged} />
        </Card>
        <Card withBorder padding="md">
          <AttachmentsSection d={d} editable={editable} onAdded={reload} />
        </Card>
        {(d.status === 'published' || d.status === 'taken_down') && (
          <Card withBorder padding="md">
            <PostingsSection
              d={d}
              action={
                abilities.draftDisclosures && (
                  <Button size="xs" variant="light" onClick={() => setDialog('posting')}>
                    {t('disclosures.recordPosting')}
                  </Button>
                )
              }
            />
          </Card>
        )}
      </Stack>
      {dialog === 'submit' && <SubmitModal d={d} onClose={() => setDialog(null)} onDone={done} />}
      {dialog === 'approve' && <ApproveModal d={d} onClose={() => setDialog(null)} onDone={done} />}
      {(dialog === 'return' || dialog === 'takeDown') && <ReasonModal d={d} kind={dialog} onClose={() => setDialog(null)} onDone={done} />}
      {dialog === 'posting' && (
        <PostingModal
          d={d}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            reload();
          }}
        />
      )}
    </>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

function SubmitModal({ d, onClose, onDone }: { d: DisclosureView; onClose: () => void; onDone: (next: DisclosureView) => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const next = await disclosuresApi.submit(d.id);
      notifications.show({ message: t('disclosures.submitted'), color: 'green' });
      onDone(next);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('disclosures.submit')}>
      <Text size="sm">{d.table ? t('disclosures.submitConfirm') : t('disclosures.submitNoTable')}</Text>
      <FormError message={error} />
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button loading={busy} onClick={() => void submit()} data-autofocus>
          {t('disclosures.submitConfirmButton')}
        </Button>
      </Group>
    </Modal>
  );
}

