import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { IconKey, IconPencil } from '@tabler/icons-react';
import type { User } from '../../api/types';
import { useT } from '../../i18n/I18nProvider';

interface Props {
  users: User[];
  unitNames: Map<number, string>;
  canManage: boolean;
  onEdit: (user: User) => void;
  onReset: (user: User) => void;
}

const ROLE_COLOR: Record<User['role'], string> = {
  admin: 'red',
  coordinator: 'blue',
  unit_officer: 'teal',
  leader: 'orange',
  supervisor: 'grape',
};

export function AccountsTable({ users, unitNames, canManage, onEdit, onReset }: Props) {
  const t = useT();
  if (!users.length) return <Text c="dimmed">{t('accounts.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label={t('accounts.tableLabel')} data-testid="accounts-table">
        <Table.Thead style={{ whiteSpace: 'nowrap' }}>
          <Table.Tr>
            <Table.Th>{t('accounts.username')}</Table.Th>
            <Table.Th>{t('accounts.displayName')}</Table.Th>
            <Table.Th>{t('accounts.role')}</Table.Th>
            <Table.Th>{t('accounts.unit')}</Table.Th>
            <Table.Th>{t('accounts.status')}</Table.Th>
            {canManage && <Table.Th>{t('accounts.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <Table.Tr key={user.id} data-testid={`account-${user.username}`}>
              <Table.Td ff="monospace">{user.username}</Table.Td>
              <Table.Td>{user.displayName}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={ROLE_COLOR[user.role]} tt="none" radius="sm">
                  {t(`role.${user.role}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{user.unitId === null ? t('common.none') : (unitNames.get(user.unitId) ?? `#${user.unitId}`)}</Table.Td>
              <Table.Td>
                <Badge variant="dot" color={user.active ? 'green' : 'gray'} tt="none">
                  {user.active ? t('accounts.active') : t('accounts.inactive')}
                </Badge>
              </Table.Td>
              {canManage && (
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      leftSection={<IconPencil size={14} aria-hidden />}
                      aria-label={t('accounts.editLabel', { username: user.username })}
                      onClick={() => onEdit(user)}
                    >
                      {t('accounts.edit')}
                    </Button>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="orange"
                      leftSection={<IconKey size={14} aria-hidden />}
                      aria-label={t('accounts.resetLabel', { username: user.username })}
                      onClick={() => onReset(user)}
                    >
                      {t('accounts.resetPassword')}
                    </Button>
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
