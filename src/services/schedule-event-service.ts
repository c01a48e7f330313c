import type { Actor } from '../domain/accounts/actor.js';
import { conflict, notFound, validationError } from '../domain/errors.js';
import { authorize } from '../domain/policies/index.js';
import { taskOriginalDues } from '../domain/reporting/index.js';
import { formatVi, isIsoDate } from '../domain/schedule/calendar.js';
import { cleanText } from '../domain/text/normalize.js';
import type { Store } from '../db/repositories/index.js';
import type { ScheduleEventRow, ScheduledTask } from '../db/repositories/extensions.js';
import type { AuditService } from './audit-service.js';
import type { Clock } from './clock.js';

export interface ScheduleEventView {
  id: number;
  date: string;
  note: string | null;
  recordedBy: number | null;
  recordedAt: string;
}

/** What makes an event or unspecified task due, and the dues that follow from it. */
export interface TaskScheduleView {
  taskId: number;
  taskKey: string;
  taskNo: string;
  kind: string;
  /** Days the task's event was recorded (event tasks). */
  triggers: ScheduleEventView[];
  /** Days a coordinator set (unspecified tasks). */
  dates: ScheduleEventView[];
  /** Every original due the task now has (schedule, set dates, trigger + offset). */
  dues: string[];
}

const KIND_VI: Record<string, string> = {
  once: 'có thời hạn cụ thể',
  recurring: 'thực hiện định kỳ',
  continuous: 'thực hiện thường xuyên',
  event: 'thực hiện khi có sự kiện',
  unspecified: 'chưa có thời hạn',
};

const MAX_NOTE = 2000;
const MAX_DATES = 100;

function note(input: string | null | undefined, required: boolean): string | null {
  const n = typeof input === 'string' ? cleanText(input) : '';
  if (required && !n) throw validationError('note_required', 'Cần ghi nội dung sự kiện (văn bản, quyết định hoặc căn cứ ghi nhận).');
  if (n.length > MAX_NOTE) throw validationError('note_too_long', `Ghi chú không quá ${MAX_NOTE} ký tự.`);
  return n || null;
}

const toView = (e: ScheduleEventRow): ScheduleEventView => ({ id: e.id, date: e.date, note: e.note, recordedBy: e.recordedBy, recordedAt: e.recordedAt });

/**
 * The schedule events of a task (issue 4, item 1): an event task becomes due once a coordinator records
 * that its event happened (`trigger`); an unspecified task once a coordinator sets its dates. Rounds
 * opened afterwards include the task in the periods holding those dates (due.ts). Audited.
 */
export class ScheduleEventService {
  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async get(actor: Actor, taskId: number): Promise<TaskScheduleView> {
    const task = await this.task(taskId);
    void actor; // Plans and their tasks are read by every signed-in user (Plan read).
    return this.view(task, await this.store.read.extensions.events([taskId]));
  }

  /** Records that the event of an event task happened on `date`. */
  async recordTrigger(actor: Actor, taskId: number, input: { date: string; note?: string | null }): Promise<TaskScheduleView> {
    const task = await this.task(taskId);
    const period = await this.authorize(actor, task);
    if (task.schedule.kind !== 'event') {
      throw validationError(
        'not_event_task',
        `Chỉ ghi nhận sự kiện cho nhiệm vụ thực hiện khi có sự kiện; nhiệm vụ ${task.no} ${KIND_VI[task.schedule.kind] ?? ''}.`.replace(' .', '.'),
      );
    }
    this.checkDate(input.date, period, 'Ngày xảy ra sự kiện');
    const text = note(input.note, true);
    const now = this.clock.now().toISOString();
    const events = await this.store.transaction(async (repos) => {
      const existing = await repos.extensions.events([taskId]);
      if (existing.some((e) => e.kind === 'trigger' && e.date === input.date)) {
        throw conflict('trigger_exists', `Sự kiện của nhiệm vụ ${task.no} ngày ${formatVi(input.date)} đã được ghi nhận.`);
      }
      const [row] = await repos.extensions.insertEvents([
        { taskId, planId: task.planId, kind: 'trigger', date: input.date, note: text, recordedBy: actor.id, recordedAt: now, retiredAt: null },
      ]);
      await this.audit.record(repos, actor, { action: 'task.trigger', entity: 'task', entityId: taskId, after: row });
      return [...existing, row!];
    });
    return this.view(task, events);
  }

