import { Alert, Code, CopyButton, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useState } from 'react';
import { api } from '../../api/endpoints';
import type { ApiToken, CreatedApiToken } from '../../api/types';
import { useResource } from '../../api/useResource';
import { LoadError } from '../../components/LoadError';
import { useT } from '../../i18n/I18nProvider';
import { CreateTokenForm } from './CreateTokenForm';
import { RevokeTokenModal } from './RevokeTokenModal';
import { TokensTable } from './TokensTable';

/** Personal API tokens: list, create (the secret shown once, copyable), revoke. */
export function ApiTokens() {
  const t = useT();
  const tokens = useResource(() => api.tokens.list(), []);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  return (
    <Stack>
      <div>
        <Title order={3} size="h4">
          {t('tokens.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('tokens.description')}
        </Text>
      </div>
      <CreateTokenForm
        onCreated={(token) => {
          setCreated(token);
          tokens.reload();
        }}
      />
      {created && (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('tokens.created')} data-testid="new-token">
          <Stack gap="xs">
            <Text size="sm" fw={500}>
              {t('tokens.onceWarning')}
            </Text>
            <Text size="xs" c="dimmed" id="new-token-label">
              {t('tokens.secretLabel')} — {created.name}
            </Text>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <Code block className="token-secret" aria-labelledby="new-token-label" style={{ flex: 1 }}>
                {created.token}
              </Code>
              <CopyButton value={created.token}>
                {({ copied, copy }) => (
                  <Button
                    variant={copied ? 'filled' : 'default'}
                    color={copied ? 'green' : undefined}
                    leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                    onClick={copy}
                  >
                    {copied ? t('tokens.copied') : t('tokens.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Group justify="flex-end">
              <Button size="xs" variant="subtle" onClick={() => setCreated(null)}>
                {t('common.close')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {tokens.error ? (
        <LoadError message={tokens.error} onRetry={tokens.reload} />
      ) : !tokens.data ? (
        <Loader size="sm" aria-label={t('app.loading')} />
      ) : (
        <TokensTable tokens={tokens.data} onRevoke={setRevoking} />
      )}
      {revoking && (
        <RevokeTokenModal
          token={revoking}
          onClose={() => setRevoking(null)}
          onRevoked={() => {
            setRevoking(null);
            tokens.reload();
          }}
        />
      )}
    </Stack>
  );
}
