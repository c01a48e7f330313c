/**
 * iCalendar (RFC 5545) for the reception schedule: one VCALENDAR with a VTIMEZONE for Asia/Ho_Chi_Minh
 * (UTC+7 all year, no daylight saving) and one VEVENT per slot. TEXT values are escaped (§3.3.11) and
 * content lines are folded at 75 octets of UTF-8 (§3.1) without ever splitting a multi-byte character.
 */
import { VN_TIME_ZONE } from '../time.js';

export const CRLF = '\r\n';

/** §3.3.11: backslash, semicolon and comma are escaped; a line break becomes "\n". */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** The inverse of escapeText (used to read a calendar back). */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

/** Octets of one code point in UTF-8. */
const utf8Size = (codePoint: number) => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/**
 * §3.1: a line longer than 75 octets is split; each continuation starts with one space (which counts
 * toward its 75). Splits fall between characters, never inside a UTF-8 sequence or a surrogate pair.
 */
export function foldLine(line: string): string {
  if (line.length <= 25) return line; // 25 UTF-16 units are at most 75 octets
  const parts: string[] = [];
  let start = 0;
  let octets = 0;
  let limit = 75;
  for (let i = 0; i < line.length; ) {
    const cp = line.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const size = utf8Size(cp);
    if (octets + size > limit) {
      parts.push(line.slice(start, i));
      start = i;
      octets = 0;
      limit = 74; // the leading space takes one octet
    }
    octets += size;
    i += width;
  }
  parts.push(line.slice(start));
  return parts.join(`${CRLF} `);
}

/** Undoes folding: a CRLF followed by one space or tab joins the lines. */
export function unfold(text: string): string[] {
  return text.replace(/\r\n[ \t]/g, '').split(/\r\n/).filter((l) => l !== '');
}

/** 2026-12-03 + 07:30 → 20261203T073000 (local time, used with TZID). */
export function localDateTime(isoDate: string, time: string): string {
  return `${isoDate.replace(/-/g, '')}T${time.replace(':', '')}00`;
}

/** An instant → 20261128T100000Z. */
export function utcDateTime(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export interface CalendarEvent {
  uid: string;
  date: string;
  startTime: string;
  endTime: string;
  summary: string;
  location: string;
  description: string;
  cancelled: boolean;
  /** Bumped on each change, so calendar clients replace their copy (SEQUENCE). */
  sequence: number;
  lastModified: Date;
}

export interface CalendarOptions {
  name: string;
}

const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${VN_TIME_ZONE}`,
  'BEGIN:STANDARD',
  'DTSTART:19700101T000000',
  'TZOFFSETFROM:+0700',
  'TZOFFSETTO:+0700',
  'TZNAME:+07',
  'END:STANDARD',
  'END:VTIMEZONE',
];

/**
 * The whole calendar, CRLF line ends, folded lines. There is no METHOD, so DTSTAMP is each event's last
 * change (§3.8.7.2): the same data always gives the same bytes, which keeps ETags stable.
 */
export function renderCalendar(events: readonly CalendarEvent[], options: CalendarOptions): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Dondoc//Lich tiep cong dan//VI',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${escapeText(options.name)}`,
    `X-WR-TIMEZONE:${VN_TIME_ZONE}`,
    ...VTIMEZONE,
  ];
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${e.uid}`,
      `DTSTAMP:${utcDateTime(e.lastModified)}`,
      `DTSTART;TZID=${VN_TIME_ZONE}:${localDateTime(e.date, e.startTime)}`,
      `DTEND;TZID=${VN_TIME_ZONE}:${localDateTime(e.date, e.endTime)}`,
      `SEQUENCE:${e.sequence}`,
      `LAST-MODIFIED:${utcDateTime(e.lastModified)}`,
      `SUMMARY:${escapeText(e.cancelled ? `[ĐÃ HỦY] ${e.summary}` : e.summary)}`,
      `LOCATION:${escapeText(e.location)}`,
      `DESCRIPTION:${escapeText(e.description)}`,
      `STATUS:${e.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}

export interface ParsedProperty {
  name: string;
  params: Record<string, string>;
  value: string;
}

/**
 * A small reader of what renderCalendar writes (unfolded, components as lists of properties): enough
 * to check a feed round-trips. Not a general iCalendar parser (no quoted parameter values).
 */
export function parseCalendar(text: string): { calendar: ParsedProperty[]; events: ParsedProperty[][] } {
  const calendar: ParsedProperty[] = [];
  const events: ParsedProperty[][] = [];
  let current: ParsedProperty[] | null = null;
  let depth = 0;
  for (const line of unfold(text)) {
    const colon = line.indexOf(':');
    const head = line.slice(0, colon);
    const value = line.slice(colon + 1);
    const [name, ...paramParts] = head.split(';');
    const params = Object.fromEntries(paramParts.map((p) => p.split('=') as [string, string]));
    if (name === 'BEGIN') {
      depth++;
      if (value === 'VEVENT') current = [];
      continue;
    }
    if (name === 'END') {
      depth--;
      if (value === 'VEVENT' && current) {
        events.push(current);
        current = null;
      }
      continue;
    }
    const prop = { name: name!, params, value };
    if (current) current.push(prop);
    else if (depth === 1) calendar.push(prop);
  }
  return { calendar, events };
}