  /** Sets the dates of an unspecified task, replacing those set before (kept, retired). */
  async setDates(actor: Actor, taskId: number, input: { dates: readonly string[]; note?: string | null }): Promise<TaskScheduleView> {
    const task = await this.task(taskId);
    const period = await this.authorize(actor, task);
    if (task.schedule.kind !== 'unspecified') {
      throw validationError(
        'not_unspecified_task',
        `Chỉ ấn định ngày cho nhiệm vụ chưa có thời hạn; nhiệm vụ ${task.no} ${KIND_VI[task.schedule.kind] ?? ''}.`.replace(' .', '.'),
      );
    }
    if (!Array.isArray(input.dates) || input.dates.length === 0) throw validationError('dates_required', 'Cần ấn định ít nhất một ngày.');
    if (input.dates.length > MAX_DATES) throw validationError('too_many_dates', `Ấn định tối đa ${MAX_DATES} ngày cho một nhiệm vụ.`);
    for (const d of input.dates) this.checkDate(d, period, 'Ngày ấn định');
    const dates = [...new Set(input.dates)].sort();
    const text = note(input.note, false);
    const now = this.clock.now().toISOString();
    const events = await this.store.transaction(async (repos) => {
      const retired = await repos.extensions.retireDates(taskId, now);
      await repos.extensions.insertEvents(
        dates.map((date) => ({ taskId, planId: task.planId, kind: 'date' as const, date, note: text, recordedBy: actor.id, recordedAt: now, retiredAt: null })),
      );
      await this.audit.record(repos, actor, {
        action: 'task.dates',
        entity: 'task',
        entityId: taskId,
        before: { dates: retired.map((r) => r.date).sort() },
        after: { dates, note: text },
      });
      return repos.extensions.events([taskId]);
    });
    return this.view(task, events);
  }

  private async task(taskId: number): Promise<ScheduledTask> {
    const task = await this.store.read.extensions.task(taskId);
    if (!task) throw notFound(`Không tìm thấy nhiệm vụ có mã số ${taskId}.`);
    return task;
  }

  /** The coordinator of the plan's issuer; answers the plan's period. */
  private async authorize(actor: Actor, task: ScheduledTask): Promise<{ from: string; to: string }> {
    const plan = await this.store.read.plans.get(task.planId);
    if (!plan) throw notFound(`Không tìm thấy kế hoạch có mã số ${task.planId}.`);
    authorize(actor, 'update', 'TaskSchedule', { planIssuerUnitId: plan.issuerUnitId });
    if (task.retiredAt) throw conflict('task_retired', `Nhiệm vụ ${task.no} không còn được theo dõi.`);
    return { from: plan.periodFrom, to: plan.periodTo };
  }

  private checkDate(date: string, period: { from: string; to: string }, what: string): void {
    if (typeof date !== 'string' || !isIsoDate(date)) throw validationError('invalid_date', `${what} không hợp lệ: ${String(date).slice(0, 20)} (cần dạng YYYY-MM-DD).`);
    if (date < period.from || date > period.to) {
      throw validationError('date_outside_plan', `${what} ${formatVi(date)} nằm ngoài thời gian của kế hoạch (${formatVi(period.from)} – ${formatVi(period.to)}).`);
    }
  }

  private view(task: ScheduledTask, events: readonly ScheduleEventRow[]): TaskScheduleView {
    const live = events.filter((e) => e.taskId === task.id && !e.retiredAt).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
    const triggers = live.filter((e) => e.kind === 'trigger');
    const dates = live.filter((e) => e.kind === 'date');
    return {
      taskId: task.id,
      taskKey: task.key,
      taskNo: task.no,
      kind: task.schedule.kind,
      triggers: triggers.map(toView),
      dates: dates.map(toView),
      dues: taskOriginalDues(task, { triggers: triggers.map((e) => e.date), coordinatorDates: dates.map((e) => e.date) }),
    };
  }
}
