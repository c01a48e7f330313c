import { conflict, validationError } from '../errors.js';
import { cleanText, searchKey } from '../text/normalize.js';
import { GOVERNMENT_KINDS, type Unit, type UnitKind } from './unit.js';
import type { UnitTree } from './tree.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function checkDate(value: string | null | undefined, field: string): void {
  if (value === null || value === undefined) return;
  const d = new Date(`${value}T00:00:00Z`);
  if (!DATE.test(value) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) {
    throw validationError('invalid_date', `Ngày không hợp lệ ở trường «${field}»: ${value} (định dạng YYYY-MM-DD).`);
  }
}

export function checkValidity(validFrom: string | null, validTo: string | null): void {
  checkDate(validFrom, 'validFrom');
  checkDate(validTo, 'validTo');
  if (validFrom && validTo && validTo < validFrom) {
    throw validationError('invalid_validity', 'Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.');
  }
}

export function checkParent(tree: UnitTree, id: number | null, parentId: number | null): void {
  if (parentId === null) return;
  if (!tree.get(parentId)) throw validationError('unknown_parent', `Không tìm thấy đơn vị cấp trên có mã số ${parentId}.`);
  if (id !== null && tree.wouldCycle(id, parentId)) {
    throw validationError('parent_cycle', 'Không thể đặt một đơn vị làm cấp dưới của chính nó.');
  }
}

/** Aliases cleaned, empty and duplicate ones dropped (compared without diacritics). */
export function cleanAliases(aliases: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const a of aliases) {
    const text = cleanText(a);
    const key = searchKey(text);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(text);
  }
  return out;
}

/** The search key of a unit: padded with spaces so that a LIKE "% word%" matches word starts. */
export function unitSearchText(u: Pick<Unit, 'name' | 'shortName' | 'aliases' | 'code'>): string {
  return ` ${[u.name, u.shortName ?? '', ...u.aliases, u.code.replace(/[._-]/g, ' ')].map(searchKey).join(' ')} `;
}

/** "Phòng Nội vụ" under "DH" → "DH.PNV": initials of the folded name, made unique by a number. */
export function proposeCode(name: string, parentCode: string | null, taken: ReadonlySet<string>): string {
  const initials = searchKey(name)
    .split(' ')
    .filter(Boolean)
    .map((w) => (/^\d+$/.test(w) ? w : w[0]))
    .join('')
    .toUpperCase()
    .slice(0, 12) || 'DV';
  const base = parentCode ? `${parentCode}.${initials}` : initials;
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

export function checkCode(code: string): string {
  const c = code.trim().toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9._-]{0,39}$/.test(c)) {
    throw validationError('invalid_code', 'Mã đơn vị gồm tối đa 40 ký tự: chữ cái không dấu, chữ số, dấu chấm, gạch ngang.');
  }
  return c;
}

const isGovernment = (k: UnitKind) => GOVERNMENT_KINDS.has(k);

/**
 * Merging `from` into `into` from `date` on: `from` ends the day before and names `into` as its
 * successor. Nothing is deleted, so the history of the old unit stays readable.
 */
export function planMerge(from: Unit, into: Unit, date: string, tree: UnitTree): { validTo: string } {
  checkDate(date, 'date');
  if (from.id === into.id) throw validationError('merge_self', 'Không thể sáp nhập một đơn vị vào chính nó.');
  if (from.successorId !== null) {
    throw conflict('already_merged', `Đơn vị «${from.name}» đã được sáp nhập trước đó.`);
  }
  if (into.validTo !== null && into.validTo < date) {
    throw validationError('merge_into_ended', `Đơn vị «${into.name}» đã hết hiệu lực trước ngày sáp nhập.`);
  }
  if (from.validFrom !== null && date <= from.validFrom) {
    throw validationError('merge_before_start', 'Ngày sáp nhập phải sau ngày đơn vị bắt đầu hiệu lực.');
  }
  if (tree.subtree(from.id).has(into.id)) {
    throw validationError('merge_into_child', 'Không thể sáp nhập một đơn vị vào đơn vị cấp dưới của nó.');
  }
  if (isGovernment(from.kind) !== isGovernment(into.kind)) {
    throw validationError('merge_kind', 'Chỉ sáp nhập đơn vị hành chính với đơn vị hành chính, cơ quan với cơ quan.');
  }
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return { validTo: d.toISOString().slice(0, 10) };
}
