import type { Answers, Question, QuestionKind } from './model.js';
import { SCALE_LABELS } from './model.js';

export interface OptionCount {
  label: string;
  count: number;
  /** count / people who answered the question, 0–1; null when nobody did. */
  share: number | null;
}

export interface QuestionResult {
  id: string;
  number: number;
  kind: QuestionKind;
  text: string;
  /** People who answered this question (a question may be optional). */
  answered: number;
  /** Single and multiple choice: one line per option; scale: one line per point 1–5. */
  counts: OptionCount[];
  /** Scale only: mean of the points given, two decimals; null when nobody answered. */
  mean: number | null;
}

export interface SurveyResults {
  responses: number;
  questions: QuestionResult[];
  /** Mean of every scale question's mean (each question weighs the same), two decimals. */
  overallMean: number | null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Counts per option, distribution and mean of each 1–5 scale, and how many answered each question.
 * Answers to questions no longer in the questionnaire, or options it no longer has, are left out.
 */
export function aggregate(questions: readonly Question[], responses: readonly Answers[]): SurveyResults {
  const results = questions.map((q, i): QuestionResult => {
    const size = q.kind === 'scale' ? 5 : q.kind === 'text' ? 0 : (q.options?.length ?? 0);
    const tally = new Array<number>(size).fill(0);
    let answered = 0;
    let sum = 0;
    for (const answers of responses) {
      const v = answers[q.id];
      if (v === undefined) continue;
      if (q.kind === 'single' && typeof v === 'number' && v >= 0 && v < size) {
        tally[v]!++;
        answered++;
      } else if (q.kind === 'multiple' && Array.isArray(v)) {
        const valid = v.filter((x) => Number.isInteger(x) && x >= 0 && x < size);
        if (valid.length === 0) continue;
        for (const x of new Set(valid)) tally[x]!++;
        answered++;
      } else if (q.kind === 'scale' && typeof v === 'number' && v >= 1 && v <= 5) {
        tally[v - 1]!++;
        sum += v;
        answered++;
      } else if (q.kind === 'text' && typeof v === 'string' && v.trim()) {
        answered++;
      }
    }
    const labels: readonly string[] = q.kind === 'scale' ? SCALE_LABELS.map((l, k) => `${k + 1} – ${l}`) : (q.options ?? []);
    return {
      id: q.id,
      number: i + 1,
      kind: q.kind,
      text: q.text,
      answered,
      counts: tally.map((count, k) => ({ label: labels[k] ?? '', count, share: answered > 0 ? count / answered : null })),
      mean: q.kind === 'scale' && answered > 0 ? round2(sum / answered) : null,
    };
  });
  const means = results.map((r) => r.mean).filter((m): m is number => m !== null);
  return {
    responses: responses.length,
    questions: results,
    overallMean: means.length > 0 ? round2(means.reduce((a, b) => a + b, 0) / means.length) : null,
  };
}

/** Percent with a Vietnamese decimal comma, one decimal: 0.5 → "50,0%". */
export function percentVi(share: number | null): string {
  return share === null ? '–' : `${(share * 100).toFixed(1).replace('.', ',')}%`;
}
