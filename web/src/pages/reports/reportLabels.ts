import type { EntryStatus, ReportSummary } from '../../api/types';
import type { MessageKey } from '../../i18n/vi';

export type ReportState = ReportSummary['status'];

export const STATE_LABEL: Record<ReportState, MessageKey> = {
  draft: 'reports.state.draft',
  submitted: 'reports.state.submitted',
  returned: 'reports.state.returned',
  accepted: 'reports.state.accepted',
};

export const STATE_COLOR: Record<ReportState, string> = {
  draft: 'gray',
  submitted: 'blue',
  returned: 'orange',
  accepted: 'green',
};

export const ENTRY_STATUSES: readonly EntryStatus[] = ['not_started', 'in_progress', 'done', 'blocked'];

export const ENTRY_STATUS_LABEL: Record<EntryStatus, MessageKey> = {
  not_started: 'reports.entryStatus.not_started',
  in_progress: 'reports.entryStatus.in_progress',
  done: 'reports.entryStatus.done',
  blocked: 'reports.entryStatus.blocked',
};
