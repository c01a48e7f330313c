/**
 * Reminders about a round's submission deadline (pure: no I/O, no clock).
 *
 * Given the open rounds, their reports and today's date in Vietnam, `reminderEvents` decides which
 * reminders are due. Every event carries an idempotency key; the service stores it with a UNIQUE
 * constraint, so computing the same event again — on the next pass, or on a second app instance —
 * never sends it twice. Thresholds catch up: a pass that runs two days before the deadline still
 * sends the "3 days" reminder if the pass of the day before was missed.
 */
import { validationError } from '../errors.js';
import { formatDateVi } from '../time.js';

export interface ReminderSettings {
  /** Remind this many days before the deadline (the deadline day itself is 0). */
  daysBefore: number[];
  /** After the deadline: the day after it, then every this many days … */
  overdueEveryDays: number;
  /** … at most this many times. 0 turns overdue reminders off. */
  overdueMaxTimes: number;
}

export const DEFAULT_REMINDER_SETTINGS: Readonly<ReminderSettings> = Object.freeze({
  daysBefore: [3, 1],
  overdueEveryDays: 3,
  overdueMaxTimes: 3,
});

export interface ReminderRound {
  id: number;
  /** YYYY-MM-DD: the day ends at 23:59:59 Vietnam time. */
  submissionDeadline: string;
  closedAt: string | null;
}

export type ReminderReportStatus = 'draft' | 'submitted' | 'returned' | 'accepted';

export interface ReminderReport {
  id: number;
  roundId: number;
  unitId: number;
  status: ReminderReportStatus;
  submittedAt: string | null;
}

interface EventBase {
  /** Idempotency key: the same event always has the same key. */
  key: string;
  roundId: number;
  reportId: number;
  unitId: number;
  deadline: string;
}
export type ReminderEvent =
  | (EventBase & { kind: 'due_soon'; daysLeft: number })
  | (EventBase & { kind: 'overdue'; daysOverdue: number });

const DAY_MS = 86_400_000;
const dayNumber = (isoDate: string) => Math.round(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / DAY_MS);
const fromDayNumber = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

export function addDays(isoDate: string, days: number): string {
  return fromDayNumber(dayNumber(isoDate) + days);
}

/** Checks and normalises settings (thresholds sorted, unique, non-negative). */
export function reminderSettings(partial: Partial<ReminderSettings> = {}): ReminderSettings {
  const daysBefore = [...new Set(partial.daysBefore ?? DEFAULT_REMINDER_SETTINGS.daysBefore)]
    .filter((d) => Number.isInteger(d) && d >= 0)
    .sort((a, b) => a - b);
  const every = partial.overdueEveryDays ?? DEFAULT_REMINDER_SETTINGS.overdueEveryDays;
  const max = partial.overdueMaxTimes ?? DEFAULT_REMINDER_SETTINGS.overdueMaxTimes;
  return {
    daysBefore,
    overdueEveryDays: Number.isInteger(every) && every >= 1 ? every : DEFAULT_REMINDER_SETTINGS.overdueEveryDays,
    overdueMaxTimes: Number.isInteger(max) && max >= 0 ? max : DEFAULT_REMINDER_SETTINGS.overdueMaxTimes,
  };
}

/** The window of deadlines that can produce an event today: [earliest, latest]. */
export function deadlineWindow(today: string, settings: ReminderSettings): { from: string; to: string } {
  const before = settings.daysBefore.length ? Math.max(...settings.daysBefore) : 0;
  const after = settings.overdueMaxTimes > 0 ? 1 + (settings.overdueMaxTimes - 1) * settings.overdueEveryDays : 0;
  return { from: addDays(today, -after), to: addDays(today, before) };
}

const REMINDED: ReadonlySet<ReminderReportStatus> = new Set(['draft', 'returned']);

/**
 * The reminders due today. Before the deadline: the smallest threshold that today has reached
 * (daysLeft ≤ N), keyed by N. After it: the latest overdue occurrence (deadline+1, +1+every, …,
 * at most max times), keyed by its date. Only reports still draft or returned; closed rounds never.
 */
export function reminderEvents(
  rounds: readonly ReminderRound[],
  reports: readonly ReminderReport[],
  today: string,
  settings: ReminderSettings = DEFAULT_REMINDER_SETTINGS,
): ReminderEvent[] {
  const byId = new Map(rounds.map((r) => [r.id, r]));
  const thresholds = [...settings.daysBefore].sort((a, b) => a - b);
  const events: ReminderEvent[] = [];
  for (const report of reports) {
    const round = byId.get(report.roundId);
    if (!round || round.closedAt !== null || !REMINDED.has(report.status)) continue;
    const deadline = round.submissionDeadline.slice(0, 10);
    const daysLeft = daysBetween(today, deadline);
    const base = `round:${round.id}:unit:${report.unitId}`;
    if (daysLeft >= 0) {
      const threshold = thresholds.find((n) => daysLeft <= n);
      if (threshold === undefined) continue;
      events.push({ key: `${base}:before:${threshold}`, kind: 'due_soon', roundId: round.id, reportId: report.id, unitId: report.unitId, deadline, daysLeft });
      continue;
    }
    const daysOverdue = -daysLeft;
    if (settings.overdueMaxTimes <= 0) continue;
    const occurrence = Math.floor((daysOverdue - 1) / settings.overdueEveryDays);
    if (occurrence >= settings.overdueMaxTimes) continue;
    const on = addDays(deadline, 1 + occurrence * settings.overdueEveryDays);
    events.push({ key: `${base}:overdue:${on}`, kind: 'overdue', roundId: round.id, reportId: report.id, unitId: report.unitId, deadline, daysOverdue });
  }
  return events.sort((a, b) => a.key.localeCompare(b.key));
}

