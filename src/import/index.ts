/**
 * Plan documents → PlanDraft (format `dondoc.plan/1`). `readPlanFile` is the entry point: it detects
 * the format (content first: zip signature and parts; then the extension), reads the file into the
 * neutral model (text-reader, docx-reader, xlsx-reader), and interprets it (interpret.ts) with the
 * project's deadline grammar. Every failure is a DomainError with a Vietnamese message.
 */
import { parseDeadline } from '../domain/schedule/index.js';
import type { DeadlineParser, PlanDraft } from './draft.js';
import { readPlanWith } from './read.js';

export type { DeadlineParser, DraftAppendix, DraftTask, DraftWarning, PlanDraft } from './draft.js';
export { PLAN_DRAFT_FORMAT } from './draft.js';
export { interpretPlan } from './interpret.js';
export type { PlanDocument } from './model.js';
export { readDocument, readPlanWith } from './read.js';

export interface ReadPlanOptions {
  /** The deadline grammar; the project's own (src/domain/schedule) by default. */
  parseDeadline?: DeadlineParser;
}

/** Reads a plan document (.docx, .xlsx, .txt, .tsv) into a PlanDraft. Throws only DomainError. */
export async function readPlanFile(bytes: Uint8Array, fileName: string, options: ReadPlanOptions = {}): Promise<PlanDraft> {
  return readPlanWith(bytes, fileName, options.parseDeadline ?? parseDeadline);
}
