import { randomBytes } from 'node:crypto';
import type { Actor } from '../domain/accounts/actor.js';
import { SYSTEM_ACTOR } from '../domain/accounts/actor.js';
import { VN_PUBLIC_HOLIDAYS, VN_WORKING_DAYS } from '../domain/calendar/holidays.js';
import { isExplaining } from '../domain/calendar/working-calendar.js';
import type { WorkingCalendar } from '../domain/reporting/working-days.js';
import { conflict, DomainError, notFound, validationError } from '../domain/errors.js';
import {
  anonymise,
  canStep,
  CHANNEL_LABELS,
  DEFAULT_TOPICS,
  dueOf,
  feedbackCode,
  isChannel,
  isKind,
  isOpen,
  isRating,
  isTopic,
  KIND_LABELS,
  mayPublish,
  REPLY_TEMPLATES,
  routeCase,
  STATUS_LABELS,
  statusAfter,
  FEEDBACK_STATUSES,
  FEEDBACK_TOPICS,
  type Complexity,
  type FeedbackCalendar,
  type FeedbackChannel,
  type FeedbackKind,
  type FeedbackStatus,
  type FeedbackStep,
  type FeedbackTopic,
  type RoutingRules,
} from '../domain/feedback/index.js';
import { splitPlace, withPlace, type Open311Place, type Open311Source } from '../domain/feedback/open311.js';
import { sniffFileType } from '../domain/files/sniff.js';
import { authorize } from '../domain/policies/index.js';
import { cleanText, searchKey } from '../domain/text/normalize.js';
import { vnDate } from '../domain/time.js';
import { apologyLetter } from '../domain/feedback/apology.js';
import { apologyToDocx } from '../export/apology-docx.js';
import type { Repositories, Store } from '../db/repositories/index.js';
import type { FeedbackCaseRow, PublicFeedbackRow, TrackingRow } from '../db/repositories/feedback.js';
import type { AuditService } from './audit-service.js';
import type { Clock } from './clock.js';
import { RateLimiter, tooMany, type Limit } from './rate-limit.js';
import { sha256Bytes } from './tokens.js';

/** Error codes the HTTP layer answers with 413 and 415. */
export const FEEDBACK_FILE_TOO_LARGE = 'file_too_large';
export const FEEDBACK_FILE_TYPE = 'unsupported_file_type';

export const MAX_FEEDBACK_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_FEEDBACK_FILES = 3;
const MIN_DESCRIPTION = 10;
const MAX_DESCRIPTION = 5000;

/** Five submissions per address in ten minutes: a family sharing one connection still gets through. */
export const SUBMIT_LIMIT: Limit = { bucket: 'feedback-submit', max: 5, windowMs: 10 * 60_000 };
/** Codes that match nothing: guessing is what a miss looks like; a sender's own look-ups never miss. */
export const LOOKUP_MISS_LIMIT: Limit = { bucket: 'code-lookup-miss', max: 20, windowMs: 10 * 60_000 };
/** Requests filed by apps (Open311) per address: the portal form's limit, counted apart. */
export const OPEN311_SUBMIT_LIMIT: Limit = { bucket: 'open311-submit', max: 5, windowMs: 10 * 60_000 };
/** A registered app (api_key = an account's personal API token) files for many citizens from one server. */
export const OPEN311_APP_LIMIT: Limit = { bucket: 'open311-app', max: 200, windowMs: 10 * 60_000 };
/** Ratings per address: one sender rates one case a few times at most. */
export const RATE_LIMIT: Limit = { bucket: 'feedback-rating', max: 10, windowMs: 10 * 60_000 };

const CITIZEN: Actor = { ...SYSTEM_ACTOR, username: 'cong-dan' };

export interface UploadedFile {
  bytes: Uint8Array;
  name: string;
}

export interface SubmitInput {
  topic?: string;
  kind?: string;
  communeId?: number | string;
  description?: string;
  name?: string;
  contact?: string;
  consent?: boolean;
  /** The hidden field bots fill in. */
  honeypot?: string;
  files?: UploadedFile[];
}

export interface OnBehalfInput extends SubmitInput {
  channel?: string;
}

export interface FeedbackOptions {
  /** The working calendar (days off, make-up Saturdays); read at each use so an admin's change applies at once. */
  calendar?: () => Promise<WorkingCalendar> | WorkingCalendar;
  topicDays?: Partial<Record<FeedbackTopic, number>>;
  routing?: RoutingRules;
}

/** Monday–Friday less the default public holidays, with their names, until the admin-edited calendar arrives. */
export const DEFAULT_FEEDBACK_CALENDAR: FeedbackCalendar = {
  isWorkingDay: (d) => VN_WORKING_DAYS.isWorkingDay(d),
  dayOffName: (d) => VN_PUBLIC_HOLIDAYS.holidayOn(d)?.name ?? null,
};

/** The admin-edited calendar (CalendarService) names its days off through `describe`. */
export function feedbackCalendar(calendar: WorkingCalendar): FeedbackCalendar {
  if (!isExplaining(calendar)) return calendar;
  return {
    isWorkingDay: (d) => calendar.isWorkingDay(d),
    dayOffName: (d) => {
      const info = calendar.describe(d);
      return info.working || info.reason === 'weekend' ? null : info.name;
    },
  };
}

