import { Alert, Badge, Button, Card, Group, Loader, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { useResource } from '../../api/useResource';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, todayIso } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/vi';
import { calendarApi, type CalendarDayView } from './calendarApi';
import { DueChecker } from './DueChecker';
import { OverrideModal } from './OverrideModal';

const WEEKDAY_KEYS: MessageKey[] = ['calendar.weekday.0', 'calendar.weekday.1', 'calendar.weekday.2', 'calendar.weekday.3', 'calendar.weekday.4', 'calendar.weekday.5', 'calendar.weekday.6'];
const REASON: Record<string, { key: MessageKey; color: string }> = {
  holiday: { key: 'calendar.reason.holiday', color: 'red' },
  off: { key: 'calendar.reason.off', color: 'orange' },
  makeup: { key: 'calendar.reason.makeup', color: 'blue' },
  restored: { key: 'calendar.reason.restored', color: 'teal' },
  weekday: { key: 'calendar.reason.weekday', color: 'gray' },
  weekend: { key: 'calendar.reason.weekend', color: 'gray' },
};

/**
 * The working calendar of a year (admins): the default public holidays, computed from the Labour Code,
 * and the days an admin changed (extra days off, make-up Saturdays, cancelled holidays), each with where
 * it comes from. Every deadline counted in working days uses this calendar from the moment it is saved.
 */
export function CalendarPage({ canEdit }: { canEdit: boolean }) {
  const t = useT();
  const thisYear = Number(todayIso().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [adding, setAdding] = useState(false);
  const [busyDate, setBusyDate] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const view = useResource(() => calendarApi.year(year), [year]);
  const years = [thisYear - 1, thisYear, thisYear + 1, thisYear + 2];

  const clear = async (day: CalendarDayView) => {
    if (!window.confirm(t('calendar.clearConfirm', { date: formatDate(day.date) }))) return;
    setBusyDate(day.date);
    setError(null);
    try {
      await calendarApi.clear(day.date);
      notifications.show({ message: t('calendar.cleared', { date: formatDate(day.date) }), color: 'green' });
      view.reload();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusyDate(null);
    }
  };

  const days = view.data?.days ?? [];
  return (
    <>
      <PageHeader
        title={t('calendar.title')}
        description={t('calendar.description')}
        actions={canEdit && <Button onClick={() => setAdding(true)} data-testid="calendar-add">{t('calendar.add')}</Button>}
      />
      <Stack gap="md">
        <Card withBorder padding="md">
          <Group mb="md" justify="space-between" align="flex-end">
            <NativeSelect label={t('calendar.year')} value={String(year)} onChange={(e) => setYear(Number(e.currentTarget.value))} data={years.map(String)} w={140} />
            <Text size="sm" c="dimmed">{t('calendar.count', { off: days.filter((d) => !d.working).length, working: days.filter((d) => d.working).length })}</Text>
          </Group>
          {error && <Alert color="red" mb="sm" role="alert">{error}</Alert>}
          {view.error && <LoadError message={view.error} onRetry={view.reload} />}
          {!view.data ? (
            !view.error && <Loader aria-label={t('app.loading')} />
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table verticalSpacing="xs" aria-label={t('calendar.tableLabel', { year })} data-testid="calendar-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('calendar.date')}</Table.Th>
                    <Table.Th>{t('calendar.weekday')}</Table.Th>
                    <Table.Th>{t('calendar.kind')}</Table.Th>
                    <Table.Th>{t('calendar.name')}</Table.Th>
                    <Table.Th>{t('calendar.source')}</Table.Th>
                    {canEdit && <Table.Th>{t('calendar.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {days.map((d) => {
                    const reason = REASON[d.reason] ?? REASON.weekday!;
                    return (
                      <Table.Tr key={`${d.date}-${d.origin}`} data-testid={`calendar-day-${d.date}`}>
                        <Table.Td>{formatDate(d.date)}</Table.Td>
                        <Table.Td>{t(WEEKDAY_KEYS[d.weekday]!)}</Table.Td>
                        <Table.Td>
                          <Badge color={reason.color} variant="light">{t(reason.key)}</Badge>
                        </Table.Td>
                        <Table.Td>
                          {d.name}
                          {d.replacedHoliday && (
                            <Text size="xs" c="dimmed">{t('calendar.replaces', { name: d.replacedHoliday })}</Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{d.origin === 'default' ? t('calendar.origin.default') : t('calendar.origin.override')}</Text>
                          {d.note && <Text size="xs" c="dimmed">{d.note}</Text>}
                        </Table.Td>
                        {canEdit && (
                          <Table.Td>
                            {d.origin === 'override' && (
                              <Button size="xs" variant="default" loading={busyDate === d.date} onClick={() => void clear(d)} aria-label={t('calendar.clearLabel', { date: formatDate(d.date) })}>
                                {t('calendar.clear')}
                              </Button>
                            )}
                          </Table.Td>
                        )}
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Card>
        <Card withBorder padding="md">
          <Title order={3} size="h4" mb="sm">{t('calendar.due.title')}</Title>
          <DueChecker key={view.data ? days.map((d) => `${d.date}${d.version ?? ''}`).join() : 'loading'} />
        </Card>
      </Stack>
      {adding && (
        <OverrideModal
          onClose={() => setAdding(false)}
          onDone={(date) => {
            const savedYear = Number(date.slice(0, 4));
            if (savedYear !== year) setYear(savedYear);
            else view.reload();
          }}
        />
      )}
    </>
  );
}
