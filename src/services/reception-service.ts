import type { Actor } from '../domain/accounts/actor.js';
import { conflict, notFound, validationError } from '../domain/errors.js';
import { authorize, can } from '../domain/policies/index.js';
import {
  RECEPTION_KIND_LABEL,
  expandRecurrence,
  parseRecurrence,
  renderCalendar,
  validateSlot,
  weekdayVi,
  type CalendarEvent,
  type ReceptionKind,
  type ReceptionSlotInput,
  type ReceptionStatus,
} from '../domain/reception/index.js';
import { addDays, isIsoDate } from '../domain/schedule/calendar.js';
import { formatDateVi, vnDate } from '../domain/time.js';
import type { Store } from '../db/repositories/index.js';
import type { ReceptionSlotRow, ReceptionSlotWithUnit } from '../db/repositories/reception.js';
import type { AuditService } from './audit-service.js';
import type { Clock } from './clock.js';

/** A slot as the API and the portal show it. Dates YYYY-MM-DD, times HH:MM in Vietnam. */
export interface ReceptionSlotView {
  id: number;
  unitId: number;
  unitCode: string;
  unitName: string;
  date: string;
  /** "Thứ Năm" */
  weekday: string;
  startTime: string;
  endTime: string;
  place: string;
  officerName: string;
  officerTitle: string;
  officerPhone: string | null;
  kind: ReceptionKind;
  kindLabel: string;
  note: string | null;
  status: ReceptionStatus;
  publishedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  version: number;
  updatedAt: string;
}

export interface NewSlotsInput extends Omit<ReceptionSlotInput, 'date'> {
  unitId: number;
  /** One date, or… */
  date?: string;
  /** …a recurrence ("ngày 15 hằng tháng", "thứ Năm hằng tuần") over [from, to]. */
  recurrence?: { rule: string; from: string; to: string };
  /** Publish at once (default: a draft, published later). */
  publish?: boolean;
}

export interface SlotQuery {
  unitId?: number;
  from?: string;
  to?: string;
  status?: ReceptionStatus;
}

export interface PublicScheduleQuery {
  /** A unit code (`?donVi=DH.HV`); unknown codes give an empty schedule with `unit: null`. */
  unitCode?: string;
  weeks?: number;
}

export interface PublicSchedule {
  from: string;
  to: string;
  unit: { code: string; name: string } | null;
  units: Array<{ code: string; name: string }>;
  slots: ReceptionSlotView[];
}

const MAX_PUBLIC_SLOTS = 2000;

export function slotView(r: ReceptionSlotWithUnit): ReceptionSlotView {
  return {
    id: r.id,
    unitId: r.unitId,
    unitCode: r.unitCode,
    unitName: r.unitName,
    date: r.date,
    weekday: weekdayVi(r.date),
    startTime: r.startTime,
    endTime: r.endTime,
    place: r.place,
    officerName: r.officerName,
    officerTitle: r.officerTitle,
    officerPhone: r.officerPhone,
    kind: r.kind,
    kindLabel: RECEPTION_KIND_LABEL[r.kind],
    note: r.note,
    status: r.status,
    publishedAt: r.publishedAt,
    cancelledAt: r.cancelledAt,
    cancelReason: r.cancelReason,
    version: r.version,
    updatedAt: r.updatedAt,
  };
}

const slotNotFound = (id: number) => notFound(`Không tìm thấy buổi tiếp công dân có mã số ${id}.`);
const changedMeanwhile = () => conflict('version_conflict', 'Lịch tiếp này vừa được người khác thay đổi; hãy tải lại rồi thử lại.');

/**
 * The citizen reception schedule (lịch tiếp công dân, issue 5): a unit's officer or the coordinator of its
 * government schedules slots (one date or a recurrence), publishes them ahead and cancels them (a
 * cancelled slot stays public, marked). The portal reads only published and cancelled slots; drafts are
 * never public. Every write is audited in its own transaction.
 */
export class ReceptionService {
  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  today(): string {
    return vnDate(this.clock.now());
  }

