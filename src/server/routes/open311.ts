import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.js';
import { open311Error, open311Services, parsePlace, splitIds, toOpen311Request } from '../../domain/feedback/open311.js';
import { isTopic, parseFeedbackCode } from '../../domain/feedback/index.js';
import type { Services } from '../../services/index.js';

/** A form or JSON body of a request: small (the description is at most 5000 characters). */
const BODY_LIMIT = 32 * 1024;
const DEFAULT_DAYS = 90;
const MAX_REQUESTS = 1000;

const STATUS: Record<string, number> = { validation: 400, not_found: 404, conflict: 409, unprocessable: 422, too_many_requests: 429, forbidden: 403 };

type Fields = Record<string, unknown>;
const field = (o: Fields | undefined, name: string): string | undefined => {
  const v = o?.[name];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
};

function fail(reply: FastifyReply, code: number, description: string) {
  return reply.status(code).header('Cache-Control', 'no-store').send(open311Error(code, description));
}

/** ISO 8601 date-time (w3c format, as GeoReport v2 asks), or null. */
function isoOrNull(v: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v)) return null;
  const t = Date.parse(v);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/**
 * Open311 GeoReport v2 under /open311/v2/: civic apps file and follow feedback. Public and JSON only;
 * errors are Open311's array `[{"code","description"}]` in Vietnamese. POST without an api_key is
 * accepted (rate limited per address); an api_key is a personal API token of the app's account (created
 * in the staff app), which files as that account with a larger limit. Either way the channel is «open311».
 * The commune comes from attribute[commune] (unit code), jurisdiction_id when it is a commune's code, or
 * a commune's name in address_string; with none of these the request is refused (400), since a case
 * needs its commune to be routed.
 */
