import ExcelJS from 'exceljs';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import type { Actor } from '../domain/accounts/actor.js';
import { conflict, DomainError, notFound, validationError } from '../domain/errors.js';
import { sniffFileType } from '../domain/files/sniff.js';
import { authorize, can } from '../domain/policies/index.js';
import { isIsoDate } from '../domain/schedule/index.js';
import { cleanText, searchKey } from '../domain/text/normalize.js';
import { vnDate } from '../domain/time.js';
import {
  CATEGORIES,
  DISCLOSURE_CATEGORIES,
  checkTable,
  isCategory,
  isChannel,
  parseCsv,
  postingPeriodProblem,
  postingState,
  publicTable,
  registerLine,
  defaultPostingEnd,
  takenDownTooEarly,
  toCsv,
  objectionWindow,
  type CellProblem,
  type DisclosureCategory,
  type DisclosureChannel,
  type DisclosureStatus,
  type DisclosureTable,
  type DroppedColumn,
  type ImportedGrid,
  type PostingState,
  type RegisterCell,
} from '../domain/disclosures/index.js';
import type { Repositories, Store } from '../db/repositories/index.js';
import type { DisclosureRow, PublicDisclosureRow } from '../db/repositories/disclosures.js';
import type { AuditService } from './audit-service.js';
import type { Clock } from './clock.js';
import { sha256Bytes } from './tokens.js';

/** The error code the HTTP layer answers with 415. */
export const DISCLOSURE_FILE_TYPE = 'unsupported_file_type';

export interface UploadedFile {
  bytes: Uint8Array;
  name: string;
}

export interface DisclosureInput {
  unitId: number;
  category: string;
  title: string;
  summary?: string | null;
  body?: string | null;
  legalBasis?: string | null;
  channels?: string[] | null;
  /** The proposed posting period (YYYY-MM-DD); the approver confirms or changes it. */
  publishDate?: string | null;
  postingEnd?: string | null;
}

export type DisclosurePatch = Partial<Omit<DisclosureInput, 'unitId' | 'category'>>;

export interface AttachmentView {
  id: number;
  name: string;
  mime: string;
  size: number;
  fileHash: string;
  createdAt: string;
}

export interface PostingView {
  id: number;
  channel: DisclosureChannel;
  postedOn: string;
  description: string;
  evidenceFileHash: string | null;
  recordedAt: string;
}

/** What staff and citizens both see of a disclosure. */
interface DisclosureCommon {
  id: number;
  unitId: number;
  unitName: string;
  category: DisclosureCategory;
  categoryLabel: string;
  title: string;
  summary: string;
  body: string;
  legalBasis: string;
  channels: DisclosureChannel[];
  postingEnd: string | null;
  objectionWindow: { from: string; to: string } | null;
  approvedAt: string | null;
  updatedAt: string;
}

/** A disclosure as staff see it. */
export interface DisclosureView extends DisclosureCommon {
  publishDate: string | null;
  status: DisclosureStatus;
  postingState: PostingState;
  returnComment: string | null;
  approvedBy: number | null;
  takenDownAt: string | null;
  takenDownOn: string | null;
  takenDownReason: string | null;
  takenDownTooEarly: boolean;
  createdBy: number | null;
  createdAt: string;
  version: number;
  table: DisclosureTable | null;
  attachments: AttachmentView[];
  postings: PostingView[];
}

export interface ImportResult {
  disclosure: DisclosureView;
  /** Columns dropped (personal data, not allowed…), with a Vietnamese message each. */
  dropped: DroppedColumn[];
  rows: number;
}

export interface RegisterView {
  today: string;
  unitId: number;
  categories: Array<{ category: DisclosureCategory; label: string; minPostingDays: number | null; channels: DisclosureChannel[]; legalBasis: string[] }>;
  communes: Array<{ unitId: number; unitName: string; cells: RegisterCell[] }>;
}

/** A published disclosure as citizens see it (personal data filtered again). */
export interface PublicDisclosure extends DisclosureCommon {
  publishDate: string;
}

export interface PublicDisclosureDetail extends PublicDisclosure {
  table: DisclosureTable | null;
  attachments: AttachmentView[];
}

