import { searchKey } from '../text/normalize.js';
import { UnitTree } from './tree.js';
import type { Unit } from './unit.js';

/**
 * Unit resolution: the name of a party as a plan writes it ("Phòng VH&TT", "UBND các xã, phường",
 * "Sở Lao động-TBXH") → the units it means. A group fans out to one unit each (PRODUCT.md §4);
 * a vague mention ("các cơ quan có liên quan") is kept as text; a name that matches nothing is
 * returned with suggestions, never dropped.
 */
export type GroupKey = 'communes_wards' | 'agencies' | 'mass_orgs' | 'agencies_and_mass_orgs';

export type Resolution =
  | { type: 'unit'; text: string; unitId: number; unitName: string; external: boolean }
  | { type: 'group'; text: string; group: GroupKey; unitIds: number[] }
  | { type: 'vague'; text: string; reason: string }
  | { type: 'unmatched'; text: string; suggestions: Array<{ unitId: number; name: string; score: number }> };

export type ResolvableUnit = Pick<Unit, 'id' | 'name' | 'shortName' | 'aliases' | 'code' | 'kind' | 'parentId' | 'validFrom' | 'validTo'>;

const LEADING = ['uy ban nhan dan', 'ubnd'];
type Level = 'province' | 'district';
const LEVEL_WORDS: Array<[string, Level]> = [
  ['thi xa', 'district'],
  ['huyen', 'district'],
  ['thanh pho', 'district'],
  ['quan', 'district'],
  ['tinh', 'province'],
];

interface Pattern {
  test: RegExp;
  group?: GroupKey;
  vague?: string;
}

// Order matters: "... có liên quan" is vague even when the head is a known group.
const PATTERNS: Pattern[] = [
  { test: /\b(co )?lien quan$/, vague: 'Cơ quan, đơn vị liên quan: không xác định được đơn vị cụ thể.' },
  { test: /^(cac so|so (ban )?nganh)\b/, vague: 'Các sở, ngành cấp tỉnh: cơ quan bên ngoài, không phải báo cáo.' },
  // "UBMTTQVN và các đoàn thể thị xã, các xã, phường": the Front and the mass organisations together.
  { test: /^(ub ?mttq(vn)?|uy ban (mttq(vn)?|mat tran to quoc( viet nam)?)|mat tran to quoc( viet nam)?) va cac (doan the|to chuc chinh tri xa hoi)\b/, group: 'mass_orgs' },
  { test: /^(cac |cap )(xa|phuong)( (xa|phuong|thi tran))*( tren dia ban)?$/, group: 'communes_wards' },
  { test: /^(cac )?co quan( ban)?( nganh)? doan the\b/, group: 'agencies_and_mass_orgs' },
  { test: /^cac (co quan|phong|don vi)( (chuyen mon|ban|nganh|don vi|co quan))*( thuoc ubnd)?$/, group: 'agencies' },
  { test: /^cac (doan the|to chuc chinh tri xa hoi)( (doan the|to chuc chinh tri xa hoi))*$/, group: 'mass_orgs' },
  { test: /^cac truong( hoc)?\b/, vague: 'Các trường học: chưa có đơn vị tương ứng trong danh mục.' },
  { test: /^(cac )?(thon|khu pho|to dan pho|ap|ban)( (thon|khu pho|to dan pho|ap|ban))*$/, vague: 'Thôn, khu phố, tổ dân phố: không phải đơn vị báo cáo.' },
];

function stripLeading(tokens: string[]): string[] {
  const text = tokens.join(' ');
  for (const lead of LEADING) if (text.startsWith(`${lead} `)) return text.slice(lead.length + 1).split(' ');
  return tokens;
}

/**
 * Drops a trailing "thị xã", "tỉnh Phú Yên", "thị xã Đông Hòa" and remembers the level it named,
 * so "Thanh tra tỉnh" and "Thanh tra thị xã" stay apart.
 */
function stripLocality(tokens: string[], places: ReadonlySet<string>): { tokens: string[]; level: Level | null } {
  const text = tokens.join(' ');
  for (const [word, level] of LEVEL_WORDS) {
    const idx = text.lastIndexOf(` ${word}`);
    if (idx <= 0) continue;
    const rest = text.slice(idx + word.length + 1).trim();
    if (rest === '' || places.has(rest)) return { tokens: text.slice(0, idx).split(' '), level };
  }
  for (const place of places) {
    if (text.endsWith(` ${place}`) && text.length > place.length + 1) return { tokens: text.slice(0, -place.length - 1).split(' '), level: null };
  }
  return { tokens, level: null };
}

/**
 * Can `abbrev` be spelled by the words from `j` on, each giving either itself or its first letter,
 * "và" skipped? Returns every index just past a successful spelling ("tbxh" ← "tb va xh").
 */
function spellings(abbrev: string, words: string[], j: number): number[] {
  const ends: number[] = [];
  const walk = (pos: number, k: number, used: number) => {
    if (pos === abbrev.length) {
      if (used > 0) ends.push(k);
      return;
    }
    if (k >= words.length) return;
    const w = words[k]!;
    if (w === 'va') walk(pos, k + 1, used);
    if (abbrev.startsWith(w, pos)) walk(pos + w.length, k + 1, used + 1);
    if (w.length > 1 && abbrev[pos] === w[0]) walk(pos + 1, k + 1, used + 1);
  };
  walk(0, j, 0);
  return [...new Set(ends)];
}

