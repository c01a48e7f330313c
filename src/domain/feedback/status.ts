/**
 * The life of a case: received → assigned → in_progress → answered → closed, or rejected with a reason.
 * A closed (or answered) case can be reopened — by staff, or by the sender's rating of 1–2 stars, which
 * asks for a second look. A reopened case is worked like one in progress.
 */
import { DomainError } from '../errors.js';

export const FEEDBACK_STATUSES = ['received', 'assigned', 'in_progress', 'answered', 'closed', 'rejected', 'reopened'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

export const STATUS_LABELS: Record<FeedbackStatus, string> = {
  received: 'Đã tiếp nhận',
  assigned: 'Đã chuyển đơn vị xử lý',
  in_progress: 'Đang xử lý',
  answered: 'Đã trả lời',
  closed: 'Đã kết thúc',
  rejected: 'Không thụ lý',
  reopened: 'Đang xem xét lại',
};

export type FeedbackStep = 'assign' | 'start' | 'answer' | 'close' | 'reject' | 'reopen' | 'rate' | 'duplicate';

const FROM: Record<FeedbackStep, readonly FeedbackStatus[]> = {
  assign: ['received', 'assigned', 'in_progress', 'reopened'],
  start: ['received', 'assigned', 'reopened'],
  answer: ['assigned', 'in_progress', 'reopened'],
  close: ['answered'],
  reject: ['received', 'assigned', 'in_progress'],
  reopen: ['answered', 'closed'],
  rate: ['answered', 'closed'],
  duplicate: ['received', 'assigned', 'in_progress', 'reopened'],
};

const STEP_LABELS: Record<FeedbackStep, string> = {
  assign: 'chuyển đơn vị xử lý',
  start: 'bắt đầu xử lý',
  answer: 'trả lời',
  close: 'kết thúc',
  reject: 'không thụ lý',
  reopen: 'mở lại',
  rate: 'đánh giá',
  duplicate: 'gộp vào vụ việc khác',
};

export function canStep(status: FeedbackStatus, step: FeedbackStep): boolean {
  return FROM[step].includes(status);
}

/** Throws a 409 with a Vietnamese sentence when `step` is not allowed from `status`. */
export function checkStep(status: FeedbackStatus, step: FeedbackStep): void {
  if (!canStep(status, step)) {
    throw new DomainError('conflict', 'invalid_transition', `Không thể ${STEP_LABELS[step]} khi vụ việc đang ở trạng thái «${STATUS_LABELS[status]}».`);
  }
}

/** The status after `step` (rating: 1–2 stars reopen, otherwise an answered case is closed). */
export function statusAfter(status: FeedbackStatus, step: FeedbackStep, stars?: number): FeedbackStatus {
  checkStep(status, step);
  switch (step) {
    case 'assign':
      return 'assigned';
    case 'start':
      return 'in_progress';
    case 'answer':
      return 'answered';
    case 'close':
      return 'closed';
    case 'reject':
      return 'rejected';
    case 'reopen':
      return 'reopened';
    case 'rate':
      return stars !== undefined && stars <= 2 ? 'reopened' : 'closed';
    case 'duplicate':
      return status;
  }
}

/** A rating is whole stars 1–5. */
export const isRating = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5;

/** Open cases count against their due; answered, closed and rejected ones do not. */
export const isOpen = (status: FeedbackStatus): boolean => status === 'received' || status === 'assigned' || status === 'in_progress' || status === 'reopened';
