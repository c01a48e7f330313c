import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useMemo, type ReactNode } from 'react';
import { useT } from './i18n/I18nProvider';
import { makeTheme } from './theme';

/** Mantine with the theme of the current language, and the notification area. */
export function ThemedMantine({ children }: { children: ReactNode }) {
  const t = useT();
  const theme = useMemo(() => makeTheme(t), [t]);
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" />
      {children}
    </MantineProvider>
  );
}
