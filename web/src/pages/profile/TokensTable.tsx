import { Badge, Button, Table, Text, VisuallyHidden } from '@mantine/core';
import type { ApiToken } from '../../api/types';
import { formatDateTime } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';

type State = 'active' | 'revoked' | 'expired';

function stateOf(token: ApiToken, now: number): State {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= now) return 'expired';
  return 'active';
}

const COLOR: Record<State, string> = { active: 'green', revoked: 'gray', expired: 'orange' };

export function TokensTable({ tokens, onRevoke }: { tokens: ApiToken[]; onRevoke: (token: ApiToken) => void }) {
  const t = useT();
  const now = Date.now();
  if (!tokens.length) return <Text c="dimmed">{t('tokens.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped verticalSpacing="xs" aria-label={t('tokens.tableLabel')} data-testid="tokens-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('tokens.name')}</Table.Th>
            <Table.Th>{t('tokens.prefix')}</Table.Th>
            <Table.Th>{t('tokens.createdAt')}</Table.Th>
            <Table.Th>{t('tokens.lastUsed')}</Table.Th>
            <Table.Th>{t('tokens.expiresAt')}</Table.Th>
            <Table.Th>{t('tokens.status')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('accounts.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tokens.map((token) => {
            const state = stateOf(token, now);
            return (
              <Table.Tr key={token.id}>
                <Table.Td>{token.name}</Table.Td>
                <Table.Td ff="monospace">{token.tokenPrefix}…</Table.Td>
                <Table.Td>{formatDateTime(token.createdAt)}</Table.Td>
                <Table.Td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : t('tokens.never')}</Table.Td>
                <Table.Td>{token.expiresAt ? formatDateTime(token.expiresAt) : t('tokens.never')}</Table.Td>
                <Table.Td>
                  <Badge color={COLOR[state]} variant="light" tt="none">
                    {t(`tokens.${state}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {state === 'active' && (
                    <Button size="compact-xs" variant="subtle" color="red" onClick={() => onRevoke(token)} aria-label={t('tokens.revokeLabel', { name: token.name })}>
                      {t('tokens.revoke')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