export interface ReminderContext {
  planTitle: string;
  roundLabel: string;
  unitName: string;
  reportStatus: ReminderReportStatus;
  /** Staff-app path of the report (`/bao-cao/so/7`). */
  link: string;
  /** The same, absolute, for e-mail (`https://dondoc.example.vn/app/bao-cao/so/7`). */
  url: string;
}

export interface ReminderText {
  /** E-mail subject. */
  subject: string;
  /** E-mail body (plain text). */
  text: string;
  /** In-app notification. */
  title: string;
  body: string;
}

/** "Kế hoạch góp phần cải thiện …" from a stored title that may or may not start with "Kế hoạch". */
export function planName(title: string): string {
  const t = title.trim();
  if (/^kế hoạch\b/i.test(t)) return `Kế hoạch${t.slice('kế hoạch'.length)}`;
  return `Kế hoạch ${t.charAt(0).toLocaleLowerCase('vi')}${t.slice(1)}`;
}

/** "còn 3 ngày", "hạn cuối là hôm nay". */
function leftPhrase(daysLeft: number): string {
  return daysLeft === 0 ? 'hạn cuối là hôm nay' : `còn ${daysLeft} ngày`;
}

/** The Vietnamese e-mail and notification for one event. */
export function reminderText(event: ReminderEvent, ctx: ReminderContext): ReminderText {
  const plan = planName(ctx.planTitle);
  const deadline = formatDateVi(event.deadline);
  const returned = ctx.reportStatus === 'returned';
  const state = returned ? 'Báo cáo đã được trả lại để bổ sung, chỉnh sửa và chưa được gửi lại.' : 'Báo cáo hiện vẫn là bản nháp, chưa được gửi.';
  /** The e-mail: greeting, the deadline sentence, the report's state, the request, the no-reply footer. */
  const letter = (deadlineLine: string, requestLine: string) =>
    [`Kính gửi: ${ctx.unitName}`, '', deadlineLine, state, requestLine, '', 'Thư này do hệ thống Dondoc gửi tự động; vui lòng không trả lời thư này.'].join('\n');
  if (event.kind === 'due_soon') {
    const left = leftPhrase(event.daysLeft);
    const subject = `Nhắc hạn gửi báo cáo ${ctx.roundLabel} — ${left}`;
    const text = letter(
      `Thực hiện ${plan}, đơn vị có báo cáo kỳ ${ctx.roundLabel} phải gửi chậm nhất ngày ${deadline} (${left}).`,
      `Đề nghị đơn vị hoàn thành và gửi báo cáo đúng hạn tại: ${ctx.url}`,
    );
    return {
      subject,
      text,
      title: `Báo cáo ${ctx.roundLabel}: ${left}`,
      body: `${ctx.unitName}: báo cáo kỳ ${ctx.roundLabel} (${plan}) phải gửi chậm nhất ngày ${deadline}.`,
    };
  }
  const subject = `Báo cáo ${ctx.roundLabel} đã quá hạn ${event.daysOverdue} ngày`;
  const text = letter(
    `Thực hiện ${plan}, báo cáo kỳ ${ctx.roundLabel} của đơn vị phải gửi chậm nhất ngày ${deadline}, nay đã quá hạn ${event.daysOverdue} ngày.`,
    `Đề nghị đơn vị khẩn trương hoàn thành và gửi báo cáo tại: ${ctx.url}`,
  );
  return {
    subject,
    text,
    title: `${ctx.unitName}: báo cáo ${ctx.roundLabel} quá hạn ${event.daysOverdue} ngày`,
    body: `Báo cáo kỳ ${ctx.roundLabel} (${plan}) hết hạn ngày ${deadline}, chưa được gửi.`,
  };
}

/** Staff-app path of a report. */
export const reportLink = (reportId: number) => `/bao-cao/so/${reportId}`;

/** A plausible e-mail address: one @, no spaces, a dot in the domain. Returns it trimmed and lower-cased. */
export function normaliseEmail(input: string): string | null {
  const v = input.trim().toLowerCase();
  if (v.length > 254 || !/^[^\s@"<>(),;:\\[\]]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/.test(v)) return null;
  return v;
}

/** An address given for an account or a unit: empty means none; a bad one is refused with a Vietnamese message. */
export function checkEmail(input: string | null | undefined): string | null {
  if (input === null || input === undefined || input.trim() === '') return null;
  const email = normaliseEmail(input);
  if (!email) throw validationError('invalid_email', `Địa chỉ thư điện tử «${input.trim()}» không hợp lệ (ví dụ đúng: hoavinh@donghoa.example.vn).`);
  return email;
}
