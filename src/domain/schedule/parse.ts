/**
 * The deadline grammar: Vietnamese deadline text → Schedule.
 *
 * The text is folded (normalise.ts), read into atoms (lexer.ts) and cut into clauses at ";". Each clause
 * is interpreted on its own — its anchors with their modes ("trước", "chậm nhất", "đến", "từ"), its
 * rhythm ("hằng quý"), ranges, events, "theo …" phrases — and the clauses are merged: dated milestones
 * add up, a rhythm makes the whole recurring. Anything about time that is left over (a number nobody
 * read, "đầu năm", a date that does not exist) makes the whole text `unspecified` with `needsReview`:
 * the grammar never guesses a date.
 */
import { anchorDue, anchorLabel, spanOf, type DueMode } from './anchors.js';
import { daysBetween, isIsoDate, maxIso, minIso, toIso, yearOf } from './calendar.js';
import { lex, type Anchor, type Atom, type Mode } from './lexer.js';
import { fold, originalSlice, type Folded } from './normalise.js';
import { generateDues, makeRule, ruleKey, yearlyRuleFromAnchor, type Limits } from './recurrence.js';
import { summarise } from './summary.js';
import {
  PERIOD_ORDER,
  type Due,
  type EventOffset,
  type Period,
  type Recurrence,
  type RecurrenceRule,
  type Schedule,
  type ScheduleKind,
  type Window,
} from './types.js';

/** Texts longer than this are read only up to here (a deadline cell is a line or two). */
const MAX_TEXT = 20_000;
/** A deadline cell never names this many dates; beyond it a person splits the text. */
const MAX_ANCHORS = 60;
const MAX_ATOMS = 400;

export function isValidWindow(window: Window): boolean {
  return isIsoDate(window.from) && isIsoDate(window.to) && window.from <= window.to;
}

interface Item {
  anchor: Anchor;
  mode: Mode | null;
  /** The link to the next item: part of a list, or the start of a range ("tháng 9-10", "15/8 - 30/9"). */
  link: 'list' | 'range' | null;
  /** The year, written or carried over from a neighbour; null until resolved. */
  year: number | null;
  carried: boolean;
  /** Where the anchor's atom sits in the folded text. */
  start: number;
  end: number;
  /** "… năm sau": the anchor lies in the year after the one it belongs to. */
  nextYear: boolean;
}

interface ClauseResult {
  empty: boolean;
  review: string | null;
  ambiguous: string | null;
  rules: RecurrenceRule[];
  limits: Limits;
  milestones: Due[];
  start: string | null;
  end: string | null;
  continuous: boolean;
  event: { trigger: string | null; offset: EventOffset | null } | null;
  unspec: string | null;
  count: number | null;
  dinhky: boolean;
}

const emptyResult = (): ClauseResult => ({
  empty: true,
  review: null,
  ambiguous: null,
  rules: [],
  limits: { from: null, until: null },
  milestones: [],
  start: null,
  end: null,
  continuous: false,
  event: null,
  unspec: null,
  count: null,
  dinhky: false,
});

/** Atoms that end an event's trigger text: they say something about time themselves. */
const TERMINATES_TRIGGER = new Set<Atom['t']>([
  'anchors', 'range', 'recur', 'continuous', 'unspec', 'vague', 'invalid', 'pmonth', 'dayof', 'nextyears', 'weekday', 'dinhky', 'nextmonth',
]);

