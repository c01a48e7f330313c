/**
 * Deadline extensions (gia hạn): a unit asks, with a reason, to move one of its due dates; a coordinator
 * approves or refuses, once. Pure state transitions: each function returns a new value or throws a
 * DomainError with a Vietnamese message.
 *
 * Every extension names the ORIGINAL due it moves (frozen: the date the plan or the coordinator first set),
 * and the date in force when it was asked. The current due is the latest approved new date; the original
 * stays beside it (DueDate). On-time rates are counted against the original only, so moving a deadline
 * never improves a unit's record — the displayed status (status.ts) uses the current one, which is what an
 * extension is for.
 */
import { conflict, forbidden, validationError } from '../errors.js';
import { formatVi, isIsoDate } from '../schedule/calendar.js';
import { vnDate } from '../time.js';
import { completionDay, isPastDue, latestReport, toDueDates, type DueDate, type ProgressReport } from './status.js';

export type ExtensionState = 'pending' | 'approved' | 'refused';

export interface ExtensionRequest {
  assignmentId: number;
  requestedByUnitId: number;
  reason: string;
  /** The original due this request moves: frozen, never changed by any extension. */
  originalDate: string;
  /** The due in force when the request was made (the original, or an earlier approved extension). */
  previousDate: string;
  newDate: string;
  /** UTC instant. */
  requestedAt: string;
  state: ExtensionState;
  decidedByUserId: number | null;
  decidedAt: string | null;
  /** The coordinator's note: required when refusing. */
  decisionNote: string | null;
}

export interface NewExtensionRequest {
  requestedByUnitId: number;
  reason: string;
  originalDate: string;
  newDate: string;
  requestedAt: string;
}

export interface ExtensionContext {
  assignment: { id: number; unitId: number };
  /** The assignment's original due dates (from its schedule, or set by a coordinator). */
  dues: readonly string[];
  /** Earlier requests for this assignment, any state. */
  existing: readonly ExtensionRequest[];
  /** Whether the unit has already reported the task done. */
  done: boolean;
}

export interface ExtensionDecision {
  decision: 'approve' | 'refuse';
  decidedByUserId: number;
  decidedAt: string;
  note?: string | null;
}

const MAX_REASON = 4000;

function checkInstant(at: string, what: string): number {
  const t = typeof at === 'string' ? Date.parse(at) : Number.NaN;
  if (Number.isNaN(t)) throw validationError('invalid_date', `${what} không hợp lệ.`);
  return t;
}

/** The due in force for one original date: the latest approved new date, else the original. */
export function currentDue(originalDate: string, extensions: readonly ExtensionRequest[]): DueDate {
  let current = originalDate;
  for (const e of extensions) {
    if (e.state === 'approved' && e.originalDate === originalDate && e.newDate > current) current = e.newDate;
  }
  return { original: originalDate, current };
}

/** Each original due beside the date now in force. */
export function applyExtensions(dues: readonly string[], extensions: readonly ExtensionRequest[]): DueDate[] {
  return dues.map((d) => currentDue(d, extensions));
}

/** A unit asks to move one of its dues. */
export function requestExtension(input: NewExtensionRequest, ctx: ExtensionContext): ExtensionRequest {
  if (input.requestedByUnitId !== ctx.assignment.unitId) {
    throw forbidden('Chỉ đơn vị được giao nhiệm vụ mới được đề nghị gia hạn.');
  }
  if (ctx.done) {
    throw conflict('extension_task_done', 'Nhiệm vụ đã hoàn thành, không thể đề nghị gia hạn.');
  }
  const reason = typeof input.reason === 'string' ? input.reason.trim().normalize('NFC') : '';
  if (!reason) throw validationError('extension_reason_required', 'Cần nêu lý do đề nghị gia hạn.');
  if (reason.length > MAX_REASON) {
    throw validationError('extension_reason_too_long', `Lý do đề nghị gia hạn không quá ${MAX_REASON} ký tự.`);
  }
  if (!isIsoDate(input.originalDate) || !ctx.dues.includes(input.originalDate)) {
    throw validationError('extension_unknown_due', `Ngày ${String(input.originalDate)} không phải là thời hạn của nhiệm vụ này.`);
  }
  if (!isIsoDate(input.newDate)) throw validationError('invalid_date', 'Ngày gia hạn không hợp lệ (cần dạng YYYY-MM-DD).');
  checkInstant(input.requestedAt, 'Thời điểm đề nghị');
  const mine = ctx.existing.filter((e) => e.assignmentId === ctx.assignment.id && e.originalDate === input.originalDate);
  if (mine.some((e) => e.state === 'pending')) {
    throw conflict('extension_pending', `Đã có đề nghị gia hạn thời hạn ${formatVi(input.originalDate)} đang chờ xử lý.`);
  }
  const { current } = currentDue(input.originalDate, mine);
  if (input.newDate <= current) {
    throw validationError(
      'extension_not_later',
      `Ngày gia hạn mới (${formatVi(input.newDate)}) phải sau thời hạn hiện tại (${formatVi(current)}).`,
    );
  }
  return {
    assignmentId: ctx.assignment.id,
    requestedByUnitId: input.requestedByUnitId,
    reason,
    originalDate: input.originalDate,
    previousDate: current,
    newDate: input.newDate,
    requestedAt: input.requestedAt,
    state: 'pending',
    decidedByUserId: null,
    decidedAt: null,
    decisionNote: null,
  };
}

