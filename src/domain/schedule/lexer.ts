/**
 * The lexer of the deadline grammar: finds the pieces of a folded deadline text ("quy iii/2021",
 * "truoc", "hang nam", "sau khi", "2021-2025", …) and says what each one is. It reads left to right;
 * at each word it tries the rules that may start with that word, in order, and takes the first that
 * matches. Words no rule knows are left alone (they describe the work, not the time); the parser
 * decides whether what was left over matters.
 *
 * Every rule is a sticky regular expression over the folded text (see normalise.ts), written without
 * nested quantifiers, so a 10 kB text is read in linear time.
 */
import type { EventOffset, Period } from './types.js';

export type AnchorUnit = 'day' | 'month' | 'quarter' | 'half' | 'nine' | 'year';

/** A calendar span named in the text: a day, a month, a quarter, a half, the first nine months, a year. */
export interface Anchor {
  unit: AnchorUnit;
  /** null when the text gives no year ("Quý III", "trước 30/6"). */
  y: number | null;
  /** Month (day and month units). */
  m: number;
  /** Day (day unit). */
  d: number;
  /** Quarter 1..4 or half 1..2. */
  n: number;
}

export type Mode = 'before' | 'by' | 'until' | 'from' | 'after' | 'complete' | 'or';

export type AtomData =
  /** One or more anchors; links[k] joins anchors k and k+1: a list ("quý II, quý III") or a range ("tháng 9-10"). */
  | { t: 'anchors'; anchors: Anchor[]; links: Array<'list' | 'range'> }
  /** "ngày 10" with no month: a day inside a recurring month. */
  | { t: 'dayof'; d: number }
  /** "tháng đầu quý", "tháng cuối kỳ báo cáo", "tháng đầu quý sau". */
  | { t: 'pmonth'; which: number; scope: 'quarter' | 'period'; shift: number }
  /** "tháng sau" after "ngày 05". */
  | { t: 'nextmonth' }
  /** "2021-2025", "giai đoạn 2021 - 2025", "từ năm 2021 đến năm 2025". */
  | { t: 'range'; y1: number; y2: number }
  /** "hằng quý", "định kỳ 6 tháng", "báo cáo quý, 6 tháng, năm", "2 lần/năm". */
  | { t: 'recur'; periods: Period[]; nine: boolean; count: number | null }
  /** "và các năm tiếp theo". */
  | { t: 'nextyears' }
  /** "năm sau" after a date: "trước ngày 15/01 năm sau". */
  | { t: 'nextyear' }
  /** "ít nhất 02 đợt". */
  | { t: 'count'; n: number }
  | { t: 'continuous' }
  /** "sau khi …", "ngay khi …", "khi có …", "đột xuất"; the trigger text starts at triggerStart. */
  | { t: 'event'; triggerStart: number; offset: EventOffset | null; fixed: boolean }
  /** "theo kế hoạch", "theo quy định", "theo nhiệm kỳ", "theo chỉ đạo …". */
  | { t: 'unspec'; what: string }
  /** Something about time that has no definite date: "đầu năm", "năm học". */
  | { t: 'vague' }
  /** A date that does not exist (31/2), a period of 5 months. */
  | { t: 'invalid' }
  | { t: 'mode'; mode: Mode }
  /** Numbers that are not time: document symbols "915/QĐ-UBND", "100%", "Đề án 06". */
  | { t: 'neutral' }
  /** "thứ Năm" (0 = Chủ nhật … 6 = thứ Bảy). */
  | { t: 'weekday'; wd: number }
  /** "định kỳ" with no period. */
  | { t: 'dinhky' };

export type Atom = AtomData & { start: number; end: number };

interface Rule {
  name: string;
  first: readonly string[];
  re: RegExp;
  build(m: RegExpExecArray): AtomData | null;
}

// ---------------------------------------------------------------------------------------------
// Building blocks (folded text: a-z, digits, punctuation, single spaces)

const YR = String.raw`((?:19|20|21)\d{2})(?!\d)`;
const YRN = String.raw`(?:19|20|21)\d{2}(?!\d)`;
const QN = String.raw`(?:iv|iii|ii|i|[1-4])(?![a-z0-9])`;
/** Separator between list items: ", ", " và ", "-", " đến (hết) ". */
const LSEP = String.raw`(?:\s*,\s*(?:va\s+)?|\s+va\s+|\s*&\s*|\s*-\s*|\s+(?:den|toi)\s+(?:het\s+)?)`;
/**
 * A year after a month or quarter: "/2021", "-2021", " năm 2021", ", 2021", " 2021" — but not the first
 * year of a range ("tháng 12 năm 2022 - 2025" is December of every year of the range).
 */
