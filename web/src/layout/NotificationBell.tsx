import { ActionIcon, Box, Button, Group, Indicator, Menu, ScrollArea, Text } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import type { AppNotification } from '../api/types';
import { formatDateTime } from '../i18n/dates';
import { useT } from '../i18n/I18nProvider';

const POLL_MS = 60_000;
const SHOWN = 15;

/** A staff-app path from the server's `link` (with or without the /app prefix); null when it is not one of ours. */
function appPath(link: string | null): string | null {
  if (!link || !link.startsWith('/')) return null;
  return link.startsWith('/app/') ? link.slice(4) : link;
}

/** The bell in the header: unread count, the newest notifications, mark one or all as read. */
export function NotificationBell() {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [items, setItems] = useState<AppNotification[]>([]);
  const [unread, setUnread] = useState(0);
  // Until the server has the notifications API (404), the bell stays hidden.
  const [available, setAvailable] = useState(true);
  const loading = useRef(false);

  const load = useCallback(async () => {
    if (loading.current) return;
    loading.current = true;
    try {
      const answer = await api.notifications.list();
      setItems(answer.items);
      setUnread(answer.unread);
      setAvailable(true);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 403)) setAvailable(false);
    } finally {
      loading.current = false;
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load, pathname]);

  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [load]);

  if (!available) return null;

  const open = async (n: AppNotification) => {
    if (!n.readAt) {
      setItems((list) => list.map((x) => (x.id === n.id ? { ...x, readAt: new Date().toISOString() } : x)));
      setUnread((u) => Math.max(0, u - 1));
      await api.notifications.read(n.id).catch(() => undefined);
    }
    const to = appPath(n.link);
    if (to) navigate(to);
  };

  const readAll = async () => {
    const answer = await api.notifications.readAll().catch(() => null);
    if (answer) {
      setUnread(answer.unread ?? 0);
      setItems((list) => list.map((x) => (x.readAt ? x : { ...x, readAt: new Date().toISOString() })));
    }
  };

  const label = unread > 0 ? `${t('bell.label')} — ${t('bell.unread', { count: unread })}` : t('bell.label');
  return (
    <Menu position="bottom-end" width={320} shadow="md" withinPortal onOpen={() => void load()}>
      <Menu.Target>
        <Indicator label={unread > 99 ? '99+' : unread} disabled={unread === 0} size={16} color="red" offset={4} data-testid="bell-count">
          <ActionIcon variant="default" size="lg" aria-label={label} data-testid="bell">
            <IconBell size={18} aria-hidden />
          </ActionIcon>
        </Indicator>
      </Menu.Target>
      <Menu.Dropdown maw="calc(100vw - 16px)" data-testid="bell-menu">
        <Group justify="space-between" px="xs" py={4} wrap="nowrap">
          <Text size="sm" fw={600}>
            {t('bell.label')}
          </Text>
          {unread > 0 && (
            <Button size="compact-xs" variant="subtle" onClick={() => void readAll()}>
              {t('bell.readAll')}
            </Button>
          )}
        </Group>
        <Menu.Divider />
        {items.length === 0 ? (
          <Text size="sm" c="dimmed" px="xs" py="sm">
            {t('bell.empty')}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={380} type="auto">
            {items.slice(0, SHOWN).map((n) => (
              <Menu.Item key={n.id} onClick={() => void open(n)} data-testid="bell-item" data-unread={n.readAt ? undefined : true}>
                <Box>
                  <Text size="sm" fw={n.readAt ? 400 : 700} lineClamp={2}>
                    {n.title}
                  </Text>
                  {n.body && (
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {n.body}
                    </Text>
                  )}
                  <Text size="xs" c="dimmed">
                    {formatDateTime(n.createdAt)}
                  </Text>
                </Box>
              </Menu.Item>
            ))}
          </ScrollArea.Autosize>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
