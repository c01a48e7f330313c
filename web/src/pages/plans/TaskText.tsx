import { Anchor, Text, type TextProps } from '@mantine/core';
import { Fragment, useState, type ReactNode } from 'react';
import { useT } from '../../i18n/I18nProvider';

/**
 * Cell text as the document wrote it. The importer keeps italics as `<i>…</i>`; they are shown as
 * italics (never as HTML: the text is split, not injected).
 */
export function richText(text: string): ReactNode {
  const parts = text.split(/(<i>[\s\S]*?<\/i>)/g);
  return parts.map((part, i) => {
    const m = /^<i>([\s\S]*)<\/i>$/.exec(part);
    return m ? <em key={i}>{m[1]}</em> : <Fragment key={i}>{part}</Fragment>;
  });
}

/** Plain text, for labels and tooltips. */
export function plainText(text: string): string {
  return text.replace(/<\/?i>/g, '');
}

/**
 * A task's content: a few lines, then "Xem thêm" when longer. CSS line clamping, not Spoiler: a
 * hundred rows must not each measure their height on every render.
 */
export function TaskText({ text, lines = 3, ...props }: { text: string; lines?: number } & TextProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const long = plainText(text).length > lines * 50;
  return (
    <>
      <Text size="sm" lineClamp={long && !open ? lines : undefined} {...props}>
        {richText(text)}
      </Text>
      {long && (
        <Anchor component="button" type="button" size="xs" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
          {open ? t('plans.showLess') : t('plans.showMore')}
        </Anchor>
      )}
    </>
  );
}