const YSUF = String.raw`(?:\s*[\/.-]\s*|\s*,?\s*(?:nam\s+)?)${YR}(?!\s*(?:-|den|toi)\s*(?:nam\s+)?(?:19|20|21)\d{2})`;
const DATE_TAIL = String.raw`(?:\s+ngay\s+\d{1,2}\s*[\/.-]\s*\d{1,2}\s*[\/.-]\s*\d{2,4})?`;
/** Words that make a number after them a time ("6 tháng", "02 đợt"), never a quantity or a document number. */
const TIME_WORDS = 'ngay|thang|nam|quy|tuan|lan|dot|cuoc|buoi|ky|gio|%';
const NUMWORD = String.raw`(?:\d{1,2}|mot|hai|ba|bon|sau|chin|muoi)`;

const NUMBER_WORDS: Record<string, number> = { mot: 1, hai: 2, ba: 3, bon: 4, nam: 5, sau: 6, bay: 7, tam: 8, chin: 9, muoi: 10 };
const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const WEEKDAYS: Record<string, number> = { hai: 1, ba: 2, tu: 3, nam: 4, sau: 5, bay: 6, '2': 1, '3': 2, '4': 3, '5': 4, '6': 5, '7': 6 };

export function numberOf(word: string): number {
  return /^\d+$/.test(word) ? Number(word) : (NUMBER_WORDS[word] ?? ROMAN[word] ?? Number.NaN);
}

