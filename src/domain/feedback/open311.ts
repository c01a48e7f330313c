/**
 * Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) over the feedback cases: topics are the
 * services, the citizen's tracking code is the service_request_id. Only feedback (phản ánh, kiến nghị) is
 * ever shown: complaints and denunciations are protected by law and stay out of every list. The sender's
 * name and contact never appear.
 *
 * The cases have no columns of their own for a place or a photo link: what an app sends (address_string,
 * lat/long, media_url) is kept as a marked tail of the description, written and read back here, so a
 * staff member sees it in the text and the GET answers carry it again. A media URL is never fetched.
 */
import { DEFAULT_TOPICS, FEEDBACK_TOPICS, isTopic, type FeedbackTopic } from './topics.js';
import { isOpen, type FeedbackStatus } from './status.js';

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: false;
  type: 'realtime';
  keywords: string;
  group: string;
}

const KEYWORDS: Record<FeedbackTopic, string> = {
  thu_tuc: 'thủ tục, hồ sơ, một cửa',
  dat_dai: 'đất đai, lấn chiếm, xây dựng',
  moi_truong: 'môi trường, rác thải, ngập, ô nhiễm',
  dich_vu_cong: 'dịch vụ công, điện, nước, chiếu sáng',
  thai_do: 'cán bộ, thái độ, tác phong',
  khac: 'khác',
};

export function open311Services(answerDays: (t: FeedbackTopic) => number): Open311Service[] {
  return FEEDBACK_TOPICS.map((t) => ({
    service_code: t,
    service_name: DEFAULT_TOPICS[t].label,
    description: `Phản ánh, kiến nghị về ${DEFAULT_TOPICS[t].label.toLowerCase()}; trả lời trong ${answerDays(t)} ngày làm việc.`,
    metadata: false,
    type: 'realtime',
    keywords: KEYWORDS[t],
    group: 'Phản ánh, kiến nghị',
  }));
}

export interface Open311Error {
  code: number;
  description: string;
}

export const open311Error = (code: number, description: string): Open311Error[] => [{ code, description }];

/** The place an app gave, as kept in the description's last line. */
export interface Open311Place {
  address: string | null;
  lat: number | null;
  long: number | null;
  mediaUrl: string | null;
}

const PLACE_MARK = '[Open311]';

const coordinate = (v: unknown, limit: number): number | null | 'bad' => {
  if (v === undefined || v === null || v === '') return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d{1,3}(\.\d{1,10})?$/.test(v.trim()) ? Number(v.trim()) : NaN;
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : 'bad';
};

/** Checks lat/long (both or neither, in range); a text error in Vietnamese when wrong. */
export function parsePlace(input: { lat?: unknown; long?: unknown; address_string?: unknown; media_url?: unknown }): Open311Place | string {
  const lat = coordinate(input.lat, 90);
  const long = coordinate(input.long, 180);
  if (lat === 'bad' || long === 'bad') return 'Tọa độ không hợp lệ: «lat» từ -90 đến 90, «long» từ -180 đến 180 (số thập phân).';
  if ((lat === null) !== (long === null)) return 'Cần gửi cả «lat» và «long», hoặc không gửi cả hai.';
  const text = (v: unknown, max: number) => (typeof v === 'string' ? v.replace(/[\s|\]]+/g, ' ').trim().slice(0, max) || null : null);
  const mediaUrl = text(input.media_url, 500);
  return { address: text(input.address_string, 300), lat, long, mediaUrl: mediaUrl && /^https?:\/\//i.test(mediaUrl) ? mediaUrl : null };
}

/** The description with the place appended after a mark (unchanged when there is no place). */
export function withPlace(description: string, place: Open311Place): string {
  const parts: string[] = [];
  if (place.address) parts.push(`Địa điểm: ${place.address}`);
  if (place.lat !== null && place.long !== null) parts.push(`Tọa độ: ${place.lat},${place.long}`);
  if (place.mediaUrl) parts.push(`Ảnh: ${place.mediaUrl}`);
  return parts.length ? `${description} ${PLACE_MARK} ${parts.join(' | ')}` : description;
}

/** Splits a stored description back into the text and the place (after the last mark). */
export function splitPlace(stored: string): { text: string; place: Open311Place } {
  const empty: Open311Place = { address: null, lat: null, long: null, mediaUrl: null };
  const at = stored.lastIndexOf(` ${PLACE_MARK} `);
  if (at < 0) return { text: stored, place: empty };
  const place = { ...empty };
  for (const part of stored.slice(at + PLACE_MARK.length + 2).split(' | ')) {
    if (part.startsWith('Địa điểm: ')) place.address = part.slice(10);
    else if (part.startsWith('Tọa độ: ')) {
      const [a, b] = part.slice(8).split(',').map(Number);
      if (Number.isFinite(a) && Number.isFinite(b)) [place.lat, place.long] = [a!, b!];
    } else if (part.startsWith('Ảnh: ')) place.mediaUrl = part.slice(5);
  }
  return { text: stored.slice(0, at), place };
}

export const open311Status = (status: FeedbackStatus): 'open' | 'closed' => (isOpen(status) ? 'open' : 'closed');

/** What the service hands over for one case: never the sender. */
export interface Open311Source {
  code: string;
  topic: string;
  status: FeedbackStatus;
  statusLabel: string;
  /** Already anonymised (the published question, or the description passed through anonymise). */
  question: string;
  answer: string | null;
  rejectReason: string | null;
  unitName: string;
  receivedAt: string;
  updatedAt: string;
  dueDate: string;
}

export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: null;
  zipcode: null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

/** The due is a day in Vietnam: the end of that working day there (17:00, UTC+7). */
export const expectedDatetime = (dueDate: string): string => `${dueDate}T17:00:00+07:00`;

export function toOpen311Request(s: Open311Source): Open311Request {
  const { text, place } = splitPlace(s.question);
  const status = open311Status(s.status);
  const notes = s.status === 'rejected' ? s.rejectReason : s.answer;
  return {
    service_request_id: s.code,
    status,
    status_notes: notes ? `${s.statusLabel}: ${notes}` : s.statusLabel,
    service_name: isTopic(s.topic) ? DEFAULT_TOPICS[s.topic].label : s.topic,
    service_code: s.topic,
    description: text,
    agency_responsible: s.unitName,
    service_notice: null,
    requested_datetime: s.receivedAt,
    updated_datetime: s.updatedAt,
    expected_datetime: status === 'open' ? expectedDatetime(s.dueDate) : null,
    address: place.address,
    address_id: null,
    zipcode: null,
    lat: place.lat,
    long: place.long,
    media_url: place.mediaUrl,
  };
}

/** A comma list of ids as typed (at most 100), or null when one is empty. */
export function splitIds(input: string): string[] | null {
  const ids = input.split(',').map((s) => s.trim());
  return ids.length > 100 || ids.some((s) => s === '') ? null : ids;
}
