import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import type { ApiToken } from '../../api/types';
import { FormError } from '../../components/FormError';
import { useT } from '../../i18n/I18nProvider';

/** Asks before revoking: software using the token stops working at once. */
export function RevokeTokenModal({ token, onClose, onRevoked }: { token: ApiToken; onClose: () => void; onRevoked: () => void }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const revoke = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.tokens.revoke(token.id);
      notifications.show({ color: 'green', message: t('tokens.revokedDone', { name: token.name }) });
      onRevoked();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} size="md" title={t('tokens.revokeLabel', { name: token.name })}>
      <Stack>
        <FormError message={error} />
        <Text>{t('tokens.revokeConfirm', { name: token.name })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={revoke}>
            {t('tokens.revoke')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