export interface PublicQuery {
  unitId?: number;
  category?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

const MAX_TITLE = 300;
const MAX_TEXT = 20_000;
const UNIT_KINDS_ALLOWED = new Set(['commune', 'ward', 'district', 'agency', 'province']);
const REGISTER_KINDS = new Set(['commune', 'ward']);

const parseChannels = (json: string): DisclosureChannel[] => (JSON.parse(json) as string[]).filter(isChannel);

function searchTextOf(row: { title: string; summary: string; category: string }, unitName: string): string {
  const label = isCategory(row.category) ? CATEGORIES[row.category].label : '';
  return ` ${searchKey(`${row.title} ${row.summary} ${unitName} ${label}`)} `;
}

const STATE_VI: Record<DisclosureStatus, string> = {
  draft: 'bản nháp',
  pending: 'chờ phê duyệt',
  published: 'đã công khai',
  taken_down: 'đã gỡ xuống',
};

/**
 * Disclosures (công khai) and the disclosure register (issue 5, items 1–3): unit officers draft, import a
 * table (XLSX or CSV, personal data filtered), attach documents and record posting evidence; a coordinator
 * or leader approves (→ published) or returns; items are taken down; the register shows per commune and
 * category what is posted, missing, taken down too early or expired. Public reads show only published items
 * inside their posting period, with personal data filtered again at render and export.
 */
/** The description staff and citizens both see first (DisclosureView and PublicDisclosure start with it). */
function describe(row: DisclosureRow, unitName: string) {
  const category = row.category as DisclosureCategory;
  return {
    id: row.id,
    unitId: row.unitId,
    unitName,
    category,
    categoryLabel: CATEGORIES[category]?.label ?? row.category,
    title: row.title,
    summary: row.summary,
    body: row.body,
    legalBasis: row.legalBasis,
    channels: parseChannels(row.channels),
  };
}

export class DisclosureService {
  private readonly xlsxCache = new Map<string, Buffer>();

  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private today(): string {
    return vnDate(this.clock.now());
  }

  // ---- staff: writes ------------------------------------------------------------------------

  async create(actor: Actor, input: DisclosureInput): Promise<DisclosureView> {
    authorize(actor, 'create', 'Disclosure', { unitId: input.unitId, status: 'draft' });
    if (!isCategory(input.category)) {
      throw validationError('invalid_category', `Loại công khai «${cleanText(input.category).slice(0, 60)}» không hợp lệ; cần một trong: ${DISCLOSURE_CATEGORIES.join(', ')}.`);
    }
    const spec = CATEGORIES[input.category];
    const now = this.clock.now().toISOString();
    return this.store.transaction(async (repos) => {
      const unit = await repos.units.get(input.unitId);
      if (!unit) throw notFound(`Không tìm thấy đơn vị có mã số ${input.unitId}.`);
      if (!UNIT_KINDS_ALLOWED.has(unit.kind)) throw validationError('invalid_unit', `Đơn vị «${unit.name}» không công khai thông tin trên cổng này.`);
      const fields = this.fields({ ...input, channels: input.channels ?? [...spec.channels], legalBasis: input.legalBasis ?? spec.legalBasis.map((b) => b.text).join('\n') });
      const period = this.proposedPeriod(input.category as DisclosureCategory, input.publishDate ?? null, input.postingEnd ?? null);
      const row = await repos.disclosures.insert({
        unitId: unit.id,
        category: input.category,
        ...fields,
        searchText: searchTextOf({ ...fields, category: input.category }, unit.name),
        ...period,
        status: 'draft',
        returnComment: null,
        approvedBy: null,
        approvedAt: null,
        takenDownAt: null,
        takenDownOn: null,
        takenDownReason: null,
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
      });
      const view = await this.view(repos, row);
      await this.audit.record(repos, actor, { action: 'disclosure.create', entity: 'disclosure', entityId: row.id, after: row });
      return view;
    });
  }

  private fields(input: DisclosurePatch & { title: string }) {
    const title = cleanText(input.title ?? '').slice(0, MAX_TITLE);
    if (!title) throw validationError('title_required', 'Chưa nhập tiêu đề của nội dung công khai.');
    const channels = input.channels ?? [];
    const bad = channels.filter((c) => !isChannel(c));
    if (bad.length > 0) throw validationError('invalid_channel', `Hình thức công khai không hợp lệ: ${bad.map((b) => `«${cleanText(b).slice(0, 40)}»`).join(', ')}.`);
    if (channels.length === 0) throw validationError('channels_required', 'Cần chọn ít nhất một hình thức công khai (niêm yết, truyền thanh, họp thôn, trang điện tử).');
    return {
      title,
      summary: cleanText(input.summary ?? '').slice(0, 2000),
      body: (input.body ?? '').normalize('NFC').trim().slice(0, MAX_TEXT),
      legalBasis: (input.legalBasis ?? '').normalize('NFC').trim().slice(0, 5000),
      channels: JSON.stringify([...new Set(channels)]),
    };
  }

