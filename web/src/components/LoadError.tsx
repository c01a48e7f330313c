import { Alert, Button } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useT } from '../i18n/I18nProvider';

/** A failed load: the server's message and a retry button. */
export function LoadError({ message, onRetry }: { message: string; onRetry: () => void }) {
  const t = useT();
  return (
    <Alert color="red" variant="light" title={t('common.loadError')} icon={<IconAlertCircle aria-hidden />} role="alert">
      {message}
      <Button variant="subtle" color="red" size="xs" ml="sm" onClick={onRetry}>
        {t('common.retry')}
      </Button>
    </Alert>
  );
}
