import { Alert, List, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { DisclosureCategory } from '../../api/disclosures';
import { useT } from '../../i18n/I18nProvider';
import { CATEGORIES, CHANNEL_LABEL } from './labels';

/** What the law asks of a category: posting period, objection window, channels, the table's columns. */
export function CategoryRules({ category }: { category: DisclosureCategory }) {
  const t = useT();
  const spec = CATEGORIES[category];
  const required = spec.columns.filter((c) => c.required).map((c) => c.label);
  return (
    <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />} title={t('disclosures.rules.title')} role="note" data-testid="category-rules">
      <List size="sm" spacing={2}>
        <List.Item>
          {spec.minPostingDays === null ? t('disclosures.rules.noMinimum') : t('disclosures.rules.minPosting', { days: spec.minPostingDays })}
        </List.Item>
        <List.Item>{spec.objectionDays === null ? t('disclosures.rules.noObjection') : t('disclosures.rules.objection', { days: spec.objectionDays })}</List.Item>
        <List.Item>
          {t('disclosures.rules.channels')}: {spec.channels.map((c) => t(CHANNEL_LABEL[c])).join('; ')}
        </List.Item>
        {spec.columns.length > 0 && (
          <List.Item>
            {t('disclosures.rules.columns')}: {spec.columns.map((c) => c.label).join(', ')}
            {required.length > 0 && ` (${t('disclosures.rules.required')}: ${required.join(', ')})`}
          </List.Item>
        )}
        {spec.personalList && <List.Item>{t('disclosures.rules.personal')}</List.Item>}
      </List>
      <Text size="xs" c="dimmed" mt={4}>
        {spec.postingRule}
      </Text>
    </Alert>
  );
}