export interface FeedbackMessageView {
  kind: string;
  status: FeedbackStatus;
  statusLabel: string;
  body: string | null;
  actorId: number | null;
  createdAt: string;
}

/** A case as staff see it (the sender included). */
export interface FeedbackView {
  id: number;
  code: string;
  kind: FeedbackKind;
  kindLabel: string;
  topic: FeedbackTopic;
  topicLabel: string;
  communeId: number;
  unitId: number;
  description: string;
  channel: FeedbackChannel;
  channelLabel: string;
  status: FeedbackStatus;
  statusLabel: string;
  receivedAt: string;
  receivedOn: string;
  acceptedOn: string | null;
  complexity: Complexity;
  dueDate: string;
  dueExplanation: string;
  overdue: boolean;
  duplicateOf: number | null;
  answer: string | null;
  answeredAt: string | null;
  answerPublic: boolean;
  publicQuestion: string | null;
  publishedAt: string | null;
  rejectReason: string | null;
  rating: number | null;
  ratedAt: string | null;
  closedAt: string | null;
  version: number;
  sender?: { name: string | null; contact: string | null };
  messages?: FeedbackMessageView[];
  attachments?: Array<{ hash: string; name: string; mime: string; size: number }>;
  duplicates?: Array<{ id: number; code: string }>;
}

/** What the holder of a tracking code sees: never the sender, never the staff's notes. */
export interface TrackingView {
  code: string;
  kind: FeedbackKind;
  kindLabel: string;
  topicLabel: string;
  unitName: string;
  status: FeedbackStatus;
  statusLabel: string;
  receivedOn: string;
  dueDate: string | null;
  dueExplanation: string | null;
  overdue: boolean;
  answer: string | null;
  answeredAt: string | null;
  answerPublic: boolean;
  rejectReason: string | null;
  rating: number | null;
  /** The sender may rate the answer now. */
  canRate: boolean;
  /** When merged into another case: that case's code (whose answer this shows). */
  mergedInto: string | null;
  /** The case was answered late: the status page links the apology letter. */
  apology: boolean;
}

/** A published answer. The tracking code is not in it: whoever holds the code may rate, so only the sender has it. */
export interface PublicCase {
  id: number;
  topicLabel: string;
  communeName: string;
  unitName: string;
  receivedOn: string;
  question: string;
  answer: string;
  answeredOn: string | null;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const idOf = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^[1-9]\d{0,9}$/.test(v.trim()) ? Number(v.trim()) : NaN;
  return Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647 ? n : null;
};

/**
 * Citizens' feedback and petitions (issue 6): the public form and tracking page, filing on behalf at the
 * desk, and the staff's steps. Every write is one transaction with its history row and its audit entry.
 */
