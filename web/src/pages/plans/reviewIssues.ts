import type { ImportPreview, Schedule } from '../../api/types';

/** What the reviewer has answered so far on the review screen. */
export interface ReviewAnswers {
  /** Party text → unit id, or null = "không phải đơn vị báo cáo". */
  partyFixes: Record<string, number | null>;
  /** Task key → corrected deadline text. */
  deadlineFixes: Record<string, string>;
  /** How each corrected deadline reads (from POST /deadlines/parse). */
  readings: Record<string, Schedule>;
  /** Issue ids the reviewer ticked as seen: warnings, deadlines left unspecified on purpose. */
  acknowledged: ReadonlySet<string>;
  /** The issuing government chosen by hand, when the document's issuer line matched no unit. */
  issuerUnitId: number | null;
}

export type Issue =
  | { kind: 'issuer'; id: 'issuer'; open: boolean; text: string | null }
  | { kind: 'party'; id: string; open: boolean; text: string; keys: string[] }
  | { kind: 'deadline'; id: string; open: boolean; key: string; text: string; reason: string }
  | { kind: 'warning'; id: string; open: boolean; where: string; message: string; key: string | null };

export const partyIssueId = (text: string) => `party:${text}`;
export const deadlineIssueId = (key: string) => `deadline:${key}`;
export const warningIssueId = (w: { where: string; message: string }) => `warning:${w.where}:${w.message}`;

/**
 * Everything on the review screen a person should look at — the issuer when unknown, every party that
 * matched no unit, every deadline that was not understood, every warning of the reader — and whether
 * it is still open given the answers. Answered items stay in the list (closed) so they can be changed.
 */
export function reviewIssues(preview: ImportPreview, answers: ReviewAnswers): Issue[] {
  const issues: Issue[] = [];
  if (!preview.issuer) issues.push({ kind: 'issuer', id: 'issuer', open: answers.issuerUnitId === null, text: preview.draft.plan.issuer });

  const taskKeys = new Set(preview.tasks.map((t) => t.key));
  const keysOf = (text: string) => preview.tasks.filter((t) => t.mentions.some((m) => m.text === text)).map((t) => t.key);
  const partyTexts = [...new Set([...preview.unmatched.map((u) => u.text), ...Object.keys(answers.partyFixes)])];
  for (const text of partyTexts) {
    const keys = preview.unmatched.find((u) => u.text === text)?.keys ?? keysOf(text);
    if (!keys.length) continue;
    issues.push({ kind: 'party', id: partyIssueId(text), open: answers.partyFixes[text] === undefined, text, keys });
  }

  // The deadline as the document wrote it, per task key (preview.tasks follows the draft's order).
  const originalDeadline = new Map(preview.draft.appendices.flatMap((a) => a.tasks).map((d, i) => [preview.tasks[i]?.key ?? '', d.deadline.text]));
  const settledDeadlines = new Set<string>();
  const review = new Map(preview.needsReview.map((n) => [n.key, n]));
  const deadlineKeys = [...new Set([...review.keys(), ...Object.keys(answers.deadlineFixes)])].filter((k) => taskKeys.has(k));
  for (const key of deadlineKeys) {
    const listed = review.get(key);
    const reading = answers.readings[key];
    const fixedWell = answers.deadlineFixes[key] !== undefined && reading !== undefined && !reading.needsReview;
    const open = listed !== undefined && !fixedWell && !answers.acknowledged.has(deadlineIssueId(key));
    if (!open) settledDeadlines.add(key);
    const task = preview.tasks.find((t) => t.key === key);
    issues.push({
      kind: 'deadline',
      id: deadlineIssueId(key),
      open,
      key,
      text: listed?.text ?? task?.schedule.text ?? '',
      reason: listed?.reason ?? '',
    });
  }

  for (const w of preview.warnings) {
    const id = warningIssueId(w);
    // The reader's warning about a deadline it could not read is settled with that deadline.
    const quoted = originalDeadline.get(w.where);
    const aboutSettledDeadline = settledDeadlines.has(w.where) && quoted !== undefined && w.message.includes(`«${quoted}»`);
    issues.push({
      kind: 'warning',
      id,
      open: !answers.acknowledged.has(id) && !aboutSettledDeadline,
      where: w.where,
      message: w.message,
      key: taskKeys.has(w.where) ? w.where : null,
    });
  }
  return issues;
}
