import { validationError } from '../errors.js';

/** The kinds of question a questionnaire may hold. */
export const QUESTION_KINDS = ['single', 'multiple', 'scale', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface Question {
  /** Stable within a survey, so answers keep pointing at the right question when others are reordered. */
  id: string;
  kind: QuestionKind;
  text: string;
  /** Optional help under the question. */
  help?: string;
  required: boolean;
  /** Choices of a single or multiple choice question; absent otherwise. */
  options?: string[];
}

export const SURVEY_STATUSES = ['draft', 'published', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

export const SUBJECT_KINDS = ['service', 'unit'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/** The public services a survey may be about (the issue names these three first). */
export const SERVICE_AREAS = {
  administrative_procedures: 'Giải quyết thủ tục hành chính',
  public_health: 'Y tế cơ sở',
  primary_education: 'Giáo dục tiểu học',
  other: 'Dịch vụ công khác',
} as const;
export type ServiceArea = keyof typeof SERVICE_AREAS;
export const isServiceArea = (v: unknown): v is ServiceArea => typeof v === 'string' && Object.hasOwn(SERVICE_AREAS, v);

/** The five points of a satisfaction scale, as the national questionnaire words them. */
export const SCALE_LABELS = ['Rất không hài lòng', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng'] as const;

export const COMMENT_STATUSES = ['pending', 'approved', 'hidden'] as const;
/** A free-text answer is pending until a coordinator approves it for the public or hides it. */
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export const LIMITS = {
  questions: 60,
  questionText: 500,
  help: 500,
  options: 20,
  optionText: 200,
  title: 300,
  description: 3000,
  freeText: 2000,
} as const;

const ID_PATTERN = /^[a-z0-9_-]{1,20}$/;

const clean = (v: unknown): string => (typeof v === 'string' ? v.normalize('NFC').replace(/\s+/g, ' ').trim() : '');

/**
 * Checks a questionnaire sent by the builder and returns it normalised (trimmed, NFC, ids given to new
 * questions). Every problem is named by its question number, in Vietnamese, in one 400.
 */
export function validateQuestionnaire(input: unknown): Question[] {
  if (!Array.isArray(input)) throw validationError('questions_invalid', 'Danh sách câu hỏi không hợp lệ.');
  if (input.length === 0) throw validationError('questions_required', 'Phiếu khảo sát cần ít nhất một câu hỏi.');
  if (input.length > LIMITS.questions) throw validationError('too_many_questions', `Phiếu khảo sát có tối đa ${LIMITS.questions} câu hỏi.`);
  const problems: string[] = [];
  const used = new Set<string>();
  for (const q of input) {
    const id = (q as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && ID_PATTERN.test(id)) used.add(id);
  }
  let next = 1;
  const freshId = () => {
    while (used.has(`q${next}`)) next++;
    used.add(`q${next}`);
    return `q${next}`;
  };
  const seen = new Set<string>();
  const out: Question[] = [];
  input.forEach((raw: unknown, i) => {
    const n = i + 1;
    const q = (raw ?? {}) as Record<string, unknown>;
    const kind = q.kind;
    if (!QUESTION_KINDS.includes(kind as QuestionKind)) {
      problems.push(`Câu ${n}: loại câu hỏi không hợp lệ (cần một lựa chọn, nhiều lựa chọn, thang điểm 1–5 hoặc trả lời tự do).`);
      return;
    }
    let id = typeof q.id === 'string' && ID_PATTERN.test(q.id) ? q.id : freshId();
    if (seen.has(id)) id = freshId();
    seen.add(id);
    const text = clean(q.text);
    if (!text) problems.push(`Câu ${n}: chưa nhập nội dung câu hỏi.`);
    if (text.length > LIMITS.questionText) problems.push(`Câu ${n}: nội dung câu hỏi dài quá ${LIMITS.questionText} ký tự.`);
    const help = clean(q.help);
    if (help.length > LIMITS.help) problems.push(`Câu ${n}: phần hướng dẫn dài quá ${LIMITS.help} ký tự.`);
    const question: Question = { id, kind: kind as QuestionKind, text, required: q.required === true, ...(help ? { help } : {}) };
    if (kind === 'single' || kind === 'multiple') {
      const options = Array.isArray(q.options) ? q.options.map(clean) : [];
      if (options.filter(Boolean).length < 2) problems.push(`Câu ${n}: câu hỏi lựa chọn cần ít nhất hai phương án.`);
      if (options.some((o) => !o)) problems.push(`Câu ${n}: có phương án để trống.`);
      if (options.length > LIMITS.options) problems.push(`Câu ${n}: có tối đa ${LIMITS.options} phương án.`);
      if (options.some((o) => o.length > LIMITS.optionText)) problems.push(`Câu ${n}: có phương án dài quá ${LIMITS.optionText} ký tự.`);
      if (new Set(options.map((o) => o.toLowerCase())).size !== options.length) problems.push(`Câu ${n}: có hai phương án trùng nhau.`);
      question.options = options;
    }
    out.push(question);
  });
  if (problems.length > 0) throw validationError('questionnaire_invalid', `Phiếu khảo sát chưa hợp lệ: ${problems.join(' ')}`, { problems });
  return out;
}

/** One respondent's answers, by question id: an option index, option indexes, a 1–5 point or a text. */
export type AnswerValue = number | number[] | string;
export type Answers = Record<string, AnswerValue>;

/** What a form sends: each field once or several times (checkboxes). */
export type RawAnswers = Record<string, string | string[] | undefined>;

export interface AnswerProblem {
  questionId: string;
  number: number;
  message: string;
}

/** The name of a question's field in the public form. */
export const fieldName = (q: Pick<Question, 'id'>) => `c_${q.id}`;

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/**
 * Reads a respondent's form against the questionnaire. Unknown fields are ignored; a required question
 * left empty, an option that is not offered or a point outside 1–5 is a problem named by question number.
 */
export function readAnswers(questions: readonly Question[], raw: RawAnswers): { answers: Answers; problems: AnswerProblem[] } {
  const answers: Answers = {};
  const problems: AnswerProblem[] = [];
  questions.forEach((q, i) => {
    const number = i + 1;
    const values = asList(raw[fieldName(q)]).map((v) => String(v).trim()).filter((v) => v !== '');
    const problem = (message: string) => problems.push({ questionId: q.id, number, message: `Câu ${number}: ${message}` });
    if (values.length === 0) {
      if (q.required) problem(q.kind === 'text' ? 'cần nhập câu trả lời.' : 'cần chọn một câu trả lời.');
      return;
    }
    switch (q.kind) {
      case 'single': {
        const idx = optionIndex(values[0]!, q.options!.length);
        if (values.length > 1 || idx === null) problem('lựa chọn không hợp lệ.');
        else answers[q.id] = idx;
        return;
      }
      case 'multiple': {
        const idxs = values.map((v) => optionIndex(v, q.options!.length));
        if (idxs.some((x) => x === null)) problem('có lựa chọn không hợp lệ.');
        else answers[q.id] = [...new Set(idxs as number[])].sort((a, b) => a - b);
        return;
      }
      case 'scale': {
        const point = values.length === 1 && /^[1-5]$/.test(values[0]!) ? Number(values[0]) : null;
        if (point === null) problem('cần chọn một mức từ 1 đến 5.');
        else answers[q.id] = point;
        return;
      }
      case 'text': {
        const text = values.join('\n').normalize('NFC').replace(/\r\n?/g, '\n').trim();
        if (text.length > LIMITS.freeText) problem(`câu trả lời dài quá ${LIMITS.freeText} ký tự.`);
        else answers[q.id] = text;
        return;
      }
    }
  });
  return { answers, problems };
}

function optionIndex(v: string, count: number): number | null {
  if (!/^\d{1,2}$/.test(v)) return null;
  const n = Number(v);
  return n < count ? n : null;
}
