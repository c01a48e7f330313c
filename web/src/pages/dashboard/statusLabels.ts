import type { AssignmentStatusName } from '../../api/types';
import type { MessageKey } from '../../i18n/vi';

/** The statuses in the order the bars stack them: done first, trouble last. */
export const STATUS_ORDER: readonly AssignmentStatusName[] = ['done', 'done_late', 'in_progress', 'not_started', 'not_due', 'blocked', 'overdue'];

/** The reported statuses reuse the report form's labels; the derived ones have their own. */
export const STATUS_LABEL: Record<AssignmentStatusName, MessageKey> = {
  not_due: 'status.not_due',
  not_started: 'reports.entryStatus.not_started',
  in_progress: 'reports.entryStatus.in_progress',
  done: 'reports.entryStatus.done',
  done_late: 'status.done_late',
  overdue: 'status.overdue',
  blocked: 'reports.entryStatus.blocked',
};

/** Mantine colour names; the bar segments use shade 6 (white text stays readable on each). */
export const STATUS_COLOR: Record<AssignmentStatusName, string> = {
  done: 'green',
  done_late: 'teal',
  in_progress: 'blue',
  not_started: 'gray',
  not_due: 'cyan',
  blocked: 'orange',
  overdue: 'red',
};

export function isStatus(value: string | null): value is AssignmentStatusName {
  return value !== null && (STATUS_ORDER as readonly string[]).includes(value);
}

/** "0,75" → "75%" (one decimal when needed), or null. */
export function percent(share: number | null): string | null {
  if (share === null) return null;
  const value = Math.round(share * 1000) / 10;
  return `${value.toLocaleString('vi-VN')}%`;
}
