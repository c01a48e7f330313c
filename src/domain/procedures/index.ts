/**
 * Administrative procedures (thủ tục hành chính) and the progress of dossiers (hồ sơ) received at a
 * unit's one-stop desk. A dossier is looked up by its code ("000.00.14.H43-211015-0001") or the short
 * receipt code printed on the receipt. The applicant is shown only masked ("Nguyễn V. A."); a phone or
 * an ID number is never stored here at all.
 */
import { validationError } from '../errors.js';
import { isIsoDate } from '../schedule/calendar.js';
import { cleanText } from '../text/normalize.js';

/** Stored states; "quá hạn" (overdue) is never stored, it is derived from the due date and today. */
export type DossierStatus = 'received' | 'processing' | 'supplement' | 'resolved' | 'returned';
export type DossierPublicStatus = DossierStatus | 'overdue';

export const DOSSIER_STATUSES: readonly DossierStatus[] = ['received', 'processing', 'supplement', 'resolved', 'returned'];

export const DOSSIER_STATUS_LABEL: Record<DossierPublicStatus, string> = {
  received: 'Đã tiếp nhận',
  processing: 'Đang xử lý',
  supplement: 'Chờ bổ sung',
  resolved: 'Đã có kết quả',
  returned: 'Đã trả kết quả',
  overdue: 'Quá hạn',
};

/** One step of a dossier's progress, as the public lookup shows it. */
export interface DossierStep {
  date: string;
  status: DossierStatus;
  note: string | null;
}

/**
 * The status a reader sees: a dossier not yet resolved past its due date is "quá hạn"; a stored status
 * otherwise. A dossier resolved late stays resolved (the result exists).
 */
export function publicStatus(status: DossierStatus, dueDate: string, today: string): DossierPublicStatus {
  if ((status === 'received' || status === 'processing' || status === 'supplement') && dueDate < today) return 'overdue';
  return status;
}

/** Whether the dossier was (or will be) late: resolved or returned after its due date, or overdue now. */
export function isLate(status: DossierStatus, dueDate: string, returnedDate: string | null, today: string): boolean {
  if (status === 'returned' && returnedDate) return returnedDate > dueDate;
  return publicStatus(status, dueDate, today) === 'overdue';
}

/**
 * "Nguyễn Văn An" → "Nguyễn V. A.": the family name in full, every other word as its initial.
 * One word stays as its initial ("An" → "A."), so a given name alone is never shown in full.
 */
export function maskName(fullName: string): string {
  const words = cleanText(fullName).split(' ').filter(Boolean);
  if (words.length === 0) return '';
  const initial = (w: string) => `${[...w][0]!.toLocaleUpperCase('vi')}.`;
  if (words.length === 1) return initial(words[0]!);
  return [words[0]!, ...words.slice(1).map(initial)].join(' ');
}

const CODE = /^[A-Z0-9][A-Z0-9.\-/]{2,48}$/;

/**
 * A looked-up or entered code, normalised (trimmed, upper case, NFC). Returns null when it cannot be a
 * code at all (empty, too long, other characters): the lookup then answers "not found" without a query.
 */
export function normaliseDossierCode(input: string): string | null {
  const code = input.normalize('NFC').trim().toUpperCase();
  return CODE.test(code) ? code : null;
}

export interface DossierInput {
  code: string;
  receiptCode: string;
  applicantName: string;
  receivedDate: string;
  dueDate: string;
  status: DossierStatus;
  returnedDate: string | null;
}

/** Checks a dossier as entered by a unit officer; Vietnamese messages. */
export function validateDossier(input: DossierInput): DossierInput {
  const code = normaliseDossierCode(input.code);
  if (!code) throw validationError('invalid_code', `Mã hồ sơ không hợp lệ: "${input.code}" (chữ in hoa, số, dấu chấm, gạch ngang; 3–49 ký tự).`);
  const receiptCode = normaliseDossierCode(input.receiptCode);
  if (!receiptCode) throw validationError('invalid_receipt_code', `Mã biên nhận không hợp lệ: "${input.receiptCode}".`);
  const applicantName = cleanText(input.applicantName);
  if (!applicantName) throw validationError('applicant_required', 'Cần ghi họ tên người nộp hồ sơ.');
  if (!isIsoDate(input.receivedDate)) throw validationError('invalid_date', `Ngày tiếp nhận không hợp lệ: "${input.receivedDate}" (cần dạng YYYY-MM-DD).`);
  if (!isIsoDate(input.dueDate)) throw validationError('invalid_date', `Ngày hẹn trả không hợp lệ: "${input.dueDate}" (cần dạng YYYY-MM-DD).`);
  if (input.dueDate < input.receivedDate) throw validationError('due_before_received', 'Ngày hẹn trả không thể trước ngày tiếp nhận.');
  if (!DOSSIER_STATUSES.includes(input.status)) {
    throw validationError('invalid_status', 'Trạng thái hồ sơ phải là: đã tiếp nhận, đang xử lý, chờ bổ sung, đã có kết quả hoặc đã trả kết quả ("quá hạn" được tính tự động).');
  }
  let returnedDate = input.returnedDate;
  if (input.status === 'returned') {
    if (!returnedDate || !isIsoDate(returnedDate)) throw validationError('returned_date_required', 'Hồ sơ đã trả kết quả cần có ngày trả kết quả (YYYY-MM-DD).');
    if (returnedDate < input.receivedDate) throw validationError('returned_before_received', 'Ngày trả kết quả không thể trước ngày tiếp nhận.');
  } else {
    returnedDate = null;
  }
  return { code, receiptCode, applicantName, receivedDate: input.receivedDate, dueDate: input.dueDate, status: input.status, returnedDate };
}

export interface ProcedureInput {
  code: string;
  name: string;
  field: string;
  processingDays: number | null;
  fee: string | null;
}

export function validateProcedure(input: ProcedureInput): ProcedureInput {
  const code = input.code.normalize('NFC').trim();
  if (!/^[A-Za-z0-9.\-_/]{1,40}$/.test(code)) throw validationError('invalid_code', `Mã thủ tục không hợp lệ: "${input.code}".`);
  const name = cleanText(input.name);
  const field = cleanText(input.field);
  if (!name) throw validationError('name_required', `Thủ tục ${code}: cần ghi tên thủ tục.`);
  if (!field) throw validationError('field_required', `Thủ tục ${code}: cần ghi lĩnh vực.`);
  if (input.processingDays !== null && (!Number.isInteger(input.processingDays) || input.processingDays < 0 || input.processingDays > 365)) {
    throw validationError('invalid_days', `Thủ tục ${code}: thời hạn giải quyết phải là số ngày làm việc từ 0 đến 365.`);
  }
  const fee = input.fee === null ? '' : cleanText(input.fee);
  return { code, name, field, processingDays: input.processingDays, fee: fee || null };
}