export function open311Routes(services: Services) {
  return async (app: FastifyInstance): Promise<void> => {
    // Open311 clients post urlencoded forms; this scope alone takes them.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });

    app.setErrorHandler((err: Error & { statusCode?: number }, request, reply) => {
      if (err instanceof DomainError) {
        const code = STATUS[err.kind] ?? 400;
        if (code === 429) {
          const after = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
          if (after) reply.header('Retry-After', String(after));
        }
        return fail(reply, code, err.message);
      }
      if (err.statusCode === 413) return fail(reply, 413, 'Nội dung gửi lên quá lớn.');
      if (err.statusCode === 415) return fail(reply, 415, 'Chỉ nhận nội dung dạng application/x-www-form-urlencoded hoặc application/json.');
      if (err.statusCode && err.statusCode < 500) return fail(reply, 400, 'Dữ liệu gửi lên không hợp lệ.');
      request.log.error(err);
      return fail(reply, 500, 'Lỗi máy chủ; xin thử lại sau.');
    });

    // Apps read JSON: an unknown path under /open311/v2 answers in Open311's form, not the portal's page.
    app.setNotFoundHandler((request, reply) => fail(reply, 404, `Không có đường dẫn ${request.method} ${request.url.split('?')[0]}.`));

    const jurisdictionOk = async (request: FastifyRequest, source: Fields | undefined) => {
      const j = field(source, 'jurisdiction_id');
      return j === undefined || j.trim() === '' || (await services.feedback.isUnitCode(j));
    };
    const NO_JURISDICTION = 'Không có đơn vị hành chính có mã này (jurisdiction_id). Bỏ trống hoặc dùng mã đơn vị, ví dụ mã xã, phường.';
    const query = (request: FastifyRequest) => request.query as Fields | undefined;

    app.get('/services.json', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      if (!(await jurisdictionOk(request, query(request)))) return fail(reply, 404, NO_JURISDICTION);
      const days = new Map(services.feedback.topics().map((t) => [t.topic, t.answerDays]));
      return reply.header('Cache-Control', 'public, max-age=300').send(open311Services((t) => days.get(t) ?? 10));
    });

    app.post('/requests.json', { config: { public: true }, schema: { hide: true }, bodyLimit: BODY_LIMIT }, async (request, reply) => {
      // Fastify also parses text/plain; GeoReport v2 is a form (or JSON) only.
      if (typeof request.body === 'string') return fail(reply, 415, 'Chỉ nhận nội dung dạng application/x-www-form-urlencoded hoặc application/json.');
      const body = (request.body && typeof request.body === 'object' ? request.body : {}) as Fields;
      if (!(await jurisdictionOk(request, body))) return fail(reply, 404, NO_JURISDICTION);
      const serviceCode = field(body, 'service_code');
      if (!isTopic(serviceCode)) return fail(reply, 400, 'Mã dịch vụ (service_code) không có; xem danh sách ở /open311/v2/services.json.');
      const place = parsePlace({ lat: field(body, 'lat'), long: field(body, 'long'), address_string: field(body, 'address_string'), media_url: field(body, 'media_url') });
      if (typeof place === 'string') return fail(reply, 400, place);
      if (!place.address && place.lat === null) return fail(reply, 400, 'Cần cho biết vị trí: «address_string» hoặc cả «lat» và «long».');
      const communeId = await services.feedback.resolveCommune([
        field(body, 'attribute[commune]'),
        field((body.attribute as Fields | undefined) ?? undefined, 'commune'),
        field(body, 'jurisdiction_id'),
        place.address ?? undefined,
      ]);
      if (communeId === null) {
        return fail(reply, 400, 'Không xác định được xã, phường nơi xảy ra sự việc: ghi tên xã, phường trong «address_string», hoặc gửi mã xã, phường trong «attribute[commune]» hay «jurisdiction_id».');
      }
      // An api_key is a personal API token of the app's account; a wrong one is refused, none is fine.
      const apiKey = field(body, 'api_key')?.trim();
      const app = apiKey ? await services.auth.fromApiToken(apiKey) : undefined;
      if (apiKey && !app) return fail(reply, 403, 'Khóa «api_key» không hợp lệ, đã hết hạn hoặc đã bị thu hồi. Có thể gửi không kèm khóa.');
      const description = field(body, 'description') ?? '';
      const name = [field(body, 'last_name'), field(body, 'first_name')].filter((s) => s?.trim()).join(' ');
      const contact = [field(body, 'phone'), field(body, 'email')].filter((s) => s?.trim()).join(' · ');
      const { code, dueDate } = await services.feedback.submitFromApp(
        { topic: serviceCode, communeId, description, name: name || undefined, contact: contact || undefined },
        request.ip,
        place,
        app?.actor,
      );
      const [y, m, d] = dueDate.split('-');
      return reply
        .header('Cache-Control', 'no-store')
        .send([{ service_request_id: code, service_notice: `Đã tiếp nhận. Hạn trả lời: ${d}/${m}/${y}. Tra cứu tại /tra-cuu?ma=${code}`, account_id: null }]);
    });

    app.get('/requests.json', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const q = query(request);
      if (!(await jurisdictionOk(request, q))) return fail(reply, 404, NO_JURISDICTION);
      const ids = field(q, 'service_request_id');
      let codes: string[] | undefined;
      if (ids !== undefined) {
        const list = splitIds(ids);
        if (!list) return fail(reply, 400, '«service_request_id» là danh sách mã cách nhau bằng dấu phẩy (tối đa 100 mã).');
        // A code that is not one of ours can match nothing: it is left out rather than refused.
        codes = list.map((c) => parseFeedbackCode(c)).filter((c): c is string => c !== null);
      }
      const serviceCode = field(q, 'service_code');
      if (serviceCode !== undefined && !isTopic(serviceCode)) return fail(reply, 400, 'Mã dịch vụ (service_code) không có; xem danh sách ở /open311/v2/services.json.');
      const status = field(q, 'status');
      if (status !== undefined && status !== 'open' && status !== 'closed') return fail(reply, 400, '«status» phải là open hoặc closed.');
      const start = field(q, 'start_date');
      const end = field(q, 'end_date');
      const from = start === undefined ? undefined : isoOrNull(start);
      const to = end === undefined ? undefined : isoOrNull(end);
      if (from === null || to === null) return fail(reply, 400, '«start_date» và «end_date» phải theo định dạng ISO 8601, ví dụ 2026-08-31T00:00:00+07:00.');
      // Without a date or an id, the last 90 days (GeoReport v2's default).
      const since = from ?? (codes || to ? undefined : new Date(services.clock.now().getTime() - DEFAULT_DAYS * 86_400_000).toISOString());
      const rows = await services.feedback.open311Requests({ codes, topic: serviceCode, from: since, to, status, limit: MAX_REQUESTS });
      return reply.header('Cache-Control', 'no-cache').send(rows.map(toOpen311Request));
    });

    app.get('/requests/:file', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const file = (request.params as { file: string }).file;
      const code = file.endsWith('.json') ? parseFeedbackCode(file.slice(0, -5)) : null;
      if (!(await jurisdictionOk(request, query(request)))) return fail(reply, 404, NO_JURISDICTION);
      const rows = code ? await services.feedback.open311Requests({ codes: [code], limit: 1 }) : [];
      if (!rows[0]) return fail(reply, 404, 'Không tìm thấy yêu cầu có mã này.');
      return reply.header('Cache-Control', 'no-cache').send([toOpen311Request(rows[0])]);
    });
  };
}