/** Words allowed between a mode and what it governs ("chậm nhất là ngày", "trước (ngày …)"). */
const GLUE = /^[\s,:(]*(?:(?:la|vao|cua|ngay)(?![a-z])[\s,:(]*)*$/;
const LIST_GLUE = /^[\s,;]*(?:(?:va|&)(?![a-z])[\s,]*)?$/;
const RANGE_GLUE = /^\s*-\s*$/;
const UNTIL_GLUE = /^[\s,]*(?:cho\s+)?(?:den|toi)(?:\s+(?:het|cuoi))?\s*(?:ngay\s*)?$/;

class Clause {
  readonly result = emptyResult();
  private readonly kept: Atom[] = [];
  private readonly covered: Array<[number, number]> = [];

  constructor(
    private readonly folded: Folded,
    private readonly atoms: Atom[],
    private readonly start: number,
    private readonly end: number,
    private readonly window: Window,
    private readonly textYear: number | null,
  ) {}

  private text(a: number, b: number): string {
    return this.folded.text.slice(a, b);
  }

  private quote(a: number, b: number): string {
    const s = originalSlice(this.folded, a, b).replace(/\s+/g, ' ').trim();
    return `«${s.length > 60 ? `${s.slice(0, 57)}…` : s}»`;
  }

  private flag(reason: string): void {
    this.result.review ??= reason;
  }

  run(): ClauseResult {
    const r = this.result;
    if (this.atoms.length > 0) r.empty = false;
    this.readEvent();
    this.checkLeftovers();
    if (r.review) return r;

    for (const atom of this.kept) {
      if (atom.t === 'vague') this.flag(`${this.quote(atom.start, atom.end)} không chỉ rõ ngày nào`);
      if (atom.t === 'invalid') this.flag(`${this.quote(atom.start, atom.end)} không phải ngày hoặc kỳ có thật`);
    }
    if (r.review) return r;

    for (const atom of this.kept) {
      if (atom.t === 'continuous') r.continuous = true;
      if (atom.t === 'unspec') {
        r.unspec ??= originalSlice(this.folded, atom.start, atom.end).replace(/\s+/g, ' ').replace(/^thực hiện\s+/i, '').toLowerCase();
      }
      if (atom.t === 'count') r.count ??= atom.n;
      if (atom.t === 'recur' && atom.count !== null) r.count ??= atom.count;
      if (atom.t === 'dinhky') r.dinhky = true;
      if (atom.t === 'range') {
        r.start = r.start === null ? toIso(atom.y1, 1, 1) : minIso(r.start, toIso(atom.y1, 1, 1));
        r.end = r.end === null ? toIso(atom.y2, 12, 31) : maxIso(r.end, toIso(atom.y2, 12, 31));
      }
    }
    this.readTime();
    return r;
  }

  /** The first event of the clause: its trigger runs to the next atom that says something about time. */
  private readEvent(): void {
    const event = this.atoms.find((a) => a.t === 'event');
    if (!event || event.t !== 'event') {
      this.kept.push(...this.atoms);
      for (const a of this.atoms) this.covered.push([a.start, a.end]);
      return;
    }
    const after = this.atoms.filter((a) => a.start >= event.end);
    const terminator = after.find((a) => TERMINATES_TRIGGER.has(a.t));
    let triggerEnd = terminator ? terminator.start : this.end;
    const inside = after.filter((a) => a.start < triggerEnd);
    const lastInside = inside[inside.length - 1];
    if (terminator && lastInside?.t === 'mode' && GLUE.test(this.text(lastInside.end, terminator.start))) {
      triggerEnd = lastInside.start;
    }
    for (const a of this.atoms) {
      if (a === event) continue;
      if (a.start >= event.start && a.start < triggerEnd) continue; // words of the trigger
      this.kept.push(a);
      this.covered.push([a.start, a.end]);
    }
    this.covered.push([event.start, triggerEnd]);
    let trigger = originalSlice(this.folded, event.triggerStart, triggerEnd)
      .replace(/\s+/g, ' ')
      .replace(/[\s,;:.(\-\u2013\u2014]+$/u, '')
      .trim();
    if (trigger.length > 1 && trigger.charAt(1) === trigger.charAt(1).toLowerCase()) {
      trigger = trigger.charAt(0).toLowerCase() + trigger.slice(1);
    }
    this.result.event = { trigger: trigger || null, offset: event.offset };
  }

  /** A number or a roman numeral no rule read means a deadline we did not understand. */
  private checkLeftovers(): void {
    const spans = [...this.covered].sort((a, b) => a[0] - b[0]);
    let position = this.start;
    const gaps: Array<[number, number]> = [];
    for (const [a, b] of spans) {
      if (a > position) gaps.push([position, a]);
      position = Math.max(position, b);
    }
    if (position < this.end) gaps.push([position, this.end]);
    for (const [a, b] of gaps) {
      const piece = this.text(a, b);
      if (/\d/.test(piece) || /(?:^|[^a-z])(?:ii|iii|iv)(?![a-z])/.test(piece)) {
        this.result.empty = false;
        this.flag(`Không hiểu phần ${this.quote(a, b)}`);
        return;
      }
    }
  }

  /** The mode ("trước", "chậm nhất", …) that governs an atom: the last one, when only glue words lie between. */
  private modeBefore(pending: Atom | null, atom: Atom): Mode | null {
    return pending && pending.t === 'mode' && GLUE.test(this.text(pending.end, atom.start)) ? pending.mode : null;
  }

  private readTime(): void {
    const r = this.result;
    const items: Item[] = [];
    const dayofs: Array<{ d: number; before: boolean; attached: boolean; index: number }> = [];
    let pendingMode: Atom | null = null;
    let complete = false;
    let or = false;
    let previousAnchors: Atom | null = null;
    let previousItems: Item[] = [];


    this.kept.forEach((atom, index) => {
      if (atom.t === 'mode') {
        if (atom.mode === 'complete') complete = true;
        else if (atom.mode === 'or') or = true;
        else pendingMode = atom;
        return;
      }
      if (atom.t === 'anchors') {
        let mode = this.modeBefore(pendingMode, atom);
        const gap = previousAnchors ? this.text(previousAnchors.end, atom.start) : null;
        if (gap !== null && RANGE_GLUE.test(gap) && previousItems.length > 0) {
          previousItems[previousItems.length - 1]!.link = 'range';
        } else if (mode === null && gap !== null && LIST_GLUE.test(gap) && previousItems.length > 0) {
          mode = previousItems[previousItems.length - 1]!.mode; // "trước ngày 15/8 và 30/9/2021"
        }
        const created = atom.anchors.map((anchor, k): Item => ({
          anchor,
          mode,
          link: atom.links[k] ?? null,
          year: anchor.y,
          carried: false,
          start: atom.start,
          end: atom.end,
          nextYear: false,
        }));
        items.push(...created);
        previousAnchors = atom;
        previousItems = created;
        pendingMode = null;
        return;
      }
      if (atom.t === 'nextyear') {
        if (previousAnchors && GLUE.test(this.text(previousAnchors.end, atom.start))) {
          for (const item of previousItems) item.nextYear = true;
        }
        return;
      }
      if (atom.t === 'dayof') {
        dayofs.push({ d: atom.d, before: this.modeBefore(pendingMode, atom) === 'before', attached: false, index });
        pendingMode = null;
        return;
      }
      if (atom.t !== 'neutral' && atom.t !== 'count') pendingMode = null;
    });

    for (const item of items) {
      if (item.mode === 'after') {
        r.review ??= 'Hạn ghi «sau …» một thời điểm chỉ nói lúc bắt đầu, không nói hạn chót';
        return;
      }
    }
    if (or && items.length >= 2) {
      r.review = 'Có hai thời hạn nối bằng «hoặc»: cần chọn một';
      return;
    }

    // The rhythm: "hằng …" words, "tháng đầu quý", "các năm tiếp theo".
    const periods = new Set<Period>();
    let nine = false;
    const recurAtoms = this.kept.filter((a) => a.t === 'recur');
    for (const a of recurAtoms) {
      if (a.t !== 'recur') continue;
      a.periods.forEach((p) => periods.add(p));
      if (a.nine) nine = true;
    }
    const nextYears = this.kept.some((a) => a.t === 'nextyears');
    if (nextYears) periods.add('year');

    const rules: RecurrenceRule[] = [];
    // "ngày 10 của tháng đầu quý", "tháng cuối quý", "ngày 05 tháng sau".
    this.kept.forEach((atom, index) => {
      if (atom.t !== 'pmonth' && atom.t !== 'nextmonth') return;
      const day = dayofs.find((d) => !d.attached && d.index === index - 1 && GLUE.test(this.text(this.kept[d.index]!.end, atom.start)));
      if (day) day.attached = true;
      if (atom.t === 'nextmonth') {
        if (day) {
          periods.add('month');
          rules.push(makeRule('month', { day: day.d, before: day.before, shift: 1 }));
        }
        return;
      }
      let period: Period | undefined = 'quarter';
      if (atom.scope === 'period') period = PERIOD_ORDER.find((p) => p !== 'week' && p !== 'month' && periods.has(p));
      if (!period) {
        r.review ??= '«Tháng … của kỳ» nhưng không nói kỳ nào (quý, 6 tháng, năm)';
        return;
      }
      periods.add(period);
      const length = period === 'quarter' ? 3 : period === 'half' ? 6 : 12;
      const month = atom.which === 3 ? length : atom.which;
      rules.push(makeRule(period, { month, day: day?.d ?? null, before: day?.before ?? false, shift: atom.shift }));
    });
    if (r.review) return;

    for (const day of dayofs) {
      if (day.attached) continue;
      if (periods.has('month')) {
        rules.push(makeRule('month', { day: day.d, before: day.before }));
      } else if (periods.has('quarter')) {
        rules.push(makeRule('quarter', { month: 3, day: day.d, before: day.before }));
        r.ambiguous ??= `«ngày ${day.d}» hằng quý: đã hiểu là ngày ${day.d} của tháng cuối quý`;
      } else {
        r.review ??= `«ngày ${day.d}» nhưng không nói của tháng nào`;
        return;
      }
    }

    for (const [index, atom] of this.kept.entries()) {
      if (atom.t !== 'weekday') continue;
      // "ngày 15/8/2021 (thứ Hai)", "Thứ Năm, ngày 15/8/2021": the weekday only labels the date.
      const before = this.kept[index - 1];
      const after = this.kept[index + 1];
      const labelsDate =
        (before?.t === 'anchors' && before.anchors.some((a) => a.unit === 'day') && /^[\s,(]*$/.test(this.text(before.end, atom.start))) ||
        (after?.t === 'anchors' && after.anchors.some((a) => a.unit === 'day') && /^[\s,(]*$/.test(this.text(atom.end, after.start))) ||
        (after?.t === 'anchors' && after.anchors.some((a) => a.unit === 'day') && /^[\s,]*ngay\s*$/.test(this.text(atom.end, after.start)));
      if (labelsDate) continue;
      if (!periods.has('week')) {
        r.review ??= 'Có thứ trong tuần nhưng không có «hằng tuần»';
        return;
      }
      rules.push(makeRule('week', { weekday: atom.wd }));
    }

    if (periods.size > 0) {
      this.readRecurring(items, rules, periods, nine, nextYears);
      return;
    }
    if (r.dinhky && !r.unspec && !r.continuous && !r.event) {
      r.review = '«Định kỳ» nhưng không nói bao lâu một lần';
      return;
    }
    this.readDated(items, complete);
  }

  /** A clause with a rhythm: rules, limits, and dated milestones alongside. */
  private readRecurring(
    items: Item[],
    rules: RecurrenceRule[],
    periods: Set<Period>,
    nine: boolean,
    nextYears: boolean,
  ): void {
    const r = this.result;
    const froms: string[] = [];
    const untils: string[] = [];
    const years: number[] = [];
    for (const item of items) {
      if (item.year === null) {
        // A date without a year can only come back every year: "định kỳ 6 tháng (trước 15/6 và 15/12)".
        if (!periods.has('year') && (periods.has('month') || periods.has('week'))) {
          r.review = `${capitalised(anchorLabel(item.anchor, null))} không ghi năm và không khớp với nhịp «hằng …»`;
          return;
        }
        // One date per period ("hằng quý: 15/3, 15/6, 15/9, 15/12") is plain; fewer or more needs a look.
        const perYear = periods.has('quarter') ? 4 : periods.has('half') ? 2 : 1;
        if (!periods.has('year') && items.filter((i) => i.year === null).length !== perYear) {
          r.ambiguous ??= `${capitalised(anchorLabel(item.anchor, null))} không ghi năm: đã hiểu là hằng năm`;
        }
        rules.push(yearlyRule(item));
        continue;
      }
      if (nextYears && item.anchor.unit !== 'year') {
        // "Quý II/2022 và các năm tiếp theo": that quarter every year from 2022.
        rules.push(yearlyRule(item));
        froms.push(toIso(item.year, 1, 1));
        continue;
      }
      const span = spanOf(item.anchor, item.year);
      if (!span) {
        r.review = 'Ngày không có thật';
        return;
      }
      if (item.mode === 'from') froms.push(span.start);
      else if (item.mode === 'until') untils.push(span.end);
      else if (item.anchor.unit === 'year') years.push(item.year);
      else {
        const due = anchorDue(item.anchor, item.year, dueMode(item.mode));
        if (due) r.milestones.push(due);
      }
    }
    const hasAnchoredRules = rules.length > 0;
    let previousEnd = this.start;
    for (const atom of this.kept) {
      if (atom.t === 'recur') {
        const standalone = /(?:^|[^a-z])va(?![a-z])/.test(this.text(previousEnd, atom.start));
        if (!hasAnchoredRules || standalone) {
          for (const p of atom.periods) rules.push(makeRule(p, {}));
          if (atom.nine) rules.push(makeRule('year', { month: 9, label: '9 tháng đầu năm, hằng năm' }));
        }
      }
      if (atom.t !== 'mode') previousEnd = atom.end;
    }
    if (rules.length === 0 && nextYears) rules.push(makeRule('year', {}));
    if (rules.length === 0 && nine) rules.push(makeRule('year', { month: 9, label: '9 tháng đầu năm, hằng năm' }));

    if (r.start) froms.push(r.start);
    if (r.end) untils.push(r.end);
    if (years.length > 0) {
      froms.push(toIso(Math.min(...years), 1, 1));
      if (!nextYears) untils.push(toIso(Math.max(...years), 12, 31));
    }
    const from = froms.length ? froms.reduce(maxIso) : null;
    const until = untils.length ? untils.reduce(minIso) : null;
    if (from && until && from > until) {
      r.review = 'Khoảng thời gian kết thúc trước khi bắt đầu';
      return;
    }
    const seen = new Set<string>();
    r.rules = rules.filter((rule) => (seen.has(ruleKey(rule)) ? false : (seen.add(ruleKey(rule)), true)));
    r.limits = { from, until };
    r.end = until;
  }

  /** A clause without a rhythm: dated milestones, ranges, or none of them. */
  private readDated(all: Item[], complete: boolean): void {
    const r = this.result;
    // "Thường xuyên trong năm", "Theo kế hoạch trong năm": the year only bounds the work.
    let items = all.filter(
      (i) => !(i.anchor.unit === 'year' && i.anchor.y === null && i.mode !== 'before' && (r.continuous || r.event || r.unspec)),
    );
    const firstYear = yearOf(this.window.from);
    const lastYear = yearOf(this.window.to);
    for (const item of items) {
      if (!item.nextYear || item.anchor.y !== null) continue;
      if (firstYear !== lastYear) {
        r.review = '«… năm sau» trong kỳ kế hoạch nhiều năm: không rõ năm nào';
        return;
      }
      item.year = firstYear + 1;
    }
    this.carryYears(items);
    // A bare year beside a finer date names what the work is about, not when it is due:
    // "Báo cáo kết quả năm 2021 trước ngày 15/12/2021".
    if (items.some((i) => i.anchor.unit !== 'year' && i.year !== null)) {
      items = items.filter((i) => !(i.anchor.unit === 'year' && i.mode === null && i.link === null));
    }

    const yearless = items.filter((i) => i.year === null);
    if (yearless.length > 0) {
      if (r.start && r.end) {
        // "Quý I (2021-2025)": every year of the range.
        r.rules = yearless.map((i) => yearlyRule(i));
        r.limits = { from: r.start, until: r.end };
        for (const i of items.filter((x) => x.year !== null)) this.milestone(i);
        return;
      }
      for (const item of yearless) {
        const inWindow: number[] = [];
        for (let y = firstYear; y <= lastYear; y++) {
          const due = anchorDue(item.anchor, y, dueMode(item.mode));
          if (due && due.date >= this.window.from && due.date <= this.window.to) inWindow.push(y);
        }
        if (inWindow.length === 1) {
          item.year = inWindow[0]!;
          item.carried = true;
        } else if (inWindow.length > 1) {
          r.rules.push(yearlyRule(item));
          r.ambiguous ??= `${capitalised(anchorLabel(item.anchor, null))} không ghi năm: đã hiểu là mỗi năm trong kỳ kế hoạch`;
        } else {
          r.review = `${capitalised(anchorLabel(item.anchor, null))} không ghi năm và không rơi vào kỳ kế hoạch`;
          return;
        }
      }
    }

    const dated = items.filter((i) => i.year !== null);
    for (let k = 0; k < dated.length; k++) {
      const item = dated[k]!;
      const next = dated[k + 1];
      // A range: "từ … đến …", "tháng 9-10/2021", "15/8 - 30/9/2021".
      const isRange =
        next &&
        ((item.mode === 'from' && next.mode === 'until') ||
          item.link === 'range' ||
          // "Tháng 10/2021 đến tháng 12/2021": "đến" right after the first anchor.
          (item.mode === null && next.mode === 'until' && UNTIL_GLUE.test(this.text(item.end, next.start))));
      if (isRange) {
        const a = spanOf(item.anchor, item.year!);
        const b = spanOf(next.anchor, next.year!);
        k++;
        if (!a || !b || a.start > b.end) {
          r.review = 'Khoảng thời gian kết thúc trước khi bắt đầu';
          return;
        }
        if (daysBetween(a.start, b.end) > 366) {
          r.start = r.start ? minIso(r.start, a.start) : a.start;
          r.end = r.end ? maxIso(r.end, b.end) : b.end;
        } else {
          const label = `Từ ${anchorLabel(item.anchor, item.year)} đến ${anchorLabel(next.anchor, next.year)}`;
          r.milestones.push({ date: b.end, explanation: `${label} → ${formatDate(b.end)}, ngày cuối của khoảng` });
          r.end = r.end ? maxIso(r.end, b.end) : b.end;
        }
        continue;
      }
      const span = spanOf(item.anchor, item.year!);
      if (!span) {
        r.review = 'Ngày không có thật';
        return;
      }
      if (item.mode === 'from') {
        r.start = r.start ? minIso(r.start, span.start) : span.start;
        continue;
      }
      const whole = item.anchor.unit === 'year';
      if (item.mode === 'until' && whole && !complete) {
        r.end = r.end ? maxIso(r.end, span.end) : span.end;
        continue;
      }
      if (whole && !complete && item.mode !== 'before' && (r.continuous || r.event || r.unspec)) {
        // "Thường xuyên trong năm 2021", "Theo kế hoạch năm 2021": the year bounds the work.
        r.end = r.end ? maxIso(r.end, span.end) : span.end;
        continue;
      }
      this.milestone(item);
    }
    if (r.review) return;
    if (complete && r.milestones.length === 0 && r.end) {
      r.milestones.push({ date: r.end, explanation: `Hoàn thành trong giai đoạn → ${formatDate(r.end)}, ngày cuối giai đoạn` });
    }
  }

  private milestone(item: Item): void {
    const note = item.carried && item.anchor.y === null ? ' (không ghi năm, theo kỳ kế hoạch)' : '';
    const due = anchorDue(item.anchor, item.year!, dueMode(item.mode), note);
    if (due) this.result.milestones.push(due);
    else this.result.review ??= 'Ngày không có thật';
  }

  /** A year written once serves the whole list: "tháng 9, tháng 12 năm 2021", "15/8 và 30/9/2021". */
  private carryYears(items: Item[]): void {
    const later: Array<number | null> = new Array(items.length).fill(null);
    let seen: number | null = null;
    for (let k = items.length - 1; k >= 0; k--) {
      later[k] = seen;
      if (items[k]!.anchor.y !== null) seen = items[k]!.anchor.y;
    }
    let earlier: number | null = null;
    items.forEach((item, k) => {
      if (item.year === null) {
        const year = later[k] ?? earlier ?? this.textYear;
        if (year !== null) item.year = year;
      }
      if (item.anchor.y !== null) earlier = item.anchor.y;
    });
  }
}

/** The yearly rule of an anchor ("trước 30/6" + "hằng năm"), in the next year for "… năm sau". */
function yearlyRule(item: Item): RecurrenceRule {
  const rule = yearlyRuleFromAnchor(item.anchor, item.mode === 'before');
  return item.nextYear ? { ...rule, shift: 1, label: `${rule.label.replace(/ hằng năm$/, '')} năm sau (hằng năm)` } : rule;
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function formatDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function dueMode(mode: Mode | null): DueMode {
  return mode === 'before' ? 'before' : mode === 'until' ? 'until' : 'by';
}

/** The one year the whole text names, if it names exactly one. */
function singleYear(atoms: Atom[]): number | null {
  const years = new Set<number>();
  for (const a of atoms) {
    if (a.t === 'anchors') for (const x of a.anchors) if (x.y !== null) years.add(x.y);
  }
  return years.size === 1 ? [...years][0]! : null;
}

function unique(dues: Due[]): Due[] {
  const sorted = [...dues].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const out: Due[] = [];
  for (const due of sorted) {
    const last = out[out.length - 1];
    if (last && last.date === due.date) {
      if (!last.explanation.includes(due.explanation)) last.explanation = `${last.explanation}; ${due.explanation}`;
    } else {
      out.push({ ...due });
    }
  }
  return out;
}

const KIND_ORDER: ScheduleKind[] = ['recurring', 'once', 'continuous', 'event', 'unspecified'];

/**
 * Reads a Vietnamese deadline text in a window (the plan's or appendix's period). Never throws on any
 * text; throws RangeError on a window that is not two YYYY-MM-DD dates in order.
 */
export function parseDeadline(text: string, window: Window): Schedule {
  if (!isValidWindow(window)) throw new RangeError(`Invalid window ${window.from} – ${window.to}`);
  const input = typeof text === 'string' ? text : String(text ?? '');
  const folded = fold(input.length > MAX_TEXT ? input.slice(0, MAX_TEXT) : input);
  const atoms = lex(folded.text);
  const textYear = singleYear(atoms);
  const anchorCount = atoms.reduce((n, a) => n + (a.t === 'anchors' ? a.anchors.length : 0), 0);
  if (anchorCount > MAX_ANCHORS || atoms.length > MAX_ATOMS) {
    const base = { text: input, dues: [] as Due[], end: null, count: null, trigger: null };
    return finish({ ...base, kind: 'unspecified', needsReview: true, reviewReason: 'Quá nhiều mốc thời gian trong một ô: cần tách hoặc nhập tay' }, window, null);
  }

  // Clauses are cut at ";".
  const bounds: number[] = [0];
  for (let i = folded.text.indexOf(';'); i >= 0; i = folded.text.indexOf(';', i + 1)) bounds.push(i + 1);
  bounds.push(folded.text.length + 1);
  const results: ClauseResult[] = [];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const start = bounds[k]!;
    const end = Math.min(bounds[k + 1]! - 1, folded.text.length);
    const inside = atoms.filter((a) => a.start >= start && a.start < end);
    results.push(new Clause(folded, inside, start, end, window, textYear).run());
  }

  const base = { text: input, dues: [] as Due[], end: null, count: null, trigger: null };
  const review = results.find((r) => r.review);
  if (review) return finish({ ...base, kind: 'unspecified', needsReview: true, reviewReason: review.review! }, window, null);

  const meaningful = results.filter((r) => !r.empty);
  if (meaningful.length === 0) {
    return finish(
      { ...base, kind: 'unspecified', needsReview: true, reviewReason: input.trim() ? 'Không tìm thấy thời hạn nào trong nội dung' : 'Chưa ghi thời hạn' },
      window,
      null,
    );
  }

  const kinds = meaningful.map((r): ScheduleKind | null => {
    if (r.rules.length > 0) return 'recurring';
    if (r.milestones.length > 0) return 'once';
    if (r.continuous) return 'continuous';
    if (r.event) return 'event';
    if (r.unspec) return 'unspecified';
    if (r.start || r.end) return 'continuous';
    return null;
  });
  const present = kinds.filter((k): k is ScheduleKind => k !== null);
  if (present.length === 0) {
    const reason = meaningful.some((r) => r.count !== null) ? 'Có số đợt nhưng không có thời hạn' : 'Không tìm thấy thời hạn nào trong nội dung';
    return finish({ ...base, kind: 'unspecified', needsReview: true, reviewReason: reason }, window, null);
  }
  const kind = KIND_ORDER.find((k) => present.includes(k))!;

  let dues: Due[] = [];
  let recurrence: Recurrence | null = null;
  for (const r of meaningful) {
    for (const rule of r.rules) dues.push(...generateDues(rule, r.limits, window));
    dues.push(...r.milestones.filter((m) => m.date >= window.from && m.date <= window.to));
  }
  dues = unique(dues);
  const allRules = meaningful.flatMap((r) => r.rules);
  if (allRules.length > 0) {
    const period = PERIOD_ORDER.find((p) => allRules.some((rule) => rule.period === p))!;
    const froms = meaningful.filter((r) => r.rules.length > 0).map((r) => r.limits.from);
    const untils = meaningful.filter((r) => r.rules.length > 0).map((r) => r.limits.until);
    recurrence = {
      period,
      rules: allRules,
      from: froms.every((f) => f !== null) ? (froms as string[]).reduce(minIso) : null,
      until: untils.every((u) => u !== null) ? (untils as string[]).reduce(maxIso) : null,
    };
  }
  const ends = meaningful.map((r) => r.end).filter((e): e is string => e !== null);
  const starts = meaningful.map((r) => r.start).filter((e): e is string => e !== null);
  const event = meaningful.find((r) => r.event)?.event ?? null;
  const ambiguous = meaningful.find((r) => r.ambiguous)?.ambiguous ?? null;
  const allMilestones = meaningful.flatMap((r) => r.milestones);

  const schedule: Schedule = {
    text: input,
    kind,
    dues,
    end: ends.length ? ends.reduce(maxIso) : null,
    count: meaningful.find((r) => r.count !== null)?.count ?? null,
    trigger: event?.trigger ?? null,
    summary: '',
    needsReview: ambiguous !== null,
    ...(ambiguous ? { reviewReason: ambiguous } : {}),
    ...(recurrence ? { recurrence } : {}),
    ...(event?.offset ? { eventOffset: event.offset } : {}),
  };
  schedule.summary = summarise(schedule, window, {
    start: starts.length ? starts.reduce(minIso) : null,
    unspec: meaningful.find((r) => r.unspec)?.unspec ?? null,
    milestones: allMilestones,
  });
  return schedule;
}

function finish(
  partial: Omit<Schedule, 'summary'>,
  window: Window,
  start: string | null,
): Schedule {
  const schedule: Schedule = { ...partial, summary: '' };
  schedule.summary = summarise(schedule, window, { start, unspec: null, milestones: [] });
  return schedule;
}
