import { Button, Group, Modal, NativeSelect, Select, Stack, Text, TextInput, Textarea, type ComboboxParsedItem } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { receptionApi, type DossierStatus, type DossierView } from '../../api/reception';
import { useResource } from '../../api/useResource';
import { DateField, dateRule, toIsoOrNull } from '../../components/DateField';
import { FormError } from '../../components/FormError';
import { formatDate, todayIso } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import { matchesSearch, searchKey } from '../../../../src/domain/text/normalize';
import { DOSSIER_STATUS_LABEL, DOSSIER_STATUS_ORDER } from './receptionShared';

/** Procedures found by code or name, with or without diacritics. */
const foldedFilter = ({ options, search, limit }: { options: ComboboxParsedItem[]; search: string; limit: number }) =>
  options.filter((o) => 'label' in o && matchesSearch(searchKey(o.label), search)).slice(0, limit);

/**
 * A dossier received at the desk: its procedure (of the receiving unit), code and receipt code, applicant
 * (shown to the public only masked), the received date and, when the procedure has no processing time, the
 * due date (otherwise counted in working days by the server).
 */
export function DossierFormModal({ unitId, onClose, onDone }: { unitId: number; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const procedures = useResource(() => receptionApi.procedures({ unitId }), [unitId]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { procedureId: null as string | null, code: '', receiptCode: '', applicantName: '', receivedDate: formatDate(todayIso()), dueDate: '', note: '' },
    validate: {
      procedureId: (v) => (v ? null : t('common.required')),
      code: (v) => (v.trim() ? null : t('common.required')),
      receiptCode: (v) => (v.trim() ? null : t('common.required')),
      applicantName: (v) => (v.trim() ? null : t('common.required')),
      receivedDate: dateRule(t('common.invalidDate'), t('common.required')),
      dueDate: dateRule(t('common.invalidDate')),
    },
  });

  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setError(null);
    try {
      const d = await receptionApi.createDossier({
        unitId,
        procedureId: Number(v.procedureId),
        code: v.code.trim(),
        receiptCode: v.receiptCode.trim(),
        applicantName: v.applicantName.trim(),
        receivedDate: toIsoOrNull(v.receivedDate)!,
        dueDate: toIsoOrNull(v.dueDate),
        note: v.note.trim() || null,
      });
      notifications.show({ message: t('dossiers.added', { code: d.code, due: formatDate(d.dueDate) }), color: 'green' });
      onClose();
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  });

  return (
    <Modal opened onClose={onClose} title={t('dossiers.add')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Select
            label={t('dossiers.procedure')}
            required
            searchable
            filter={foldedFilter}
            limit={100}
            nothingFoundMessage={t('common.noResults')}
            data={(procedures.data ?? []).map((p) => ({ value: String(p.id), label: `${p.code} — ${p.name}` }))}
            disabled={!procedures.data}
            {...form.getInputProps('procedureId')}
          />
          {procedures.error && <FormError message={procedures.error} />}
          <Group grow align="flex-start">
            <TextInput label={t('dossiers.code')} description={t('dossiers.codeHint')} required {...form.getInputProps('code')} data-autofocus />
            <TextInput label={t('dossiers.receiptCode')} required {...form.getInputProps('receiptCode')} />
          </Group>
          <TextInput label={t('dossiers.applicant')} description={t('dossiers.applicantHint')} required {...form.getInputProps('applicantName')} />
          <Group grow align="flex-start">
            <DateField label={t('dossiers.received')} required {...form.getInputProps('receivedDate')} />
            <DateField label={t('dossiers.due')} description={t('dossiers.dueHint')} {...form.getInputProps('dueDate')} />
          </Group>
          <Textarea label={t('dossiers.note')} description={t('dossiers.notePublic')} autosize minRows={1} {...form.getInputProps('note')} />
          <FormError message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Moves a dossier on: a new status on a date, with a note the public lookup shows beside the step. */
export function DossierStatusModal({ dossier, onClose, onDone }: { dossier: DossierView; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const next = DOSSIER_STATUS_ORDER[Math.min(DOSSIER_STATUS_ORDER.indexOf(dossier.status) + 1, DOSSIER_STATUS_ORDER.length - 1)]!;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { status: next as DossierStatus, date: formatDate(todayIso()), note: '' },
    validate: { date: dateRule(t('common.invalidDate'), t('common.required')) },
  });
  const submit = form.onSubmit(async (v) => {
    setBusy(true);
    setError(null);
    try {
      await receptionApi.changeDossier(dossier.id, { status: v.status, date: toIsoOrNull(v.date), note: v.note.trim() || null });
      notifications.show({ message: t('common.saved'), color: 'green' });
      onClose();
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('dossiers.changeTitle', { code: dossier.code })}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Text size="sm">
            {dossier.procedureName} — {t('dossiers.now')}: <b>{t(DOSSIER_STATUS_LABEL[dossier.publicStatus])}</b>
          </Text>
          <NativeSelect label={t('dossiers.newStatus')} data={DOSSIER_STATUS_ORDER.map((s) => ({ value: s, label: t(DOSSIER_STATUS_LABEL[s]) }))} {...form.getInputProps('status')} />
          <DateField label={t('dossiers.stepDate')} required {...form.getInputProps('date')} />
          <Textarea label={t('dossiers.note')} description={t('dossiers.notePublic')} autosize minRows={2} {...form.getInputProps('note')} />
          <FormError message={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
