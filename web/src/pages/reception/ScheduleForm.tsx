import { Button, Card, Checkbox, Grid, NativeSelect, SegmentedControl, TextInput, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { receptionApi, type NewSlots, type ReceptionKind } from '../../api/reception';
import type { Unit } from '../../api/types';
import { DateField, dateRule, toIsoOrNull } from '../../components/DateField';
import { FormError } from '../../components/FormError';
import { UnitSelect } from '../../components/UnitSelect';
import { useT } from '../../i18n/I18nProvider';
import { KIND_LABEL } from './receptionShared';
import { WEEKDAYS, recurrenceRule } from './recurrenceText';

type Repeat = 'once' | 'weekly' | 'monthly';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/**
 * One reception slot, or a recurrence over a date range: a weekly desk day ("thứ Năm hằng tuần") or the
 * chairman's monthly day ("ngày 15 hằng tháng", a weekend day moves to the Monday). Saved as drafts unless
 * "publish at once" is ticked.
 */
export function ScheduleForm({ units, initialUnitId, onScheduled }: { units: Unit[]; initialUnitId: number | null; onScheduled: () => void }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: {
      unitId: initialUnitId,
      repeat: 'weekly' as Repeat,
      date: '',
      from: '',
      to: '',
      weekday: 'thứ Năm' as string,
      monthDay: '15',
      startTime: '07:30',
      endTime: '11:00',
      place: '',
      officerName: '',
      officerTitle: '',
      officerPhone: '',
      kind: 'regular' as ReceptionKind,
      note: '',
      publish: false,
    },
    validate: {
      unitId: (v) => (v === null ? t('common.required') : null),
      date: (v, values) => (values.repeat === 'once' ? dateRule(t('common.invalidDate'), t('common.required'))(v) : null),
      from: (v, values) => (values.repeat !== 'once' ? dateRule(t('common.invalidDate'), t('common.required'))(v) : null),
      to: (v, values) => (values.repeat !== 'once' ? dateRule(t('common.invalidDate'), t('common.required'))(v) : null),
      startTime: (v) => (TIME.test(v.trim()) ? null : t('reception.invalidTime')),
      endTime: (v) => (TIME.test(v.trim()) ? null : t('reception.invalidTime')),
      place: (v) => (v.trim() ? null : t('common.required')),
      officerName: (v) => (v.trim() ? null : t('common.required')),
      officerTitle: (v) => (v.trim() ? null : t('common.required')),
    },
  });

  // The unit picked in the list below becomes the form's unit until the user picks one here.
  useEffect(() => {
    if (form.values.unitId === null && initialUnitId !== null) form.setFieldValue('unitId', initialUnitId);
  }, [initialUnitId]);

  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setError(null);
    const body: NewSlots = {
      unitId: v.unitId!,
      startTime: v.startTime.trim(),
      endTime: v.endTime.trim(),
      place: v.place.trim(),
      officerName: v.officerName.trim(),
      officerTitle: v.officerTitle.trim(),
      officerPhone: v.officerPhone.trim() || null,
      kind: v.kind,
      note: v.note.trim() || null,
      publish: v.publish,
      ...(v.repeat === 'once'
        ? { date: toIsoOrNull(v.date)! }
        : { recurrence: { rule: recurrenceRule(v.repeat, v.weekday, v.monthDay), from: toIsoOrNull(v.from)!, to: toIsoOrNull(v.to)! } }),
    };
    try {
      const items = await receptionApi.schedule(body);
      notifications.show({ message: t(v.publish ? 'reception.scheduledPublished' : 'reception.scheduled', { count: items.length }), color: 'green' });
      onScheduled();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  });

  const repeat = form.values.repeat;
  return (
    <Card withBorder padding="md" component="form" onSubmit={submit} aria-label={t('reception.add')} noValidate>
      <Title order={3} size="h4" mb="sm">
        {t('reception.add')}
      </Title>
      <Grid>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <UnitSelect units={units} label={t('reception.unit')} required {...form.getInputProps('unitId')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <NativeSelect
            label={t('reception.kind')}
            data={(['regular', 'periodic'] as const).map((k) => ({ value: k, label: t(KIND_LABEL[k]) }))}
            {...form.getInputProps('kind')}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <SegmentedControl
            aria-label={t('reception.repeat')}
            data={[
              { value: 'once', label: t('reception.repeat.once') },
              { value: 'weekly', label: t('reception.repeat.weekly') },
              { value: 'monthly', label: t('reception.repeat.monthly') },
            ]}
            {...form.getInputProps('repeat')}
          />
        </Grid.Col>
        {repeat === 'once' ? (
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <DateField label={t('reception.date')} required {...form.getInputProps('date')} />
          </Grid.Col>
        ) : (
          <>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              {repeat === 'weekly' ? (
                <NativeSelect label={t('reception.weekday')} data={WEEKDAYS.map((w) => ({ value: w, label: w.charAt(0).toUpperCase() + w.slice(1) }))} {...form.getInputProps('weekday')} />
              ) : (
                <NativeSelect label={t('reception.monthDay')} data={Array.from({ length: 31 }, (_, i) => String(i + 1))} {...form.getInputProps('monthDay')} />
              )}
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 4 }}>
              <DateField label={t('reception.from')} required {...form.getInputProps('from')} />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 4 }}>
              <DateField label={t('reception.to')} required {...form.getInputProps('to')} />
            </Grid.Col>
          </>
        )}
        <Grid.Col span={{ base: 6, sm: 2 }}>
          <TextInput label={t('reception.start')} placeholder="07:30" required {...form.getInputProps('startTime')} />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 2 }}>
          <TextInput label={t('reception.end')} placeholder="11:00" required {...form.getInputProps('endTime')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <TextInput label={t('reception.place')} required {...form.getInputProps('place')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput label={t('reception.officerName')} required {...form.getInputProps('officerName')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput label={t('reception.officerTitle')} required {...form.getInputProps('officerTitle')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput label={t('reception.officerPhone')} description={t('reception.phoneHint')} {...form.getInputProps('officerPhone')} />
        </Grid.Col>
        <Grid.Col span={12}>
          <Textarea label={t('reception.note')} autosize minRows={1} {...form.getInputProps('note')} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8 }} style={{ display: 'flex', alignItems: 'center' }}>
          <Checkbox label={t('reception.publishNow')} {...form.getInputProps('publish', { type: 'checkbox' })} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Button type="submit" loading={busy} fullWidth>
            {t('reception.save')}
          </Button>
        </Grid.Col>
      </Grid>
      <FormError message={error} />
    </Card>
  );
}
