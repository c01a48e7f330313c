/**
 * The plan's header from the lines before its body: number ("Số: 12/KH-UBND", null when blank), place
 * and date ("Đông Hoà, ngày … tháng … năm 2021"), issuer ("ỦY BAN NHÂN DÂN / THỊ XÃ ĐÔNG HÒA", or
 * "UBND thị xã ban hành Kế hoạch …" with the place), title (after "KẾ HOẠCH") and legal bases
 * ("Căn cứ …", "Thực hiện …").
 */
import type { PlanHeader, Window } from './draft.js';
import { fold, foldWords, modernTone, oneLine, stripTags, titleCaseWords, yearsIn } from './text.js';

const LEVELS = ['thanh pho', 'thi xa', 'thi tran', 'tinh', 'huyen', 'quan', 'xa', 'phuong'];
const LEVEL_WORDS: Record<string, string> = {
  'thanh pho': 'thành phố', 'thi xa': 'thị xã', 'thi tran': 'thị trấn', tinh: 'tỉnh', huyen: 'huyện',
  quan: 'quận', xa: 'xã', phuong: 'phường',
};

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

function validDate(y: number, m: number, d: number): string | null {
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31)) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** "UBND thị xã Đông Hòa" from "THỊ XÃ ĐÔNG HÒA" or "thị xã" + "Đông Hoà". */
function ubndOf(levelAndName: string): string | null {
  const words = oneLine(stripTags(levelAndName));
  const f = fold(words);
  for (const level of LEVELS) {
    if (f === level || f.startsWith(`${level} `)) {
      const name = words.split(/\s+/).slice(level.split(' ').length).join(' ');
      return `UBND ${LEVEL_WORDS[level]}${name ? ` ${modernTone(titleCaseWords(name))}` : ''}`;
    }
  }
  return null;
}

/** An agency name written in capitals, in the usual case: "SỞ NỘI VỤ" → "Sở Nội vụ". */
function agencyOf(text: string): string {
  const words = oneLine(stripTags(text)).toLocaleLowerCase('vi').split(' ');
  const heads = new Set(['sở', 'phòng', 'ban', 'văn phòng', 'thanh tra', 'trung tâm', 'công an', 'chi cục']);
  let i = 1;
  if (heads.has(`${words[0]} ${words[1]}`)) i = 2;
  return modernTone(
    words.map((w, k) => (k === 0 || k === i ? w.charAt(0).toLocaleUpperCase('vi') + w.slice(1) : w)).join(' '),
  );
}

export function periodFromText(text: string): Window | null {
  const years = yearsIn(text);
  if (!years.length) return null;
  return { from: `${Math.min(...years)}-01-01`, to: `${Math.max(...years)}-12-31` };
}

const NATIONAL = /^(?:cong hoa xa hoi chu nghia viet nam|doc lap tu do hanh phuc)/;