  /**
   * A proposed posting period, checked as the approval will check it (400 with the domain's Vietnamese
   * message when shorter than the category's minimum). Only published items are public, so a draft may
   * carry its proposal in the same columns.
   */
  private proposedPeriod(category: DisclosureCategory, publishDate: string | null, postingEnd: string | null): { publishDate: string | null; postingEnd: string | null } {
    const from = publishDate?.trim() || null;
    const to = postingEnd?.trim() || null;
    if (from !== null && !isIsoDate(from)) throw validationError('invalid_date', 'Ngày công khai dự kiến không hợp lệ (cần dạng YYYY-MM-DD).');
    if (to !== null && !isIsoDate(to)) throw validationError('invalid_date', 'Ngày hết thời hạn niêm yết không hợp lệ (cần dạng YYYY-MM-DD).');
    if (from === null) {
      if (to !== null) throw validationError('invalid_date', 'Cần nhập ngày công khai dự kiến trước ngày hết thời hạn niêm yết.');
      return { publishDate: null, postingEnd: null };
    }
    if (from < this.today()) throw validationError('invalid_date', 'Ngày công khai dự kiến không được trước ngày hôm nay.');
    const problem = postingPeriodProblem(category, from, to);
    if (problem) throw validationError('posting_period', problem);
    return { publishDate: from, postingEnd: to };
  }

  async update(actor: Actor, id: number, patch: DisclosurePatch, expectedVersion?: number): Promise<DisclosureView> {
    return this.write(actor, id, 'edit', expectedVersion, async (repos, row) => {
      const unit = await repos.units.get(row.unitId);
      const fields = this.fields({
        title: patch.title ?? row.title,
        summary: patch.summary ?? row.summary,
        body: patch.body ?? row.body,
        legalBasis: patch.legalBasis ?? row.legalBasis,
        channels: patch.channels ?? parseChannels(row.channels),
      });
      const period =
        patch.publishDate !== undefined || patch.postingEnd !== undefined
          ? this.proposedPeriod(
              row.category as DisclosureCategory,
              patch.publishDate !== undefined ? patch.publishDate : row.publishDate,
              patch.postingEnd !== undefined ? patch.postingEnd : row.postingEnd,
            )
          : {};
      return { ...fields, ...period, searchText: searchTextOf({ ...fields, category: row.category }, unit?.name ?? '') };
    });
  }

  async submit(actor: Actor, id: number): Promise<DisclosureView> {
    return this.write(actor, id, 'submit', undefined, async () => ({ status: 'pending', returnComment: null }));
  }

  async approve(actor: Actor, id: number, input: { publishDate?: string | null; postingEnd?: string | null } = {}): Promise<DisclosureView> {
    const today = this.today();
    return this.write(actor, id, 'approve', undefined, async (_repos, row) => {
      const category = row.category as DisclosureCategory;
      // Without the approver's dates, the officer's proposal (when still ahead), else from today.
      const proposed = row.publishDate !== null && row.publishDate >= today ? row.publishDate : null;
      const publishDate = input.publishDate?.trim() || proposed || today;
      if (!isIsoDate(publishDate)) throw validationError('invalid_date', 'Ngày công khai không hợp lệ (cần dạng YYYY-MM-DD).');
      if (publishDate < today) throw validationError('invalid_date', 'Ngày công khai không được trước ngày hôm nay.');
      const postingEnd =
        input.postingEnd !== undefined || proposed === null || publishDate !== proposed
          ? input.postingEnd?.trim() || defaultPostingEnd(category, publishDate)
          : (row.postingEnd ?? defaultPostingEnd(category, publishDate));
      if (postingEnd !== null && !isIsoDate(postingEnd)) throw validationError('invalid_date', 'Ngày hết thời hạn niêm yết không hợp lệ (cần dạng YYYY-MM-DD).');
      const problem = postingPeriodProblem(category, publishDate, postingEnd);
      if (problem) throw validationError('posting_period', problem);
      return { status: 'published', publishDate, postingEnd, approvedBy: actor.id, approvedAt: this.clock.now().toISOString(), returnComment: null };
    });
  }

  async returnToDraft(actor: Actor, id: number, comment: string | null): Promise<DisclosureView> {
    return this.write(actor, id, 'return', undefined, async () => ({ status: 'draft', returnComment: cleanText(comment ?? '').slice(0, 5000) || null }));
  }

  async takeDown(actor: Actor, id: number, reason: string | null): Promise<DisclosureView> {
    const text = cleanText(reason ?? '');
    if (!text) throw validationError('reason_required', 'Cần ghi lý do gỡ nội dung công khai xuống.');
    return this.write(actor, id, 'take_down', undefined, async () => ({
      status: 'taken_down',
      takenDownAt: this.clock.now().toISOString(),
      takenDownOn: this.today(),
      takenDownReason: text.slice(0, 5000),
    }));
  }