  async schedule(actor: Actor, input: NewSlotsInput): Promise<ReceptionSlotView[]> {
    const unit = await this.store.read.units.get(input.unitId);
    if (!unit) throw notFound(`Không tìm thấy đơn vị có mã số ${input.unitId}.`);
    authorize(actor, 'create', 'ReceptionSlot', { unitId: unit.id });
    if (unit.validTo && unit.validTo < this.today()) throw conflict('unit_ended', `${unit.name} đã thôi hoạt động; không thể xếp lịch tiếp công dân.`);
    let dates: string[];
    if (input.recurrence) {
      if (input.date) throw validationError('date_and_recurrence', 'Chỉ ghi một ngày hoặc một lịch lặp, không ghi cả hai.');
      dates = expandRecurrence(parseRecurrence(input.recurrence.rule), input.recurrence.from, input.recurrence.to);
      const today = this.today();
      dates = dates.filter((d) => d >= today);
      if (dates.length === 0) throw validationError('no_dates', 'Lịch lặp không có buổi nào từ hôm nay trở đi trong khoảng ngày đã chọn.');
    } else {
      if (!input.date) throw validationError('date_required', 'Cần ghi ngày tiếp công dân (YYYY-MM-DD) hoặc một lịch lặp.');
      dates = [input.date];
    }
    const today = this.today();
    const checked = dates.map((date) =>
      validateSlot(
        {
          date,
          startTime: input.startTime,
          endTime: input.endTime,
          place: input.place,
          officerName: input.officerName,
          officerTitle: input.officerTitle,
          officerPhone: input.officerPhone,
          kind: input.kind,
          note: input.note,
        },
        today,
      ),
    );
    const now = this.clock.now().toISOString();
    const rows = await this.store.transaction(async (repos) => {
      const out = await repos.reception.insertMany(
        checked.map((s) => ({
          unitId: unit.id,
          ...s,
          status: input.publish ? ('published' as const) : ('draft' as const),
          publishedAt: input.publish ? now : null,
          cancelledAt: null,
          cancelReason: null,
          version: 1,
          createdBy: actor.id,
          createdAt: now,
          updatedAt: now,
        })),
      );
      await this.audit.recordMany(
        repos,
        actor,
        out.map((r) => ({ action: input.publish ? 'reception.schedule_publish' : 'reception.schedule', entity: 'reception_slot', entityId: r.id, after: r })),
      );
      return out;
    });
    return rows.map((r) => slotView({ ...r, unitCode: unit.code, unitName: unit.name }));
  }

  /** Publishes a draft slot (a published one is answered as is; a cancelled one cannot be). */
  async publish(actor: Actor, id: number): Promise<ReceptionSlotView> {
    return this.change(actor, id, (row, now) => {
      if (row.status === 'cancelled') throw conflict('slot_cancelled', 'Buổi tiếp này đã bị hủy; không thể công bố lại. Hãy xếp một buổi mới.');
      if (row.status === 'published') return null;
      if (row.date < this.today()) throw validationError('date_in_past', 'Không thể công bố một buổi tiếp đã qua.');
      return { action: 'reception.publish', patch: { status: 'published', publishedAt: now, updatedAt: now } };
    });
  }

  /** Cancels a slot; it stays on the public schedule, marked as cancelled, with the reason. */
  async cancel(actor: Actor, id: number, reason: string): Promise<ReceptionSlotView> {
    const why = reason.normalize('NFC').replace(/\s+/g, ' ').trim();
    if (!why) throw validationError('reason_required', 'Cần ghi lý do hủy buổi tiếp công dân để người dân được biết.');
    return this.change(actor, id, (row, now) => {
      if (row.status === 'cancelled') throw conflict('slot_cancelled', 'Buổi tiếp này đã bị hủy trước đó.');
      return { action: 'reception.cancel', patch: { status: 'cancelled', cancelledAt: now, cancelReason: why, updatedAt: now } };
    });
  }

  private async change(
    actor: Actor,
    id: number,
    decide: (row: ReceptionSlotRow, now: string) => { action: string; patch: Partial<ReceptionSlotRow> } | null,
  ): Promise<ReceptionSlotView> {
    const now = this.clock.now().toISOString();
    const row = await this.store.transaction(async (repos) => {
      const before = await repos.reception.get(id);
      if (!before) throw slotNotFound(id);
      authorize(actor, 'update', 'ReceptionSlot', { unitId: before.unitId });
      const decision = decide(before, now);
      if (!decision) return before;
      const after = await repos.reception.update(id, before.version, decision.patch);
      if (!after) throw changedMeanwhile();
      await this.audit.record(repos, actor, { action: decision.action, entity: 'reception_slot', entityId: id, before, after });
      return after;
    });
    const unit = await this.store.read.units.get(row.unitId);
    return slotView({ ...row, unitCode: unit?.code ?? '', unitName: unit?.name ?? '' });
  }

  async get(actor: Actor, id: number): Promise<ReceptionSlotView> {
    const row = await this.store.read.reception.get(id);
    if (!row || !can(actor, 'read', 'ReceptionSlot', { unitId: row.unitId })) throw slotNotFound(id);
    const unit = await this.store.read.units.get(row.unitId);
    return slotView({ ...row, unitCode: unit?.code ?? '', unitName: unit?.name ?? '' });
  }

  /** The slots the actor may read (drafts included), by date. */
  async list(actor: Actor, query: SlotQuery): Promise<ReceptionSlotView[]> {
    for (const d of [query.from, query.to]) {
      if (d !== undefined && !isIsoDate(d)) throw validationError('invalid_date', `Ngày không hợp lệ: "${d}" (cần dạng YYYY-MM-DD).`);
    }
    if (query.unitId !== undefined) authorize(actor, 'list', 'ReceptionSlot', { unitId: query.unitId });
    const rows = await this.store.read.reception.list({
      ...(actor.scope === null ? {} : { unitIds: [...actor.scope] }),
      ...(query.unitId !== undefined ? { unitId: query.unitId } : {}),
      ...(query.from !== undefined ? { from: query.from } : {}),
      ...(query.to !== undefined ? { to: query.to } : {}),
      ...(query.status !== undefined ? { statuses: [query.status] } : {}),
      limit: 2000,
    });
    return rows.map(slotView);
  }

