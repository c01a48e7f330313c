/**
 * The question as the public may read it: phone numbers, ID numbers, e-mail addresses, and the sender's
 * own name are replaced by a mark. The patterns are the disclosures' (domain/disclosures/personal-data.ts)
 * applied to free text; officers still read before they publish — this is the safety net.
 */
import { cleanText } from '../text/normalize.js';

export const HIDDEN = '[đã ẩn]';

const EMAIL = /[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}/gi;
/** 0 or +84 then 8–10 more digits, grouped or not. */
const PHONE = /(?<!\d)(?:\+\s?84|84|0)(?:[\s.\-]?\d){8,10}(?!\d)/g;
/** 9 or 12 digits (CMND, CCCD), grouped or not. */
const ID_NUMBER = /(?<!\d)(?:\d[\s.\-]?){8}\d(?:(?:[\s.\-]?\d){3})?(?!\d)/g;
const ESCAPE = /[.*+?^${}()|[\]\\]/g;

export function anonymise(text: string, senderName?: string | null): string {
  let out = cleanText(text).replace(EMAIL, HIDDEN).replace(PHONE, HIDDEN).replace(ID_NUMBER, HIDDEN);
  const name = senderName ? cleanText(senderName) : '';
  // One-word names ("Lan") would hide ordinary words; only full names are searched for.
  if (name.includes(' ')) out = out.replace(new RegExp(name.replace(ESCAPE, '\\$&'), 'giu'), HIDDEN);
  return out;
}

/** True when the text still looks like it holds a contact or an ID (after anonymise, never). */
export function looksPersonal(text: string): boolean {
  return new RegExp(EMAIL.source, 'i').test(text) || new RegExp(PHONE.source).test(text) || new RegExp(ID_NUMBER.source).test(text);
}
