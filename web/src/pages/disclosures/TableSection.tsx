import { Alert, Button, FileInput, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconShieldLock, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { disclosuresApi, type DisclosureView, type DroppedColumn } from '../../api/disclosures';
import { FormError } from '../../components/FormError';
import { useT } from '../../i18n/I18nProvider';
import { TablePreview } from './TablePreview';

/**
 * The item's table: upload from XLSX or CSV while it is a draft, what the personal-data filter left out
 * (right after an upload: the server does not keep the dropped headers), and the table as the public sees it.
 */
export function TableSection({ d, editable, onChanged }: { d: DisclosureView; editable: boolean; onChanged: (next: DisclosureView) => void }) {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dropped, setDropped] = useState<DroppedColumn[] | null>(null);

  const upload = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const result = await disclosuresApi.importTable(d.id, file);
      setDropped(result.dropped);
      setFile(null);
      onChanged(result.disclosure);
    } catch (e) {
      setDropped(null);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby="disclosure-table-heading">
      <Title order={3} size="h4" id="disclosure-table-heading">
        {t('disclosures.table.title')}
      </Title>
      {editable && (
        <Group align="flex-end" wrap="wrap">
          <FileInput
            label={t('disclosures.table.file')}
            description={t('disclosures.table.fileHint')}
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            onChange={setFile}
            clearable
            style={{ flex: 1, minWidth: 240 }}
          />
          <Button leftSection={<IconUpload size={16} aria-hidden />} onClick={() => void upload()} disabled={!file} loading={busy}>
            {t('disclosures.table.upload')}
          </Button>
        </Group>
      )}
      <FormError message={error} />
      {dropped && dropped.length > 0 && (
        <Alert color="orange" variant="light" icon={<IconShieldLock aria-hidden />} title={t('disclosures.table.droppedTitle')} data-testid="dropped-columns">
          <List size="sm">
            {dropped.map((c) => (
              <List.Item key={c.index}>
                <b>{c.header || t('disclosures.table.noHeader')}</b>: {c.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {dropped && dropped.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('disclosures.table.nothingDropped')}
        </Text>
      )}
      {d.table ? (
        <>
          <Text size="sm">{t('disclosures.table.asPublic')}</Text>
          <TablePreview table={d.table} label={t('disclosures.table.title')} />
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {t('disclosures.table.none')}
        </Text>
      )}
    </Stack>
  );
}
