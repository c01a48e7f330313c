import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../../domain/errors.js';
import type { FollowTarget } from '../../../domain/subscriptions/letters.js';
import { FORM_OF_TARGET_KIND, plausibleToken } from '../../../domain/subscriptions/index.js';
import type { Services } from '../../../services/index.js';
import type { TokenView } from '../../../services/subscription-service.js';
import type { PortalArea } from '../area.js';
import { followBox, planFeedHref, unitFeedHref } from '../follow.js';
import { html, type SafeHtml } from '../html.js';
import { renderPage } from '../layout.js';
import { etagOf, sendFile, sendNotFound } from '../respond.js';

/**
 * Following by e-mail (double opt-in) and by Atom. Plain forms, no JavaScript:
 * POST /theo-doi asks; the letter's GET /theo-doi/xac-nhan?ma=… shows a button whose POST confirms (mail
 * scanners fetch links: a GET never changes anything); /theo-doi/huy the same for unsubscribing, and its
 * POST also takes the one-click form of RFC 8058 (the token in the address, `List-Unsubscribe=One-Click`).
 * The plan's and the unit's Atom feeds are here too.
 */

const PUBLIC = { config: { public: true }, schema: { hide: true } } as const;
/** A form of three short fields: anything bigger is not ours. */
const FORM_LIMIT = 4096;

type Form = Record<string, string | undefined>;

