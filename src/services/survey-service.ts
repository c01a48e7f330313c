import ExcelJS from 'exceljs';
import type { Actor } from '../domain/accounts/actor.js';
import { conflict, DomainError, notFound, validationError } from '../domain/errors.js';
import { authorize, can } from '../domain/policies/index.js';
import { isIsoDate } from '../domain/schedule/index.js';
import { cleanText } from '../domain/text/normalize.js';
import { formatDateVi, vnDate } from '../domain/time.js';
import {
  aggregate,
  isServiceArea,
  LIMITS,
  percentVi,
  readAnswers,
  SERVICE_AREAS,
  SIPAS_DESCRIPTION,
  SIPAS_TITLE,
  sipasQuestionnaire,
  SUBJECT_KINDS,
  validateQuestionnaire,
  type AnswerProblem,
  type Answers,
  type CommentStatus,
  type Question,
  type RawAnswers,
  type SubjectKind,
  type SurveyResults,
  type SurveyStatus,
} from '../domain/surveys/index.js';
import type { Repositories, Store } from '../db/repositories/index.js';
import type { NamedSurveyRow, SurveyCommentRow, SurveyRow } from '../db/repositories/surveys.js';
import type { AuditService } from './audit-service.js';
import type { Clock } from './clock.js';
import { RateLimiter, type Limit } from './rate-limit.js';
import { sha256 } from './tokens.js';

export interface SurveyInput {
  unitId: number;
  subjectKind?: string;
  serviceArea?: string | null;
  title?: string;
  description?: string | null;
  questions?: unknown;
  /** 'sipas' starts from the national questionnaire on satisfaction with administrative services. */
  template?: string | null;
}

export type SurveyPatch = Partial<Pick<SurveyInput, 'subjectKind' | 'serviceArea' | 'title' | 'description' | 'questions'>>;

export interface SurveyView {
  id: number;
  unitId: number;
  unitName: string;
  subjectKind: SubjectKind;
  serviceArea: string | null;
  serviceAreaLabel: string | null;
  title: string;
  description: string;
  status: SurveyStatus;
  opensOn: string | null;
  closesOn: string | null;
  /** Published and today inside its period: the public form takes answers. */
  isOpen: boolean;
  questions: Question[];
  template: string | null;
  responses: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  closedAt: string | null;
  version: number;
}

export interface CommentView {
  id: number;
  surveyId: number;
  questionId: string;
  questionText: string;
  body: string;
  status: CommentStatus;
  submittedAt: string;
  moderatedAt: string | null;
}

export interface ResultsView {
  survey: SurveyView;
  results: SurveyResults;
  /** Staff: every free-text answer with its state; public: approved ones only. */
  comments: CommentView[];
}

export interface UnitSummary {
  unitId: number;
  unitName: string;
  surveys: number;
  responses: number;
  /** Mean of the surveys' overall means (1–5), two decimals. */
  mean: number | null;
}

/**
 * Answers one address may send in an hour, counted in the database (services/rate-limit.ts) so every app
 * instance shares the count. A one-stop desk's kiosk may send many an hour; a script sending thousands may not.
 * The guarantee of one answer per session is the database's unique key; this only slows a flood down.
 */
export const SURVEY_ANSWER_LIMIT: Limit = { bucket: 'survey_answer', max: 120, windowMs: 3600_000 };

const STATE_VI: Record<SurveyStatus, string> = { draft: 'bản nháp', published: 'đang công bố', closed: 'đã kết thúc' };