export function extractHeader(lines: string[]): PlanHeader {
  const header: PlanHeader = {
    number: null, date: null, year: null, issuer: null, place: null, title: null, period: null, bases: [],
  };
  const clean = lines.map((l) => oneLine(l)).filter((l) => l !== '');
  // Folded lines, computed on demand (the body can be long; the header needs only its first lines).
  const foldedCache: string[] = [];
  const foldedAt = (i: number): string => (foldedCache[i] ??= foldWords((clean[i] ?? '').slice(0, 200)));

  // Number.
  const numberIndex = clean.findIndex((l, i) => i < 40 && /^S[ốo]\s*[:.]/i.test(stripTags(l)));
  if (numberIndex >= 0) {
    const raw = stripTags(clean[numberIndex]!).replace(/^S[ốo]\s*[:.]\s*/i, '').split(/\s{2,}|\t/)[0]!.replace(/\s*\/\s*/g, '/').trim();
    const number = /^[^/]*\d[^/]*\//.test(raw) || /^\d+$/.test(raw) ? raw.replace(/\s+/g, '') : null;
    header.number = number;
  }

  // Place and date.
  for (let i = 0; i < Math.min(clean.length, 40); i++) {
    const l = stripTags(clean[i]!);
    const m = /^([^,]{2,60}),\s*ngày\s*(\d{0,2}|\.+|…+)\s*(?:tháng\s*(\d{0,2}|\.+|…+)\s*năm\s*(\d{4})|[/-](\d{1,2})[/-](\d{4}))/iu.exec(l);
    if (!m) continue;
    header.place = modernTone(m[1]!.trim());
    const year = Number(m[4] ?? m[6]);
    header.year = year;
    const day = Number(m[2]);
    const month = Number(m[3] ?? m[5]);
    if (day && month) header.date = validDate(year, month, day);
    break;
  }

  // Issuer: the organisation lines at the top (before the number / the national motto's right column).
  const top = clean.slice(0, Math.max(0, Math.min(numberIndex >= 0 ? numberIndex : 8, 8)));
  const orgLines = top.filter((l, i) => !NATIONAL.test(foldedAt(i)) && !/^[-_=.*\s]+$/.test(l) && !/ngay/.test(foldedAt(i)));
  for (let i = 0; i < orgLines.length; i++) {
    const f = foldWords(orgLines[i]!);
    if (/^(?:uy ban nhan dan|ubnd)$/.test(f) && orgLines[i + 1]) {
      header.issuer = ubndOf(orgLines[i + 1]!);
      const next = orgLines[i + 2];
      if (next && /^(?:so|phong|ban|van phong|thanh tra|trung tam)\b/.test(foldWords(next))) header.issuer = agencyOf(next);
      break;
    }
    const m = /^(?:uy ban nhan dan|ubnd) (.+)$/.exec(f);
    if (m) {
      const words = stripTags(orgLines[i]!).split(/\s+/);
      const skip = /^ubnd$/i.test(words[0]!) ? 1 : 4;
      header.issuer = ubndOf(words.slice(skip).join(' '));
      const next = orgLines[i + 1];
      if (next && /^(?:so|phong|ban|van phong|thanh tra|trung tam)\b/.test(foldWords(next))) header.issuer = agencyOf(next);
      break;
    }
  }

  // Title: the lines after "KẾ HOẠCH".
  const titleIndex = clean.findIndex((l, i) => i < 60 && /^ke hoach\b/.test(foldedAt(i)) && (foldedAt(i) === 'ke hoach' || /^KẾ HOẠCH/.test(stripTags(l))));
  let bodyStart = titleIndex >= 0 ? titleIndex + 1 : 0;
  if (titleIndex >= 0) {
    const sameLine = stripTags(clean[titleIndex]!).replace(/^KẾ HOẠCH\s*[:.-]?\s*/iu, '').trim();
    const parts: string[] = sameLine ? [clean[titleIndex]!.replace(/^(?:<i>)?KẾ HOẠCH\s*[:.-]?\s*/iu, '')] : [];
    for (let i = titleIndex + 1; i < clean.length && parts.length < 4; i++) {
      const f = foldedAt(i);
      if (/^(?:can cu|thuc hien|theo|nham|de)\b/.test(f) || /^[ivx]+ /.test(f) || /^\d+ /.test(f) || /^\(?(?:ban hanh )?kem theo/.test(f)) break;
      if (/^[-_=.*\s]+$/.test(clean[i]!)) {
        bodyStart = i + 1;
        if (parts.length) break;
        continue;
      }
      if (clean[i]!.length > 400) break;
      parts.push(stripTags(clean[i]!));
      bodyStart = i + 1;
    }
    header.title = parts.length ? parts.join(' ').replace(/\s+/g, ' ').trim() : null;
  }

  // Legal bases: "Căn cứ …" / "Thực hiện …" paragraphs before the first numbered section.
  for (let i = bodyStart; i < clean.length; i++) {
    if (/^[IVX]+[.\s]/.test(stripTags(clean[i]!))) break;
    const m = /^(?:[-+•]\s*)?(?:Căn cứ|Thực hiện)\s+(?:vào\s+)?(.+)$/iu.exec(stripTags(clean[i]!));
    if (m) header.bases.push(m[1]!.replace(/[\s;,.]+$/, '').trim());
  }

  // Issuer from the body: "UBND thị xã ban hành Kế hoạch …", completed with the place.
  if (!header.issuer) {
    for (const l of clean.slice(bodyStart)) {
      const m = /(?:^|\s)(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(tỉnh|thành phố|thị xã|thị trấn|huyện|quận|xã|phường)((?:\s+\p{Lu}\p{Ll}*)*)\s+ban hành/u.exec(
        stripTags(l),
      );
      if (m) {
        // The place a plan is dated at names the district or commune that issued it; a province dates
        // its plans at its capital, so "UBND tỉnh" is not completed with the place.
        const usePlace = m[1] !== 'tỉnh' && header.place && !/^(?:ngày|\d)/i.test(header.place);
        const name = m[2]!.trim() || (usePlace ? header.place! : '');
        header.issuer = ubndOf(`${m[1]} ${name}`.trim());
        break;
      }
    }
  }

  header.period = periodFromText(header.title ?? '') ?? (header.year ? periodFromText(String(header.year)) : null);
  header.year ??= header.title ? (yearsIn(header.title)[0] ?? null) : null;
  return header;
}