  // ---- the public side (no actor: only published and cancelled slots) -------------------------

  /** Fingerprint of everything the public schedule shows (for ETags), with today's date. */
  async publicRevision(): Promise<string> {
    const read = this.store.read;
    return `${this.today()}|${await read.reception.revision()}|${await read.units.revision()}`;
  }

  /**
   * Answers of the public side, kept while the schedule's revision (today's date, count, latest change and
   * sum of versions of the slots: one small aggregate query) stays the same. Every instance checks the
   * revision on each request, so a slot published on one instance shows on all of them at once.
   */
  private readonly publicCache = new Map<string, { revision: string; value: unknown }>();

  private async cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const revision = await this.publicRevision();
    const hit = this.publicCache.get(key);
    if (hit && hit.revision === revision) return hit.value as T;
    const value = await compute();
    if (this.publicCache.size >= 500) this.publicCache.delete(this.publicCache.keys().next().value!);
    this.publicCache.set(key, { revision, value });
    return value;
  }

  /** The coming weeks of published (and cancelled) slots, from today, optionally for one unit. */
  async publicSchedule(query: PublicScheduleQuery = {}): Promise<PublicSchedule> {
    const key = `s|${(query.unitCode ?? '').trim().toUpperCase().slice(0, 60)}|${query.weeks ?? ''}`;
    return this.cached(key, () => this.computeSchedule(query));
  }

  private async computeSchedule(query: PublicScheduleQuery): Promise<PublicSchedule> {
    const read = this.store.read;
    const from = this.today();
    const weeks = Math.min(Math.max(query.weeks ?? 6, 1), 26);
    const to = addDays(from, weeks * 7 - 1);
    const units = (await read.reception.publicUnits(from)).map((u) => ({ code: u.code, name: u.name }));
    let unit: { id: number; code: string; name: string } | null = null;
    if (query.unitCode !== undefined && query.unitCode !== '') {
      const found = await read.units.getByCode(query.unitCode.trim().toUpperCase().slice(0, 60));
      if (!found) return { from, to, unit: null, units, slots: [] };
      unit = { id: found.id, code: found.code, name: found.name };
    }
    const rows = await read.reception.list({
      from,
      to,
      statuses: ['published', 'cancelled'],
      ...(unit ? { unitId: unit.id } : {}),
      limit: MAX_PUBLIC_SLOTS,
    });
    return { from, to, unit: unit ? { code: unit.code, name: unit.name } : null, units, slots: rows.map(slotView) };
  }

  /** The iCalendar feed of the public schedule (RFC 5545). */
  async publicCalendar(query: PublicScheduleQuery = {}): Promise<{ ics: string; unit: { code: string; name: string } | null; found: boolean }> {
    const key = `c|${(query.unitCode ?? '').trim().toUpperCase().slice(0, 60)}|${query.weeks ?? ''}`;
    return this.cached(key, () => this.computeCalendar(query));
  }

  private async computeCalendar(query: PublicScheduleQuery): Promise<{ ics: string; unit: { code: string; name: string } | null; found: boolean }> {
    const schedule = await this.publicSchedule({ ...query, weeks: query.weeks ?? 12 });
    const events: CalendarEvent[] = schedule.slots.map((s) => ({
      uid: `reception-slot-${s.id}@dondoc`,
      date: s.date,
      startTime: s.startTime,
      endTime: s.endTime,
      summary: `Tiếp công dân – ${s.unitName}`,
      location: s.place,
      description: [
        `${s.kindLabel}.`,
        `Người tiếp: ${s.officerName}, ${s.officerTitle}.`,
        s.officerPhone ? `Điện thoại cơ quan: ${s.officerPhone}.` : null,
        `Ngày ${formatDateVi(s.date)} (${s.weekday}), ${s.startTime}–${s.endTime}.`,
        s.note ? `Ghi chú: ${s.note}` : null,
        s.status === 'cancelled' ? `ĐÃ HỦY: ${s.cancelReason ?? ''}` : null,
      ]
        .filter((x): x is string => x !== null)
        .join('\n'),
      cancelled: s.status === 'cancelled',
      sequence: s.version,
      lastModified: new Date(s.updatedAt),
    }));
    const name = schedule.unit ? `Lịch tiếp công dân – ${schedule.unit.name}` : 'Lịch tiếp công dân';
    const found = query.unitCode === undefined || query.unitCode === '' || schedule.unit !== null;
    return { ics: renderCalendar(events, { name }), unit: schedule.unit, found };
  }
}
