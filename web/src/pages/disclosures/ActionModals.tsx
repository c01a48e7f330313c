import { Button, FileInput, Group, Modal, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { disclosuresApi, type DisclosureChannel, type DisclosureView } from '../../api/disclosures';
import { DateField } from '../../components/DateField';
import { FormError } from '../../components/FormError';
import { formatDate, parseVnDate, todayIso } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import { addDays, CATEGORIES, CHANNEL_LABEL } from './labels';

type Done = (next: DisclosureView) => void;

/** Runs one request, keeps the dialog open with the server's Vietnamese message when it fails. */
function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async <T,>(work: () => Promise<T>, after: (value: T) => void) => {
    setBusy(true);
    setError(null);
    try {
      after(await work());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}


/** "Duyệt và công bố": the publish date and the posting end (the domain checks the category's minimum). */
export function ApproveModal({ d, onClose, onDone }: { d: DisclosureView; onClose: () => void; onDone: Done }) {
  const t = useT();
  const min = CATEGORIES[d.category].minPostingDays;
  const today = todayIso();
  // The officer's proposal while it is still ahead; otherwise from today with the category's minimum.
  const proposed = d.publishDate !== null && d.publishDate >= today;
  const from = proposed ? d.publishDate! : today;
  const [publish, setPublish] = useState(formatDate(from));
  const [end, setEnd] = useState(proposed && d.postingEnd ? formatDate(d.postingEnd) : min === null ? '' : formatDate(addDays(from, min - 1)));
  const { busy, error, setError, run } = useAction();
  const approve = () => {
    const publishDate = publish.trim() === '' ? null : parseVnDate(publish);
    const postingEnd = end.trim() === '' ? null : parseVnDate(end);
    if ((publish.trim() !== '' && !publishDate) || (end.trim() !== '' && !postingEnd)) {
      setError(t('common.invalidDate'));
      return;
    }
    void run(
      () => disclosuresApi.approve(d.id, { publishDate, postingEnd }),
      (next) => {
        notifications.show({ message: t('disclosures.approved'), color: 'green' });
        onDone(next);
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t('disclosures.approve')}>
      <Stack gap="sm">
        <Text size="sm">{d.title}</Text>
        <Text size="xs" c="dimmed">
          {min === null ? t('disclosures.rules.noMinimum') : t('disclosures.rules.minPosting', { days: min })}
        </Text>
        <DateField label={t('disclosures.publishDate')} value={publish} onChange={(e) => setPublish(e.currentTarget.value)} data-autofocus />
        <DateField label={t('disclosures.postingEnd')} description={t('disclosures.postingEndHint')} value={end} onChange={(e) => setEnd(e.currentTarget.value)} />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="green" loading={busy} onClick={approve}>
            {t('disclosures.approve')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Returning a pending item (comment) or taking a published one down (reason): a required text. */
export function ReasonModal({ d, kind, onClose, onDone }: { d: DisclosureView; kind: 'return' | 'takeDown'; onClose: () => void; onDone: Done }) {
  const t = useT();
  const [text, setText] = useState('');
  const { busy, error, run } = useAction();
  const title = kind === 'return' ? t('disclosures.return') : t('disclosures.takeDown');
  const go = () =>
    void run(
      () => (kind === 'return' ? disclosuresApi.returnToDraft(d.id, text.trim()) : disclosuresApi.takeDown(d.id, text.trim())),
      (next) => {
        notifications.show({ message: kind === 'return' ? t('disclosures.returned') : t('disclosures.takenDown'), color: 'gray' });
        onDone(next);
      },
    );
  return (
    <Modal opened onClose={onClose} title={title}>
      <Stack gap="sm">
        <Text size="sm">{d.title}</Text>
        {kind === 'takeDown' && d.publishDate && CATEGORIES[d.category].minPostingDays !== null && (
          <Text size="xs" c="dimmed">
            {t('disclosures.takeDownWarning', { date: formatDate(addDays(d.publishDate, CATEGORIES[d.category].minPostingDays! - 1)) })}
          </Text>
        )}
        <Textarea
          label={kind === 'return' ? t('disclosures.returnComment') : t('disclosures.takeDownReason')}
          required
          autosize
          minRows={3}
          maxLength={5000}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          data-autofocus
        />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color={kind === 'return' ? 'orange' : 'red'} loading={busy} disabled={text.trim() === ''} onClick={go}>
            {title}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Evidence of posting: the channel, the day, a note and a photo or the minutes. */
export function PostingModal({ d, onClose, onDone }: { d: DisclosureView; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const [channel, setChannel] = useState<DisclosureChannel>(d.channels[0] ?? 'notice_board');
  const [date, setDate] = useState(formatDate(todayIso()));
  const [description, setDescription] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const { busy, error, setError, run } = useAction();
  const save = () => {
    const postedOn = parseVnDate(date);
    if (!postedOn) {
      setError(t('common.invalidDate'));
      return;
    }
    void run(
      () => disclosuresApi.recordPosting(d.id, { channel, postedOn, description }, file),
      () => {
        notifications.show({ message: t('disclosures.postingSaved'), color: 'green' });
        onDone();
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={t('disclosures.recordPosting')}>
      <Stack gap="sm">
        <NativeSelect
          label={t('disclosures.channel')}
          value={channel}
          onChange={(e) => setChannel(e.currentTarget.value as DisclosureChannel)}
          data={(['notice_board', 'loudspeaker', 'village_meeting', 'website'] as const).map((c) => ({ value: c, label: t(CHANNEL_LABEL[c]) }))}
        />
        <DateField label={t('disclosures.postedOn')} required value={date} onChange={(e) => setDate(e.currentTarget.value)} />
        <Textarea label={t('disclosures.postingNote')} autosize minRows={2} maxLength={2000} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
        <FileInput
          label={t('disclosures.evidenceFile')}
          description={t('disclosures.evidenceHint')}
          accept="image/jpeg,image/png,.pdf,.docx,.xlsx"
          value={file}
          onChange={setFile}
          clearable
        />
        <FormError message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={busy} onClick={save}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
