import { validationError } from '../errors.js';
import { normaliseEmail } from '../reminders/index.js';

/**
 * Citizens following a plan or a commune by e-mail (*đăng ký theo dõi*), double opt-in: the rules that
 * need no database — which addresses are taken, how an address is masked wherever it must be named, which
 * changes are worth a letter and what each letter says.
 */

export type TargetKind = 'plan' | 'unit';

/** The target as the portal's form names it (Vietnamese, no diacritics) ↔ as stored. */
export const TARGET_KIND_OF_FORM: Readonly<Record<string, TargetKind>> = { 'ke-hoach': 'plan', 'don-vi': 'unit' };
export const FORM_OF_TARGET_KIND: Readonly<Record<TargetKind, string>> = { plan: 'ke-hoach', unit: 'don-vi' };

/** Outbox kinds of the letters to citizens: sent by the follow job, never by the reminder pass. */
export const FOLLOW_MAIL_KINDS = ['follow_confirm', 'follow_already', 'follow_digest'] as const;
export type FollowMailKind = (typeof FOLLOW_MAIL_KINDS)[number];

/** An unconfirmed subscription (and its confirmation link) lives this long. */
export const CONFIRM_TTL_MS = 7 * 24 * 3600_000;
/** Confirmation letters one address may be sent in 24 hours: enough for a typo and a retry, too few to bomb a mailbox. */
export const MAX_CONFIRMATIONS_PER_DAY = 3;
/**
 * A change is only considered once it is this old: a write stamped before a pass but committed after it
 * (a PostgreSQL transaction that waited for the audit lock) is still seen by the next pass.
 */
export const SETTLE_MS = 2 * 60_000;
/** Lines of one accepted report a letter lists before "và N nhiệm vụ khác". */
export const ENTRIES_PER_REPORT = 8;

/**
 * The address as stored: NFC, trimmed, lower case, plausible (one @, a dotted domain of letters, digits
 * and hyphens, no spaces, quotes or angle brackets). Anything else is refused with a Vietnamese message
 * that does not repeat the input (the page escapes it anyway, but a letter-bomb form needs no echo).
 */
export function subscriberEmail(input: unknown): string {
  if (typeof input !== 'string' || input.trim() === '') {
    throw validationError('email_required', 'Vui lòng nhập địa chỉ thư điện tử để nhận thông báo.');
  }
  const email = normaliseEmail(input.normalize('NFC'));
  if (!email || email.length > 254 || /[^\x21-\x7e]/.test(email) || email.split('@')[0]!.length > 64) {
    throw validationError('invalid_email', 'Địa chỉ thư điện tử không hợp lệ. Vui lòng kiểm tra lại (ví dụ đúng: ten.cua.ban@gmail.com).');
  }
  return email;
}

/** "n***@gmail.com": how an address appears in the audit log and in logs — never in clear. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** A random token's shape in a link (base64url, 43 characters); anything else is not looked up. */
export function plausibleToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

// ---------------------------------------------------------------------------------------------------------
// Changes worth a letter

export type EntryStatus = 'not_started' | 'in_progress' | 'done' | 'blocked';

export const ENTRY_STATUS_LABEL_VI: Record<EntryStatus, string> = {
  not_started: 'Chưa thực hiện',
  in_progress: 'Đang thực hiện',
  done: 'Hoàn thành',
  blocked: 'Gặp vướng mắc',
};

/** One task line of an ACCEPTED report. */
export interface ProgressLine {
  entryId: number;
  taskId: number;
  taskNo: string;
  status: EntryStatus;
  progress: number | null;
  results: string;
}

/** A report accepted: the public progress of its unit in its plan changed. */
export interface ProgressChange {
  kind: 'progress';
  /** When it was accepted (UTC instant). */
  at: string;
  reportId: number;
  planId: number;
  planTitle: string;
  unitCode: string;
  unitName: string;
  roundLabel: string;
  lines: ProgressLine[];
}

/** A disclosure of the unit became public. */
export interface DisclosureChange {
  kind: 'disclosure';
  /** When it became public: its approval, or the start of its publish date in Vietnam when that is later. */
  at: string;
  id: number;
  title: string;
  categoryLabel: string;
  unitName: string;
  publishDate: string;
  postingEnd: string | null;
  summary: string;
}

export type FollowChange = ProgressChange | DisclosureChange;

/** 00:00 of a Vietnamese calendar date, as a UTC instant. */
export function vnMidnight(date: string): string {
  return new Date(`${date}T00:00:00+07:00`).toISOString();
}

/** When a published disclosure became visible to citizens. */
export function disclosurePublicSince(d: { approvedAt: string | null; publishDate: string }): string {
  const start = vnMidnight(d.publishDate);
  return d.approvedAt && d.approvedAt > start ? d.approvedAt : start;
}

/**
 * The changes a subscription has not heard of: after its watermark, and no later than `until` (the pass's
 * settled cut-off). Oldest first, so a letter reads as a chronicle.
 */
export function changesAfter<C extends { at: string }>(changes: readonly C[], watermark: string, until: string): C[] {
  return changes.filter((c) => c.at > watermark && c.at <= until).sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * Letters wait in the outbox with these slots where their links' tokens go; the sender fills them with fresh
 * tokens at the moment of sending and stores only their hashes, so no table ever holds a usable link.
 */
export const TOKEN_SLOTS = { confirm: '{{ma-xac-nhan}}', unsubscribe: '{{ma-huy}}' } as const;
export type TokenPurpose = keyof typeof TOKEN_SLOTS;

/** The slots a queued letter holds (in its text or its headers). */
export function slotsIn(text: string): TokenPurpose[] {
  return (Object.keys(TOKEN_SLOTS) as TokenPurpose[]).filter((p) => text.includes(TOKEN_SLOTS[p]));
}

/** The letter with its slots filled. */
export function fillSlots(text: string, tokens: Partial<Record<TokenPurpose, string>>): string {
  let out = text;
  for (const p of Object.keys(TOKEN_SLOTS) as TokenPurpose[]) if (tokens[p] !== undefined) out = out.split(TOKEN_SLOTS[p]).join(tokens[p]!);
  return out;
}

/** Outbox key of a citizen's letter: `follow:<confirm|already|digest>:<subscription id>:<instant>`. */
export function letterKey(kind: 'confirm' | 'already' | 'digest', subscriptionId: number, instant: string): string {
  return `follow:${kind}:${subscriptionId}:${instant}`;
}

/** The subscription a letter's outbox key names; null for a key of another kind. */
export function subscriptionOfKey(key: string): number | null {
  const m = /^follow:(?:confirm|already|digest):([1-9]\d*):/.exec(key);
  return m ? Number(m[1]) : null;
}

/** The key that makes a digest unique: one letter per subscription and watermark, whoever queues it. */
export function digestKey(subscriptionId: number, watermark: string): string {
  return letterKey('digest', subscriptionId, watermark);
}
