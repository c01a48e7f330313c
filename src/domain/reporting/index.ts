/**
 * The reporting cycle's rules: periods and their ND 09/2019 cut-off windows, which assignments a period
 * asks about, the status of an assignment at a moment, and deadline extensions with on-time rates.
 * Pure: no I/O, no clock (callers pass `now`).
 */
export type { CutoffRule, PeriodicKind, PeriodKind, PeriodLookup, ReportingPeriod, SpanBasis, SubmissionOffset, TilingKind } from './periods.js';
export {
  adHocPeriod,
  CALENDAR_RULE,
  makePeriod,
  ND09_RULE,
  nextPeriod,
  PERIOD_KINDS,
  PERIODIC_KINDS,
  periodKey,
  periodLabel,
  periodOf,
  periodsBetween,
  parsePeriodKey,
  submissionDeadline,
  TILING_KINDS,
  validateCutoffRule,
} from './periods.js';
export type { WorkingCalendar } from './working-days.js';
export { addWorkingDays, WEEKDAYS_ONLY } from './working-days.js';
export type { AssignmentDue, AssignmentRef, DueFacts, DueInPeriod, TaskFacts, TaskScheduleRef } from './due.js';
export { applyEventOffset, assignmentsDueInPeriod, taskDueInPeriod, taskOriginalDues } from './due.js';
export type { AssignmentStatus, AssignmentStatusName, DueDate, ProgressReport, ReportedStatus, StatusInput } from './status.js';
export {
  ASSIGNMENT_STATUSES,
  assignmentStatus,
  completionDay,
  dueEndsAt,
  isPastDue,
  latestReport,
  STATUS_LABEL_VI,
  toDueDates,
  validateProgressReport,
} from './status.js';
export type {
  ExtensionContext,
  ExtensionDecision,
  ExtensionRequest,
  ExtensionState,
  NewExtensionRequest,
  OnTimeInput,
  OnTimeOutcome,
  OnTimeRate,
} from './extensions.js';
export { applyExtensions, currentDue, decideExtension, onTimeOutcome, onTimeRate, requestExtension } from './extensions.js';
