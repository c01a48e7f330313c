/**
 * Schedules: the Vietnamese deadline grammar. `parseDeadline("Quý III/2021", {from, to})` → a Schedule
 * of one kind (once, recurring, continuous, event, unspecified) with its due dates inside the window.
 */
export type {
  Due,
  EventOffset,
  Period,
  Recurrence,
  RecurrenceRule,
  Schedule,
  ScheduleKind,
  Window,
} from './types.js';
export { PERIOD_MONTHS, PERIOD_ORDER } from './types.js';
export { isValidWindow, parseDeadline } from './parse.js';
export { generateDues } from './recurrence.js';
export {
  addDays,
  daysBetween,
  daysInMonth,
  formatVi,
  isIsoDate,
  isLeapYear,
  lastDayOfMonth,
  parseIso,
  quarterEnd,
  toIso,
} from './calendar.js';
