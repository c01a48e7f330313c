/**
 * Codes citizens type back (tracking codes, receipt codes). Random, from an alphabet without the look-alikes
 * 0/O and 1/I, so a code read aloud over the phone or copied from paper is not mistaken. 32 symbols give
 * 5 bits each: 10 symbols are 50 bits, far beyond guessing at a rate-limited look-up.
 * The random bytes come from the caller (node:crypto in services), so this stays pure.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Bits of randomness in a code of `length` symbols. */
export const codeBits = (length: number): number => length * Math.log2(CODE_ALPHABET.length);

/**
 * `length` symbols from `bytes` (one byte per symbol; 256 is a multiple of 32, so `b % 32` is uniform).
 * Throws when fewer bytes than symbols are given: a short code must never pass silently.
 */
export function randomCode(bytes: Uint8Array, length: number): string {
  if (!Number.isInteger(length) || length < 1) throw new RangeError(`Bad code length: ${length}`);
  if (bytes.length < length) throw new RangeError(`Need ${length} random bytes, got ${bytes.length}`);
  let out = '';
  for (let i = 0; i < length; i++) out += CODE_ALPHABET[bytes[i]! % CODE_ALPHABET.length];
  return out;
}

/**
 * The canonical form of a typed code: upper case, separators and spaces removed, and the look-alikes a
 * reader may still type (O for 0 is not in the alphabet, so O→0 is not guessed) refused. Returns the
 * bare symbols (prefix letters included), or null when anything is not a code symbol.
 */
export function normaliseCode(input: string): string | null {
  const bare = input.normalize('NFC').toUpperCase().replace(/[\s\-_.]/g, '');
  if (!bare || bare.length > 40) return null;
  for (const ch of bare) if (!CODE_ALPHABET.includes(ch)) return null;
  return bare;
}

/** Groups of four for reading: "PA" + "7K3MQ9XT" → "PA-7K3M-Q9XT". */
export function groupCode(prefix: string, body: string): string {
  const groups = body.match(/.{1,4}/g) ?? [];
  return [prefix, ...groups].join('-');
}
