import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorKind } from '../domain/errors.js';

/** The one error shape every client sees: `{"error":{"code","message"}}`, message in Vietnamese. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

const STATUS: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  too_many_requests: 429,
};

export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

const PART_VI: Record<string, string> = {
  body: 'nội dung gửi lên',
  querystring: 'tham số truy vấn',
  params: 'đường dẫn',
  headers: 'tiêu đề yêu cầu',
};

/** Turns a JSON-schema validation failure into one Vietnamese sentence a person can act on. */
export function describeValidation(errors: AjvError[], context: string | undefined): string {
  const e = errors[0];
  if (!e) return 'Dữ liệu gửi lên không hợp lệ.';
  const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const field = (name: string) => `«${name}»`;
  const where = path ? field(path) : PART_VI[context ?? 'body'] ?? 'dữ liệu';
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return `Thiếu trường bắt buộc ${field(path ? `${path}.${String(p.missingProperty)}` : String(p.missingProperty))}.`;
    case 'additionalProperties':
      return `Trường ${field(String(p.additionalProperty))} không được chấp nhận ở ${path ? field(path) : PART_VI[context ?? 'body']}.`;
    case 'type':
      return `${cap(where)} phải có kiểu ${TYPE_VI[String(p.type)] ?? String(p.type)}.`;
    case 'minLength':
      return Number(p.limit) <= 1 ? `${cap(where)} không được để trống.` : `${cap(where)} phải có ít nhất ${String(p.limit)} ký tự.`;
    case 'maxLength':
      return `${cap(where)} không được dài quá ${String(p.limit)} ký tự.`;
    case 'minimum':
      return `${cap(where)} phải lớn hơn hoặc bằng ${String(p.limit)}.`;
    case 'maximum':
      return `${cap(where)} phải nhỏ hơn hoặc bằng ${String(p.limit)}.`;
    case 'enum':
      return `${cap(where)} phải là một trong các giá trị: ${(p.allowedValues as unknown[]).join(', ')}.`;
    case 'const': {
      // A union of literals (TypeBox) fails with one `const` error per allowed value, then `anyOf`.
      const allowed = errors.filter((x) => x.keyword === 'const' && x.instancePath === e.instancePath).map((x) => String(x.params.allowedValue));
      return `${cap(where)} phải là một trong các giá trị: ${allowed.join(', ')}.`;
    }
    case 'pattern':
    case 'format':
      return `${cap(where)} không đúng định dạng.`;
    case 'maxItems':
      return `${cap(where)} có quá nhiều phần tử (tối đa ${String(p.limit)}).`;
    default:
      return `${cap(where)} không hợp lệ.`;
  }
}

const TYPE_VI: Record<string, string> = {
  string: 'chuỗi ký tự',
  integer: 'số nguyên',
  number: 'số',
  boolean: 'đúng/sai',
  object: 'đối tượng JSON',
  array: 'danh sách',
  null: 'rỗng (null)',
  'string,null': 'chuỗi ký tự hoặc rỗng',
  'integer,null': 'số nguyên hoặc rỗng',
};

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Fastify error handler: known errors keep their status; anything else is a 500 with no stack trace. */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof DomainError) {
    const status = STATUS[error.kind];
    if (status >= 500) request.log.error({ err: error }, 'domain error');
    return reply.status(status).send(errorBody(error.code, error.message, error.details));
  }
  if (error.validation) {
    return reply
      .status(400)
      .send(errorBody('invalid_input', describeValidation(error.validation as AjvError[], error.validationContext)));
  }
  const status = error.statusCode ?? 500;
  const known = KNOWN_FASTIFY[error.code];
  if (known) return reply.status(known.status).send(errorBody(known.code, known.message));
  if (status >= 400 && status < 500) {
    return reply.status(status).send(errorBody('bad_request', 'Yêu cầu không hợp lệ.'));
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply
    .status(500)
    .send(errorBody('internal_error', `Đã có lỗi phía máy chủ. Mã yêu cầu: ${String(request.id)}. Vui lòng thử lại hoặc báo quản trị hệ thống.`));
}

const KNOWN_FASTIFY: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large', message: 'Dữ liệu gửi lên quá lớn.' },
  FST_REQ_FILE_TOO_LARGE: { status: 413, code: 'file_too_large', message: 'Tệp quá lớn: tối đa 20 MB.' },
  FST_FILES_LIMIT: { status: 400, code: 'too_many_files', message: 'Mỗi lần chỉ nhập một tệp kế hoạch.' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { status: 415, code: 'unsupported_media_type', message: 'Hãy gửi tệp bằng multipart/form-data.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    message: 'Kiểu nội dung không được hỗ trợ; hãy gửi JSON (Content-Type: application/json).',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_input', message: 'Nội dung JSON gửi lên bị trống.' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json', message: 'Nội dung gửi lên không phải JSON hợp lệ.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid_input', message: 'Độ dài nội dung không khớp.' },
};

export const statusOf = (kind: ErrorKind) => STATUS[kind];