  /** One state change: policy (403), state (409), version (409), the patch, the audit entry, in one transaction. */
  private async write(
    actor: Actor,
    id: number,
    step: 'edit' | 'submit' | 'approve' | 'return' | 'take_down',
    expectedVersion: number | undefined,
    change: (repos: Repositories, row: DisclosureRow) => Promise<Partial<DisclosureRow>>,
  ): Promise<DisclosureView> {
    const action = step === 'approve' || step === 'return' ? 'review' : step === 'take_down' ? 'revoke' : step === 'submit' ? 'submit' : 'update';
    const allowedFrom: Record<typeof step, DisclosureStatus> = { edit: 'draft', submit: 'draft', approve: 'pending', return: 'pending', take_down: 'published' };
    return this.store.transaction(async (repos) => {
      const row = await repos.disclosures.get(id);
      if (!row) throw notFound(`Không tìm thấy nội dung công khai có mã số ${id}.`);
      authorize(actor, 'read', 'Disclosure', { unitId: row.unitId, status: row.status });
      authorize(actor, action, 'Disclosure', { unitId: row.unitId, status: row.status });
      if (row.status !== allowedFrom[step]) {
        throw conflict('disclosure_state', `Nội dung công khai đang ở trạng thái «${STATE_VI[row.status]}»: không thể ${STEP_VI[step]}.`);
      }
      if (expectedVersion !== undefined && expectedVersion !== row.version) {
        throw conflict('version_conflict', 'Nội dung công khai đã được người khác sửa; hãy tải lại trước khi lưu.');
      }
      const patch = await change(repos, row);
      const updated = await repos.disclosures.update(id, row.version, { ...patch, updatedAt: this.clock.now().toISOString() }, [row.status]);
      if (!updated) throw conflict('version_conflict', 'Nội dung công khai vừa được người khác thay đổi; hãy tải lại.');
      const view = await this.view(repos, updated);
      await this.audit.record(repos, actor, { action: `disclosure.${step}`, entity: 'disclosure', entityId: id, before: row, after: updated });
      return view;
    });
  }

  /**
   * Imports the item's table from an XLSX or CSV file: personal-data columns are dropped and reported; a cell
   * that looks like an ID number or a phone refuses the whole import (400, every problem with its line and column).
   */
  async importTable(actor: Actor, id: number, file: UploadedFile): Promise<ImportResult> {
    const grid = await readGrid(file);
    return this.store.transaction(async (repos) => {
      const row = await this.editable(repos, actor, id);
      const spec = CATEGORIES[row.category as DisclosureCategory];
      const checked = checkTable(spec, grid);
      const problems: string[] = [
        ...(checked.missing.length > 0 ? [`Tệp thiếu cột bắt buộc: ${checked.missing.map((m) => `«${m}»`).join(', ')}.`] : []),
        ...checked.problems.map((p: CellProblem) => p.message),
      ];
      if (checked.table.columns.length === 0) problems.unshift('Tệp không có cột nào được phép công khai.');
      if (problems.length > 0) {
        const shown = problems.slice(0, 20);
        throw validationError(
          'table_invalid',
          `Không nhập được bảng (${problems.length} lỗi): ${shown.join(' ')}${problems.length > shown.length ? ` … và ${problems.length - shown.length} lỗi khác.` : ''}`,
          { problems: checked.problems, missing: checked.missing, dropped: checked.dropped },
        );
      }
      const now = this.clock.now().toISOString();
      await repos.disclosures.putTable({
        disclosureId: id,
        columns: JSON.stringify(checked.table.columns),
        rows: JSON.stringify(checked.table.rows),
        sourceName: cleanText(file.name).slice(0, 200) || null,
        importedAt: now,
      });
      const updated = (await repos.disclosures.update(id, row.version, { updatedAt: now }))!;
      const view = await this.view(repos, updated);
      await this.audit.record(repos, actor, {
        action: 'disclosure.import_table',
        entity: 'disclosure',
        entityId: id,
        after: { columns: checked.table.columns, rows: checked.table.rows.length, dropped: checked.dropped.map((d) => ({ header: d.header, reason: d.reason })), file: file.name },
      });
      return { disclosure: view, dropped: checked.dropped, rows: checked.table.rows.length };
    });
  }

