/** Tracking codes of feedback: "PA-7K3M-Q9XT", 8 random symbols = 40 bits (domain/codes.ts). */
import { groupCode, normaliseCode, randomCode } from '../codes.js';

export const FEEDBACK_CODE_PREFIX = 'PA';
export const FEEDBACK_CODE_SYMBOLS = 8;

export const feedbackCode = (bytes: Uint8Array): string => groupCode(FEEDBACK_CODE_PREFIX, randomCode(bytes, FEEDBACK_CODE_SYMBOLS));

/** The stored form of a typed code ("pa 7k3m q9xt" → "PA-7K3M-Q9XT"), or null when it is not one. */
export function parseFeedbackCode(input: string | undefined | null): string | null {
  if (typeof input !== 'string') return null;
  const bare = normaliseCode(input);
  if (!bare || bare.length !== FEEDBACK_CODE_PREFIX.length + FEEDBACK_CODE_SYMBOLS || !bare.startsWith(FEEDBACK_CODE_PREFIX)) return null;
  return groupCode(FEEDBACK_CODE_PREFIX, bare.slice(FEEDBACK_CODE_PREFIX.length));
}
