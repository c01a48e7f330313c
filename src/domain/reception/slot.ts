/**
 * Citizen reception slots (lịch tiếp công dân, Luật Tiếp công dân 2013): the head of a People's Committee
 * receives citizens on fixed days (định kỳ, at least one day a month at commune level, Điều 18), and the
 * reception desk receives them every working day (thường xuyên). A schedule is published ahead; a cancelled
 * slot stays visible, marked as cancelled, so a citizen who planned to come learns why.
 */
import { validationError } from '../errors.js';
import { isIsoDate, weekdayOf } from '../schedule/calendar.js';
import { cleanText } from '../text/normalize.js';

/** periodic: the chairman's periodic day (định kỳ); regular: the reception desk (thường xuyên). */
export type ReceptionKind = 'periodic' | 'regular';
export type ReceptionStatus = 'draft' | 'published' | 'cancelled';

export const RECEPTION_KINDS: readonly ReceptionKind[] = ['periodic', 'regular'];

export const RECEPTION_KIND_LABEL: Record<ReceptionKind, string> = {
  periodic: 'Tiếp định kỳ (Chủ tịch UBND)',
  regular: 'Tiếp thường xuyên (Bộ phận tiếp công dân)',
};

export const RECEPTION_STATUS_LABEL: Record<ReceptionStatus, string> = {
  draft: 'Chưa công bố',
  published: 'Đã công bố',
  cancelled: 'Đã hủy',
};

/** What an officer enters for one slot. */
export interface ReceptionSlotInput {
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  officerName: string;
  officerTitle: string;
  /** The officer's WORK phone (the issue asks for it on the public schedule). */
  officerPhone: string | null;
  kind: ReceptionKind;
  note: string | null;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "07:30" → minutes after midnight; null when not HH:MM (24 h). */
export function parseTime(text: string): number | null {
  const m = TIME.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

const WEEKDAY_VI = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'] as const;

/** "2026-12-03" → "Thứ Năm". */
export function weekdayVi(isoDate: string): string {
  return WEEKDAY_VI[weekdayOf(isoDate)]!;
}

const PHONE = /^[0-9 +().-]{6,20}$/;

/**
 * Checks and cleans one slot. `today` is the calendar date in Vietnam: a new slot may not be in the
 * past (an existing one being edited passes `today: null`). Every message is Vietnamese.
 */
export function validateSlot(input: ReceptionSlotInput, today: string | null): ReceptionSlotInput {
  const date = input.date.trim();
  if (!isIsoDate(date)) throw validationError('invalid_date', `Ngày tiếp công dân không hợp lệ: "${input.date}" (cần dạng YYYY-MM-DD).`);
  if (today !== null && date < today) throw validationError('date_in_past', 'Không thể xếp lịch tiếp công dân vào một ngày đã qua.');
  const start = parseTime(input.startTime.trim());
  const end = parseTime(input.endTime.trim());
  if (start === null) throw validationError('invalid_time', `Giờ bắt đầu không hợp lệ: "${input.startTime}" (cần dạng HH:MM, ví dụ 07:30).`);
  if (end === null) throw validationError('invalid_time', `Giờ kết thúc không hợp lệ: "${input.endTime}" (cần dạng HH:MM, ví dụ 11:00).`);
  if (end <= start) throw validationError('end_before_start', 'Giờ kết thúc phải sau giờ bắt đầu.');
  const place = cleanText(input.place);
  const officerName = cleanText(input.officerName);
  const officerTitle = cleanText(input.officerTitle);
  if (!place) throw validationError('place_required', 'Cần ghi địa điểm tiếp công dân.');
  if (!officerName) throw validationError('officer_required', 'Cần ghi họ tên người tiếp công dân.');
  if (!officerTitle) throw validationError('officer_title_required', 'Cần ghi chức vụ của người tiếp công dân.');
  if (!RECEPTION_KINDS.includes(input.kind)) throw validationError('invalid_kind', 'Loại lịch tiếp phải là "định kỳ" hoặc "thường xuyên".');
  const phone = input.officerPhone === null ? '' : cleanText(input.officerPhone);
  if (phone && !PHONE.test(phone)) throw validationError('invalid_phone', `Số điện thoại cơ quan không hợp lệ: "${input.officerPhone}".`);
  const note = input.note === null ? '' : cleanText(input.note);
  return {
    date,
    startTime: input.startTime.trim(),
    endTime: input.endTime.trim(),
    place,
    officerName,
    officerTitle,
    officerPhone: phone || null,
    kind: input.kind,
    note: note || null,
  };
}