  async attach(actor: Actor, id: number, file: UploadedFile): Promise<AttachmentView> {
    const type = checkDocument(file, ['pdf', 'docx', 'xlsx'], 'PDF, Word (.docx) hay Excel (.xlsx)');
    const now = this.clock.now().toISOString();
    return this.store.transaction(async (repos) => {
      await this.editable(repos, actor, id);
      const hash = sha256Bytes(file.bytes);
      const name = cleanText(file.name).slice(0, 200) || `tai-lieu.${type.extension}`;
      await repos.plans.storeFile({ hash, name, mime: type.mime, size: file.bytes.length, content: file.bytes, createdAt: now });
      const row = await repos.disclosures.insertAttachment({ disclosureId: id, fileHash: hash, name, mime: type.mime, size: file.bytes.length, createdBy: actor.id, createdAt: now });
      const view: AttachmentView = { id: row.id, name, mime: type.mime, size: row.size, fileHash: hash, createdAt: now };
      await this.audit.record(repos, actor, { action: 'disclosure.attach', entity: 'disclosure', entityId: id, after: view });
      return view;
    });
  }

  /** Evidence that a published item was posted on a channel (a photo of the board, meeting minutes). */
  async recordPosting(actor: Actor, id: number, input: { channel: string; postedOn: string; description?: string | null }, file?: UploadedFile): Promise<PostingView> {
    if (!isChannel(input.channel)) throw validationError('invalid_channel', `Hình thức công khai «${cleanText(input.channel).slice(0, 40)}» không hợp lệ.`);
    if (!isIsoDate(input.postedOn)) throw validationError('invalid_date', 'Ngày niêm yết, thông báo không hợp lệ (cần dạng YYYY-MM-DD).');
    if (input.postedOn > this.today()) throw validationError('invalid_date', 'Ngày niêm yết, thông báo không được sau ngày hôm nay.');
    const type = file ? checkDocument(file, ['pdf', 'docx', 'xlsx', 'jpeg', 'png'], 'ảnh (JPEG, PNG), PDF, Word (.docx) hay Excel (.xlsx)') : null;
    const now = this.clock.now().toISOString();
    return this.store.transaction(async (repos) => {
      const row = await repos.disclosures.get(id);
      if (!row) throw notFound(`Không tìm thấy nội dung công khai có mã số ${id}.`);
      authorize(actor, 'update', 'Disclosure', { unitId: row.unitId, status: row.status });
      if (row.status !== 'published' && row.status !== 'taken_down') {
        throw conflict('disclosure_state', `Nội dung công khai đang ở trạng thái «${STATE_VI[row.status]}»: chỉ ghi nhận việc niêm yết sau khi đã được phê duyệt công khai.`);
      }
      let hash: string | null = null;
      if (file && type) {
        hash = sha256Bytes(file.bytes);
        await repos.plans.storeFile({ hash, name: cleanText(file.name).slice(0, 200) || `minh-chung.${type.extension}`, mime: type.mime, size: file.bytes.length, content: file.bytes, createdAt: now });
      }
      const posting = await repos.disclosures.insertPosting({
        disclosureId: id,
        channel: input.channel,
        postedOn: input.postedOn,
        description: cleanText(input.description ?? '').slice(0, 2000),
        evidenceFileHash: hash,
        recordedBy: actor.id,
        recordedAt: now,
      });
      const view = toPosting(posting);
      await this.audit.record(repos, actor, { action: 'disclosure.posting', entity: 'disclosure', entityId: id, after: view });
      return view;
    });
  }

  private async editable(repos: Repositories, actor: Actor, id: number): Promise<DisclosureRow> {
    const row = await repos.disclosures.get(id);
    if (!row) throw notFound(`Không tìm thấy nội dung công khai có mã số ${id}.`);
    authorize(actor, 'update', 'Disclosure', { unitId: row.unitId, status: row.status });
    if (row.status !== 'draft') {
      throw conflict('disclosure_state', `Nội dung công khai đang ở trạng thái «${STATE_VI[row.status]}»: chỉ sửa bản nháp (hoặc bản bị trả lại).`);
    }
    return row;
  }

  // ---- staff: reads -------------------------------------------------------------------------

  async get(actor: Actor, id: number): Promise<DisclosureView> {
    const read = this.store.read;
    const row = await read.disclosures.get(id);
    if (!row || !can(actor, 'read', 'Disclosure', { unitId: row.unitId, status: row.status })) {
      if (row) authorize(actor, 'read', 'Disclosure', { unitId: row.unitId, status: row.status });
      throw notFound(`Không tìm thấy nội dung công khai có mã số ${id}.`);
    }
    return this.view(read, row);
  }

