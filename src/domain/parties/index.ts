/**
 * Splitting a lead / coordinating cell of a plan table into the parties it names.
 *
 * ";" and line breaks always separate parties. A comma or " và " separates parties only when what
 * follows starts a new party ("Sở Giao thông vận tải, Sở Công thương"); otherwise it belongs to one
 * name or one group ("Sở Lao động, TB&XH", "Phòng Văn hóa và Thông tin", "UBND các xã, phường",
 * "Các cơ quan, ban, ngành, đoàn thể thị xã", "UBMTTQVN và các đoàn thể thị xã, các xã, phường").
 * "Phòng: A, B" gives "Phòng A", "Phòng B". In a lead cell, "A phối hợp (với) B" makes A lead and B
 * coordinating; "Chủ trì: …", "Phối hợp: …" labels do the same.
 * Pure: no I/O, no unit database (matching names to units is a later step).
 */
import { foldDiacritics } from '../text/normalize.js';

export interface SplitParties {
  lead: string[];
  coordinating: string[];
}

const fold = (s: string) => foldDiacritics(s).toLowerCase().replace(/\s+/g, ' ').trim();

/** Words a party's name starts with (folded). Administrative levels alone ("xã", "khu phố") are not among them. */
const HEAD =
  /^(?:phong|so|ban|uy ban|ubnd|ub\.? ?mttq|ub ?mt|mttq|mat tran|hdnd|van phong|thanh tra|cong an|toa an|vien kiem sat|vks|trung tam|chi nhanh|chi cuc|cuc|bo|bao hiem|bhxh|bo phan|doan|thi doan|huyen doan|tinh doan|hoi|lien doan|ldld|truong|benh vien|tram|cong ty|kho bac|ngan hang|dien luc|dai|thi uy|huyen uy|tinh uy|thanh uy|dang uy|cap uy|thuong truc|bo chi huy|ban chi huy|hat|doi|nha|chu tich|lanh dao|thu truong|nguoi dung dau|can bo|cong chuc|quy|hop tac xa|doanh nghiep|to chuc|co quan|don vi|dia phuong|cac)(?:\b|$)/;

/** Generic nouns that, standing alone in a list, continue a group name ("ban", "ngành", "đơn vị"). */
const GENERIC = new Set([
  'ban', 'nganh', 'doan the', 'don vi', 'co quan', 'dia phuong', 'to chuc', 'phong', 'so', 'hoi', 'truong',
  'xa', 'phuong', 'thi tran', 'khu pho', 'thon', 'to dan pho', 'ap', 'buon', 'lang', 'ban nganh', 'hoi doan the',
  'doanh nghiep', 'truong hoc', 'cum dan cu', 'khu dan cu',
]);
const QUALIFIER =
  /(?:\s+(?:thi xa|huyen|tinh|thanh pho|quan|xa|phuong|thi tran|cap xa|cap huyen|cap tinh|lien quan|co lien quan|tren dia ban|dia phuong|doan the))+$/;
/** After "các": administrative levels qualify the group before them ("… thị xã, các xã, phường"). */
const ADMIN_AFTER_CAC = /^cac (?:xa|phuong|thi tran|thon|khu pho|to dan pho|huyen|thi xa|thanh pho|quan|tinh|cap|ap|buon|lang)\b/;
const MTTQ = /(?:mttq|mat tran)/;
const MTTQ_COMPANION = /^cac (?:doan the|to chuc chinh tri|hoi doan the|to chuc doan the|hoi)\b/;

function isBareGeneric(folded: string): boolean {
  const core = folded.replace(/^cac /, '').replace(QUALIFIER, '').trim();
  return core === '' || GENERIC.has(core);
}

/** Splits on "," and " và " outside parentheses, keeping each separator. */
function tokens(chunk: string): Array<{ sep: ',' | 'và' | ''; text: string }> {
  const out: Array<{ sep: ',' | 'và' | ''; text: string }> = [];
  let depth = 0;
  let start = 0;
  let sep: ',' | 'và' | '' = '';
  for (let i = 0; i < chunk.length; i++) {
    const ch = chunk[i]!;
    if (ch === '(' || ch === '[') depth++;
    else if ((ch === ')' || ch === ']') && depth > 0) depth--;
    if (depth > 0) continue;
    if (ch === ',') {
      out.push({ sep, text: chunk.slice(start, i) });
      sep = ',';
      start = i + 1;
    } else if (ch === ' ' && /^ (?:và|Và|VÀ) /.test(chunk.slice(i, i + 4))) {
      out.push({ sep, text: chunk.slice(start, i) });
      sep = 'và';
      start = i + 4;
      i += 3;
    }
  }
  out.push({ sep, text: chunk.slice(start) });
  return out;
}

