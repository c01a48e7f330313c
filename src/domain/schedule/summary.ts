/**
 * The one-line Vietnamese rendering of a Schedule, dates dd/mm/yyyy: what an officer reads next to the
 * original text ("Hằng quý: 4 hạn trong kỳ — 31/03/2021, 30/06/2021, 30/09/2021, 31/12/2021").
 */
import { formatVi } from './calendar.js';
import type { Due, Schedule, Window } from './types.js';

export interface SummaryExtras {
  /** Start of a continuous range ("từ quý III/2021"). */
  start: string | null;
  /** The "theo …" phrase of an unspecified schedule. */
  unspec: string | null;
  /** Every dated milestone, also those outside the window. */
  milestones: Due[];
}

const UNIT_VI = { day: 'ngày', working_day: 'ngày làm việc', week: 'tuần', month: 'tháng' } as const;

function dateList(dues: Due[], max = 4): string {
  if (dues.length <= max) return dues.map((d) => formatVi(d.date)).join(', ');
  return `${formatVi(dues[0]!.date)} … ${formatVi(dues[dues.length - 1]!.date)}`;
}

function span(start: string | null, end: string | null): string {
  if (start && end) return `từ ${formatVi(start)} đến ${formatVi(end)}`;
  if (start) return `từ ${formatVi(start)}`;
  if (end) return `đến ${formatVi(end)}`;
  return '';
}

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function summarise(s: Schedule, window: Window, extras: SummaryExtras): string {
  const tail = s.needsReview && s.kind !== 'unspecified' && s.reviewReason ? ` — cần xem lại: ${s.reviewReason}` : '';
  const countPart = s.count !== null ? `${s.count} đợt, ` : '';
  switch (s.kind) {
    case 'once': {
      if (s.dues.length === 0) {
        const outside = [...new Set(extras.milestones.map((m) => m.date))].sort().map(formatVi).join(', ');
        return upperFirst(`${countPart}hạn ${outside} — ngoài kỳ ${formatVi(window.from)}–${formatVi(window.to)}${tail}`);
      }
      const text = s.dues.length === 1 ? `hạn ${formatVi(s.dues[0]!.date)}` : `${s.dues.length} mốc: ${s.dues.map((d) => formatVi(d.date)).join(', ')}`;
      const event = s.trigger ? ` (sau sự kiện: ${s.trigger})` : '';
      return upperFirst(`${countPart}${text}${event}${tail}`);
    }
    case 'recurring': {
      const labels = [...new Set((s.recurrence?.rules ?? []).map((r) => r.label))].join('; ');
      const count = s.count !== null ? ` (${s.count} lần mỗi kỳ)` : '';
      const limits = s.recurrence ? span(s.recurrence.from, s.recurrence.until) : '';
      const body = s.dues.length === 0 ? 'không có hạn nào trong kỳ' : `${s.dues.length} hạn trong kỳ — ${dateList(s.dues)}`;
      return `${labels}${count}${limits ? `, ${limits}` : ''}: ${body}${tail}`;
    }
    case 'continuous': {
      const range = span(extras.start, s.end);
      return `Thường xuyên${range ? `, ${range}` : ''}${tail}`;
    }
    case 'event': {
      const trigger = s.trigger ?? 'khi có sự kiện';
      const offset = s.eventOffset
        ? `${s.eventOffset.direction === 'before' ? 'Trước' : 'Trong'} ${s.eventOffset.amount} ${UNIT_VI[s.eventOffset.unit]}, ${trigger}`
        : `Theo sự kiện: ${trigger}`;
      return `${offset}${s.end ? ` (đến ${formatVi(s.end)})` : ''} — hạn tính từ khi sự kiện được ghi nhận${tail}`;
    }
    case 'unspecified': {
      if (s.needsReview) return `Cần xem lại: ${s.reviewReason ?? 'chưa hiểu thời hạn'}`;
      const why = extras.unspec ?? 'không ghi ngày';
      return `Không có hạn cụ thể (${why})${s.end ? `, đến ${formatVi(s.end)}` : ''} — điều phối viên đặt ngày`;
    }
  }
}
