import { Button, Card, Group, Loader, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { api } from '../../api/endpoints';
import type { User } from '../../api/types';
import { useResource } from '../../api/useResource';
import { useSignedIn } from '../../auth/SessionProvider';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useT } from '../../i18n/I18nProvider';
import { AccountFormModal } from './AccountFormModal';
import { AccountsTable } from './AccountsTable';
import { ResetPasswordModal } from './ResetPasswordModal';

type Dialog = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'reset'; user: User } | null;

/** Staff accounts: list and search; admins add, edit and reset passwords. */
export function AccountsPage() {
  const t = useT();
  const { abilities } = useSignedIn();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query.trim(), 300);
  const [dialog, setDialog] = useState<Dialog>(null);

  const users = useResource(() => api.users.list(debounced || undefined), [debounced]);
  const unitList = useResource(() => api.units.list(), []);
  const units = useMemo(() => unitList.data ?? [], [unitList.data]);
  const unitNames = useMemo(() => new Map(units.map((u) => [u.id, u.name])), [units]);
  const canManage = abilities.updateUser;

  return (
    <>
      <PageHeader
        title={t('accounts.title')}
        description={t('accounts.description')}
        actions={
          abilities.createUser && (
            <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setDialog({ kind: 'create' })}>
              {t('accounts.add')}
            </Button>
          )
        }
      />
      <Card withBorder padding="md">
        <Group mb="md" align="flex-end" justify="space-between">
          <TextInput
            label={t('accounts.search')}
            placeholder={t('accounts.searchPlaceholder')}
            leftSection={<IconSearch size={16} aria-hidden />}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            w={{ base: '100%', sm: 360 }}
          />
          {users.data && (
            <Text size="sm" c="dimmed" role="status">
              {t('accounts.count', { count: users.data.length })}
            </Text>
          )}
        </Group>
        {users.error ? (
          <LoadError message={users.error} onRetry={users.reload} />
        ) : !users.data ? (
          <Loader aria-label={t('app.loading')} />
        ) : (
          <AccountsTable
            users={users.data}
            unitNames={unitNames}
            canManage={canManage}
            onEdit={(user) => setDialog({ kind: 'edit', user })}
            onReset={(user) => setDialog({ kind: 'reset', user })}
          />
        )}
      </Card>
      {dialog?.kind === 'create' && <AccountFormModal user={null} units={units} onClose={() => setDialog(null)} onSaved={users.reload} />}
      {dialog?.kind === 'edit' && (
        <AccountFormModal user={dialog.user} units={units} onClose={() => setDialog(null)} onSaved={users.reload} />
      )}
      {dialog?.kind === 'reset' && <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} />}
    </>
  );
}