const field = (request: FastifyRequest, name: string): string | undefined => {
  const v = (request.body as Form | undefined)?.[name];
  return typeof v === 'string' ? v : undefined;
};
const query = (request: FastifyRequest, name: string): string | undefined => {
  const v = (request.query as Record<string, unknown> | undefined)?.[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : undefined;
};
const shown = (s: string) => (s.length > 120 ? `${s.slice(0, 120)}…` : s);
const baseUrl = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/**
 * Pages about one reader's own letters (a token in the address, an answer to a form) are never stored by a
 * shared cache, unlike the portal's public pages (respond.ts sendPage says `public`).
 */
function sendPrivatePage(reply: FastifyReply, page: string, status = 200) {
  reply.header('Cache-Control', 'no-store');
  reply.header('ETag', etagOf(page));
  return reply.status(status).type('text/html; charset=utf-8').send(page);
}

const crumbs = (last: string) => [{ label: 'Trang chủ', href: '/' }, { label: last }];

function page(title: string, body: SafeHtml): string {
  return renderPage({ title, breadcrumbs: crumbs(title), current: '', body });
}

const backTo = (t: FollowTarget) => html`<p><a href="${t.path}">Về trang ${t.name}</a></p>`;

function badLink(reply: FastifyReply, status: 400 | 404) {
  return sendPrivatePage(
    reply,
    page(
      'Liên kết không còn hiệu lực',
      html`<h1>Liên kết không còn hiệu lực</h1>
<p>${status === 400 ? 'Đường dẫn thiếu mã hoặc mã không đúng dạng — có thể đường dẫn trong thư bị cắt khi sao chép.' : 'Liên kết này không đúng, đã hết hạn (liên kết xác nhận có hiệu lực 7 ngày) hoặc đăng ký theo dõi đã được xóa.'}</p>
<p>Nếu vẫn muốn nhận thông báo, xin đăng ký lại ở ô «Theo dõi» trên trang kế hoạch hoặc trang đơn vị.</p>
<ul><li><a href="/">Về trang chủ</a></li><li><a href="/ke-hoach">Danh sách kế hoạch</a></li></ul>`,
    ),
    status,
  );
}

function tokenForm(action: string, token: string, button: string): SafeHtml {
  return html`<form method="post" action="${action}"><input type="hidden" name="ma" value="${token}"><button type="submit">${button}</button></form>`;
}

function confirmPage(view: TokenView, token: string): string {
  const t = view.target;
  if (view.state === 'active') return page('Đã xác nhận theo dõi', html`<h1>Đã xác nhận theo dõi</h1><p>Địa chỉ thư của bạn đang nhận thông báo về ${t.name}.</p>${backTo(t)}`);
  return page(
    'Xác nhận theo dõi',
    html`<h1>Xác nhận theo dõi</h1>
<p>Bấm nút dưới đây để nhận thư điện tử mỗi khi ${t.name} có thay đổi về tiến độ${t.kind === 'unit' ? ' hoặc có nội dung công khai mới' : ''}.</p>
${tokenForm('/theo-doi/xac-nhan', token, 'Xác nhận theo dõi')}
<p class="small muted">Nếu bạn không yêu cầu, chỉ cần đóng trang này: sẽ không có thư nào được gửi.</p>`,
  );
}

function unsubscribePage(view: TokenView, token: string): string {
  const t = view.target;
  if (view.state === 'stopped') return page('Đã ngừng theo dõi', html`<h1>Đã ngừng theo dõi</h1><p>Địa chỉ thư của bạn không còn nhận thông báo về ${t.name}.</p>${backTo(t)}`);
  return page(
    'Ngừng theo dõi',
    html`<h1>Ngừng theo dõi</h1>
<p>Bấm nút dưới đây để không nhận thêm thư thông báo về ${t.name}.</p>
${tokenForm('/theo-doi/huy', token, 'Ngừng theo dõi')}`,
  );
}

async function follow(request: FastifyRequest, reply: FastifyReply, services: Services) {
  const email = field(request, 'email') ?? '';
  const kind = field(request, 'loai');
  const id = field(request, 'id');
  try {
    const { target } = await services.follow.subscribe({ email, kind, id, honeypot: field(request, 'website') });
    return sendPrivatePage(
      reply,
      page(
        'Vui lòng kiểm tra hộp thư để xác nhận',
        html`<h1>Vui lòng kiểm tra hộp thư để xác nhận</h1>
<p role="status">Một thư đã được gửi đến địa chỉ bạn nhập. Hãy mở thư và bấm vào đường dẫn trong thư để xác nhận việc theo dõi ${target.name}. Nếu không thấy thư sau vài phút, xin xem cả mục thư rác.</p>
<p>Chỉ sau khi xác nhận, thư thông báo mới được gửi; đường dẫn xác nhận có hiệu lực 7 ngày.</p>
${backTo(target)}`,
      ),
    );
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    const target = await services.follow.target(kind, id);
    if (err.kind === 'not_found' || !target) {
      return sendNotFound(request, reply, 'Không tìm thấy kế hoạch hoặc đơn vị cần theo dõi. Có thể đường dẫn đã cũ.');
    }
    const status = err.kind === 'too_many_requests' ? 429 : err.kind === 'validation' ? 400 : 422;
    const feedHref = target.kind === 'plan' ? planFeedHref(target.id) : `${target.path}/atom.xml`;
    return sendPrivatePage(
      reply,
      page(
        'Chưa đăng ký được',
        html`<h1>Chưa đăng ký được</h1>
<p>Theo dõi ${target.name}.${email.trim() ? html` Địa chỉ bạn đã nhập: «${shown(email.trim())}».` : ''}</p>
${followBox({ kind: FORM_OF_TARGET_KIND[target.kind] as 'ke-hoach' | 'don-vi', id: target.id, feedHref, email: shown(email), error: err.message })}
${backTo(target)}`,
      ),
      status,
    );
  }
}

async function formRoutes(app: FastifyInstance, services: Services): Promise<void> {
  // Plain HTML forms post urlencoded bodies; only these routes take them (the API stays JSON-only).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.post('/theo-doi', PUBLIC, (request, reply) => follow(request, reply, services));

  app.get('/theo-doi/xac-nhan', PUBLIC, async (request, reply) => {
    const token = query(request, 'ma');
    if (!plausibleToken(token)) return badLink(reply, 400);
    const view = await services.follow.confirmView(token);
    return view ? sendPrivatePage(reply, confirmPage(view, token)) : badLink(reply, 404);
  });

  app.post('/theo-doi/xac-nhan', PUBLIC, async (request, reply) => {
    const token = field(request, 'ma');
    if (!plausibleToken(token)) return badLink(reply, 400);
    const view = await services.follow.confirm(token);
    if (!view) return badLink(reply, 404);
    return sendPrivatePage(
      reply,
      page('Đã xác nhận theo dõi', html`<h1>Đã xác nhận theo dõi</h1><p role="status">Cảm ơn bạn. Từ nay, mỗi khi ${view.target.name} có thay đổi, bạn sẽ nhận được thư thông báo.</p>${backTo(view.target)}`),
    );
  });

  app.get('/theo-doi/huy', PUBLIC, async (request, reply) => {
    const token = query(request, 'ma');
    if (!plausibleToken(token)) return badLink(reply, 400);
    const view = await services.follow.unsubscribeView(token);
    return view ? sendPrivatePage(reply, unsubscribePage(view, token)) : badLink(reply, 404);
  });

  app.post('/theo-doi/huy', PUBLIC, async (request, reply) => {
    // The page's button sends the token in the form; a mail client's one-click sends it in the address.
    const token = field(request, 'ma') ?? query(request, 'ma');
    if (!plausibleToken(token)) return badLink(reply, 400);
    const view = await services.follow.unsubscribe(token);
    if (!view) return badLink(reply, 404);
    return sendPrivatePage(
      reply,
      page('Đã ngừng theo dõi', html`<h1>Đã ngừng theo dõi</h1><p role="status">Bạn sẽ không nhận thêm thư thông báo về ${view.target.name}.</p>${backTo(view.target)}`),
    );
  });
}

const ATOM = { contentType: 'application/atom+xml; charset=utf-8', maxAge: 300 };

export const followArea: PortalArea = {
  name: 'follow',
  async routes(app, services) {
    await app.register(async (scope) => formRoutes(scope, services));

    app.get<{ Params: { id: string } }>('/ke-hoach/:id/atom.xml', PUBLIC, async (request, reply) => {
      const id = /^[1-9]\d{0,9}$/.test(request.params.id) && Number(request.params.id) <= 2_147_483_647 ? Number(request.params.id) : null;
      const feed = id === null ? null : await services.follow.feed('plan', { id }, baseUrl(request), planFeedHref(id));
      if (!feed) return sendNotFound(request, reply, 'Không tìm thấy kế hoạch này.');
      return sendFile(request, reply, feed, ATOM);
    });

    app.get<{ Params: { code: string } }>('/don-vi/:code/atom.xml', PUBLIC, async (request, reply) => {
      const code = request.params.code;
      const feed = code.length > 64 ? null : await services.follow.feed('unit', { code }, baseUrl(request), unitFeedHref(code));
      if (!feed) return sendNotFound(request, reply, 'Không tìm thấy đơn vị có mã này.');
      return sendFile(request, reply, feed, ATOM);
    });
  },
};