  async list(actor: Actor, query: { unitId?: number; category?: string; status?: DisclosureStatus } = {}): Promise<DisclosureView[]> {
    const read = this.store.read;
    const rows = await read.disclosures.list({
      ...(actor.scope === null ? {} : { unitIds: [...actor.scope] }),
      ...(query.unitId !== undefined ? { unitId: query.unitId } : {}),
      ...(query.category !== undefined ? { category: query.category } : {}),
      ...(query.status !== undefined ? { status: query.status } : {}),
    });
    const visible = rows.filter((r) => can(actor, 'list', 'Disclosure', { unitId: r.unitId, status: r.status }));
    const names = await this.unitNames(read);
    return visible.map((r) => this.viewOf(r, names.get(r.unitId) ?? '', null, [], []));
  }

  /** A stored file of an item (attachment or posting evidence) for whoever may read the item. */
  async file(actor: Actor, id: number, hash: string): Promise<{ name: string; mime: string; content: Uint8Array }> {
    const read = this.store.read;
    const row = await read.disclosures.get(id);
    if (!row) throw notFound(`Không tìm thấy nội dung công khai có mã số ${id}.`);
    authorize(actor, 'read', 'Disclosure', { unitId: row.unitId, status: row.status });
    const known = (await read.disclosures.attachments(id)).some((a) => a.fileHash === hash) || (await read.disclosures.postings(id)).some((p) => p.evidenceFileHash === hash);
    const file = known ? await read.plans.file(hash) : undefined;
    if (!file) throw notFound('Không tìm thấy tệp của nội dung công khai.');
    return file;
  }

  /**
   * The register: for each commune and ward under `unitId` (or the commune itself) and each category, what is
   * posted today, missing, taken down too early or expired.
   */
  async register(actor: Actor, unitId: number): Promise<RegisterView> {
    const read = this.store.read;
    authorize(actor, 'list', 'Disclosure', { unitId, status: 'published' });
    const unit = await read.units.get(unitId);
    if (!unit) throw notFound(`Không tìm thấy đơn vị có mã số ${unitId}.`);
    const units = await read.units.list({});
    const children = new Map<number, number[]>();
    for (const u of units) if (u.parentId !== null) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
    const subtree: number[] = [];
    const stack = [unitId];
    while (stack.length > 0) {
      const id = stack.pop()!;
      subtree.push(id);
      stack.push(...(children.get(id) ?? []));
    }
    const byId = new Map(units.map((u) => [u.id, u]));
    const communes = subtree
      .map((id) => byId.get(id)!)
      .filter((u) => u && REGISTER_KINDS.has(u.kind) && u.validTo === null && can(actor, 'list', 'Disclosure', { unitId: u.id, status: 'published' }))
      .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    const facts = await read.disclosures.registerFacts(communes.map((c) => c.id));
    const today = this.today();
    return {
      today,
      unitId,
      categories: DISCLOSURE_CATEGORIES.map((c) => ({
        category: c,
        label: CATEGORIES[c].label,
        minPostingDays: CATEGORIES[c].minPostingDays,
        channels: [...CATEGORIES[c].channels],
        legalBasis: CATEGORIES[c].legalBasis.map((b) => b.text),
      })),
      communes: communes.map((c) => ({
        unitId: c.id,
        unitName: c.name,
        cells: registerLine(
          facts.filter((f) => f.unitId === c.id).map((f) => ({ ...f, category: f.category as DisclosureCategory })),
          today,
        ),
      })),
    };
  }

  private async unitNames(read: Repositories): Promise<Map<number, string>> {
    return new Map((await read.units.list({})).map((u) => [u.id, u.name]));
  }

  private async view(repos: Repositories, row: DisclosureRow): Promise<DisclosureView> {
    const unit = await repos.units.get(row.unitId);
    const table = await repos.disclosures.table(row.id);
    const attachments = await repos.disclosures.attachments(row.id);
    const postings = await repos.disclosures.postings(row.id);
    return this.viewOf(
      row,
      unit?.name ?? '',
      table ? { columns: JSON.parse(table.columns), rows: JSON.parse(table.rows) } : null,
      attachments.map((a) => ({ id: a.id, name: a.name, mime: a.mime, size: a.size, fileHash: a.fileHash, createdAt: a.createdAt })),
      postings.map(toPosting),
    );
  }

  private viewOf(row: DisclosureRow, unitName: string, table: DisclosureTable | null, attachments: AttachmentView[], postings: PostingView[]): DisclosureView {
    const category = row.category as DisclosureCategory;
    const facts = { category, status: row.status, publishDate: row.publishDate, postingEnd: row.postingEnd, takenDownOn: row.takenDownOn };
    return {
      ...describe(row, unitName),
      publishDate: row.publishDate,
      postingEnd: row.postingEnd,
      status: row.status,
      postingState: postingState(facts, this.today()),
      objectionWindow: objectionWindow(category, row.publishDate),
      returnComment: row.returnComment,
      approvedBy: row.approvedBy,
      approvedAt: row.approvedAt,
      takenDownAt: row.takenDownAt,
      takenDownOn: row.takenDownOn,
      takenDownReason: row.takenDownReason,
      takenDownTooEarly: takenDownTooEarly(facts),
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      version: row.version,
      table,
      attachments,
      postings,
    };
  }