const STATE_VI: Record<ExtensionState, string> = { pending: 'đang chờ xử lý', approved: 'đã được duyệt', refused: 'đã bị từ chối' };

/**
 * A coordinator approves or refuses a pending request, once. Pass the assignment's other requests as
 * `existing` to re-check, at approval, that the new date is still after the due then in force.
 */
export function decideExtension(
  request: ExtensionRequest,
  decision: ExtensionDecision,
  existing: readonly ExtensionRequest[] = [],
): ExtensionRequest {
  if (request.state !== 'pending') {
    const when = request.decidedAt && !Number.isNaN(Date.parse(request.decidedAt)) ? ` ngày ${formatVi(vnDate(new Date(request.decidedAt)))}` : '';
    throw conflict('extension_already_decided', `Đề nghị gia hạn này ${STATE_VI[request.state]}${when}; không thể quyết định lại.`);
  }
  if (decision.decision !== 'approve' && decision.decision !== 'refuse') {
    throw validationError('invalid_decision', 'Quyết định phải là duyệt hoặc từ chối.');
  }
  const decidedAt = checkInstant(decision.decidedAt, 'Thời điểm quyết định');
  if (decidedAt < checkInstant(request.requestedAt, 'Thời điểm đề nghị')) {
    throw validationError('invalid_date', 'Thời điểm quyết định không thể trước thời điểm đề nghị.');
  }
  const note = typeof decision.note === 'string' ? decision.note.trim().normalize('NFC') : '';
  if (decision.decision === 'refuse' && !note) {
    throw validationError('extension_refusal_reason_required', 'Cần nêu lý do từ chối gia hạn.');
  }
  if (decision.decision === 'approve') {
    const others = existing.filter((e) => e !== request && e.assignmentId === request.assignmentId);
    const { current } = currentDue(request.originalDate, others);
    if (request.newDate <= current) {
      throw conflict(
        'extension_not_later',
        `Ngày gia hạn mới (${formatVi(request.newDate)}) không còn sau thời hạn hiện tại (${formatVi(current)}).`,
      );
    }
  }
  return {
    ...request,
    state: decision.decision === 'approve' ? 'approved' : 'refused',
    decidedByUserId: decision.decidedByUserId,
    decidedAt: decision.decidedAt,
    decisionNote: note || null,
  };
}

/** What one assignment adds to an on-time rate. */
export type OnTimeOutcome = 'on_time' | 'late' | 'pending' | 'unmeasured';

export interface OnTimeInput {
  /** Plain original dates or original/current pairs: only `original` is ever read. */
  dues: readonly (string | DueDate)[];
  reports: readonly ProgressReport[];
}

/**
 * Against the earliest ORIGINAL due: on time when reported done no later than it; late when done after
 * it, or not done once it has passed (blocked included); pending before it; unmeasured without dues.
 */
export function onTimeOutcome(input: OnTimeInput, now: Date): OnTimeOutcome {
  const originals = toDueDates(input.dues).map((d) => d.original);
  if (originals.length === 0) return 'unmeasured';
  const first = originals.reduce((a, b) => (a <= b ? a : b));
  const latest = latestReport(input.reports, now);
  if (latest?.status === 'done') return completionDay(latest) <= first ? 'on_time' : 'late';
  return isPastDue(first, now) ? 'late' : 'pending';
}

export interface OnTimeRate {
  /** onTime / (onTime + late); null when nothing is measured yet. */
  rate: number | null;
  onTime: number;
  late: number;
  pending: number;
  unmeasured: number;
}

/** The share of assignments done by their original due, among those done or past it. */
export function onTimeRate(assignments: readonly OnTimeInput[], now: Date): OnTimeRate {
  const counts = { on_time: 0, late: 0, pending: 0, unmeasured: 0 };
  for (const a of assignments) counts[onTimeOutcome(a, now)]++;
  const measured = counts.on_time + counts.late;
  return {
    rate: measured === 0 ? null : counts.on_time / measured,
    onTime: counts.on_time,
    late: counts.late,
    pending: counts.pending,
    unmeasured: counts.unmeasured,
  };
}
