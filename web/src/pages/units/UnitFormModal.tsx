import { Button, Group, Modal, Select, SimpleGrid, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { ApiError, errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import { UNIT_KINDS, type Unit, type UnitKind } from '../../api/types';
import { DateField, dateRule, toIsoOrNull } from '../../components/DateField';
import { FormError } from '../../components/FormError';
import { UnitSelect } from '../../components/UnitSelect';
import { useT } from '../../i18n/I18nProvider';
import { formValues, toChanges, toNewUnit, type UnitFormValues } from './unitForm';
import { subtreeIds } from './unitTree';

interface Props {
  /** null: a new unit. */
  unit: Unit | null;
  units: Unit[];
  defaultParentId?: number | null;
  onClose: () => void;
  /** After a save, or after a conflict reloaded the unit: the tree should reload. */
  onSaved: () => void;
}

/** "Thêm đơn vị" and "Sửa" in one form; a 409 reloads the unit and says so. */
export function UnitFormModal({ unit: initial, units, defaultParentId = null, onClose, onSaved }: Props) {
  const t = useT();
  const [unit, setUnit] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<UnitFormValues>({
    initialValues: formValues(initial, defaultParentId),
    validate: {
      name: (v) => (v.trim() ? null : t('common.required')),
      kind: (v) => (v ? null : t('common.required')),
      validFrom: dateRule(t('common.invalidDate')),
      validTo: (v, values) => {
        const bad = dateRule(t('common.invalidDate'))(v);
        if (bad) return bad;
        const from = toIsoOrNull(values.validFrom);
        const to = toIsoOrNull(v);
        return from && to && to < from ? t('unitForm.validToBeforeFrom') : null;
      },
    },
  });

  const parents = useMemo(() => {
    const excluded = unit ? subtreeIds(units, unit.id) : new Set<number>();
    return units.filter((u) => !excluded.has(u.id));
  }, [units, unit]);

  const submit = form.onSubmit(async (values) => {
    setError(null);
    form.setSubmitting(true);
    try {
      if (!unit) {
        const created = await api.units.create(toNewUnit(values));
        notifications.show({ color: 'green', message: t('unitForm.created', { name: created.name }) });
      } else {
        const changes = toChanges(values, unit);
        if (changes) {
          const saved = await api.units.update(unit.id, changes);
          notifications.show({ color: 'green', message: t('unitForm.updated', { name: saved.name }) });
        }
      }
      onSaved();
      onClose();
    } catch (e) {
      if (unit && e instanceof ApiError && e.status === 409 && e.code === 'version_conflict') {
        const fresh = await api.units.get(unit.id).catch(() => null);
        if (fresh) {
          setUnit(fresh);
          form.setValues(formValues(fresh));
          form.resetDirty();
          onSaved();
        }
        setError(`${e.message} ${t('common.conflictReloaded')}`);
      } else {
        setError(errorMessage(e));
      }
    } finally {
      form.setSubmitting(false);
    }
  });

  const kinds = UNIT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }));
  return (
    <Modal opened onClose={onClose} title={unit ? t('unitForm.editTitle', { name: unit.name }) : t('unitForm.createTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError message={error} />
          <TextInput label={t('unitForm.name')} withAsterisk data-autofocus {...form.getInputProps('name')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select<UnitKind> label={t('unitForm.kind')} withAsterisk data={kinds} allowDeselect={false} {...form.getInputProps('kind')} />
            <TextInput
              label={t('unitForm.code')}
              description={unit ? undefined : t('unitForm.codeHint')}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              {...form.getInputProps('code')}
            />
          </SimpleGrid>
          <UnitSelect label={t('unitForm.parent')} placeholder={t('unitForm.parentNone')} units={parents} {...form.getInputProps('parentId')} />
          <TextInput label={t('unitForm.shortName')} {...form.getInputProps('shortName')} />
          <TagsInput label={t('unitForm.aliases')} description={t('unitForm.aliasesHint')} clearable {...form.getInputProps('aliases')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DateField label={t('unitForm.validFrom')} description={t('unitForm.dateHint')} {...form.getInputProps('validFrom')} />
            <DateField label={t('unitForm.validTo')} description={t('unitForm.dateHint')} {...form.getInputProps('validTo')} />
          </SimpleGrid>
          {unit && (
            <Text size="xs" c="dimmed">
              {t('units.code', { code: unit.code })} · v{unit.version}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={form.submitting}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