const CSV_MIME = 'text/csv; charset=utf-8';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function csvField(v: string): string {
  // A cell starting with = + - @ would be a formula in a spreadsheet: keep it text.
  const s = /^[=+\-@]/.test(v) ? `'${v}` : v;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const csvOf = (rows: string[][]) => `\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;

const parseQuestions = (json: string): Question[] => JSON.parse(json) as Question[];
const parseAnswers = (json: string): Answers => JSON.parse(json) as Answers;

/**
 * Satisfaction surveys (issue 6 item 2): a coordinator builds a questionnaire from scratch or from the SIPAS
 * template, edits it while a draft, publishes it for a period and closes it; citizens answer without an
 * account, one answer per browser session (the cookie's SHA-256, unique in the database), rate limited per
 * address; results are counted per question and per unit, exported as CSV and XLSX; free-text answers are
 * public only once a coordinator or leader approves them.
 */
export class SurveyService {
  private readonly limiter: RateLimiter;

  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {
    this.limiter = new RateLimiter(store, clock);
  }

  private today(): string {
    return vnDate(this.clock.now());
  }

  private isOpen(row: SurveyRow): boolean {
    const today = this.today();
    return row.status === 'published' && row.opensOn !== null && row.closesOn !== null && row.opensOn <= today && today <= row.closesOn;
  }

  private view(row: NamedSurveyRow, responses: number): SurveyView {
    const area = row.serviceArea && isServiceArea(row.serviceArea) ? row.serviceArea : null;
    return {
      id: row.id,
      unitId: row.unitId,
      unitName: row.unitName,
      subjectKind: row.subjectKind,
      serviceArea: row.serviceArea,
      serviceAreaLabel: area ? SERVICE_AREAS[area] : null,
      title: row.title,
      description: row.description,
      status: row.status,
      opensOn: row.opensOn,
      closesOn: row.closesOn,
      isOpen: this.isOpen(row),
      questions: parseQuestions(row.questions),
      template: row.template,
      responses,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      publishedAt: row.publishedAt,
      closedAt: row.closedAt,
      version: row.version,
    };
  }

  private async viewWithCount(repos: Repositories, row: NamedSurveyRow): Promise<SurveyView> {
    const counts = await repos.surveys.responseCounts([row.id]);
    return this.view(row, counts.get(row.id) ?? 0);
  }

  // ---- staff: reads -------------------------------------------------------------------------

  async list(actor: Actor, query: { unitId?: number; status?: SurveyStatus } = {}): Promise<SurveyView[]> {
    const read = this.store.read;
    const rows = (await read.surveys.list(actor.scope === null ? undefined : [...actor.scope], query.status)).filter(
      (r) => (query.unitId === undefined || r.unitId === query.unitId) && can(actor, 'list', 'Survey', { unitId: r.unitId }),
    );
    const counts = await read.surveys.responseCounts(rows.map((r) => r.id));
    return rows.map((r) => this.view(r, counts.get(r.id) ?? 0));
  }

  private async readable(repos: Repositories, actor: Actor, id: number): Promise<NamedSurveyRow> {
    const row = await repos.surveys.get(id);
    if (!row) throw notFound(`Không tìm thấy phiếu khảo sát có mã số ${id}.`);
    authorize(actor, 'read', 'Survey', { unitId: row.unitId });
    return row;
  }

  async get(actor: Actor, id: number): Promise<SurveyView> {
    const read = this.store.read;
    return this.viewWithCount(read, await this.readable(read, actor, id));
  }

  /** Results with every free-text answer and its moderation state. */
  async results(actor: Actor, id: number): Promise<ResultsView> {
    const read = this.store.read;
    const row = await this.readable(read, actor, id);
    return this.resultsOf(read, row, undefined);
  }

  private async resultsOf(repos: Repositories, row: NamedSurveyRow, commentStatus: CommentStatus | undefined): Promise<ResultsView> {
    const responses = await repos.surveys.responses(row.id);
    const survey = this.view(row, responses.length);
    const results = aggregate(survey.questions, responses.map((r) => parseAnswers(r.answers)));
    const comments = (await repos.surveys.comments(row.id, commentStatus)).map((c) => this.commentView(c, survey.questions));
    return { survey, results, comments };
  }

  private commentView(c: SurveyCommentRow, questions: readonly Question[]): CommentView {
    return {
      id: c.id,
      surveyId: c.surveyId,
      questionId: c.questionId,
      questionText: questions.find((q) => q.id === c.questionId)?.text ?? '',
      body: c.body,
      status: c.status,
      submittedAt: c.submittedAt,
      moderatedAt: c.moderatedAt,
    };
  }

  /** Per unit: how many surveys have answers, how many answers, and the mean satisfaction (1–5). */
  async unitSummary(actor: Actor): Promise<UnitSummary[]> {
    const surveys = (await this.list(actor)).filter((s) => s.status !== 'draft');
    const read = this.store.read;
    const byUnit = new Map<number, { unitName: string; surveys: number; responses: number; means: number[] }>();
    for (const s of surveys) {
      const responses = await read.surveys.responses(s.id);
      const overall = aggregate(s.questions, responses.map((r) => parseAnswers(r.answers))).overallMean;
      const entry = byUnit.get(s.unitId) ?? { unitName: s.unitName, surveys: 0, responses: 0, means: [] };
      entry.surveys++;
      entry.responses += responses.length;
      if (overall !== null) entry.means.push(overall);
      byUnit.set(s.unitId, entry);
    }
    return [...byUnit.entries()].map(([unitId, e]) => ({
      unitId,
      unitName: e.unitName,
      surveys: e.surveys,
      responses: e.responses,
      mean: e.means.length > 0 ? Math.round((e.means.reduce((a, b) => a + b, 0) / e.means.length) * 100) / 100 : null,
    }));
  }

  /** The moderation queue of a survey (pending by default). */
  async comments(actor: Actor, id: number, status: CommentStatus | undefined = 'pending'): Promise<CommentView[]> {
    const read = this.store.read;
    const row = await this.readable(read, actor, id);
    authorize(actor, 'review', 'Survey', { unitId: row.unitId });
    const questions = parseQuestions(row.questions);
    return (await read.surveys.comments(id, status)).map((c) => this.commentView(c, questions));
  }

  // ---- staff: writes ------------------------------------------------------------------------

  async create(actor: Actor, input: SurveyInput): Promise<SurveyView> {
    authorize(actor, 'create', 'Survey', { unitId: input.unitId });
    const template = input.template ?? null;
    if (template !== null && template !== 'sipas') throw validationError('invalid_template', 'Mẫu phiếu không hợp lệ (hiện có mẫu «sipas»).');
    const fromTemplate = template === 'sipas';
    const fields = this.fields({
      subjectKind: input.subjectKind ?? (fromTemplate ? 'service' : 'unit'),
      serviceArea: input.serviceArea ?? (fromTemplate ? 'administrative_procedures' : null),
      title: input.title ?? (fromTemplate ? SIPAS_TITLE : ''),
      description: input.description ?? (fromTemplate ? SIPAS_DESCRIPTION : ''),
      questions: input.questions ?? (fromTemplate ? sipasQuestionnaire() : undefined),
    });
    const now = this.clock.now().toISOString();
    return this.store.transaction(async (repos) => {
      const unit = await repos.units.get(input.unitId);
      if (!unit) throw notFound(`Không tìm thấy đơn vị có mã số ${input.unitId}.`);
      const row = await repos.surveys.insert({
        unitId: unit.id,
        ...fields,
        status: 'draft',
        opensOn: null,
        closesOn: null,
        template,
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
        publishedAt: null,
        closedAt: null,
      });
      const view = this.view({ ...row, unitName: unit.name }, 0);
      await this.audit.record(repos, actor, { action: 'survey.create', entity: 'survey', entityId: row.id, after: row });
      return view;
    });
  }

  private fields(input: SurveyPatch) {
    const subjectKind = input.subjectKind as SubjectKind;
    if (!SUBJECT_KINDS.includes(subjectKind)) throw validationError('invalid_subject', 'Đối tượng khảo sát phải là một dịch vụ («service») hoặc một đơn vị («unit»).');
    const serviceArea = input.serviceArea ?? null;
    if (serviceArea !== null && !isServiceArea(serviceArea)) {
      throw validationError('invalid_service_area', `Lĩnh vực dịch vụ không hợp lệ; cần một trong: ${Object.keys(SERVICE_AREAS).join(', ')}.`);
    }
    if (subjectKind === 'service' && serviceArea === null) throw validationError('service_area_required', 'Khảo sát về một dịch vụ cần chọn lĩnh vực dịch vụ.');
    const title = cleanText(input.title ?? '');
    if (!title) throw validationError('title_required', 'Chưa nhập tên phiếu khảo sát.');
    if (title.length > LIMITS.title) throw validationError('title_too_long', `Tên phiếu khảo sát dài quá ${LIMITS.title} ký tự.`);
    const description = (input.description ?? '').normalize('NFC').trim();
    if (description.length > LIMITS.description) throw validationError('description_too_long', `Phần giới thiệu dài quá ${LIMITS.description} ký tự.`);
    const questions = validateQuestionnaire(input.questions);
    return { subjectKind, serviceArea: subjectKind === 'service' ? serviceArea : null, title, description, questions: JSON.stringify(questions) };
  }

  async update(actor: Actor, id: number, patch: SurveyPatch, expectedVersion?: number): Promise<SurveyView> {
    return this.write(actor, id, 'edit', expectedVersion, (row) =>
      this.fields({
        subjectKind: patch.subjectKind ?? row.subjectKind,
        serviceArea: patch.serviceArea !== undefined ? patch.serviceArea : row.serviceArea,
        title: patch.title ?? row.title,
        description: patch.description ?? row.description,
        questions: patch.questions ?? parseQuestions(row.questions),
      }),
    );
  }

  async publish(actor: Actor, id: number, input: { opensOn?: string | null; closesOn?: string | null }): Promise<SurveyView> {
    const today = this.today();
    const opensOn = input.opensOn?.trim() || today;
    const closesOn = input.closesOn?.trim() || '';
    if (!isIsoDate(opensOn)) throw validationError('invalid_date', 'Ngày bắt đầu khảo sát không hợp lệ (cần dạng YYYY-MM-DD).');
    if (!isIsoDate(closesOn)) throw validationError('invalid_date', 'Cần nhập ngày kết thúc khảo sát hợp lệ (dạng YYYY-MM-DD).');
    if (opensOn < today) throw validationError('invalid_date', 'Ngày bắt đầu khảo sát không được trước ngày hôm nay.');
    if (closesOn < opensOn) throw validationError('invalid_date', 'Ngày kết thúc khảo sát phải từ ngày bắt đầu trở đi.');
    const now = this.clock.now().toISOString();
    return this.write(actor, id, 'publish', undefined, () => ({ status: 'published', opensOn, closesOn, publishedAt: now }));
  }

  async close(actor: Actor, id: number): Promise<SurveyView> {
    return this.write(actor, id, 'close', undefined, () => ({ status: 'closed', closedAt: this.clock.now().toISOString() }));
  }

  /** One state change: policy (403), state (409), version (409), the patch and its audit entry, in one transaction. */
  private async write(
    actor: Actor,
    id: number,
    step: 'edit' | 'publish' | 'close',
    expectedVersion: number | undefined,
    change: (row: SurveyRow) => Partial<SurveyRow>,
  ): Promise<SurveyView> {
    const allowedFrom: Record<typeof step, SurveyStatus> = { edit: 'draft', publish: 'draft', close: 'published' };
    const stepVi = { edit: 'sửa', publish: 'công bố', close: 'kết thúc' }[step];
    return this.store.transaction(async (repos) => {
      const row = await this.readable(repos, actor, id);
      authorize(actor, 'update', 'Survey', { unitId: row.unitId });
      if (row.status !== allowedFrom[step]) throw conflict('survey_state', `Phiếu khảo sát đang ở trạng thái «${STATE_VI[row.status]}»: không thể ${stepVi}.`);
      if (expectedVersion !== undefined && expectedVersion !== row.version) {
        throw conflict('version_conflict', 'Phiếu khảo sát đã được người khác sửa; hãy tải lại trước khi lưu.');
      }
      const patch = change(row);
      const updated = await repos.surveys.update(id, row.version, { ...patch, updatedAt: this.clock.now().toISOString() }, [row.status]);
      if (!updated) throw conflict('version_conflict', 'Phiếu khảo sát vừa được người khác thay đổi; hãy tải lại.');
      const view = await this.viewWithCount(repos, { ...updated, unitName: row.unitName });
      await this.audit.record(repos, actor, { action: `survey.${step}`, entity: 'survey', entityId: id, before: row, after: updated });
      return view;
    });
  }

  /** Approves (public) or hides a free-text answer; an approved one may be hidden later, and back. */
  async moderate(actor: Actor, commentId: number, decision: 'approved' | 'hidden'): Promise<CommentView> {
    if (decision !== 'approved' && decision !== 'hidden') throw validationError('invalid_decision', 'Quyết định kiểm duyệt phải là «approved» (công khai) hoặc «hidden» (ẩn).');
    return this.store.transaction(async (repos) => {
      const comment = await repos.surveys.comment(commentId);
      if (!comment) throw notFound(`Không tìm thấy ý kiến có mã số ${commentId}.`);
      const survey = await this.readable(repos, actor, comment.surveyId);
      authorize(actor, 'review', 'Survey', { unitId: survey.unitId });
      if (comment.status === decision) throw conflict('comment_state', decision === 'approved' ? 'Ý kiến này đã được công khai.' : 'Ý kiến này đã bị ẩn.');
      const updated = await repos.surveys.moderate(commentId, comment.status, decision, actor.id, this.clock.now().toISOString());
      if (!updated) throw conflict('comment_state', 'Ý kiến vừa được người khác kiểm duyệt; hãy tải lại.');
      const view = this.commentView(updated, parseQuestions(survey.questions));
      await this.audit.record(repos, actor, { action: `survey.comment_${decision}`, entity: 'survey_comment', entityId: commentId, before: comment, after: updated });
      return view;
    });
  }

  // ---- exports ------------------------------------------------------------------------------

  /** Staff CSV: one line per answer sheet, one column per question (free text included, whatever its state). */
  async exportCsv(actor: Actor, id: number): Promise<{ name: string; body: string }> {
    const read = this.store.read;
    const row = await this.readable(read, actor, id);
    const questions = parseQuestions(row.questions);
    const responses = await read.surveys.responses(id);
    const lines = [
      ['phieu', 'thoi_gian', ...questions.map((q, i) => `Câu ${i + 1}. ${q.text}`)],
      ...responses.map((r, n) => [String(n + 1), r.submittedAt, ...questions.map((q) => answerText(q, parseAnswers(r.answers)[q.id]))]),
    ];
    return { name: `khao-sat-${id}-phieu-tra-loi.csv`, body: csvOf(lines) };
  }

  /** Staff XLSX: the results sheet and every answer sheet. */
  async exportXlsx(actor: Actor, id: number): Promise<{ name: string; body: Buffer }> {
    const read = this.store.read;
    const row = await this.readable(read, actor, id);
    const view = await this.resultsOf(read, row, undefined);
    const responses = await read.surveys.responses(id);
    const wb = resultsWorkbook(view);
    const ws = wb.addWorksheet('Phiếu trả lời');
    ws.addRow(['Phiếu', 'Thời gian', ...view.survey.questions.map((q, i) => `Câu ${i + 1}. ${q.text}`)]).font = { bold: true };
    responses.forEach((r, n) => ws.addRow([n + 1, r.submittedAt, ...view.survey.questions.map((q) => answerText(q, parseAnswers(r.answers)[q.id]))]));
    return { name: `khao-sat-${id}.xlsx`, body: Buffer.from(await wb.xlsx.writeBuffer()) };
  }

  // ---- public -------------------------------------------------------------------------------

  /** Surveys taking answers today. */
  async openSurveys(): Promise<SurveyView[]> {
    const read = this.store.read;
    const rows = await read.surveys.listOpen(this.today());
    const counts = await read.surveys.responseCounts(rows.map((r) => r.id));
    return rows.map((r) => this.view(r, counts.get(r.id) ?? 0));
  }

  /** Surveys whose results are public (published or closed, period started), newest first. */
  async surveysWithResults(): Promise<SurveyView[]> {
    const read = this.store.read;
    const rows = await read.surveys.listWithResults(this.today());
    const counts = await read.surveys.responseCounts(rows.map((r) => r.id));
    return rows.map((r) => this.view(r, counts.get(r.id) ?? 0));
  }

  /** A survey as the public sees it: published or closed and started; drafts do not exist for the public. */
  async publicSurvey(id: number): Promise<SurveyView | undefined> {
    const read = this.store.read;
    const row = await read.surveys.get(id);
    if (!row || row.status === 'draft' || row.opensOn === null || row.opensOn > this.today()) return undefined;
    return this.viewWithCount(read, row);
  }

  async hasAnswered(id: number, sessionToken: string | undefined): Promise<boolean> {
    return sessionToken ? this.store.read.surveys.hasResponse(id, sha256(sessionToken)) : false;
  }

  /**
   * Takes one citizen's answer. Refused (with a Vietnamese message) when the survey is not open, the address
   * is over its limit (429), this session already answered (409), or the form has problems (400, each problem
   * by question, in `details.problems`). Free-text answers wait for moderation.
   */
  async answer(id: number, sessionToken: string, address: string, raw: RawAnswers): Promise<{ responseId: number }> {
    if (sessionToken.length < 20) throw validationError('session_required', 'Trình duyệt chưa nhận phiên khảo sát (cookie). Hãy mở lại phiếu khảo sát rồi gửi.');
    const survey = await this.publicSurvey(id);
    if (!survey) throw notFound('Không tìm thấy phiếu khảo sát này.');
    if (!survey.isOpen) throw conflict('survey_closed', `Phiếu khảo sát «${survey.title}» đã kết thúc${survey.closesOn ? ` (hạn trả lời đến hết ${formatDateVi(survey.closesOn)})` : ''}: không nhận thêm câu trả lời.`);
    const sessionHash = sha256(sessionToken);
    if (await this.store.read.surveys.hasResponse(id, sessionHash)) throw alreadyAnswered();
    await this.limiter.take(SURVEY_ANSWER_LIMIT, address);
    const { answers, problems } = readAnswers(survey.questions, raw);
    if (problems.length > 0) throw answerProblems(problems);
    if (Object.keys(answers).length === 0) throw validationError('answer_empty', 'Phiếu trả lời còn trống: hãy trả lời ít nhất một câu hỏi.');
    const now = this.clock.now().toISOString();
    return this.store.transaction(async (repos) => {
      const response = await repos.surveys.insertResponse({ surveyId: id, sessionHash, answers: JSON.stringify(answers), submittedAt: now });
      if (!response) throw alreadyAnswered();
      await repos.surveys.insertComments(
        survey.questions
          .filter((q) => q.kind === 'text' && typeof answers[q.id] === 'string')
          .map((q) => ({ surveyId: id, responseId: response.id, questionId: q.id, body: answers[q.id] as string, status: 'pending' as const, submittedAt: now, moderatedBy: null, moderatedAt: null })),
      );
      return { responseId: response.id };
    });
  }

  /** Public results: counts, and approved free-text answers only. */
  async publicResults(id: number): Promise<ResultsView | undefined> {
    const survey = await this.publicSurvey(id);
    if (!survey) return undefined;
    const read = this.store.read;
    const row = (await read.surveys.get(id))!;
    return this.resultsOf(read, row, 'approved');
  }

  /** Public CSV: the results table, then the approved free-text answers. */
  async publicCsv(id: number): Promise<{ name: string; body: string } | undefined> {
    const view = await this.publicResults(id);
    if (!view) return undefined;
    const lines: string[][] = [['cau_so', 'cau_hoi', 'loai', 'phuong_an', 'so_luot', 'ty_le', 'diem_trung_binh']];
    for (const q of view.results.questions) {
      if (q.kind === 'text') {
        lines.push([String(q.number), q.text, q.kind, '', String(q.answered), '', '']);
        continue;
      }
      for (const c of q.counts) lines.push([String(q.number), q.text, q.kind, c.label, String(c.count), percentVi(c.share), q.mean === null ? '' : String(q.mean).replace('.', ',')]);
    }
    lines.push([], ['cau_so', 'y_kien_da_duyet']);
    for (const c of view.comments) lines.push([String(view.survey.questions.findIndex((q) => q.id === c.questionId) + 1), c.body]);
    return { name: `khao-sat-${id}-ket-qua.csv`, body: csvOf(lines) };
  }

  async publicXlsx(id: number): Promise<{ name: string; body: Buffer } | undefined> {
    const view = await this.publicResults(id);
    if (!view) return undefined;
    return { name: `khao-sat-${id}-ket-qua.xlsx`, body: Buffer.from(await resultsWorkbook(view).xlsx.writeBuffer()) };
  }
}

export { CSV_MIME };

const alreadyAnswered = () => conflict('already_answered', 'Bạn đã gửi phiếu trả lời cho khảo sát này. Mỗi người chỉ trả lời một lần; cảm ơn bạn đã tham gia.');

function answerProblems(problems: AnswerProblem[]): DomainError {
  return validationError('answer_invalid', `Phiếu trả lời chưa hợp lệ: ${problems.map((p) => p.message).join(' ')}`, { problems });
}

/** An answer as a reader reads it: option labels, the point, or the text. */
function answerText(q: Question, v: Answers[string] | undefined): string {
  if (v === undefined) return '';
  if (q.kind === 'single' && typeof v === 'number') return q.options?.[v] ?? '';
  if (q.kind === 'multiple' && Array.isArray(v)) return v.map((i) => q.options?.[i] ?? '').join('; ');
  return String(v);
}

/** Sheet "Kết quả": per question and option the count, share and mean; sheet "Ý kiến": the free text given. */
function resultsWorkbook(view: ResultsView): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dondoc';
  const ws = wb.addWorksheet('Kết quả');
  ws.addRow([view.survey.title]).font = { bold: true };
  ws.addRow([`${view.survey.unitName} · ${view.results.responses} phiếu trả lời${view.survey.opensOn ? ` · từ ${formatDateVi(view.survey.opensOn)}` : ''}${view.survey.closesOn ? ` đến ${formatDateVi(view.survey.closesOn)}` : ''}`]);
  ws.addRow([]);
  ws.addRow(['Câu', 'Câu hỏi', 'Phương án', 'Số lượt', 'Tỷ lệ (%)', 'Điểm trung bình']).font = { bold: true };
  for (const q of view.results.questions) {
    if (q.kind === 'text') {
      ws.addRow([q.number, q.text, 'Ý kiến tự do', q.answered, null, null]);
      continue;
    }
    for (const c of q.counts) ws.addRow([q.number, q.text, c.label, c.count, c.share === null ? null : Math.round(c.share * 1000) / 10, q.mean]);
  }
  ws.getColumn(2).width = 60;
  ws.getColumn(3).width = 30;
  const wc = wb.addWorksheet('Ý kiến');
  wc.addRow(['Câu', 'Ý kiến', 'Trạng thái']).font = { bold: true };
  const stateVi: Record<CommentStatus, string> = { pending: 'Chờ duyệt', approved: 'Đã công khai', hidden: 'Đã ẩn' };
  for (const c of view.comments) wc.addRow([view.survey.questions.findIndex((q) => q.id === c.questionId) + 1, c.body, stateVi[c.status]]);
  wc.getColumn(2).width = 80;
  return wb;
}
