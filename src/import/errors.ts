/** The errors an import raises: each says in Vietnamese what is wrong with the file and where. */
import { DomainError } from '../domain/errors.js';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

export const emptyFile = (fileName: string) =>
  new DomainError('validation', 'import.empty_file', `Tệp «${fileName}» rỗng: không có nội dung nào để nhập.`);

export const fileTooLarge = (fileName: string, bytes: number) =>
  new DomainError(
    'validation',
    'import.file_too_large',
    `Tệp «${fileName}» quá lớn (${(bytes / 1024 / 1024).toFixed(1)} MB); giới hạn là ${MAX_FILE_BYTES / 1024 / 1024} MB.`,
  );

export const corruptFile = (fileName: string, format: string, reason: string) =>
  new DomainError(
    'unprocessable',
    'import.corrupt_file',
    `Tệp «${fileName}» không đọc được như một tệp ${format}: tệp bị hỏng hoặc không đầy đủ (${reason}).`,
  );

export const unsupportedFormat = (fileName: string, what: string) =>
  new DomainError('unprocessable', 'import.unsupported_format', `Tệp «${fileName}»: ${what}`);

export const noTaskTable = (fileName: string, detail: string) =>
  new DomainError(
    'unprocessable',
    'import.no_task_table',
    `Tệp «${fileName}» không phải là một kế hoạch: không tìm thấy bảng nhiệm vụ nào (${detail}).`,
  );

export const missingColumns = (fileName: string, where: string, missing: string[], found: string[]) =>
  new DomainError(
    'unprocessable',
    'import.missing_columns',
    `Tệp «${fileName}», ${where}: bảng thiếu cột ${missing.map((m) => `«${m}»`).join(', ')}; ` +
      `các cột tìm thấy: ${found.length ? found.map((f) => `«${f}»`).join(', ') : '(không có)'}.`,
    { missing, found },
  );

export const importFailed = (fileName: string, reason: string) =>
  new DomainError('unprocessable', 'import.failed', `Không phân tích được tệp «${fileName}»: ${reason}.`);