function startsParty(piece: string, sep: ',' | 'và' | '', current: string): boolean {
  const f = fold(piece);
  if (f === '') return false;
  const cur = fold(current);
  if (f.startsWith('cac ') || f === 'cac') {
    if (ADMIN_AFTER_CAC.test(f)) return false;
    if (sep === 'và' && cur.startsWith('cac ')) return false; // "Các Sở, ban, ngành và các cơ quan, đơn vị liên quan"
    if (sep === 'và' && MTTQ.test(cur) && MTTQ_COMPANION.test(f)) return false; // "UBMTTQVN và các đoàn thể …"
    return !isBareGeneric(f);
  }
  if (!HEAD.test(f) || isBareGeneric(f)) return false;
  if (sep === 'và' && /hdnd$/.test(cur) && /^ubnd\b/.test(f)) return false; // "Văn phòng HĐND và UBND thị xã"
  return true;
}

/** The sector names that contain "và" and may follow "Phòng:" / "Sở:" in a list. */
const SECTORS_WITH_VA = [
  'tai nguyen va moi truong', 'van hoa va thong tin', 'giao duc va dao tao', 'thuong binh va xa hoi',
  'ke hoach va dau tu', 'nong nghiep va phat trien nong thon', 'thong tin va truyen thong', 'khoa hoc va cong nghe',
  'the thao va du lich', 'tai chinh va ke hoach', 'van hoa va the thao', 'kinh te va ha tang', 'noi vu va lao dong',
];

function splitColonList(list: string): string[] {
  const pieces = tokens(list);
  const out: string[] = [];
  for (const p of pieces) {
    const text = p.text.trim();
    if (!text) continue;
    const prev = out[out.length - 1];
    if (p.sep === 'và' && prev !== undefined && SECTORS_WITH_VA.some((s) => fold(`${prev} và ${text}`).endsWith(s))) {
      out[out.length - 1] = `${prev} và ${text}`;
    } else out.push(text);
  }
  return out;
}

