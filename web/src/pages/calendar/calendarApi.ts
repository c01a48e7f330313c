/** The working calendar over /api/v1 (issue 6): the year's days off and make-up days, overrides, explained dues. */
import { http } from '../../api/client';
import type { CalendarDayView, CalendarOverrideInput, CalendarYearView } from '../../../../src/services/calendar-service';
import type { ExplainedDue } from '../../../../src/domain/calendar/explain';

export type { CalendarDayView, CalendarOverrideInput, CalendarYearView, ExplainedDue };

export const calendarApi = {
  year: (year: number) => http.get<CalendarYearView>('/calendar', { year }),
  set: (date: string, body: CalendarOverrideInput) => http.put<CalendarDayView>(`/calendar/${date}`, body),
  clear: (date: string) => http.delete<void>(`/calendar/${date}`),
  due: (query: { start: string; days: number; count: 'working' | 'calendar' }) => http.get<ExplainedDue>('/calendar/due', query),
};
