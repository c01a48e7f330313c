import { createTheme, type MantineThemeOverride } from '@mantine/core';
import type { Translate } from './i18n/I18nProvider';

/**
 * A sober administrative look: system fonts (full Vietnamese coverage), blue actions, red accents.
 * Built per language so that the labels Mantine puts on its own buttons (close, clear, show password)
 * come from the catalogue too.
 */
export function makeTheme(t: Translate): MantineThemeOverride {
  const close = { 'aria-label': t('common.close') };
  return createTheme({
    primaryColor: 'blue',
    primaryShade: 8,
    defaultRadius: 'sm',
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
    headings: { fontWeight: '650' },
    components: {
      Modal: {
        defaultProps: { centered: true, size: 'lg', closeButtonProps: close },
        styles: { title: { fontWeight: 650, fontSize: 'var(--mantine-font-size-lg)' } },
      },
      Notification: { defaultProps: { closeButtonProps: close } },
      InputClearButton: { defaultProps: { 'aria-label': t('common.clear') } },
      PasswordInput: { defaultProps: { visibilityToggleButtonProps: { 'aria-label': t('common.togglePassword') } } },
      Button: { defaultProps: { size: 'sm' } },
      // Badges carry short labels (roles, kinds, states): never cut them to "Đang hoạt …".
      Badge: { styles: { root: { flexShrink: 0, overflow: 'visible' }, label: { overflow: 'visible' } } },
    },
  });
}