const COLON_HEAD = /^(?:các\s+)?(phòng|sở|ban|trung tâm|hội|đoàn thể|chi cục|ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s*:\s*(.+)$/iu;

function splitChunk(chunk: string): string[] {
  const colon = COLON_HEAD.exec(chunk);
  if (colon) {
    const head = colon[1]!;
    const prefix = /^ubnd$/i.test(head) ? 'UBND' : head.charAt(0).toLocaleUpperCase('vi') + head.slice(1).toLocaleLowerCase('vi');
    return splitColonList(colon[2]!).map((item) => (HEAD.test(fold(item)) && !isBareGeneric(fold(item)) ? item : `${prefix} ${item}`));
  }
  const parties: string[] = [];
  for (const t of tokens(chunk)) {
    const current = parties[parties.length - 1];
    if (current === undefined || startsParty(t.text, t.sep, current)) parties.push(t.text);
    else parties[parties.length - 1] = `${current}${t.sep === ',' ? ',' : ' và'} ${t.text.trim()}`;
  }
  return parties;
}

/** Tidies one party's name: spacing, stray punctuation, the first letter in capitals. */
export function normalizeParty(name: string): string {
  let s = name
    .normalize('NFC')
    .replace(/<\/?i>/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .replace(/^(?:[-+•*–—·]+\s*)+/, '')
    .replace(/\(\s*(?:chủ trì|phối hợp|cơ quan chủ trì|cơ quan phối hợp)\s*\)/giu, '')
    .replace(/\s+([,.;:)\]])/g, '$1')
    .replace(/([([])\s+/g, '$1')
    .replace(/(\S)-\s+(?=\S)/g, '$1-')
    .replace(/(\S)\s+-(?=[^\s\d])/g, '$1-')
    .replace(/[\s,.;:]+$/, '')
    .replace(/^[\s,.;:]+/, '')
    .trim();
  if (s) s = s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
  return s;
}

const LEAD_LABEL = /^(?:cơ quan |đơn vị )?chủ trì\s*[:：]\s*/iu;
const COORD_LABEL = /^(?:cơ quan |đơn vị )?phối hợp\s*[:：]\s*/iu;
const JOINT = /\s+(?:chủ trì\s*,?\s*)?phối hợp(?:\s+với)?\s+/iu;
const TRAILING_LEAD = /\s*,?\s*(?:làm\s+)?chủ trì\s*$/iu;

/**
 * The parties of one cell. `role` is the column the cell is in: a lead cell may also name
 * coordinating parties ("A phối hợp B"); a coordinating cell names only coordinating parties
 * unless it says "Chủ trì: …".
 */
export function splitParties(text: string, role: 'lead' | 'coordinating' = 'lead'): SplitParties {
  const result: SplitParties = { lead: [], coordinating: [] };
  const clean = text
    .normalize('NFC')
    .replace(/<\/?i>/g, '')
    .replace(/\r\n?/g, '\n');
  let mode: 'lead' | 'coordinating' = role;
  const chunks: string[] = [];
  // ";" and line breaks outside parentheses separate parties.
  let depth = 0;
  let start = 0;
  for (let i = 0; i < clean.length; i++) {
    const ch = clean[i]!;
    if (ch === '(') depth++;
    else if (ch === ')' && depth > 0) depth--;
    else if (depth === 0 && (ch === ';' || ch === '\n')) {
      chunks.push(clean.slice(start, i));
      start = i + 1;
    }
  }
  chunks.push(clean.slice(start));

  for (const raw of chunks) {
    let chunk = raw.replace(/[\s\u00a0]+/g, ' ').trim().replace(/^(?:[-+•*–—·]+\s*)+/, '');
    if (!chunk) continue;
    if (LEAD_LABEL.test(chunk)) {
      mode = 'lead';
      chunk = chunk.replace(LEAD_LABEL, '');
    } else if (COORD_LABEL.test(chunk)) {
      mode = 'coordinating';
      chunk = chunk.replace(COORD_LABEL, '');
    }
    let target = mode;
    if (/\((?:cơ quan )?chủ trì\)/iu.test(chunk)) target = 'lead';
    else if (/\((?:cơ quan )?phối hợp\)/iu.test(chunk)) target = 'coordinating';
    chunk = chunk.replace(TRAILING_LEAD, '');
    const joint = mode === 'lead' ? JOINT.exec(chunk) : null;
    if (joint && joint.index > 0) {
      const before = chunk.slice(0, joint.index);
      const after = chunk.slice(joint.index + joint[0].length);
      if (HEAD.test(fold(after)) || /^[\p{Lu}]/u.test(after)) {
        result.lead.push(...splitChunk(before));
        result.coordinating.push(...splitChunk(after));
        continue;
      }
    }
    result[target].push(...splitChunk(chunk));
  }
  return {
    lead: dedupe(result.lead.map(normalizeParty)),
    coordinating: dedupe(result.coordinating.map(normalizeParty)),
  };
}

function dedupe(names: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const n of names) {
    const key = fold(n);
    if (!n || seen.has(key)) continue;
    seen.add(key);
    out.push(n);
  }
  return out;
}

/**
 * The units of a task: its lead cell and coordinating cell together. Parties named after
 * "phối hợp" in the lead cell come first among the coordinating units; a party that leads is not
 * also listed as coordinating.
 */
export function taskParties(leadCell: string, coordinatingCell: string): { leadUnits: string[]; coordinatingUnits: string[] } {
  const fromLead = splitParties(leadCell, 'lead');
  const fromCoord = splitParties(coordinatingCell, 'coordinating');
  const leadUnits = dedupe([...fromLead.lead, ...fromCoord.lead]);
  const leadKeys = new Set(leadUnits.map(fold));
  const coordinatingUnits = dedupe([...fromLead.coordinating, ...fromCoord.coordinating]).filter((n) => !leadKeys.has(fold(n)));
  return { leadUnits, coordinatingUnits };
}
