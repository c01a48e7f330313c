import type { Actor } from '../domain/accounts/actor.js';
import { explainCalendarDue, explainWorkingDue, type ExplainedDue } from '../domain/calendar/explain.js';
import {
  buildWorkingCalendar,
  calendarYear,
  pointlessOverride,
  type CalendarOverride,
  type CalendarYearDay,
  type ExplainingCalendar,
  type OverrideKind,
} from '../domain/calendar/working-calendar.js';
import { conflict, notFound, unprocessable, validationError } from '../domain/errors.js';
import { authorize } from '../domain/policies/index.js';
import { formatVi, isIsoDate } from '../domain/schedule/calendar.js';
import type { CalendarDayRow } from '../db/repositories/calendar.js';
import type { Store } from '../db/repositories/index.js';
import type { AuditService } from './audit-service.js';
import type { Clock } from './clock.js';

export interface CalendarOverrideInput {
  kind: OverrideKind;
  name: string;
  note?: string | null;
}

/** One line of the year view; an override also carries who last changed it and its version. */
export interface CalendarDayView extends CalendarYearDay {
  version: number | null;
  updatedAt: string | null;
  updatedBy: number | null;
}

export interface CalendarYearView {
  year: number;
  days: CalendarDayView[];
}

export interface DueQuery {
  start: string;
  days: number;
  /** 'working': a limit in ngày làm việc; 'calendar': one in plain ngày (moved off a day off, BLDS Điều 148). */
  count: 'working' | 'calendar';
}

/** The years the lunar computation and the screens are meant for; outside them a date is surely a typo. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;
const MAX_NAME = 200;
const MAX_NOTE = 1000;
const MAX_DUE_DAYS = 3650;

const clean = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();
const uniqueViolation = (err: unknown) => /unique|duplicate/i.test(String((err as Error)?.message));
const changedMeanwhile = () => conflict('version_conflict', 'Ngày này vừa được người khác điều chỉnh; hãy tải lại rồi thử lại.');

function checkDate(date: string): string {
  if (!isIsoDate(date)) throw validationError('invalid_date', `Ngày không hợp lệ: "${date}" (cần dạng YYYY-MM-DD, ví dụ 2026-02-14).`);
  const year = Number(date.slice(0, 4));
  if (year < FIRST_YEAR || year > LAST_YEAR) throw validationError('invalid_date', `Năm ${year} nằm ngoài khoảng ${FIRST_YEAR}–${LAST_YEAR}.`);
  return date;
}

function checkYear(year: number): number {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw validationError('invalid_year', `Năm không hợp lệ: ${year} (cần từ ${FIRST_YEAR} đến ${LAST_YEAR}).`);
  }
  return year;
}

const toOverride = (row: CalendarDayRow): CalendarOverride => ({ date: row.date, kind: row.kind, name: row.name, note: row.note });

/**
 * The working calendar (issue 6): the default public holidays plus the days an admin changes (extra days
 * off, cancelled holidays, make-up Saturdays). Every deadline in ngày làm việc should count with
 * `calendar()`, which is kept between calls while the table's revision holds, so a change counts at once.
 */
export class CalendarService {
  private cached: { revision: string; calendar: ExplainingCalendar } | undefined;

  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The working calendar in force now (one cheap revision query when nothing changed). */
  async calendar(): Promise<ExplainingCalendar> {
    const read = this.store.read;
    const revision = await read.calendar.revision();
    if (this.cached?.revision === revision) return this.cached.calendar;
    const calendar = buildWorkingCalendar((await read.calendar.active()).map(toOverride));
    this.cached = { revision, calendar };
    return calendar;
  }

  /** A due date and how it was computed, with the calendar in force. */
  async due(query: DueQuery): Promise<ExplainedDue> {
    checkDate(query.start);
    if (!Number.isInteger(query.days) || query.days < 0 || query.days > MAX_DUE_DAYS) {
      throw validationError('invalid_days', `Số ngày phải là số nguyên từ 0 đến ${MAX_DUE_DAYS}.`);
    }
    const calendar = await this.calendar();
    return query.count === 'working' ? explainWorkingDue(query.start, query.days, calendar) : explainCalendarDue(query.start, query.days, calendar);
  }

