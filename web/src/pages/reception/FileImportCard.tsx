import { Alert, Button, Card, FileInput, Group, List, Text, Title } from '@mantine/core';
import { IconCheck, IconUpload } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../../api/client';
import { FormError } from '../../components/FormError';
import { useT } from '../../i18n/I18nProvider';

/** What an import answered, as lines of the summary ("Thêm mới: 3"…) and the headers it did not read. */
export interface ImportSummary {
  lines: string[];
  ignoredColumns: string[];
}

/**
 * One spreadsheet (XLSX or CSV) sent for a unit; the summary of what was saved, or the server's Vietnamese
 * message naming the first bad line and column (nothing is saved then).
 */
export function FileImportCard({
  title,
  hint,
  unitId,
  send,
  onDone,
  testId,
}: {
  title: string;
  hint: ReactNode;
  unitId: number | null;
  send: (unitId: number, file: File) => Promise<ImportSummary>;
  onDone: () => void;
  testId: string;
}) {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);

  const upload = async () => {
    if (!file || unitId === null) return;
    setBusy(true);
    setError(null);
    setSummary(null);
    try {
      setSummary(await send(unitId, file));
      setFile(null);
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder padding="md" component="section" aria-label={title} data-testid={testId}>
      <Title order={3} size="h4" mb="xs">
        {title}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {hint}
      </Text>
      <Group align="flex-end" wrap="wrap">
        <FileInput
          label={t('sheet.file')}
          placeholder={t('sheet.choose')}
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          value={file}
          onChange={setFile}
          clearable
          style={{ flex: 1, minWidth: 240 }}
        />
        <Button leftSection={<IconUpload size={16} aria-hidden />} onClick={() => void upload()} disabled={!file || unitId === null} loading={busy}>
          {t('sheet.send')}
        </Button>
      </Group>
      {unitId === null && (
        <Text size="xs" c="dimmed" mt={4}>
          {t('sheet.pickUnit')}
        </Text>
      )}
      <FormError message={error} />
      {summary && (
        <Alert color="green" variant="light" icon={<IconCheck aria-hidden />} title={t('sheet.done')} mt="sm" data-testid="import-summary" role="status">
          <List size="sm">
            {summary.lines.map((line) => (
              <List.Item key={line}>{line}</List.Item>
            ))}
          </List>
          {summary.ignoredColumns.length > 0 && (
            <Text size="sm" mt={4}>
              {t('sheet.ignored', { columns: summary.ignoredColumns.join(', ') })}
            </Text>
          )}
        </Alert>
      )}
    </Card>
  );
}
