import { Alert, Button, Group, NumberInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { DateField, dateRule, toIsoOrNull } from '../../components/DateField';
import { formatDate, todayIso } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import { calendarApi, type ExplainedDue } from './calendarApi';

/** Computes a due date with the calendar in force and shows how (to check a change at once). */
export function DueChecker() {
  const t = useT();
  const [result, setResult] = useState<ExplainedDue | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { start: formatDate(todayIso()), days: 10 as number | string, count: 'working' as 'working' | 'calendar' },
    validate: {
      start: dateRule(t('common.invalidDate'), t('common.required')),
      days: (v) => (Number.isInteger(Number(v)) && Number(v) >= 0 && v !== '' ? null : t('calendar.due.daysInvalid')),
    },
  });

  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await calendarApi.due({ start: toIsoOrNull(v.start)!, days: Number(v.days), count: v.count }));
    } catch (e) {
      setResult(null);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Group align="flex-end" wrap="wrap">
          <DateField label={t('calendar.due.start')} required w={160} {...form.getInputProps('start')} />
          <NumberInput label={t('calendar.due.days')} required min={0} max={3650} allowDecimal={false} w={120} {...form.getInputProps('days')} />
          <SegmentedControl
            aria-label={t('calendar.due.count')}
            data={[
              { value: 'working', label: t('calendar.due.working') },
              { value: 'calendar', label: t('calendar.due.calendar') },
            ]}
            {...form.getInputProps('count')}
          />
          <Button type="submit" loading={busy} data-testid="calendar-due-submit">{t('calendar.due.compute')}</Button>
        </Group>
        {error && <Alert color="red" role="alert">{error}</Alert>}
        {result && (
          <Alert color="blue" data-testid="calendar-due-result" aria-live="polite">
            <Text fw={600}>{t('calendar.due.result', { due: formatDate(result.due) })}</Text>
            <Text size="sm">{result.explanation}</Text>
          </Alert>
        )}
      </Stack>
    </form>
  );
}