  // ---- public reads -------------------------------------------------------------------------

  private toPublic(row: PublicDisclosureRow): PublicDisclosure {
    const category = row.category as DisclosureCategory;
    return {
      ...describe(row, row.unitName),
      publishDate: row.publishDate!,
      postingEnd: row.postingEnd,
      objectionWindow: objectionWindow(category, row.publishDate),
      approvedAt: row.approvedAt,
      updatedAt: row.updatedAt,
    };
  }

  /** Published items on show today; search folds diacritics ("ho ngheo" finds "hộ nghèo"). */
  async publicList(query: PublicQuery = {}): Promise<{ items: PublicDisclosure[]; total: number; page: number; pageSize: number }> {
    const pageSize = Math.min(Math.max(query.pageSize ?? 20, 1), 1000);
    const page = Math.max(query.page ?? 1, 1);
    const words = query.q ? searchKey(query.q.slice(0, 200)).split(' ').filter(Boolean).slice(0, 10) : [];
    const category = query.category && isCategory(query.category) ? query.category : undefined;
    if (query.category && !category) return { items: [], total: 0, page, pageSize };
    const { items, total } = await this.store.read.disclosures.listPublic({
      today: this.today(),
      ...(query.unitId !== undefined ? { unitId: query.unitId } : {}),
      ...(category ? { category } : {}),
      words,
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    return { items: items.map((r) => this.toPublic(r)), total, page, pageSize };
  }

  /** The units with something on show (the commune filter), sorted the Vietnamese way. */
  async publicUnits(): Promise<Array<{ id: number; name: string }>> {
    return (await this.store.read.disclosures.publicUnits(this.today())).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  }

  /** One published item on show today, with its table re-filtered of personal data; undefined otherwise. */
  async publicGet(id: number): Promise<PublicDisclosureDetail | undefined> {
    const read = this.store.read;
    const row = await read.disclosures.getPublic(id, this.today());
    if (!row) return undefined;
    const item = this.toPublic(row);
    const stored = await read.disclosures.table(id);
    const table = stored ? publicTable(CATEGORIES[item.category], { columns: JSON.parse(stored.columns), rows: JSON.parse(stored.rows) }) : null;
    const attachments = (await read.disclosures.attachments(id)).map((a) => ({ id: a.id, name: a.name, mime: a.mime, size: a.size, fileHash: a.fileHash, createdAt: a.createdAt }));
    return { ...item, table, attachments };
  }

  async publicAttachment(id: number, attachmentId: number): Promise<{ name: string; mime: string; content: Uint8Array } | undefined> {
    const read = this.store.read;
    const row = await read.disclosures.getPublic(id, this.today());
    if (!row) return undefined;
    const att = await read.disclosures.attachment(attachmentId);
    if (!att || att.disclosureId !== id) return undefined;
    const file = await read.plans.file(att.fileHash);
    return file ? { name: att.name, mime: att.mime, content: file.content } : undefined;
  }

  /** The item's table as CSV (personal data filtered again). */
  async publicCsv(id: number): Promise<{ name: string; body: string } | undefined> {
    const item = await this.publicGet(id);
    if (!item?.table) return undefined;
    return { name: `cong-khai-${id}.csv`, body: toCsv(item.table) };
  }

  /** The item's table as XLSX (personal data filtered again). */
  async publicXlsx(id: number): Promise<{ name: string; body: Buffer } | undefined> {
    const item = await this.publicGet(id);
    if (!item?.table) return undefined;
    // Building a workbook costs tens of milliseconds; the bytes depend only on the item's version, so a
    // small cache keyed by id and last change answers a surge of readers (the same bytes on every instance).
    const key = `${id}@${item.updatedAt}`;
    let body = this.xlsxCache.get(key);
    if (!body) {
      body = await tableToXlsx(item.title, item.table, item.updatedAt);
      if (this.xlsxCache.size >= 100) this.xlsxCache.delete(this.xlsxCache.keys().next().value!);
      this.xlsxCache.set(key, body);
    }
    return { name: `cong-khai-${id}.xlsx`, body };
  }
}

const STEP_VI: Record<'edit' | 'submit' | 'approve' | 'return' | 'take_down', string> = {
  edit: 'sửa',
  submit: 'gửi phê duyệt',
  approve: 'phê duyệt',
  return: 'trả lại',
  take_down: 'gỡ xuống',
};

function toPosting(p: { id: number; channel: string; postedOn: string; description: string; evidenceFileHash: string | null; recordedAt: string }): PostingView {
  return { id: p.id, channel: p.channel as DisclosureChannel, postedOn: p.postedOn, description: p.description, evidenceFileHash: p.evidenceFileHash, recordedAt: p.recordedAt };
}

function checkDocument(file: UploadedFile, kinds: readonly string[], what: string) {
  if (file.bytes.length === 0) throw validationError('empty_file', 'Tệp trống.');
  const type = sniffFileType(file.bytes);
  if (!type || !kinds.includes(type.kind)) {
    throw new DomainError('validation', DISCLOSURE_FILE_TYPE, `Tệp «${cleanText(file.name).slice(0, 100)}» không phải ${what} theo nội dung của nó.`);
  }
  return type;
}

// ---- XLSX / CSV ---------------------------------------------------------------------------------

/** Reads an uploaded table: XLSX by content, otherwise UTF-8 CSV text. */
export async function readGrid(file: UploadedFile): Promise<ImportedGrid> {
  if (file.bytes.length === 0) throw validationError('empty_file', 'Tệp bảng số liệu trống.');
  const type = sniffFileType(file.bytes);
  if (type?.kind === 'xlsx') return readXlsx(file.bytes);
  if (type) throw new DomainError('validation', DISCLOSURE_FILE_TYPE, `Tệp «${cleanText(file.name).slice(0, 100)}» không phải bảng Excel (.xlsx) hay CSV.`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
  } catch {
    throw validationError('csv_encoding', 'Tệp CSV phải được lưu với bảng mã UTF-8 (trong Excel: «CSV UTF-8 (Comma delimited)»).');
  }
  if (text.includes('\u0000')) throw new DomainError('validation', DISCLOSURE_FILE_TYPE, 'Tệp không phải bảng Excel (.xlsx) hay CSV.');
  const grid = parseCsv(text);
  if (grid.headers.length === 0) throw validationError('table_empty', 'Tệp CSV không có dòng tiêu đề.');
  return grid;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const d = value.toISOString().slice(0, 10);
    return `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

async function readXlsx(bytes: Uint8Array): Promise<ImportedGrid> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw validationError('xlsx_unreadable', 'Không đọc được tệp Excel (.xlsx): tệp hỏng hoặc không đúng định dạng.');
  }
  const sheet = wb.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) throw validationError('table_empty', 'Tệp Excel không có trang tính nào có dữ liệu.');
  const lines: Array<{ line: number; cells: string[] }> = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= Math.min(row.cellCount, 40); c++) cells.push(cellText(row.getCell(c).value));
    if (cells.some((v) => v.trim() !== '')) lines.push({ line: rowNumber, cells });
  });
  const [header, ...rows] = lines;
  if (!header) throw validationError('table_empty', 'Tệp Excel không có dòng tiêu đề.');
  if (rows.length > 10_000) throw validationError('table_too_large', 'Bảng có quá 10.000 dòng.');
  return { headers: header.cells, rows };
}

/**
 * A table as an XLSX workbook: a bold header row, numbers kept as numbers. The same table gives the same
 * bytes (workbook dates and zip entry times fixed to `asOf`), so the public download keeps its ETag.
 */
export async function tableToXlsx(title: string, table: DisclosureTable, asOf: string): Promise<Buffer> {
  const when = new Date(Number.isNaN(Date.parse(asOf)) ? 0 : Date.parse(asOf));
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Dondoc';
  wb.created = when;
  wb.modified = when;
  const ws = wb.addWorksheet('Công khai');
  ws.addRow(table.columns.map((c) => c.label)).font = { bold: true };
  for (const row of table.rows) ws.addRow(row.map((v) => (typeof v === 'string' && /^[=+\-@]/.test(v) ? `'${v}` : v)));
  ws.columns.forEach((col, i) => {
    col.width = Math.min(60, Math.max(10, table.columns[i]?.label.length ?? 10) + 4);
    if (table.columns[i]?.type === 'money') col.numFmt = '#,##0';
  });
  wb.title = title;
  const parts = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
  const fixed: Zippable = {};
  for (const [name, bytes] of Object.entries(parts)) fixed[name] = [bytes, { mtime: when.getTime() < Date.UTC(1980, 0, 2) ? Date.UTC(1980, 0, 2) : when }];
  return Buffer.from(zipSync(fixed, { level: 6 }));
}
