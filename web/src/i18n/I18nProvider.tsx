import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { clientMessages } from '../api/client';
import { en } from './en';
import { vi, type Catalogue, type MessageKey } from './vi';

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];
const CATALOGUES: Record<Lang, Catalogue> = { vi, en };
const STORAGE_KEY = 'dondoc.lang';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

function storedLang(): Lang {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Holds the chosen language (remembered in localStorage) and keeps <html lang> in step. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(storedLang);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
  }, []);

  const t = useCallback<Translate>((key, params) => format(CATALOGUES[lang][key] ?? key, params), [lang]);

  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = CATALOGUES[lang]['app.title'];
    clientMessages.network = CATALOGUES[lang]['error.network'];
    clientMessages.unexpected = CATALOGUES[lang]['error.unexpected'];
  }, [lang]);

  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n() outside <I18nProvider>');
  return value;
}

/** The translate function of the current language. */
export function useT(): Translate {
  return useI18n().t;
}

/** Whether a string is a key of the catalogue (for codes that come from the server, e.g. audit actions). */
export function isMessageKey(key: string): key is MessageKey {
  return key in vi;
}
