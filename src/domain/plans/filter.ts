import type { ScheduleKind } from '../schedule/index.js';
import { matchesSearch, searchKey } from '../text/normalize.js';
import type { Assignment, Task } from './plan.js';

export interface TaskFilter {
  dimension?: string;
  unitId?: number;
  kind?: ScheduleKind;
  /** Only tasks with a due date between `today` and `today + dueWithinDays`. */
  dueWithinDays?: number;
  q?: string;
}

/** The next due date on or after `today`, or null. */
export function nextDue(task: Pick<Task, 'schedule'>, today: string): string | null {
  return task.schedule.dues.find((d) => d.date >= today)?.date ?? null;
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Filters of the plan page; search is without diacritics over number, content, units and output. */
export function filterTasks<T extends Task & { assignments: Assignment[] }>(tasks: readonly T[], filter: TaskFilter, today: string): T[] {
  const until = filter.dueWithinDays === undefined ? null : addDays(today, filter.dueWithinDays);
  return tasks.filter((t) => {
    if (filter.dimension && t.dimension !== filter.dimension) return false;
    if (filter.unitId !== undefined && !t.assignments.some((a) => a.unitId === filter.unitId)) return false;
    if (filter.kind && t.schedule.kind !== filter.kind) return false;
    if (until !== null && !t.schedule.dues.some((d) => d.date >= today && d.date <= until)) return false;
    if (filter.q && !matchesSearch(searchKey([t.key, t.content, t.leadText, t.coordinatingText, t.output, t.deadlineText].join(' ')), filter.q)) {
      return false;
    }
    return true;
  });
}
