import { TextInput, type TextInputProps } from '@mantine/core';
import { parseVnDate } from '../i18n/dates';
import { useT } from '../i18n/I18nProvider';

/** A date typed as dd/mm/yyyy (the form converts it to YYYY-MM-DD for the API). */
export function DateField(props: TextInputProps) {
  const t = useT();
  return <TextInput placeholder={t('common.dateFormat')} inputMode="numeric" autoComplete="off" {...props} />;
}

/** Validation rule for a dd/mm/yyyy field; empty is fine unless `required`. */
export function dateRule(invalid: string, required?: string) {
  return (value: string) => {
    if (value.trim() === '') return required ?? null;
    return parseVnDate(value) ? null : invalid;
  };
}

/** "" → null, "01/07/2025" → "2025-07-01" (call after validation). */
export function toIsoOrNull(value: string): string | null {
  return value.trim() === '' ? null : parseVnDate(value);
}