export class FeedbackService {
  readonly limiter: RateLimiter;

  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly options: FeedbackOptions = {},
  ) {
    this.limiter = new RateLimiter(store, clock);
  }

  private today(): string {
    return vnDate(this.clock.now());
  }

  private async calendar(): Promise<FeedbackCalendar> {
    return this.options.calendar ? feedbackCalendar(await this.options.calendar()) : DEFAULT_FEEDBACK_CALENDAR;
  }

  /** Communes and wards valid today, for the form's list. */
  async communes(): Promise<Array<{ id: number; name: string }>> {
    const units = await this.store.read.units.list({ activeOn: this.today() });
    return units
      .filter((u) => u.kind === 'commune' || u.kind === 'ward')
      .map((u) => ({ id: u.id, name: u.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }

  topics() {
    return FEEDBACK_TOPICS.map((t) => ({ topic: t, label: DEFAULT_TOPICS[t].label, answerDays: this.options.topicDays?.[t] ?? DEFAULT_TOPICS[t].answerDays, basis: DEFAULT_TOPICS[t].basis, template: REPLY_TEMPLATES[t] }));
  }

  // ---- public ----

  /** A citizen's submission from the portal; `clientKey` is the address the rate limit counts. */
  async submit(input: SubmitInput, clientKey: string): Promise<{ code: string; dueDate: string; dueExplanation: string }> {
    if (str(input.honeypot).trim()) throw validationError('rejected', 'Không gửi được phản ánh. Xin vui lòng tải lại trang và gửi lại.');
    const verdict = await this.limiter.check(SUBMIT_LIMIT, clientKey);
    if (!verdict.allowed) throw tooMany(verdict);
    const checked = await this.checkInput(input);
    const row = await this.create(CITIZEN, checked, 'web');
    await this.limiter.record(SUBMIT_LIMIT, clientKey);
    return { code: row.code, dueDate: row.dueDate, dueExplanation: row.dueExplanation };
  }

  /**
   * A request filed by a civic app (Open311): kind feedback, channel «open311». The app shows the citizen
   * its own notice on personal data, so consent is taken as given by filing. A registered app (`app`, the
   * owner of the api_key's token) is counted per account, not per address, and is recorded as the filer.
   */
  async submitFromApp(input: SubmitInput, clientKey: string, place?: Open311Place, app?: Actor): Promise<{ code: string; dueDate: string }> {
    const limit = app ? OPEN311_APP_LIMIT : OPEN311_SUBMIT_LIMIT;
    const key = app ? `account:${app.id}` : clientKey;
    const verdict = await this.limiter.check(limit, key);
    if (!verdict.allowed) throw tooMany(verdict);
    const checked = await this.checkInput({ ...input, kind: 'feedback', consent: true, files: [] });
    // The place is added after the checks: the length rules are about what the citizen wrote.
    const row = await this.create(app ?? CITIZEN, place ? { ...checked, description: withPlace(checked.description, place) } : checked, 'open311');
    await this.limiter.record(limit, key);
    return { code: row.code, dueDate: row.dueDate };
  }

  /**
   * The commune or ward a word names: its unit code (any case), or its name found in an address
   * ("… phường Hòa Vinh …", diacritics or not; the longest name wins). Null when none does.
   */
  async resolveCommune(words: Array<string | undefined>): Promise<number | null> {
    const units = (await this.store.read.units.list({ activeOn: this.today() })).filter((u) => u.kind === 'commune' || u.kind === 'ward');
    for (const w of words) {
      if (!w?.trim()) continue;
      const byCode = units.find((u) => u.code.toLowerCase() === w.trim().toLowerCase());
      if (byCode) return byCode.id;
      const key = ` ${searchKey(w)} `;
      const named = units
        .flatMap((u) => [u.name, u.shortName ?? '', ...u.aliases].map((n) => ({ id: u.id, name: searchKey(n) })))
        .filter((u) => u.name && key.includes(` ${u.name} `))
        .sort((a, b) => b.name.length - a.name.length)[0];
      if (named) return named.id;
    }
    return null;
  }

  /** Whether a code names a unit valid today (an Open311 jurisdiction_id). */
  async isUnitCode(code: string): Promise<boolean> {
    const c = code.trim().toLowerCase();
    return (await this.store.read.units.list({ activeOn: this.today() })).some((u) => u.code.toLowerCase() === c);
  }

  /** Feedback as Open311 readers see it (no complaint or denunciation, no sender, text anonymised). */
  async open311Requests(filter: { codes?: string[]; topic?: string; from?: string; to?: string; status?: 'open' | 'closed'; limit: number }): Promise<Open311Source[]> {
    const statuses = filter.status === undefined ? undefined : FEEDBACK_STATUSES.filter((s) => isOpen(s) === (filter.status === 'open'));
    const rows = await this.store.read.feedback.open311Cases({ ...filter, statuses });
    const units = new Map((await this.store.read.units.list()).map((u) => [u.id, u.name]));
    // A report linked to another case follows that case (its answer reaches every sender).
    const masterIds = [...new Set(rows.map((r) => r.duplicateOf).filter((id): id is number => id !== null))];
    const masters = new Map((await Promise.all(masterIds.map((id) => this.store.read.feedback.tracking(id)))).filter((m) => m !== undefined).map((m) => [m.id, m]));
    return rows.map((r) => {
      const { text, place } = splitPlace(r.description);
      const state = (r.duplicateOf !== null ? masters.get(r.duplicateOf) : undefined) ?? r;
      return {
        code: r.code,
        topic: r.topic,
        status: state.status,
        statusLabel: STATUS_LABELS[state.status],
        question: r.publicQuestion ?? withPlace(anonymise(text), place),
        answer: state.answer,
        rejectReason: state.rejectReason,
        unitName: units.get(state.unitId) ?? '',
        receivedAt: r.receivedAt,
        updatedAt: r.updatedAt,
        dueDate: state.dueDate,
      };
    });
  }

  /** Filed by an officer for a citizen who came to the desk or phoned. */
  async fileOnBehalf(actor: Actor, input: OnBehalfInput): Promise<FeedbackView> {
    const channel = input.channel ?? 'desk';
    if (!isChannel(channel) || channel === 'web' || channel === 'open311') {
      throw validationError('invalid_channel', 'Kênh tiếp nhận phải là «desk» (trực tiếp tại Bộ phận một cửa) hoặc «phone» (điện thoại).');
    }
    const checked = await this.checkInput({ ...input, consent: input.consent ?? true });
    authorize(actor, 'create', 'Feedback', { unitId: checked.unitId });
    const row = await this.create(actor, checked, channel);
    return this.view(row);
  }

  private async checkInput(input: SubmitInput) {
    const topic = input.topic ?? '';
    if (!isTopic(topic)) throw validationError('invalid_topic', 'Xin chọn lĩnh vực của phản ánh.');
    const kind = input.kind === undefined || input.kind === '' ? 'feedback' : input.kind;
    if (!isKind(kind)) throw validationError('invalid_kind', 'Loại đơn phải là phản ánh, kiến nghị; khiếu nại; hoặc tố cáo.');
    const communeId = idOf(input.communeId);
    const commune = communeId === null ? undefined : await this.store.read.units.get(communeId);
    if (!commune || (commune.kind !== 'commune' && commune.kind !== 'ward') || (commune.validTo !== null && commune.validTo < this.today())) {
      throw validationError('invalid_commune', 'Xin chọn xã, phường nơi xảy ra sự việc.');
    }
    const description = cleanText(str(input.description).replace(/\r\n?/g, '\n')).trim();
    if (description.length < MIN_DESCRIPTION) throw validationError('description_required', `Xin mô tả nội dung phản ánh (ít nhất ${MIN_DESCRIPTION} ký tự).`);
    if (description.length > MAX_DESCRIPTION) throw validationError('description_too_long', `Nội dung phản ánh dài quá ${MAX_DESCRIPTION} ký tự; xin rút gọn hoặc gửi kèm tệp.`);
    const name = cleanText(str(input.name)).trim() || null;
    const contact = cleanText(str(input.contact)).trim() || null;
    if (name && name.length > 100) throw validationError('name_too_long', 'Họ và tên dài quá 100 ký tự.');
    if (contact && contact.length > 200) throw validationError('contact_too_long', 'Thông tin liên hệ dài quá 200 ký tự.');
    // Luật Khiếu nại 2011 Điều 8 and Luật Tố cáo 2018 Điều 23: the complaint or denunciation names its author
    // and an address; an anonymous one is not accepted for handling.
    if (kind !== 'feedback' && (!name || !contact)) {
      throw validationError('sender_required', 'Khiếu nại, tố cáo phải ghi rõ họ tên và địa chỉ hoặc số điện thoại liên hệ của người gửi (Luật Khiếu nại, Luật Tố cáo); thông tin này được giữ bí mật.');
    }
    if (input.consent !== true) {
      throw validationError('consent_required', 'Xin đánh dấu ô đồng ý để cơ quan nhà nước được xử lý thông tin bạn gửi (Nghị định 13/2023/NĐ-CP).');
    }
    const files = input.files ?? [];
    if (files.length > MAX_FEEDBACK_FILES) throw validationError('too_many_files', `Chỉ được gửi kèm tối đa ${MAX_FEEDBACK_FILES} tệp.`);
    const attachments = files.map((f) => {
      if (f.bytes.length > MAX_FEEDBACK_FILE_BYTES) {
        throw new DomainError('validation', FEEDBACK_FILE_TOO_LARGE, `Tệp «${cleanText(f.name).slice(0, 80)}» lớn hơn 5 MB. Xin chụp ảnh nhỏ hơn hoặc nén tệp lại.`);
      }
      const type = sniffFileType(f.bytes);
      if (!type || (type.kind !== 'jpeg' && type.kind !== 'png' && type.kind !== 'pdf')) {
        throw new DomainError('validation', FEEDBACK_FILE_TYPE, `Tệp «${cleanText(f.name).slice(0, 80)}» không phải ảnh JPEG, PNG hoặc tệp PDF.`);
      }
      const base = cleanText(f.name).replace(/[\\/]/g, '_').slice(0, 120) || `tep.${type.extension}`;
      return { bytes: f.bytes, name: base, mime: type.mime, hash: sha256Bytes(f.bytes) };
    });
    const unitId = routeCase(kind, topic, { id: commune.id, parentId: commune.parentId }, this.options.routing);
    return { topic, kind, communeId: commune.id, unitId, description, name, contact, attachments };
  }

  private async newCode(repos: Repositories): Promise<string> {
    // 40 bits: a collision is rare but possible; try again rather than fail a citizen's submission.
    for (let i = 0; i < 8; i++) {
      const code = feedbackCode(randomBytes(8));
      if (!(await repos.feedback.codeExists(code))) return code;
    }
    throw new Error('Could not find a free tracking code');
  }

  private async create(actor: Actor, c: Awaited<ReturnType<FeedbackService['checkInput']>>, channel: FeedbackChannel): Promise<FeedbackCaseRow> {
    const now = this.clock.now().toISOString();
    const receivedOn = this.today();
    const due = dueOf({ kind: c.kind, topic: c.topic, receivedOn, topicDays: this.options.topicDays }, await this.calendar());
    return this.store.transaction(async (repos) => {
      const code = await this.newCode(repos);
      const row = await repos.feedback.insert({
        code,
        kind: c.kind,
        topic: c.topic,
        communeId: c.communeId,
        unitId: c.unitId,
        description: c.description,
        channel,
        status: 'received',
        receivedAt: now,
        receivedOn,
        acceptedOn: null,
        complexity: 'normal',
        dueDate: due.date,
        dueExplanation: due.explanation,
        consent: 1,
        duplicateOf: null,
        answer: null,
        answeredAt: null,
        answerPublic: 0,
        publicQuestion: null,
        publishedAt: null,
        rejectReason: null,
        rating: null,
        ratedAt: null,
        closedAt: null,
        createdBy: actor.id,
        version: 1,
        updatedAt: now,
      });
      await repos.feedback.insertSender(row.id, c.name, c.contact);
      for (const a of c.attachments) {
        await repos.feedback.storeFile({ hash: a.hash, name: a.name, mime: a.mime, size: a.bytes.length, content: a.bytes, createdAt: now });
        await repos.feedback.addAttachment({ caseId: row.id, fileHash: a.hash, name: a.name, mime: a.mime, size: a.bytes.length, createdAt: now });
      }
      await repos.feedback.addMessage({ caseId: row.id, kind: 'status', status: 'received', body: `Tiếp nhận qua ${CHANNEL_LABELS[channel]}`, actorId: actor.id, createdAt: now });
      // The audit keeps the case, not the sender's name or contact.
      await this.audit.record(repos, actor, { action: 'feedback.receive', entity: 'feedback', entityId: row.id, after: { ...row, description: undefined } });
      return row;
    });
  }

  /** Throws 429 when this address has missed too many codes lately (someone guessing). */
  async guardLookup(clientKey: string): Promise<void> {
    const verdict = await this.limiter.check(LOOKUP_MISS_LIMIT, clientKey);
    if (!verdict.allowed) throw tooMany(verdict);
  }

  async recordMiss(clientKey: string): Promise<void> {
    await this.limiter.record(LOOKUP_MISS_LIMIT, clientKey);
  }

  /** The tracking page of a code (already in its stored form), or null; misses count against the address. */
  async track(code: string, clientKey: string): Promise<TrackingView | null> {
    await this.guardLookup(clientKey);
    const row = await this.store.read.feedback.byCode(code);
    if (!row) {
      await this.recordMiss(clientKey);
      return null;
    }
    return this.trackingView(this.store.read, row);
  }

  /**
   * The apology letter (.docx) for a case answered late, by its tracking code like the status page;
   * null when there is no such case or it was not late. A merged case follows its master's answer.
   */
  async apologyDocx(code: string, clientKey: string): Promise<{ bytes: Uint8Array; filename: string } | null> {
    await this.guardLookup(clientKey);
    const own = await this.store.read.feedback.byCode(code);
    if (!own) {
      await this.recordMiss(clientKey);
      return null;
    }
    const letter = await this.apologyOf(this.store.read, own);
    if (!letter) return null;
    const today = this.today();
    const bytes = await apologyToDocx({
      header: { plan: { number: null, title: '', issuedOn: today, year: null, periodFrom: today, periodTo: today, bases: [] }, issuerName: letter.unitName, parentIssuerName: null, place: null, appendices: [] },
      code: own.code,
      letter: letter.letter,
    });
    return { bytes, filename: `thu-xin-loi-${own.code}.docx` };
  }

  private async apologyOf(repos: Repositories, own: TrackingRow) {
    const master = own.duplicateOf !== null ? await repos.feedback.tracking(own.duplicateOf) : undefined;
    const row = master ?? own;
    const [unit, sender] = await Promise.all([repos.units.get(row.unitId), repos.feedback.sender(own.id)]);
    const unitName = unit?.name ?? 'Cơ quan giải quyết';
    const letter = apologyLetter(
      {
        code: own.code,
        senderName: sender?.name ?? null,
        unitName,
        receivedOn: own.receivedOn,
        dueDate: row.dueDate,
        dueExplanation: row.dueExplanation,
        answeredOn: row.answeredAt ? vnDate(new Date(row.answeredAt)) : null,
      },
      this.today(),
    );
    return letter ? { letter, unitName } : null;
  }

  private async trackingView(repos: Repositories, own: TrackingRow): Promise<TrackingView> {
    const master = own.duplicateOf !== null ? await repos.feedback.tracking(own.duplicateOf) : undefined;
    const row = master ?? own;
    const unit = await repos.units.get(row.unitId);
    const showDue = isOpen(row.status);
    // Complaints and denunciations show the desk as "Bộ phận tiếp công dân", not a person or a unit's inner desk.
    const unitName = row.kind === 'feedback' ? (unit?.name ?? '') : `Bộ phận tiếp công dân${unit ? ` — ${unit.name}` : ''}`;
    return {
      code: own.code,
      kind: row.kind,
      kindLabel: KIND_LABELS[row.kind],
      topicLabel: DEFAULT_TOPICS[row.topic as FeedbackTopic]?.label ?? row.topic,
      unitName,
      status: row.status,
      statusLabel: STATUS_LABELS[row.status],
      receivedOn: own.receivedOn,
      dueDate: showDue ? row.dueDate : null,
      dueExplanation: showDue ? row.dueExplanation : null,
      overdue: showDue && row.dueDate < this.today(),
      // The sender sees the answer to their own case even when it is not published: for an anonymous
      // sender this page is the only way the answer reaches them.
      answer: row.answer,
      answeredAt: row.answeredAt,
      answerPublic: row.answerPublic === 1,
      rejectReason: row.rejectReason,
      rating: row.rating,
      canRate: canStep(row.status, 'rate') && row.answer !== null && (row.ratedAt === null || (row.answeredAt !== null && row.ratedAt < row.answeredAt)),
      mergedInto: master ? master.code : null,
      apology: (await this.apologyOf(repos, own)) !== null,
    };
  }

  /** The sender's rating of the answer (1–5 stars); 1–2 reopen the case for a second look. */
  async rate(code: string, stars: unknown, comment: string | undefined, clientKey: string): Promise<TrackingView> {
    await this.limiter.take(RATE_LIMIT, clientKey);
    const n = typeof stars === 'string' ? Number(stars) : stars;
    if (!isRating(n)) throw validationError('invalid_rating', 'Xin chọn số sao từ 1 đến 5.');
    const note = cleanText(str(comment)).trim().slice(0, 1000) || null;
    const own = await this.store.read.feedback.byCode(code);
    if (!own) throw notFound('Không tìm thấy phản ánh có mã này.');
    const targetId = own.duplicateOf ?? own.id;
    return this.store.transaction(async (repos) => {
      const row = await repos.feedback.get(targetId);
      if (!row) throw notFound('Không tìm thấy phản ánh có mã này.');
      const view = await this.trackingView(repos, own);
      if (!view.canRate) throw conflict('cannot_rate', 'Phản ánh này chưa có câu trả lời mới để đánh giá.');
      const now = this.clock.now().toISOString();
      const status = statusAfter(row.status, 'rate', n);
      const updated = await repos.feedback.update(row.id, row.version, {
        rating: n,
        ratedAt: now,
        status,
        closedAt: status === 'closed' ? now : row.closedAt,
        updatedAt: now,
      });
      if (!updated) throw conflict('version_conflict', 'Phản ánh vừa được cập nhật; xin tải lại trang và đánh giá lại.');
      await repos.feedback.addMessage({
        caseId: row.id,
        kind: 'rating',
        status,
        body: `${n}/5 sao${note ? ` — ${note}` : ''}${n <= 2 ? ' (mở lại để xem xét lại)' : ''}`,
        actorId: null,
        createdAt: now,
      });
      await this.audit.record(repos, CITIZEN, { action: n <= 2 ? 'feedback.rate_reopen' : 'feedback.rate', entity: 'feedback', entityId: row.id, before: { status: row.status }, after: { status, rating: n } });
      return this.trackingView(repos, (await repos.feedback.tracking(own.id))!);
    });
  }

  /** Published answers, newest first (anonymised question, no sender). */
  async publicList(page = 1, pageSize = 20): Promise<PublicCase[]> {
    const rows = await this.store.read.feedback.publicCases(pageSize, (Math.max(1, page) - 1) * pageSize);
    return this.publicCases(rows);
  }

  /** One published answer by its id, or null. */
  async publicCase(id: number): Promise<PublicCase | null> {
    const row = await this.store.read.feedback.publicCase(id);
    return row ? ((await this.publicCases([row]))[0] ?? null) : null;
  }

  private async publicCases(rows: PublicFeedbackRow[]): Promise<PublicCase[]> {
    const units = new Map((await this.store.read.units.list()).map((u) => [u.id, u.name]));
    return rows.map((r) => ({
      id: r.id,
      topicLabel: DEFAULT_TOPICS[r.topic as FeedbackTopic]?.label ?? r.topic,
      communeName: units.get(r.communeId) ?? '',
      unitName: units.get(r.unitId) ?? '',
      receivedOn: r.receivedOn,
      question: r.publicQuestion ?? '',
      answer: r.answer ?? '',
      answeredOn: r.answeredAt ? vnDate(new Date(r.answeredAt)) : null,
    }));
  }

  // ---- staff ----

  async list(actor: Actor, query: { status?: string; kind?: string; unitId?: number } = {}): Promise<FeedbackView[]> {
    authorize(actor, 'list', 'Feedback', { unitId: query.unitId ?? actor.unitId ?? 0 });
    let unitIds = actor.scope === null ? null : [...actor.scope];
    if (query.unitId !== undefined) unitIds = unitIds === null || unitIds.includes(query.unitId) ? [query.unitId] : [];
    const rows = await this.store.read.feedback.list({ unitIds, status: query.status, kind: query.kind, limit: 500 });
    return rows.map((r) => this.view(r));
  }

  async get(actor: Actor, id: number): Promise<FeedbackView> {
    const row = await this.store.read.feedback.get(id);
    if (!row) throw notFound('Không tìm thấy phản ánh này.');
    authorize(actor, 'read', 'Feedback', { unitId: row.unitId });
    const repos = this.store.read;
    const [sender, messages, attachments, duplicates] = await Promise.all([
      repos.feedback.sender(id),
      repos.feedback.messages(id),
      repos.feedback.attachments(id),
      repos.feedback.duplicatesOf(id),
    ]);
    return {
      ...this.view(row),
      sender: sender ?? { name: null, contact: null },
      messages: messages.map((m) => ({ kind: m.kind, status: m.status as FeedbackStatus, statusLabel: STATUS_LABELS[m.status as FeedbackStatus] ?? m.status, body: m.body, actorId: m.actorId, createdAt: m.createdAt })),
      attachments: attachments.map((a) => ({ hash: a.fileHash, name: a.name, mime: a.mime, size: a.size })),
      duplicates: duplicates.map((d) => ({ id: d.id, code: d.code })),
    };
  }

  async attachment(actor: Actor, id: number, hash: string): Promise<{ name: string; mime: string; content: Uint8Array }> {
    const row = await this.store.read.feedback.get(id);
    if (!row) throw notFound('Không tìm thấy phản ánh này.');
    authorize(actor, 'read', 'Feedback', { unitId: row.unitId });
    const file = await this.store.read.feedback.attachmentFile(id, hash);
    if (!file) throw notFound('Không tìm thấy tệp đính kèm này.');
    return file;
  }

  /** The coordinator moves a case to a unit (routing again, or to another unit). */
  async assign(actor: Actor, id: number, unitId: number, version?: number): Promise<FeedbackView> {
    const unit = await this.store.read.units.get(unitId);
    if (!unit) throw validationError('invalid_unit', 'Không tìm thấy đơn vị được giao xử lý.');
    return this.step(actor, id, 'assign', version, (row) => {
      authorize(actor, 'review', 'Feedback', { unitId: row.unitId });
      authorize(actor, 'review', 'Feedback', { unitId });
      return { patch: { unitId }, note: `Giao ${unit.name} xử lý` };
    }, 'review');
  }

  /** Starts work; for a complaint or a denunciation this is the thụ lý, and the due becomes the resolution's. */
  async start(actor: Actor, id: number, options: { complexity?: string; version?: number } = {}): Promise<FeedbackView> {
    const complexity = options.complexity ?? 'normal';
    if (complexity !== 'normal' && complexity !== 'complex' && complexity !== 'very_complex') {
      throw validationError('invalid_complexity', 'Mức độ phức tạp phải là normal, complex hoặc very_complex.');
    }
    const calendar = await this.calendar();
    return this.step(actor, id, 'start', options.version, (row) => {
      if (row.kind === 'feedback' || row.acceptedOn) return { patch: {}, note: null };
      const acceptedOn = this.today();
      const due = dueOf({ kind: row.kind, topic: row.topic as FeedbackTopic, receivedOn: row.receivedOn, acceptedOn, complexity }, calendar);
      return { patch: { acceptedOn, complexity, dueDate: due.date, dueExplanation: due.explanation }, note: `Thụ lý; hạn giải quyết ${due.explanation}` };
    });
  }

  async answer(actor: Actor, id: number, input: { answer?: string; public?: boolean; version?: number }): Promise<FeedbackView> {
    const text = cleanText(str(input.answer).replace(/\r\n?/g, '\n')).trim();
    if (text.length < 10) throw validationError('answer_required', 'Xin viết nội dung trả lời (ít nhất 10 ký tự).');
    if (text.length > 10_000) throw validationError('answer_too_long', 'Nội dung trả lời dài quá 10.000 ký tự.');
    const now = this.clock.now().toISOString();
    const view = await this.step(actor, id, 'answer', input.version, () => ({ patch: { answer: text, answeredAt: now }, note: text, messageKind: 'answer' }));
    return input.public ? this.publish(actor, id) : view;
  }

  /** Publishes the answer with the question anonymised; complaints and denunciations never. */
  async publish(actor: Actor, id: number, question?: string): Promise<FeedbackView> {
    return this.store.transaction(async (repos) => {
      const row = await repos.feedback.get(id);
      if (!row) throw notFound('Không tìm thấy phản ánh này.');
      authorize(actor, 'update', 'Feedback', { unitId: row.unitId });
      if (!mayPublish(row.kind)) throw conflict('not_publishable', 'Khiếu nại, tố cáo không được công khai (bảo vệ người khiếu nại, tố cáo).');
      if (row.duplicateOf !== null) throw conflict('duplicate', 'Phản ánh này đã được gộp vào một vụ việc khác; hãy công khai vụ việc đó.');
      if (row.answer === null || (row.status !== 'answered' && row.status !== 'closed')) throw conflict('not_answered', 'Chỉ công khai được phản ánh đã có câu trả lời.');
      const sender = await repos.feedback.sender(id);
      const publicQuestion = anonymise(question && cleanText(question).trim() ? question : row.description, sender?.name);
      const now = this.clock.now().toISOString();
      const updated = await repos.feedback.update(id, row.version, { answerPublic: 1, publicQuestion, publishedAt: row.publishedAt ?? now, updatedAt: now });
      if (!updated) throw conflict('version_conflict', 'Phản ánh vừa được người khác cập nhật; xin tải lại.');
      await repos.feedback.addMessage({ caseId: id, kind: 'note', status: updated.status, body: 'Công khai câu trả lời', actorId: actor.id, createdAt: now });
      await this.audit.record(repos, actor, { action: 'feedback.publish', entity: 'feedback', entityId: id, after: { publicQuestion } });
      return this.view(updated);
    });
  }

  async unpublish(actor: Actor, id: number): Promise<FeedbackView> {
    return this.store.transaction(async (repos) => {
      const row = await repos.feedback.get(id);
      if (!row) throw notFound('Không tìm thấy phản ánh này.');
      authorize(actor, 'update', 'Feedback', { unitId: row.unitId });
      const now = this.clock.now().toISOString();
      const updated = await repos.feedback.update(id, row.version, { answerPublic: 0, publishedAt: null, updatedAt: now });
      if (!updated) throw conflict('version_conflict', 'Phản ánh vừa được người khác cập nhật; xin tải lại.');
      await this.audit.record(repos, actor, { action: 'feedback.unpublish', entity: 'feedback', entityId: id });
      return this.view(updated);
    });
  }

  async close(actor: Actor, id: number, version?: number): Promise<FeedbackView> {
    const now = this.clock.now().toISOString();
    return this.step(actor, id, 'close', version, () => ({ patch: { closedAt: now }, note: null }));
  }

  async reject(actor: Actor, id: number, reason: string | undefined, version?: number): Promise<FeedbackView> {
    const why = cleanText(str(reason)).trim();
    if (why.length < 5) throw validationError('reason_required', 'Cần ghi rõ lý do không thụ lý để người gửi được biết.');
    return this.step(actor, id, 'reject', version, () => ({ patch: { rejectReason: why.slice(0, 2000) }, note: why }));
  }

  async reopen(actor: Actor, id: number, reason: string | undefined, version?: number): Promise<FeedbackView> {
    const why = cleanText(str(reason)).trim();
    if (why.length < 5) throw validationError('reason_required', 'Cần ghi lý do mở lại vụ việc.');
    return this.step(actor, id, 'reopen', version, () => ({ patch: { closedAt: null }, note: why }));
  }

  /** Links a report of the same problem to the case that answers it (one answer reaches every sender). */
  async markDuplicate(actor: Actor, id: number, masterId: number, version?: number): Promise<FeedbackView> {
    if (id === masterId) throw validationError('same_case', 'Không thể gộp một vụ việc vào chính nó.');
    const master = await this.store.read.feedback.get(masterId);
    if (!master) throw validationError('invalid_master', 'Không tìm thấy vụ việc cần gộp vào.');
    authorize(actor, 'read', 'Feedback', { unitId: master.unitId });
    const rootId = master.duplicateOf ?? master.id;
    if (rootId === id) throw validationError('same_case', 'Vụ việc kia đã được gộp vào vụ việc này.');
    return this.step(actor, id, 'duplicate', version, (row) => {
      if (row.kind !== master.kind) throw conflict('kind_mismatch', 'Chỉ gộp được các đơn cùng loại (phản ánh với phản ánh, khiếu nại với khiếu nại).');
      return { patch: { duplicateOf: rootId, answerPublic: 0, publishedAt: null }, note: `Gộp vào vụ việc ${master.duplicateOf === null ? master.code : `#${rootId}`}` };
    });
  }

  private async step(
    actor: Actor,
    id: number,
    step: FeedbackStep,
    version: number | undefined,
    change: (row: FeedbackCaseRow) => { patch: Partial<FeedbackCaseRow>; note: string | null; messageKind?: 'status' | 'answer' | 'note' },
    action: 'update' | 'review' = 'update',
  ): Promise<FeedbackView> {
    return this.store.transaction(async (repos) => {
      const row = await repos.feedback.get(id);
      if (!row) throw notFound('Không tìm thấy phản ánh này.');
      authorize(actor, action, 'Feedback', { unitId: row.unitId });
      if (version !== undefined && version !== row.version) throw conflict('version_conflict', 'Phản ánh vừa được người khác cập nhật; xin tải lại.');
      if (row.duplicateOf !== null && step !== 'assign') throw conflict('duplicate', 'Phản ánh này đã được gộp vào một vụ việc khác; hãy xử lý vụ việc đó.');
      const status = statusAfter(row.status, step);
      const { patch, note, messageKind } = change(row);
      const now = this.clock.now().toISOString();
      const updated = await repos.feedback.update(id, row.version, { ...patch, status, updatedAt: now });
      if (!updated) throw conflict('version_conflict', 'Phản ánh vừa được người khác cập nhật; xin tải lại.');
      await repos.feedback.addMessage({ caseId: id, kind: messageKind ?? 'status', status, body: note, actorId: actor.id, createdAt: now });
      await this.audit.record(repos, actor, { action: `feedback.${step}`, entity: 'feedback', entityId: id, before: { status: row.status, unitId: row.unitId }, after: { status, ...patch } });
      return this.view(updated);
    });
  }

  private view(row: FeedbackCaseRow): FeedbackView {
    const topic = row.topic as FeedbackTopic;
    const channel = row.channel as FeedbackChannel;
    return {
      id: row.id,
      code: row.code,
      kind: row.kind,
      kindLabel: KIND_LABELS[row.kind],
      topic,
      topicLabel: DEFAULT_TOPICS[topic]?.label ?? row.topic,
      communeId: row.communeId,
      unitId: row.unitId,
      description: row.description,
      channel,
      channelLabel: CHANNEL_LABELS[channel] ?? row.channel,
      status: row.status,
      statusLabel: STATUS_LABELS[row.status],
      receivedAt: row.receivedAt,
      receivedOn: row.receivedOn,
      acceptedOn: row.acceptedOn,
      complexity: row.complexity,
      dueDate: row.dueDate,
      dueExplanation: row.dueExplanation,
      overdue: isOpen(row.status) && row.dueDate < this.today(),
      duplicateOf: row.duplicateOf,
      answer: row.answer,
      answeredAt: row.answeredAt,
      answerPublic: row.answerPublic === 1,
      publicQuestion: row.publicQuestion,
      publishedAt: row.publishedAt,
      rejectReason: row.rejectReason,
      rating: row.rating,
      ratedAt: row.ratedAt,
      closedAt: row.closedAt,
      version: row.version,
    };
  }
}
