import { SegmentedControl } from '@mantine/core';
import { LANGS, useI18n, type Lang } from '../i18n/I18nProvider';

/** VI / EN, remembered in localStorage by the i18n provider. */
export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('lang.label')}
      value={lang}
      onChange={(value) => setLang(value as Lang)}
      data={LANGS.map((l) => ({
        value: l,
        label: <span title={t(l === 'vi' ? 'lang.viName' : 'lang.enName')}>{t(l === 'vi' ? 'lang.vi' : 'lang.en')}</span>,
      }))}
    />
  );
}