  /** The days of `year` that differ from Monday–Friday: default holidays and overrides, each with its origin. */
  async year(actor: Actor, year: number): Promise<CalendarYearView> {
    authorize(actor, 'read', 'WorkingCalendar', {});
    checkYear(year);
    const rows = (await this.store.read.calendar.active()).filter((r) => r.date.startsWith(`${year}-`));
    const byDate = new Map(rows.map((r) => [r.date, r]));
    const days = calendarYear(year, rows.map(toOverride)).map((d): CalendarDayView => {
      const row = d.origin === 'override' ? byDate.get(d.date) : undefined;
      return { ...d, version: row?.version ?? null, updatedAt: row?.updatedAt ?? null, updatedBy: row?.updatedBy ?? null };
    });
    return { year, days };
  }

  /** Records (or replaces) what `date` is. `version`: the override's version the admin saw, if any. */
  async set(actor: Actor, date: string, input: CalendarOverrideInput, version?: number): Promise<CalendarDayView> {
    authorize(actor, 'update', 'WorkingCalendar', {});
    checkDate(date);
    if (input.kind !== 'off' && input.kind !== 'working') {
      throw validationError('invalid_kind', 'Loại ngày phải là "off" (ngày nghỉ) hoặc "working" (ngày làm việc, làm bù).');
    }
    const name = clean(input.name ?? '');
    if (!name) throw validationError('name_required', 'Cần ghi tên ngày (ví dụ "Nghỉ hoán đổi Tết" hoặc "Làm bù cho ngày 02/01").');
    if (name.length > MAX_NAME) throw validationError('name_too_long', `Tên ngày dài quá ${MAX_NAME} ký tự.`);
    const note = input.note == null ? null : clean(input.note) || null;
    if (note && note.length > MAX_NOTE) throw validationError('note_too_long', `Ghi chú dài quá ${MAX_NOTE} ký tự.`);
    const pointless = pointlessOverride(date, input.kind);
    if (pointless) throw unprocessable('override_changes_nothing', `${formatVi(date)}: ${pointless} Không cần điều chỉnh; muốn trả một ngày đã điều chỉnh về mặc định thì bỏ điều chỉnh của ngày đó.`);

    const now = this.clock.now().toISOString();
    try {
      await this.store.transaction(async (repos) => {
        const before = await repos.calendar.get(date);
        if (version !== undefined && (before?.clearedAt !== null ? null : before.version) !== version) throw changedMeanwhile();
        const fields = { kind: input.kind, name, note, updatedBy: actor.id, updatedAt: now };
        const after = before ? await repos.calendar.update(date, before.version, { ...fields, clearedAt: null }) : await repos.calendar.insert({ date, ...fields });
        if (!after) throw changedMeanwhile();
        await this.audit.record(repos, actor, { action: 'calendar.set', entity: 'calendar_day', entityId: date, before: before?.clearedAt === null ? before : null, after });
      });
    } catch (err) {
      // Two admins adding the same date at once: the primary key lets one through.
      if (uniqueViolation(err)) throw changedMeanwhile();
      throw err;
    }
    return this.dayOf(actor, date);
  }

  /** Removes the override of `date`: the day goes back to its default. */
  async clear(actor: Actor, date: string): Promise<void> {
    authorize(actor, 'update', 'WorkingCalendar', {});
    checkDate(date);
    const now = this.clock.now().toISOString();
    await this.store.transaction(async (repos) => {
      const before = await repos.calendar.get(date);
      if (!before || before.clearedAt !== null) throw notFound(`Ngày ${formatVi(date)} không có điều chỉnh nào để bỏ.`);
      const after = await repos.calendar.update(date, before.version, { clearedAt: now, updatedBy: actor.id, updatedAt: now });
      if (!after) throw changedMeanwhile();
      await this.audit.record(repos, actor, { action: 'calendar.clear', entity: 'calendar_day', entityId: date, before, after });
    });
  }

  private async dayOf(actor: Actor, date: string): Promise<CalendarDayView> {
    const view = await this.year(actor, Number(date.slice(0, 4)));
    const day = view.days.find((d) => d.date === date && d.origin === 'override');
    if (!day) throw notFound(`Không tìm thấy điều chỉnh của ngày ${formatVi(date)}.`);
    return day;
  }
}
