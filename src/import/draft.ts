/** The PlanDraft (format `dondoc.plan/1`, see test/fixtures/seed/README.md): what an import produces before saving. */

export const PLAN_DRAFT_FORMAT = 'dondoc.plan/1';

export type { Dimension as DimensionKey } from '../domain/plans/plan.js';
import type { Dimension as DimensionKey } from '../domain/plans/plan.js';

export interface Window {
  from: string;
  to: string;
}

/** What a deadline parser returns (structurally the Schedule of src/domain/schedule). */
export interface ParsedDeadline {
  text: string;
  kind: string;
  dues: ReadonlyArray<{ date: string } | string>;
  end: string | null;
  count: number | null;
  trigger: string | null;
  summary: string;
  needsReview?: boolean;
}

export type DeadlineParser = (text: string, window: Window) => ParsedDeadline;

export interface DraftDeadline {
  text: string;
  kind: string;
  dues: string[];
  end: string | null;
  count: number | null;
  trigger: string | null;
  summary: string;
  needsReview: boolean;
}

export interface DraftTask {
  /** The number as written, without trailing punctuation; null for a row that had none (see warnings). */
  no: string | null;
  section: string | null;
  dimension: DimensionKey | null;
  subgroup: string | null;
  /** Cell texts as written; content and output keep italics as `<i>…</i>`. */
  content: string;
  lead: string;
  coordinating: string;
  output: string;
  leadUnits: string[];
  coordinatingUnits: string[];
  deadline: DraftDeadline;
  /** Extra columns ("Ghi chú", "Kinh phí", …): header → cell text. Present only when non-empty. */
  notes?: Record<string, string>;
}

export interface DraftSection {
  label: string | null;
  title: string;
  dimension: DimensionKey | null;
}

export interface DraftAppendix {
  label: string | null;
  title: string | null;
  window: Window;
  sections: DraftSection[];
  tasks: DraftTask[];
}

export interface DraftWarning {
  /** "II/19" (appendix/task), "II" (appendix), or "" (the whole document). */
  where: string;
  message: string;
}

export interface PlanHeader {
  number: string | null;
  date: string | null;
  year: number | null;
  issuer: string | null;
  place: string | null;
  title: string | null;
  period: Window | null;
  bases: string[];
}

export interface PlanDraft {
  format: typeof PLAN_DRAFT_FORMAT;
  source: { fileName: string; format: string };
  plan: PlanHeader;
  appendices: DraftAppendix[];
  warnings: DraftWarning[];
}