/** Do two token lists name the same thing, allowing abbreviations either way and an optional "và"? */
export function namesMatch(a: string[], b: string[]): boolean {
  const memo = new Map<string, boolean>();
  const go = (i: number, j: number): boolean => {
    const key = `${i},${j}`;
    const cached = memo.get(key);
    if (cached !== undefined) return cached;
    let ok = false;
    if (i === a.length && j === b.length) ok = true;
    else if (i < a.length && a[i] === 'va') ok = go(i + 1, j);
    if (!ok && j < b.length && b[j] === 'va') ok = go(i, j + 1);
    if (!ok && i < a.length && j < b.length) {
      if (a[i] === b[j]) ok = go(i + 1, j + 1);
      if (!ok) ok = spellings(a[i]!, b, j).some((end) => end > j + 1 && go(i + 1, end));
      if (!ok) ok = spellings(b[j]!, a, i).some((end) => end > i + 1 && go(end, j + 1));
    }
    memo.set(key, ok);
    return ok;
  };
  return go(0, 0);
}

function similarity(a: string[], b: string[]): number {
  const sa = new Set(a);
  const sb = new Set(b);
  const common = [...sa].filter((t) => sb.has(t)).length;
  return common / Math.max(1, new Set([...sa, ...sb]).size);
}

const validOn = (u: ResolvableUnit, date: string) => (u.validFrom === null || u.validFrom <= date) && (u.validTo === null || u.validTo >= date);

export interface ResolverOptions {
  /** The government issuing the plan (UBND thị xã Đông Hòa): groups fan out below it. */
  issuerId: number;
  /** Units valid on this date (YYYY-MM-DD) are used: the plan's date. */
  onDate: string;
}

export function createResolver(units: readonly ResolvableUnit[], options: ResolverOptions): (party: string) => Resolution {
  const live = units.filter((u) => validOn(u, options.onDate));
  const tree = new UnitTree(units);
  const governmentOf = (id: number) => tree.governmentOf(id);
  const places = new Set(
    units
      .filter((u) => u.kind === 'province' || u.kind === 'district')
      .map((u) => searchKey(u.shortName ?? ''))
      .filter(Boolean),
  );
  const norm = (text: string) => stripLocality(stripLeading(searchKey(text).split(' ').filter(Boolean)), places);
  const names = live.map((u) => ({
    unit: u,
    variants: [u.name, u.shortName ?? '', ...u.aliases].filter(Boolean).map((v) => norm(v).tokens),
  }));
  const levelOf = (id: number): Level | null => {
    const kind = tree.get(governmentOf(id) ?? -1)?.kind;
    return kind === 'province' ? 'province' : kind === 'district' ? 'district' : null;
  };
  const inIssuer = (u: ResolvableUnit) => u.id !== options.issuerId && governmentOf(u.id) === options.issuerId;
  const members: Record<GroupKey, number[]> = {
    communes_wards: live.filter((u) => (u.kind === 'commune' || u.kind === 'ward') && tree.ancestors(u.id).includes(options.issuerId)).map((u) => u.id),
    agencies: live.filter((u) => u.kind === 'agency' && inIssuer(u)).map((u) => u.id),
    mass_orgs: live.filter((u) => u.kind === 'mass_org' && inIssuer(u)).map((u) => u.id),
    agencies_and_mass_orgs: live.filter((u) => (u.kind === 'agency' || u.kind === 'mass_org') && inIssuer(u)).map((u) => u.id),
  };
  const issuerTree = tree.subtree(options.issuerId);

  // A plan names the same parties again and again ("UBND các xã, phường" in most rows): resolve each once.
  const memo = new Map<string, Resolution>();
  return (party: string): Resolution => {
    const cached = memo.get(party);
    if (cached) return cached;
    const result = resolveOnce(party);
    memo.set(party, result);
    return result;
  };

  function resolveOnce(party: string): Resolution {
    const text = party.trim();
    const key = searchKey(text);
    const stripped = stripLeading(key.split(' ').filter(Boolean)).join(' ');
    const { tokens, level } = norm(text);
    for (const p of PATTERNS) {
      if (!p.test.test(stripped) && !p.test.test(tokens.join(' '))) continue;
      if (p.vague) return { type: 'vague', text, reason: p.vague };
      return { type: 'group', text, group: p.group!, unitIds: members[p.group!] };
    }
    const hits = names.filter((n) => (level === null || levelOf(n.unit.id) === level) && n.variants.some((v) => namesMatch(tokens, v)));
    // Prefer the issuer's own units: "Thanh tra" under the thị xã before Thanh tra tỉnh.
    const hit = hits.find((h) => issuerTree.has(h.unit.id)) ?? hits[0];
    if (hit) {
      return { type: 'unit', text, unitId: hit.unit.id, unitName: hit.unit.name, external: !issuerTree.has(hit.unit.id) || hit.unit.kind === 'external' };
    }
    const suggestions = names
      .map((n) => ({ unitId: n.unit.id, name: n.unit.name, score: Math.max(...n.variants.map((v) => similarity(tokens, v))) }))
      .filter((s) => s.score >= 0.34)
      .sort((x, y) => y.score - x.score)
      .slice(0, 3)
      .map((s) => ({ ...s, score: Math.round(s.score * 100) / 100 }));
    return { type: 'unmatched', text, suggestions };
  }
}
