import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import type { Unit } from '../../api/types';
import { DateField, dateRule, toIsoOrNull } from '../../components/DateField';
import { FormError } from '../../components/FormError';
import { UnitSelect } from '../../components/UnitSelect';
import { useT } from '../../i18n/I18nProvider';
import { hasEnded, subtreeIds } from './unitTree';

interface Props {
  unit: Unit;
  units: Unit[];
  today: string;
  onClose: () => void;
  onMerged: () => void;
}

/** Merge a unit into another from a date: it ends the day before and names its successor. */
export function MergeUnitModal({ unit, units, today, onClose, onMerged }: Props) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<{ intoId: number | null; date: string }>({
    initialValues: { intoId: null, date: '' },
    validate: {
      intoId: (v) => (v ? null : t('common.required')),
      date: dateRule(t('common.invalidDate'), t('common.required')),
    },
  });

  const targets = useMemo(() => {
    const inside = subtreeIds(units, unit.id);
    return units.filter((u) => !inside.has(u.id) && !hasEnded(u, today));
  }, [units, unit.id, today]);

  const submit = form.onSubmit(async ({ intoId, date }) => {
    setError(null);
    form.setSubmitting(true);
    try {
      const { from, into } = await api.units.merge(unit.id, intoId!, toIsoOrNull(date)!);
      notifications.show({ color: 'green', message: t('merge.done', { from: from.name, into: into.name }) });
      onMerged();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      form.setSubmitting(false);
    }
  });

  return (
    <Modal opened onClose={onClose} title={t('merge.title', { name: unit.name })}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Alert color="orange" variant="light">
            {t('merge.explain')}
          </Alert>
          <FormError message={error} />
          <UnitSelect label={t('merge.into')} withAsterisk units={targets} data-autofocus {...form.getInputProps('intoId')} />
          <DateField label={t('merge.date')} withAsterisk description={t('common.dateFormat')} {...form.getInputProps('date')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="orange" loading={form.submitting}>
              {t('merge.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
