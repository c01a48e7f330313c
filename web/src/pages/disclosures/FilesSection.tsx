import { Anchor, Button, FileInput, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../../api/client';
import { disclosuresApi, type DisclosureView } from '../../api/disclosures';
import { FormError } from '../../components/FormError';
import { formatDate } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import { CHANNEL_LABEL } from './labels';

const kb = (size: number) => `${Math.max(1, Math.round(size / 1024))} KB`;

/** Attached documents (PDF, DOCX, XLSX): listed always, added while the item is a draft. */
export function AttachmentsSection({ d, editable, onAdded }: { d: DisclosureView; editable: boolean; onAdded: () => void }) {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const add = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      await disclosuresApi.attach(d.id, file);
      setFile(null);
      onAdded();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap="sm" component="section" aria-labelledby="disclosure-attachments-heading">
      <Title order={3} size="h4" id="disclosure-attachments-heading">
        {t('disclosures.attachments')}
      </Title>
      {d.attachments.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('disclosures.noAttachments')}
        </Text>
      ) : (
        <List size="sm" data-testid="attachments">
          {d.attachments.map((a) => (
            <List.Item key={a.id}>
              <Anchor href={disclosuresApi.fileUrl(d.id, a.fileHash)}>{a.name}</Anchor> ({kb(a.size)})
            </List.Item>
          ))}
        </List>
      )}
      {editable && (
        <Group align="flex-end" wrap="wrap">
          <FileInput
            label={t('disclosures.attachFile')}
            description={t('disclosures.attachHint')}
            accept=".pdf,.docx,.xlsx"
            value={file}
            onChange={setFile}
            clearable
            style={{ flex: 1, minWidth: 240 }}
          />
          <Button leftSection={<IconPaperclip size={16} aria-hidden />} onClick={() => void add()} disabled={!file} loading={busy}>
            {t('disclosures.attach')}
          </Button>
        </Group>
      )}
      <FormError message={error} />
    </Stack>
  );
}

/** Where and when the item was posted, with the photo or minutes as evidence. */
export function PostingsSection({ d, action }: { d: DisclosureView; action: ReactNode }) {
  const t = useT();
  return (
    <Stack gap="sm" component="section" aria-labelledby="disclosure-postings-heading">
      <Group justify="space-between">
        <Title order={3} size="h4" id="disclosure-postings-heading">
          {t('disclosures.postings')}
        </Title>
        {action}
      </Group>
      {d.postings.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('disclosures.noPostings')}
        </Text>
      ) : (
        <List size="sm" data-testid="postings">
          {d.postings.map((p) => (
            <List.Item key={p.id} data-testid="posting">
              {formatDate(p.postedOn)} — {t(CHANNEL_LABEL[p.channel])}
              {p.description && `: ${p.description}`}
              {p.evidenceFileHash && (
                <>
                  {' '}
                  (<Anchor href={disclosuresApi.fileUrl(d.id, p.evidenceFileHash)}>{t('disclosures.evidence')}</Anchor>)
                </>
              )}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
