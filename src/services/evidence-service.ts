import type { Actor } from '../domain/accounts/actor.js';
import { conflict, DomainError, notFound, validationError } from '../domain/errors.js';
import { sniffFileType } from '../domain/files/sniff.js';
import { authorize, can, type ReportState } from '../domain/policies/index.js';
import { isIsoDate } from '../domain/schedule/index.js';
import { cleanText } from '../domain/text/normalize.js';
import type { Store } from '../db/repositories/index.js';
import type { ReportRow } from '../db/repositories/reporting.js';
import type { AuditService } from './audit-service.js';
import type { Clock } from './clock.js';
import { sha256Bytes } from './tokens.js';

/** The error code the HTTP layer answers with 415. */
export const UNSUPPORTED_FILE_TYPE = 'unsupported_file_type';

export interface EvidenceFile {
  bytes: Uint8Array;
  name: string;
}

export interface EvidenceMeta {
  docNumber?: string | null;
  docDate?: string | null;
  summary?: string | null;
}

export interface AttachedEvidence {
  id: number;
  reportId: number;
  taskId: number;
  entryId: number;
  docNumber: string | null;
  docDate: string | null;
  summary: string;
  fileHash: string;
  fileName: string;
  mime: string;
  size: number;
  createdAt: string;
}

const MAX_NAME = 200;

/**
 * Evidence files (minh chứng) of a report's entries: uploaded by the unit officer while the report can be
 * edited, checked by content (PDF, DOCX, XLSX, JPEG, PNG), stored once by SHA-256 beside the plan files.
 */
export class EvidenceService {
  constructor(
    private readonly store: Store,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async attach(actor: Actor, reportId: number, entryTaskId: number, file: EvidenceFile, meta: EvidenceMeta = {}): Promise<AttachedEvidence> {
    const now = this.clock.now().toISOString();
    return this.store.transaction(async (repos) => {
      const report = await repos.reporting.report(reportId);
      if (!report) throw notFound(`Không tìm thấy báo cáo có mã số ${reportId}.`);
      check(actor, report);
      const entry = (await repos.reporting.entries(reportId)).find((e) => e.taskId === entryTaskId);
      if (!entry) {
        throw validationError('entry_not_assigned', `Nhiệm vụ #${entryTaskId} không có trong báo cáo này (đơn vị không được giao chủ trì nhiệm vụ này trong kỳ).`);
      }
      if (file.bytes.length === 0) throw validationError('empty_file', 'Tệp minh chứng trống.');
      const type = sniffFileType(file.bytes);
      if (!type) {
        throw new DomainError(
          'validation',
          UNSUPPORTED_FILE_TYPE,
          `Tệp «${cleanText(file.name).slice(0, 100)}» không phải PDF, Word (.docx), Excel (.xlsx), JPEG hay PNG theo nội dung của nó; hãy tải lên văn bản hoặc ảnh chụp ở một trong các định dạng này.`,
        );
      }
      const docDate = meta.docDate ? meta.docDate.trim() : null;
      if (docDate && !isIsoDate(docDate)) throw validationError('invalid_date', 'Ngày văn bản minh chứng không hợp lệ (cần dạng YYYY-MM-DD).');
      const docNumber = meta.docNumber ? cleanText(meta.docNumber).slice(0, 100) || null : null;
      const baseName = cleanText(file.name).slice(0, MAX_NAME) || `minh-chung.${type.extension}`;
      const summary = cleanText(meta.summary ?? '').slice(0, 2000) || baseName;
      const hash = sha256Bytes(file.bytes);
      await repos.plans.storeFile({ hash, name: baseName, mime: type.mime, size: file.bytes.length, content: file.bytes, createdAt: now });
      const row = await repos.reporting.insertEvidence({ entryId: entry.id, docNumber, docDate, summary, fileHash: hash, createdAt: now });
      const view: AttachedEvidence = {
        id: row.id,
        reportId,
        taskId: entryTaskId,
        entryId: entry.id,
        docNumber: row.docNumber,
        docDate: row.docDate,
        summary: row.summary,
        fileHash: hash,
        fileName: baseName,
        mime: type.mime,
        size: file.bytes.length,
        createdAt: row.createdAt,
      };
      await this.audit.record(repos, actor, { action: 'evidence.attach', entity: 'evidence', entityId: row.id, after: view });
      return view;
    });
  }

  /** The file of an evidence row, for whoever may read its report. */
  async download(actor: Actor, evidenceId: number): Promise<{ name: string; mime: string; content: Uint8Array }> {
    const read = this.store.read;
    const item = await read.reporting.evidenceItem(evidenceId);
    if (!item) throw notFound(`Không tìm thấy minh chứng có mã số ${evidenceId}.`);
    const report = await read.reporting.report(item.reportId);
    if (!report) throw notFound(`Không tìm thấy minh chứng có mã số ${evidenceId}.`);
    authorize(actor, 'read', 'Report', { unitId: report.unitId, status: report.status });
    if (!item.fileHash) throw notFound('Minh chứng này không có tệp đính kèm.');
    const file = await read.plans.file(item.fileHash);
    if (!file) throw notFound('Không tìm thấy tệp của minh chứng.');
    return file;
  }
}

const STATE_VI: Record<ReportState, string> = {
  draft: 'bản nháp',
  submitted: 'đã gửi',
  returned: 'bị trả lại',
  accepted: 'đã được chấp nhận',
};

/** As editing the report: 403 when the actor may never edit it, 409 when it could but not in this state. */
function check(actor: Actor, report: ReportRow): void {
  const subject = { unitId: report.unitId, status: report.status };
  if (can(actor, 'update', 'Report', subject)) return;
  if (can(actor, 'update', 'Report', { ...subject, status: 'draft' })) {
    throw conflict('report_state', `Báo cáo đang ở trạng thái «${STATE_VI[report.status]}»: chỉ đính kèm minh chứng vào bản nháp hoặc báo cáo bị trả lại.`);
  }
  authorize(actor, 'update', 'Report', subject);
}
