import { Button, Card, Checkbox, Group, Loader, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { errorMessage } from '../../api/client';
import { disclosuresApi, type DisclosureCategory, type DisclosureChannel, type DisclosureView } from '../../api/disclosures';
import { api } from '../../api/endpoints';
import type { Unit } from '../../api/types';
import { useResource } from '../../api/useResource';
import { useSignedIn } from '../../auth/SessionProvider';
import { FormError } from '../../components/FormError';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { UnitSelect } from '../../components/UnitSelect';
import { DateField, dateRule, toIsoOrNull } from '../../components/DateField';
import { formatDate, parseVnDate, todayIso } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';
import { disclosurePath } from '../../paths';
import { CategoryRules } from './CategoryRules';
import { addDays, CATEGORIES, CATEGORY_LABEL, CHANNEL_LABEL, DISCLOSURE_CATEGORIES, DISCLOSURE_CHANNELS } from './labels';

/** The last day of the category's minimum posting period from `from` ("" when it has none). */
const minimumEnd = (category: DisclosureCategory, from: string | null) => {
  const min = CATEGORIES[category].minPostingDays;
  return from && min !== null ? formatDate(addDays(from, min - 1)) : '';
};
import { unitsFor } from './units';

/** "Soạn công khai mới" (no id) or "Sửa bản nháp" (/cong-khai/:id/sua). */
export function DisclosureFormPage() {
  const t = useT();
  const { id } = useParams();
  const itemId = id === undefined ? null : Number(id);
  const units = useResource(() => api.units.list({ active: true }), []);
  const item = useResource(() => (itemId === null ? Promise.resolve(null) : disclosuresApi.get(itemId)), [itemId]);
  const failed = units.error ?? item.error;
  if (failed) return <LoadError message={failed} onRetry={() => (units.error ? units.reload() : item.reload())} />;
  if (!units.data || item.data === undefined) return <Loader size="sm" aria-label={t('app.loading')} />;
  return (
    <>
      <PageHeader title={item.data ? t('disclosures.editTitle') : t('disclosures.new')} description={t('disclosures.formDescription')} />
      <DisclosureForm units={units.data} item={item.data} />
    </>
  );
}

function DisclosureForm({ units, item }: { units: Unit[]; item: DisclosureView | null }) {
  const t = useT();
  const { user } = useSignedIn();
  const navigate = useNavigate();
  const choices = unitsFor(user, units);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const startCategory: DisclosureCategory = item?.category ?? 'poor_households';
  const form = useForm({
    initialValues: {
      unitId: item?.unitId ?? (choices.some((u) => u.id === user.unitId) ? user.unitId : (choices[0]?.id ?? null)),
      category: startCategory,
      title: item?.title ?? '',
      summary: item?.summary ?? '',
      body: item?.body ?? '',
      legalBasis: item?.legalBasis ?? '',
      channels: (item?.channels ?? [...CATEGORIES[startCategory].channels]) as string[],
      publishDate: item ? formatDate(item.publishDate) : formatDate(todayIso()),
      postingEnd: item ? formatDate(item.postingEnd) : minimumEnd(startCategory, todayIso()),
    },
    validate: {
      publishDate: dateRule(t('common.invalidDate')),
      postingEnd: dateRule(t('common.invalidDate')),
      unitId: (v) => (v === null ? t('common.required') : null),
      title: (v) => (v.trim() === '' ? t('common.required') : null),
      channels: (v) => (v.length === 0 ? t('disclosures.channelsRequired') : null),
    },
  });
  const category = form.values.category;

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setError(null);
    const fields = {
      title: values.title,
      summary: values.summary,
      body: values.body,
      // Left empty on a new item, the server fills in the category's legal basis.
      ...(values.legalBasis.trim() || item ? { legalBasis: values.legalBasis } : {}),
      channels: values.channels as DisclosureChannel[],
      publishDate: toIsoOrNull(values.publishDate),
      postingEnd: toIsoOrNull(values.postingEnd),
    };
    try {
      const saved = item ? await disclosuresApi.update(item.id, fields) : await disclosuresApi.create({ unitId: values.unitId!, category: values.category, ...fields });
      navigate(disclosurePath(saved.id));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  });

  return (
    <Card withBorder padding="md" component="form" onSubmit={submit} aria-label={item ? t('disclosures.editTitle') : t('disclosures.new')} noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <UnitSelect label={t('disclosures.unit')} units={choices} required disabled={item !== null} clearable={false} {...form.getInputProps('unitId')} />
          <NativeSelect
            label={t('disclosures.category')}
            required
            disabled={item !== null}
            data={DISCLOSURE_CATEGORIES.map((c) => ({ value: c, label: t(CATEGORY_LABEL[c]) }))}
            {...form.getInputProps('category')}
            onChange={(e) => {
              const next = e.currentTarget.value as DisclosureCategory;
              form.setFieldValue('category', next);
              form.setFieldValue('channels', [...CATEGORIES[next].channels]);
              form.setFieldValue('postingEnd', minimumEnd(next, parseVnDate(form.values.publishDate)));
            }}
          />
        </SimpleGrid>
        <CategoryRules category={category} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <DateField label={t('disclosures.proposedPublishDate')} {...form.getInputProps('publishDate')} />
          <DateField label={t('disclosures.postingEnd')} description={t('disclosures.postingEndHint')} {...form.getInputProps('postingEnd')} />
        </SimpleGrid>
        <ObjectionPreview category={category} publishDate={parseVnDate(form.values.publishDate)} />
        <TextInput label={t('disclosures.titleField')} required maxLength={300} {...form.getInputProps('title')} />
        <Textarea label={t('disclosures.summary')} autosize minRows={2} maxLength={2000} {...form.getInputProps('summary')} />
        <Textarea label={t('disclosures.body')} autosize minRows={4} maxLength={20000} {...form.getInputProps('body')} />
        <Textarea
          label={t('disclosures.legalBasis')}
          description={item ? undefined : t('disclosures.legalBasisHint')}
          placeholder={CATEGORIES[category].legalBasis.map((b) => b.text).join('\n')}
          autosize
          minRows={2}
          maxLength={5000}
          {...form.getInputProps('legalBasis')}
        />
        <Checkbox.Group label={t('disclosures.channels')} required {...form.getInputProps('channels')}>
          <Stack gap={4} mt={4}>
            {DISCLOSURE_CHANNELS.map((c) => (
              <Checkbox key={c} value={c} label={t(CHANNEL_LABEL[c])} />
            ))}
          </Stack>
        </Checkbox.Group>
        <FormError message={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => navigate(-1)}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {item ? t('common.save') : t('disclosures.saveDraft')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** The citizens' objection window that the proposed publish date gives, when the category has one. */
function ObjectionPreview({ category, publishDate }: { category: DisclosureCategory; publishDate: string | null }) {
  const t = useT();
  const days = CATEGORIES[category].objectionDays;
  if (days === null || !publishDate) return null;
  return (
    <Text size="sm" c="dimmed" data-testid="objection-preview">
      {t('disclosures.objectionWindow')}: {formatDate(publishDate)} – {formatDate(addDays(publishDate, days - 1))}
    </Text>
  );
}
