import { Checkbox, Loader, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import { api } from '../../api/endpoints';
import type { Schedule } from '../../api/types';
import { useT } from '../../i18n/I18nProvider';

interface Props {
  taskKey: string;
  /** The deadline as the document wrote it. */
  original: string;
  /** The corrected text, when there is one. */
  fix: string | undefined;
  onFix: (text: string | undefined) => void;
  /** The appendix window the deadline is read in. */
  window: { from: string; to: string };
  /** How the corrected text reads (reported up so the counter knows when it is resolved). */
  onReading: (schedule: Schedule | undefined) => void;
  /** For a deadline that could not be read: "leave it unspecified, a coordinator sets the dates". */
  accepted?: boolean;
  onAccept?: (accepted: boolean) => void;
  autoFocus?: boolean;
}

/**
 * Corrects a deadline in place: the text is re-read by the server's grammar (POST /deadlines/parse,
 * in the appendix's window) as it is typed; the row shows the new reading (onReading) before anything
 * is saved.
 */
export function DeadlineFixer({ taskKey, original, fix, onFix, window, onReading, accepted, onAccept, autoFocus }: Props) {
  const t = useT();
  const [text, setText] = useState(fix ?? original);
  const [debounced] = useDebouncedValue(text.trim(), 400);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const changed = debounced !== '' && debounced !== original.trim();

  useEffect(() => {
    if (!changed) {
      setError(null);
      onReading(undefined);
      return;
    }
    let cancelled = false;
    setBusy(true);
    api.deadlines.parse([debounced], window.from, window.to).then(
      ({ results }) => {
        if (cancelled) return;
        setBusy(false);
        setError(null);
        onReading(results[0]);
      },
      (e: unknown) => {
        if (cancelled) return;
        setBusy(false);
        setError(errorMessage(e));
      },
    );
    return () => {
      cancelled = true;
    };
    // onReading is a new closure each render; the text and the window decide.
  }, [debounced, changed, window.from, window.to]);

  return (
    <Stack gap={4} className="deadline-fixer">
      <TextInput
        size="xs"
        label={t('review.fixDeadline', { key: taskKey })}
        value={text}
        onChange={(e) => {
          const value = e.currentTarget.value;
          setText(value);
          // The fix is kept at once (a quick "Xác nhận nhập" sends it); the reading follows the pause.
          onFix(value.trim() && value.trim() !== original.trim() ? value.trim() : undefined);
        }}
        rightSection={busy ? <Loader size={12} /> : undefined}
        error={error}
        autoFocus={autoFocus}
      />
      {onAccept && (
        <Checkbox size="xs" label={t('review.acceptUnspecified')} checked={accepted ?? false} onChange={(e) => onAccept(e.currentTarget.checked)} />
      )}
    </Stack>
  );
}