function fullYear(text: string): number {
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

const anchor = (unit: AnchorUnit, y: number | null, fields: Partial<Pick<Anchor, 'm' | 'd' | 'n'>> = {}): Anchor => ({
  unit,
  y,
  m: fields.m ?? 0,
  d: fields.d ?? 0,
  n: fields.n ?? 0,
});

/** Splits a matched list ("9, 10 va 12", "ii - quy iv") into numbers and the links between them. */
function listItems(list: string): { values: number[]; links: Array<'list' | 'range'> } {
  const values: number[] = [];
  const links: Array<'list' | 'range'> = [];
  const item = /(iv|iii|ii|i|\d{1,2})(?![a-z0-9])/g;
  let last = -1;
  for (let m = item.exec(list); m; m = item.exec(list)) {
    if (last >= 0) links.push(/-|den|toi/.test(list.slice(last, m.index)) ? 'range' : 'list');
    values.push(numberOf(m[1]!));
    last = m.index + m[0].length;
  }
  return { values, links };
}

function periodOfMonths(n: number): Period | null {
  return n === 1 ? 'month' : n === 3 ? 'quarter' : n === 6 ? 'half' : n === 12 ? 'year' : null;
}

/** A period word of a "hằng …"/"định kỳ …" list. */
function periodWord(word: string): { period: Period | null; nine: boolean } {
  const w = word.trim();
  if (w === 'tuan') return { period: 'week', nine: false };
  if (w === 'thang') return { period: 'month', nine: false };
  if (w === 'quy') return { period: 'quarter', nine: false };
  if (w === 'nam') return { period: 'year', nine: false };
  const months = /^(\S+)\s+thang$/.exec(w);
  if (months) {
    const n = numberOf(months[1]!);
    if (n === 9) return { period: null, nine: true };
    return { period: periodOfMonths(n), nine: false };
  }
  return { period: null, nine: false };
}

// ---------------------------------------------------------------------------------------------
// Rules, in priority order

const DOC_WORDS = String.raw`(?:ke\s+hoach|quyet\s+dinh|cong\s+van|chi\s+thi|nghi\s+quyet|nghi\s+dinh|thong\s+tu|van\s+ban|thong\s+bao|de\s+an|chuong\s+trinh|huong\s+dan|bao\s+cao|to\s+trinh|luat|quy\s+che|quy\s+dinh)`;
const DOC_SYMBOL = String.raw`\d+\s*\/\s*(?:\d+\s*\/\s*)?[a-z][a-z0-9&.-]*`;

const UNSPEC_WHAT = [
  'ke hoach', 'quy dinh', 'nhiem ky', 'chi dao', 'huong dan', 'yeu cau', 'lo trinh', 'tien do', 'thong bao', 'lich',
  'chuong trinh', 'de an', 'du an', 'quyet dinh', 'van ban', 'thoi gian', 'thuc te', 'phan cong', 'dot', 'giai doan',
  'tinh hinh', 'ket qua', 'nhu cau', 'chuc nang', 'muc tieu', 'quy che', 'quy trinh', 'nghi quyet', 'chi thi',
  'cong van', 'de nghi', 'thong tu', 'luat', 'dieu le', 'dinh huong', 'thoi han', 'thoa thuan', 'hop dong',
  'kich ban', 'phuong an', 'noi dung', 'phan cap', 'tham quyen', 'quy hoach', 'che do', 'nhiem vu',
]
  .map((w) => w.replace(/ /g, String.raw`\s+`))
  .join('|');

const PW = [
  'tuan',
  String.raw`thang(?!\s*\d)(?!\s+(?:dau|cuoi|giua|thu|sau|ke|tiep)(?![a-z]))`,
  String.raw`quy(?!\s*(?:iv|iii|ii|i|[1-4])(?![a-z0-9]))(?!\s+(?:dinh|hoach|che|trinh|mo|chuan|tac|uoc|pham|luat|dat|hoa|tu|doi|ly|dau|cuoi)(?![a-z]))`,
  String.raw`${NUMWORD}\s+thang(?!\s+(?:dau|cuoi)(?![a-z]))(?!\s*(?:\/\s*|mot\s+|moi\s+)lan)`,
  String.raw`nam(?!\s*\d)(?!\s+(?:hoc|tiep|sau|toi|ke|truoc|nay|do|qua|ngan|tai)(?![a-z]))`,
].join('|');
const PW_PREFIX = String.raw`(?:che\s+do|bao\s+cao|so\s+ket|tong\s+ket|dinh\s+ky|hang|moi|tung|theo|cu)`;
const PW_PREFIX_START = new RegExp(String.raw`^(?:${PW_PREFIX}\s+)+`);

/** Things plans count ("100 hộ", "05 thủ tục", "02 mô hình"): a number before them is not a date. */
const QUANTITY_NOUNS = [
  'nguoi', 'ho', 'xa', 'phuong', 'thi tran', 'don vi', 'co quan', 'thu tuc', 'ho so', 'trieu', 'ty', 'nghin', 'ngan',
  'dong', 'ha', 'km', 'm2', 'thon', 'khu pho', 'buon', 'ap', 'to dan pho', 'truong', 'bai', 'tin', 'van ban', 'can bo',
  'cong chuc', 'vien chuc', 'luot', 'tai khoan', 'chi tieu', 'nhiem vu', 'muc', 'phieu', 'y kien', 'diem', 'hoc vien',
  'dai bieu', 'tthc', 'dich vu', 'linh vuc', 'the', 'ban', 'to', 'cuon', 'trang', 'mo hinh', 'cong trinh', 'de tai',
  'chuyen de', 'san pham', 'doanh nghiep', 'hop tac xa', 'to chuc', 'chi bo', 'camera', 'may', 'bo', 'loai', 'nhom',
  'hoat dong', 'hoi nghi', 'lop hoc', 'khoa', 'tieu chi', 'chi so', 'cau hoi', 'phong', 'ban nganh', 'thiet bi',
]
  .map((w) => w.replace(/ /g, String.raw`\s+`))
  .join('|');

const RULES: Rule[] = [
  {
    name: 'iso-date',
    first: ['#'],
    re: /(\d{4})-(\d{2})-(\d{2})(?!\d)/y,
    build: (m) => ({ t: 'anchors', anchors: [anchor('day', Number(m[1]), { m: Number(m[2]), d: Number(m[3]) })], links: [] }),
  },
  {
    name: 'document-reference',
    first: ['ke', 'quyet', 'cong', 'chi', 'nghi', 'thong', 'van', 'de', 'chuong', 'huong', 'bao', 'to', 'luat', 'quy'],
    re: new RegExp(String.raw`${DOC_WORDS}\s+(?:so\s+)?(?:${DOC_SYMBOL}|\d{1,3}(?![\d\/.-])(?!\s*(?:${TIME_WORDS})(?![a-z])))${DATE_TAIL}`, 'y'),
    build: () => ({ t: 'neutral' }),
  },
  { name: 'document-symbol', first: ['#'], re: new RegExp(DOC_SYMBOL + DATE_TAIL, 'y'), build: () => ({ t: 'neutral' }) },
  {
    name: 'document-number',
    first: ['so'],
    re: new RegExp(String.raw`so\s+\d+(?:\s*[\/.-]\s*[a-z0-9&.-]+)*${DATE_TAIL}`, 'y'),
    build: () => ({ t: 'neutral' }),
  },
  { name: 'percent', first: ['#'], re: /\d+(?:[.,]\d+)?\s*%/y, build: () => ({ t: 'neutral' }) },
  {
    name: 'index-year',
    first: ['papi', 'pci', 'sipas', 'par', 'ict', 'chi', 'dti'],
    re: new RegExp(String.raw`(?:chi\s+so\s+)?(?:papi|pci|sipas|par\s+index|ict\s+index|dti)(?:\s+nam)?\s+${YRN}`, 'y'),
    build: () => ({ t: 'neutral' }),
  },
  {
    name: 'event-offset',
    first: ['trong', 'cham', 'sau', 'truoc', '#', 'mot', 'hai', 'ba', 'muoi'],
    re: new RegExp(
      String.raw`(?:(trong\s+(?:vong|thoi\s+han|thoi\s+gian)|cham\s+nhat(?:\s+la)?|sau|truoc|trong)\s+)?(\d{1,3}|mot|hai|ba|muoi)\s+(ngay|tuan|thang)(\s+lam\s+viec)?\s+((?:ke|tinh)\s+tu|tu\s+khi|tu\s+ngay|sau\s+khi|sau|truoc\s+khi|truoc|khi)(?![a-z])`,
      'yd',
    ),
    build: (m) => {
      const amount = numberOf(m[2]!);
      const unit = m[3] === 'tuan' ? 'week' : m[3] === 'thang' ? 'month' : m[4] ? 'working_day' : 'day';
      const direction = m[1] === 'truoc' || m[5]!.startsWith('truoc') ? 'before' : 'after';
      return { t: 'event', triggerStart: m.indices![5]![0], offset: { amount, unit, direction }, fixed: false };
    },
  },
  {
    name: 'event',
    first: ['ngay', 'sau', 'khi', 'ke', 'tu', 'truoc', 'truong', 'neu', 'moi'],
    re: /(ngay\s+)?(?:sau\s+khi|khi|ke\s+tu\s+khi|tu\s+khi|truoc\s+khi|truong\s+hop|neu|moi\s+khi)(?![a-z])/dy,
    build: (m) => ({ t: 'event', triggerStart: m[1] ? m.indices![1]![1] : m.index, offset: null, fixed: false }),
  },
  {
    name: 'event-word',
    first: ['dot', 'phat'],
    re: /(?:dot\s+xuat|phat\s+sinh)(?![a-z])/y,
    build: (m) => ({ t: 'event', triggerStart: m.index, offset: null, fixed: true }),
  },
  {
    name: 'unspecified',
    first: ['theo', 'tuy', 'can', 'thuc'],
    re: new RegExp(
      String.raw`(?:thuc\s+hien\s+)?(?:theo|tuy\s+theo|tuy|can\s+cu(?:\s+vao)?)\s+(?:(?:dung|cac|tung|sat|dung\s+theo)\s+)?(${UNSPEC_WHAT})(?![a-z])`,
      'y',
    ),
    build: (m) => ({ t: 'unspec', what: m[1]!.replace(/\s+/g, ' ') }),
  },
  {
    name: 'continuous',
    first: ['thuong', 'lien', 'hang', 'moi', 'ca', 'quanh', 'suot', 'xuyen'],
    re: /(?:thuong\s+xuyen|lien\s+tuc|(?:hang|moi)\s+ngay|thuong\s+truc|xuyen\s+suot|(?:ca|quanh|suot)\s+nam|suot\s+(?:giai\s+doan|nhiem\s+ky|qua\s+trinh|thoi\s+gian))(?![a-z])/y,
    build: () => ({ t: 'continuous' }),
  },
  {
    name: 'count-per-period',
    first: ['#', 'it', 'toi', 'khong', 'mot', 'hai', 'ba', 'bon'],
    re: new RegExp(
      String.raw`(?:(?:it\s+nhat|toi\s+thieu|khong\s+it\s+hon)\s+(?:la\s+)?)?(\d{1,2}|mot|hai|ba|bon)\s+(?:lan|dot|cuoc|ky|buoi|hoi\s+nghi)\s*(?:\/\s*|(?:trong\s+)?(?:mot|moi)\s+|tren\s+)(tuan|thang|quy|nam)(?![a-z0-9])(?!\s*\d)`,
      'y',
    ),
    build: (m) => ({ t: 'recur', periods: [periodWord(m[2]!).period!], nine: false, count: numberOf(m[1]!) }),
  },
  {
    name: 'period-count',
    first: ['moi'],
    re: /moi\s+(tuan|thang|quy|nam)\s+(?:(?:it\s+nhat|toi\s+thieu)\s+)?(\d{1,2}|mot|hai|ba|bon)\s+(?:lan|dot|cuoc|ky|buoi)(?![a-z])/y,
    build: (m) => ({ t: 'recur', periods: [periodWord(m[1]!).period!], nine: false, count: numberOf(m[2]!) }),
  },
  {
    name: 'months-per-time',
    first: ['dinh', 'moi', 'hang', 'cu', 'theo', '#', 'mot', 'hai', 'ba', 'sau'],
    re: new RegExp(String.raw`(?:(?:dinh\s+ky|moi|hang|cu|theo)\s+)?${'(' + NUMWORD + ')'}\s+thang\s*(?:\/\s*|(?:mot|moi)\s+)lan`, 'y'),
    build: (m) => {
      const period = periodOfMonths(numberOf(m[1]!));
      return period ? { t: 'recur', periods: [period], nine: false, count: null } : { t: 'invalid' };
    },
  },
  {
    name: 'period-list',
    first: ['che', 'bao', 'so', 'tong', 'dinh', 'hang', 'moi', 'tung', 'theo', 'cu'],
    re: new RegExp(
      String.raw`(?:${PW_PREFIX}\s+)+(${PW})((?:\s*(?:,|\/|-|va|hoac)\s*(?:${PW_PREFIX}\s+)*(?:${PW}))*)(?![a-z])`,
      'y',
    ),
    build: (m) => periodListAtom(m),
  },
  { name: 'dinh-ky', first: ['dinh'], re: /dinh\s+ky(?:\s+bao\s+cao)?(?![a-z])/y, build: () => ({ t: 'dinhky' }) },
  {
    name: 'next-years',
    first: ['va', 'cac', 'nhung'],
    re: /(?:va\s+)?(?:cac|nhung)\s+nam\s+(?:tiep\s+theo|sau|ke\s+tiep|tiep|ve\s+sau)(?![a-z])/y,
    build: () => ({ t: 'nextyears' }),
  },
  {
    name: 'next-year',
    first: ['nam', 'cua'],
    re: /(?:cua\s+)?nam\s+(?:sau|tiep\s+theo|ke\s+tiep|ke)(?![a-z])/y,
    build: () => ({ t: 'nextyear' }),
  },
  {
    name: 'period-end',
    first: ['cuoi'],
    re: /cuoi\s+(?:(?:moi|hang|tung|cac)\s+)?(quy|thang|tuan)(?![a-z0-9])(?!\s*(?:\d|iv|iii|ii|i(?![a-z])))|cuoi\s+(?:moi|hang|tung|cac)\s+(nam)(?![a-z0-9])(?!\s*\d)/y,
    build: (m) => ({ t: 'recur', periods: [periodWord(m[1] ?? m[2]!).period!], nine: false, count: null }),
  },
  {
    name: 'year-without-number',
    first: ['trong', 'cuoi', 'het'],
    re: /(?:trong|cuoi|het)\s+nam(?![a-z0-9])(?!\s*(?:\d|\())(?!\s+(?:hoc|tiep|sau|toi|ke|truoc|nay|do|qua|ngan|tai)(?![a-z]))/y,
    build: () => ({ t: 'anchors', anchors: [anchor('year', null)], links: [] }),
  },
  {
    name: 'month-of-quarter',
    first: ['thang'],
    re: new RegExp(String.raw`thang\s+(dau|giua|cuoi|thu\s+(?:nhat|hai|ba|1|2|3))\s+(?:cua\s+)?quy\s*(${QN})(?:${YSUF})?`, 'y'),
    build: (m) => {
      const q = numberOf(m[2]!);
      const y = m[3] ? Number(m[3]) : null;
      return { t: 'anchors', anchors: [anchor('month', y, { m: (q - 1) * 3 + whichMonth(m[1]!) })], links: [] };
    },
  },
  {
    name: 'month-of-year',
    first: ['thang'],
    re: new RegExp(String.raw`thang\s+(dau|cuoi)\s+(?:cua\s+)?nam(?![a-z])(?:\s*,?\s*(?:nam\s+)?${YR})?(?!\s+hoc)`, 'y'),
    build: (m) => ({ t: 'anchors', anchors: [anchor('month', m[2] ? Number(m[2]) : null, { m: m[1] === 'dau' ? 1 : 12 })], links: [] }),
  },
  {
    name: 'month-of-period',
    first: ['thang'],
    re: /thang\s+(dau|giua|cuoi|thu\s+(?:nhat|hai|ba|1|2|3))\s+(?:cua\s+)?(?:(?:moi|hang|tung|cac)\s+)?(quy|ky(?:\s+bao\s+cao)?)(?![a-z0-9])(?:\s+(sau|tiep\s+theo|ke\s+tiep|ke)(?![a-z]))?/y,
    build: (m) => ({ t: 'pmonth', which: whichMonth(m[1]!), scope: m[2] === 'quy' ? 'quarter' : 'period', shift: m[3] ? 1 : 0 }),
  },
  { name: 'next-month', first: ['thang'], re: /thang\s+(?:sau|ke\s+tiep|tiep\s+theo|ke)(?![a-z])/y, build: () => ({ t: 'nextmonth' }) },
  {
    name: 'date-words',
    first: ['ngay', 'mung', 'mong', '#'],
    re: new RegExp(String.raw`(?:(?:ngay|mung|mong)\s+)?(\d{1,2})\s+thang\s+(\d{1,2})(?!\d)(?:\s*,?\s*(?:nam\s+|[\/.-]\s*)${YR})?`, 'y'),
    build: (m) => dateAtom(Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : null),
  },
  {
    name: 'date-numbers',
    first: ['ngay', 'mung', 'mong', '#'],
    re: new RegExp(String.raw`((?:ngay|mung|mong)\s+)?(\d{1,2})\s*([\/.-])\s*(\d{1,2})(?!\d)(?:\s*\3\s*(\d{4}|\d{2})(?!\d))?(?:\s*,?\s*nam\s+${YR})?`, 'y'),
    build: (m) => {
      const year = m[5] ? fullYear(m[5]) : m[6] ? Number(m[6]) : null;
      if (year === null && m[3] !== '/' && !m[1]) return null; // "1-3", "2.5" are not dates
      return dateAtom(Number(m[2]), Number(m[4]), year);
    },
  },
  {
    name: 'day-of-month',
    first: ['ngay', 'mung', 'mong'],
    re: /(?:ngay|mung|mong)\s+(\d{1,2})(?![\d\/.-])(?!\s*thang\s+\d)/y,
    build: (m) => {
      const d = Number(m[1]);
      return d >= 1 && d <= 31 ? { t: 'dayof', d } : { t: 'invalid' };
    },
  },
  {
    name: 'month',
    first: ['thang'],
    re: new RegExp(String.raw`thang\s+(\d{1,2}(?!\d)(?:${LSEP}(?:thang\s+)?\d{1,2}(?!\d))*)(?:${YSUF})?`, 'y'),
    build: (m) => {
      const { values, links } = listItems(m[1]!);
      if (values.some((v) => v < 1 || v > 12)) return { t: 'invalid' };
      const y = m[2] ? Number(m[2]) : null;
      return { t: 'anchors', anchors: values.map((v) => anchor('month', y, { m: v })), links };
    },
  },
  {
    name: 'month-numbers',
    first: ['#'],
    re: new RegExp(String.raw`(\d{1,2})\s*[\/-]\s*${YR}`, 'y'),
    build: (m) => {
      const month = Number(m[1]);
      return month >= 1 && month <= 12 ? { t: 'anchors', anchors: [anchor('month', Number(m[2]), { m: month })], links: [] } : { t: 'invalid' };
    },
  },
  {
    name: 'quarter',
    first: ['quy'],
    re: new RegExp(String.raw`quy\s*(${QN}(?:${LSEP}(?:quy\s*)?${QN})*)(?:${YSUF})?`, 'y'),
    build: (m) => {
      const { values, links } = listItems(m[1]!);
      const y = m[2] ? Number(m[2]) : null;
      return { t: 'anchors', anchors: values.map((q) => anchor('quarter', y, { n: q })), links };
    },
  },
  { name: 'quarter-invalid', first: ['quy'], re: /quy\s*(?:[ivx]+|\d+)(?![a-z0-9])/y, build: () => ({ t: 'invalid' }) },
  {
    name: 'quarter-short',
    first: ['q'],
    re: new RegExp(String.raw`q\s*\.?\s*(${QN})\s*[\/.-]\s*${YR}`, 'y'),
    build: (m) => ({ t: 'anchors', anchors: [anchor('quarter', Number(m[2]), { n: numberOf(m[1]!) })], links: [] }),
  },
  {
    // "T8/2021", "Th.8/2021": the abbreviation tables use for "tháng".
    name: 'month-short',
    first: ['t', 'th'],
    re: new RegExp(String.raw`th?\s*\.?\s*(\d{1,2})\s*[\/.-]\s*${YR}`, 'y'),
    build: (m) => {
      const month = Number(m[1]);
      return month >= 1 && month <= 12 ? { t: 'anchors', anchors: [anchor('month', Number(m[2]), { m: month })], links: [] } : { t: 'invalid' };
    },
  },
  {
    name: 'half',
    first: ['#', 'sau', 'nua'],
    re: new RegExp(String.raw`(?:(?:0?6|sau)\s+thang|nua)\s+(dau|cuoi)(?:\s+(?:cua\s+)?nam(?![a-z])(?!\s+hoc))?(?:${YSUF})?`, 'y'),
    build: (m) => ({ t: 'anchors', anchors: [anchor('half', m[2] ? Number(m[2]) : null, { n: m[1] === 'dau' ? 1 : 2 })], links: [] }),
  },
  {
    name: 'half-with-year',
    first: ['#', 'sau'],
    re: new RegExp(String.raw`(?:0?6|sau)\s+thang\s*,?\s*(?:nam\s+|[\/.-]\s*)?${YR}`, 'y'),
    build: (m) => ({ t: 'anchors', anchors: [anchor('half', Number(m[1]), { n: 1 })], links: [] }),
  },
  {
    name: 'nine-months',
    first: ['#', 'chin'],
    re: new RegExp(String.raw`(?:0?9|chin)\s+thang(?:\s+dau\s+nam(?![a-z]))?(?:\s*,?\s*(?:nam\s+|[\/.-]\s*)?${YR})?`, 'y'),
    build: (m) => (m[0].includes('dau') || m[1] ? { t: 'anchors', anchors: [anchor('nine', m[1] ? Number(m[1]) : null)], links: [] } : null),
  },
  {
    // "6 tháng, năm", "Tháng, quý, năm": two or more period words with no "hằng"/"định kỳ" before them.
    name: 'period-list-bare',
    first: ['#', 'tuan', 'thang', 'quy', 'nam', 'sau', 'chin', 'mot', 'hai', 'ba'],
    re: new RegExp(String.raw`(${PW})((?:\s*(?:,|\/|va|hoac)\s*(?:${PW}))+)(?![a-z])`, 'y'),
    build: (m) => periodListAtom(m),
  },
  {
    name: 'year-range',
    first: ['giai', 'thoi', 'nhiem', 'ky', 'tu', 'nam', '#'],
    re: new RegExp(
      String.raw`(?:(?:giai\s+doan|thoi\s+ky|nhiem\s+ky|ky)\s+)?(?:tu\s+)?(?:nam\s+)?${YR}\s*(?:-|(?:den|toi)(?:\s+het)?)\s*(?:nam\s+)?((?:19|20|21)\d{2}|\d{2})(?!\d)(?!\s*[\/.]\s*\d)`,
      'y',
    ),
    build: (m) => {
      const y1 = Number(m[1]);
      const y2 = m[2]!.length === 2 ? Math.floor(y1 / 100) * 100 + Number(m[2]) : Number(m[2]);
      return y2 >= y1 ? { t: 'range', y1, y2 } : { t: 'invalid' };
    },
  },
  {
    name: 'year',
    first: ['nam', '#'],
    re: new RegExp(String.raw`(?:nam\s+)?(${YRN}(?:\s*(?:,|va|&)\s*(?:nam\s+)?${YRN})*)`, 'y'),
    build: (m) => {
      const years = m[1]!.match(/\d{4}/g)!.map(Number);
      return { t: 'anchors', anchors: years.map((y) => anchor('year', y)), links: years.slice(1).map(() => 'list' as const) };
    },
  },
  {
    name: 'weekday',
    first: ['vao', 'ngay', 'thu', 'chu'],
    re: /(?:vao\s+)?(?:ngay\s+)?(?:thu\s+(hai|ba|tu|nam|sau|bay|[2-7])|(chu\s+nhat))(?![a-z0-9])/y,
    build: (m) => ({ t: 'weekday', wd: m[2] ? 0 : WEEKDAYS[m[1]!]! }),
  },
  {
    name: 'vague',
    first: ['dau', 'giua', 'nam'],
    re: new RegExp(
      String.raw`(?:dau|giua)\s+(?:(?:moi|hang|cac)\s+)?(?:nam|quy|thang|tuan|ky|nhiem\s+ky)(?![a-z])|nam\s+hoc(?:\s+${YRN}\s*-\s*${YRN})?`,
      'y',
    ),
    build: () => ({ t: 'vague' }),
  },
  {
    name: 'count',
    first: ['#', 'it', 'toi', 'khong', 'mot', 'hai', 'ba', 'bon'],
    re: /(?:(?:it\s+nhat|toi\s+thieu|khong\s+it\s+hon)\s+(?:la\s+)?)?(\d{1,3}|mot|hai|ba|bon)\s+(?:dot|lan|cuoc|buoi|hoi\s+nghi|lop|ky)(?![a-z])/y,
    build: (m) => ({ t: 'count', n: numberOf(m[1]!) }),
  },
  {
    name: 'quantity',
    first: ['#'],
    re: new RegExp(String.raw`\d+(?:[.,]\d+)*\s+(?:${QUANTITY_NOUNS})(?![a-z])`, 'y'),
    build: () => ({ t: 'neutral' }),
  },
  { name: 'before', first: ['truoc'], re: /truoc(?:\s+(?:thoi\s+diem|thoi\s+han|han))?(?![a-z])/y, build: () => mode('before') },
  {
    name: 'by',
    first: ['cham', 'muon', 'han', 'thoi', 'vao', 'trong', 'het', 'cuoi'],
    re: /(?:(?:cham|muon)\s+nhat(?:\s+(?:la|vao|den|trong|het))*|han\s+(?:chot|cuoi)(?:\s+(?:la|vao))?|thoi\s+han(?:\s+(?:hoan\s+thanh|la|cuoi))*|vao(?:\s+(?:cuoi|dip))?|trong(?:\s+(?:vong|thoi\s+gian|khoang))?|het|cuoi)(?![a-z])/y,
    build: () => mode('by'),
  },
  { name: 'until', first: ['den', 'toi', 'cho'], re: /(?:cho\s+)?(?:den|toi)(?:\s+(?:het|cuoi))?(?![a-z])/y, build: () => mode('until') },
  { name: 'from', first: ['tu', 'bat', 'ke'], re: /(?:bat\s+dau\s+)?(?:ke\s+)?tu(?![a-z])|bat\s+dau(?![a-z])/y, build: () => mode('from') },
  { name: 'after', first: ['sau'], re: /sau(?![a-z])/y, build: () => mode('after') },
  { name: 'complete', first: ['hoan'], re: /hoan\s+thanh(?:\s+xong)?(?![a-z])/y, build: () => mode('complete') },
  { name: 'or', first: ['hoac'], re: /hoac(?![a-z])/y, build: () => mode('or') },
];

/** The periods of a matched list: group 1 the first period word, group 2 the rest with separators. */
function periodListAtom(m: RegExpExecArray): AtomData {
  const words = [m[1]!, ...(m[2] ?? '').split(/\s*(?:,|\/|-|\bva\b|\bhoac\b)\s*/)]
    .map((w) => w.replace(PW_PREFIX_START, '').trim())
    .filter(Boolean);
  const periods: Period[] = [];
  let nine = false;
  for (const w of words) {
    const p = periodWord(w);
    if (p.nine) nine = true;
    else if (p.period) periods.push(p.period);
    else return { t: 'invalid' };
  }
  return { t: 'recur', periods, nine, count: null };
}

function mode(m: Mode): AtomData {
  return { t: 'mode', mode: m };
}

function whichMonth(word: string): number {
  if (word === 'dau') return 1;
  if (word === 'giua') return 2;
  if (word === 'cuoi') return 3;
  const n = numberOf(word.replace(/^thu\s+/, '').replace('nhat', '1'));
  return n >= 1 && n <= 3 ? n : 3;
}

function dateAtom(d: number, m: number, y: number | null): AtomData {
  if (m < 1 || m > 12 || d < 1 || d > 31) return { t: 'invalid' };
  // 29/02 without a year is a real day in leap years; a year settles it later.
  const maxDay = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  if (d > maxDay) return { t: 'invalid' };
  if (y !== null && m === 2 && d === 29 && !((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0)) return { t: 'invalid' };
  return { t: 'anchors', anchors: [anchor('day', y, { m, d })], links: [] };
}

// ---------------------------------------------------------------------------------------------

const BY_FIRST = new Map<string, Rule[]>();
const NO_RULES: Rule[] = [];
for (const rule of RULES) {
  for (const word of rule.first) {
    const list = BY_FIRST.get(word) ?? [];
    list.push(rule);
    BY_FIRST.set(word, list);
  }
}

const isLetter = (c: number) => c >= 97 && c <= 122;
const isDigit = (c: number) => c >= 48 && c <= 57;

/** Reads the folded text into atoms, left to right. */
export function lex(text: string): Atom[] {
  const atoms: Atom[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const prev = i > 0 ? text.charCodeAt(i - 1) : 32;
    if (!(isLetter(c) || isDigit(c)) || isLetter(prev) || isDigit(prev)) {
      i++;
      continue;
    }
    let j = i;
    let key: string;
    if (isDigit(c)) {
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      key = '#';
    } else {
      while (j < n && isLetter(text.charCodeAt(j))) j++;
      key = text.slice(i, j);
    }
    let matched = false;
    for (const rule of BY_FIRST.get(key) ?? NO_RULES) {
      rule.re.lastIndex = i;
      const m = rule.re.exec(text);
      if (!m || m[0].length === 0) continue;
      const data = rule.build(m);
      if (!data) continue;
      const atom = data as Atom;
      atom.start = i;
      atom.end = i + m[0].length;
      atoms.push(atom);
      i += m[0].length;
      matched = true;
      break;
    }
    if (!matched) i = j;
  }
  return atoms;
}
