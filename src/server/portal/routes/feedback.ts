import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../../domain/errors.js';
import { FEEDBACK_KINDS, FEEDBACK_TOPICS, DEFAULT_TOPICS, KIND_LABELS, parseFeedbackCode } from '../../../domain/feedback/index.js';
import { formatDateVi } from '../../../domain/time.js';
import {
  FEEDBACK_FILE_TOO_LARGE,
  FEEDBACK_FILE_TYPE,
  MAX_FEEDBACK_FILE_BYTES,
  MAX_FEEDBACK_FILES,
  type PublicCase,
  type TrackingView,
  type UploadedFile,
} from '../../../services/feedback-service.js';
import type { Services } from '../../../services/index.js';
import type { PortalArea } from '../area.js';
import { html, type SafeHtml } from '../html.js';
import { renderPage } from '../layout.js';
import { excerpt } from '../format.js';
import { etagOf, sendNotFound, sendPage } from '../respond.js';
import { MIME_DOCX } from '../../../export/plan-input.js';

/**
 * Feedback and petitions (phản ánh, kiến nghị), public side: the list of published answers with the form
 * (multipart, no JavaScript), the thank-you page with the tracking code, the tracking page, and the rating
 * form. Pages about one sender's own case are never stored by shared caches.
 */

const PUBLIC = { config: { public: true }, schema: { hide: true } } as const;
const PER_PAGE = 10;
const QUESTION_EXCERPT = 400;
const ANSWER_EXCERPT = 900;
const RATING_FORM_LIMIT = 4096;

type Values = Record<string, string>;

const CONSENT_TEXT =
  'Tôi đồng ý để cơ quan nhà nước tiếp nhận và xử lý nội dung cùng thông tin cá nhân tôi cung cấp (nếu có) để giải quyết phản ánh này, theo Nghị định 13/2023/NĐ-CP. Họ tên và thông tin liên hệ không bao giờ được công khai.';

const crumbs = (...rest: Array<{ label: string; href?: string }>) => [{ label: 'Trang chủ', href: '/' }, { label: 'Phản ánh, kiến nghị', href: '/phan-anh' }, ...rest];

function privatePage(reply: FastifyReply, page: string, status = 200) {
  reply.header('Cache-Control', 'no-store');
  reply.header('ETag', etagOf(page));
  return reply.status(status).type('text/html; charset=utf-8').send(page);
}

const selected = (on: boolean) => (on ? html` selected` : '');
const checked = (on: boolean) => (on ? html` checked` : '');

function form(communes: Array<{ id: number; name: string }>, v: Values, error?: string): SafeHtml {
  const kind = v.kind || 'feedback';
  return html`<section class="card" aria-labelledby="gui-phan-anh"><h2 id="gui-phan-anh">Gửi phản ánh, kiến nghị</h2>
${error ? html`<p id="loi" class="error" role="alert"><strong>Chưa gửi được:</strong> ${error}</p>` : ''}
<form method="post" action="/phan-anh" enctype="multipart/form-data">
<fieldset><legend>Loại đơn</legend>
${FEEDBACK_KINDS.map((k) => html`<p><input type="radio" id="loai-${k}" name="kind" value="${k}"${checked(kind === k)}> <label for="loai-${k}">${KIND_LABELS[k]}</label></p>`)}
<p class="small muted">Khiếu nại, tố cáo được chuyển Bộ phận tiếp công dân, phải ghi rõ họ tên và địa chỉ liên hệ, và không bao giờ được công khai.</p>
</fieldset>
<p><label for="topic">Lĩnh vực</label><br>
<select id="topic" name="topic" required><option value="">— Chọn lĩnh vực —</option>
${FEEDBACK_TOPICS.map((t) => html`<option value="${t}"${selected(v.topic === t)}>${DEFAULT_TOPICS[t].label}</option>`)}</select></p>
<p><label for="commune">Xã, phường nơi xảy ra sự việc</label><br>
<select id="commune" name="communeId" required><option value="">— Chọn xã, phường —</option>
${communes.map((c) => html`<option value="${String(c.id)}"${selected(v.communeId === String(c.id))}>${c.name}</option>`)}</select></p>
<p><label for="description">Nội dung phản ánh</label><br>
<textarea id="description" name="description" rows="8" maxlength="5000" required style="width:100%">${v.description ?? ''}</textarea></p>
<p><label for="files">Ảnh hoặc tệp kèm theo (không bắt buộc; tối đa ${String(MAX_FEEDBACK_FILES)} tệp JPEG, PNG hoặc PDF, mỗi tệp không quá ${String(MAX_FEEDBACK_FILE_BYTES / 1024 / 1024)} MB)</label><br>
<input id="files" name="files" type="file" accept="image/jpeg,image/png,application/pdf" multiple></p>
<p><label for="name">Họ và tên (không bắt buộc với phản ánh, kiến nghị)</label><br>
<input id="name" name="name" type="text" maxlength="100" autocomplete="name" value="${v.name ?? ''}"></p>
<p><label for="contact">Số điện thoại hoặc thư điện tử để cơ quan liên hệ (không bắt buộc, không công khai)</label><br>
<input id="contact" name="contact" type="text" maxlength="200" autocomplete="email" value="${v.contact ?? ''}"></p>
<div hidden><label for="website">Để trống ô này</label><input id="website" name="website" type="text" tabindex="-1" autocomplete="off"></div>
<p><input id="consent" name="consent" type="checkbox" value="1" required${checked(v.consent === '1')}> <label for="consent">${CONSENT_TEXT}</label></p>
<p><button type="submit">Gửi phản ánh</button></p>
</form></section>`;
}

const paragraphs = (text: string) => text.split('\n').map((line) => html`<p>${line}</p>`);

/** In the list, long texts are cut (the page stays far under 60 KB); the answer's own page has them whole. */
function publicItem(c: PublicCase): SafeHtml {
  const href = `/phan-anh/tra-loi/${c.id}`;
  const long = c.question.length > QUESTION_EXCERPT || c.answer.length > ANSWER_EXCERPT;
  return html`<article class="card"><h3><a href="${href}">${c.topicLabel} — ${c.communeName}</a></h3>
<p class="small muted">Nhận ngày ${formatDateVi(c.receivedOn)}${c.answeredOn ? html` · Trả lời ngày ${formatDateVi(c.answeredOn)}` : ''}</p>
<p><strong>Nội dung:</strong> ${excerpt(c.question, QUESTION_EXCERPT)}</p>
<p><strong>Trả lời của ${c.unitName}:</strong></p>
<div>${paragraphs(excerpt(c.answer, ANSWER_EXCERPT))}</div>
${long ? html`<p><a href="${href}">Đọc toàn văn câu trả lời</a></p>` : ''}</article>`;
}

function publicCasePage(c: PublicCase): string {
  return renderPage({
    title: `Trả lời phản ánh: ${c.topicLabel} — ${c.communeName}`,
    breadcrumbs: crumbs({ label: `${c.topicLabel} — ${c.communeName}` }),
    current: '/phan-anh',
    body: html`<h1>${c.topicLabel} — ${c.communeName}</h1>
<p class="small muted">Nhận ngày ${formatDateVi(c.receivedOn)}${c.answeredOn ? html` · Trả lời ngày ${formatDateVi(c.answeredOn)}` : ''}</p>
<h2>Nội dung phản ánh</h2>${paragraphs(c.question)}
<h2>Trả lời của ${c.unitName}</h2>${paragraphs(c.answer)}
<p class="small muted">Thông tin cá nhân của người gửi (họ tên, số điện thoại, số giấy tờ, thư điện tử) đã được ẩn.</p>
<p><a href="/phan-anh">Về trang Phản ánh, kiến nghị</a></p>`,
  });
}

async function listPage(services: Services, page: number, v: Values = {}, error?: string): Promise<string> {
  const [communes, items] = await Promise.all([services.feedback.communes(), services.feedback.publicList(page, PER_PAGE)]);
  const body = html`<h1>Phản ánh, kiến nghị</h1>
<p>Người dân, tổ chức gửi phản ánh, kiến nghị về thủ tục hành chính, đất đai, môi trường, dịch vụ công, thái độ cán bộ… Mỗi phản ánh nhận một <strong>mã theo dõi</strong> để xem tiến độ và câu trả lời. Thời hạn trả lời tính theo ngày làm việc.</p>
<p><a href="#gui-phan-anh">Gửi phản ánh mới</a> · Đã có mã? <a href="/tra-cuu">Tra cứu theo mã</a></p>
${form(communes, v, error)}
<section aria-labelledby="da-tra-loi"><h2 id="da-tra-loi">Phản ánh đã được trả lời công khai</h2>
${items.length === 0 ? html`<p>Chưa có câu trả lời nào được công khai${page > 1 ? ' ở trang này' : ''}.</p>` : items.map(publicItem)}
<nav aria-label="Phân trang"><p>${page > 1 ? html`<a href="/phan-anh${page > 2 ? `?trang=${page - 1}` : ''}" rel="prev">« Trang trước</a> ` : ''}${items.length === PER_PAGE ? html`<a href="/phan-anh?trang=${String(page + 1)}" rel="next">Trang sau »</a>` : ''}</p></nav>
</section>`;
  return renderPage({ title: 'Phản ánh, kiến nghị', description: 'Gửi phản ánh, kiến nghị và xem các câu trả lời được công khai.', breadcrumbs: crumbs().slice(0, 2), current: '/phan-anh', body });
}

function trackingBody(t: TrackingView, notice?: string): SafeHtml {
  return html`<h1>Phản ánh ${t.code}</h1>
${notice ? html`<p role="status"><strong>${notice}</strong></p>` : ''}
<p><span class="tag ${t.overdue ? 'st-late' : t.status === 'answered' || t.status === 'closed' ? 'st-done' : t.status === 'rejected' ? 'st-none' : 'st-progress'}">${t.statusLabel}</span>${t.overdue ? html` <span class="tag st-late">Quá hạn</span>` : ''}</p>
${t.mergedInto ? html`<p>Phản ánh của bạn trùng nội dung với phản ánh ${t.mergedInto} nên được giải quyết chung; câu trả lời dưới đây là của vụ việc đó.</p>` : ''}
<dl class="facts">
<dt>Loại</dt><dd>${t.kindLabel}</dd>
<dt>Lĩnh vực</dt><dd>${t.topicLabel}</dd>
<dt>Đơn vị xử lý</dt><dd>${t.unitName}</dd>
<dt>Ngày tiếp nhận</dt><dd>${formatDateVi(t.receivedOn)}</dd>
${t.dueDate ? html`<dt>Hạn ${t.kind === 'feedback' ? 'trả lời' : 'xử lý'}</dt><dd>${formatDateVi(t.dueDate)} <span class="small muted">(${t.dueExplanation})</span></dd>` : ''}
</dl>
${t.rejectReason && t.status === 'rejected' ? html`<h2>Lý do không thụ lý</h2><p>${t.rejectReason}</p>` : ''}
${
  t.answer
    ? html`<h2>Câu trả lời</h2>${t.answeredAt ? html`<p class="small muted">Ngày ${formatDateVi(t.answeredAt.slice(0, 10))}${t.answerPublic ? ' · đã công khai trên cổng' : ' · chỉ người giữ mã này xem được'}</p>` : ''}
<div>${t.answer.split('\n').map((line) => html`<p>${line}</p>`)}</div>`
    : ''
}
${t.apology ? html`<p><a href="/phan-anh/${t.code}/thu-xin-loi.docx">Thư xin lỗi vì trả lời chậm (.docx)</a></p>` : ''}
${t.rating !== null ? html`<p>Bạn đã đánh giá câu trả lời: ${String(t.rating)}/5 sao.</p>` : ''}
${
  t.canRate
    ? html`<section class="card" aria-labelledby="danh-gia"><h2 id="danh-gia">Đánh giá câu trả lời</h2>
<form method="post" action="/phan-anh/${t.code}/danh-gia">
<fieldset><legend>Bạn hài lòng với câu trả lời ở mức nào?</legend>
${[5, 4, 3, 2, 1].map((n) => html`<p><input type="radio" id="sao-${String(n)}" name="sao" value="${String(n)}" required> <label for="sao-${String(n)}">${String(n)} sao${n === 5 ? ' — rất hài lòng' : n === 1 ? ' — không hài lòng' : ''}</label></p>`)}
</fieldset>
<p><label for="gop-y">Góp ý thêm (không bắt buộc)</label><br><textarea id="gop-y" name="gop_y" rows="3" maxlength="1000" style="width:100%"></textarea></p>
<p class="small muted">Đánh giá 1 hoặc 2 sao: vụ việc được mở lại để xem xét lại.</p>
<p><button type="submit">Gửi đánh giá</button></p>
</form></section>`
    : ''
}
<p class="small muted">Trang này chỉ dành cho người giữ mã theo dõi; họ tên, thông tin liên hệ của người gửi không hiển thị ở đây.</p>
<p><a href="/phan-anh">Về trang Phản ánh, kiến nghị</a></p>`;
}

/** Reads the multipart form: text fields and up to MAX_FEEDBACK_FILES files, each cut off at the size limit. */
async function readSubmission(request: FastifyRequest, values: Values): Promise<{ values: Values; files: UploadedFile[] }> {
  const files: UploadedFile[] = [];
  const parts = request.parts({ limits: { files: MAX_FEEDBACK_FILES, fileSize: MAX_FEEDBACK_FILE_BYTES, fields: 20, fieldSize: 20_000 } });
  for await (const part of parts) {
    if (part.type === 'file') {
      const bytes = new Uint8Array(await part.toBuffer());
      // An empty file input still sends a part with no name and no bytes.
      if (bytes.length > 0 || part.filename) files.push({ bytes, name: part.filename || 'tep' });
    } else if (typeof part.value === 'string') {
      values[part.fieldname] = part.value;
    }
  }
  return { values, files: files.filter((f) => f.bytes.length > 0) };
}

const MULTIPART_ERRORS: Record<string, { status: number; message: string }> = {
  FST_REQ_FILE_TOO_LARGE: { status: 413, message: `Có tệp lớn hơn ${MAX_FEEDBACK_FILE_BYTES / 1024 / 1024} MB. Xin chụp ảnh nhỏ hơn hoặc nén tệp lại rồi gửi lại.` },
  FST_FILES_LIMIT: { status: 400, message: `Chỉ được gửi kèm tối đa ${MAX_FEEDBACK_FILES} tệp.` },
  FST_PARTS_LIMIT: { status: 400, message: 'Biểu mẫu có quá nhiều trường.' },
  FST_FIELDS_LIMIT: { status: 400, message: 'Biểu mẫu có quá nhiều trường.' },
  FST_PROTO_VIOLATION: { status: 400, message: 'Biểu mẫu gửi lên không đúng định dạng.' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { status: 400, message: 'Biểu mẫu phải được gửi từ trang Phản ánh, kiến nghị (dạng multipart/form-data).' },
};

function statusOfError(err: DomainError): number {
  if (err.code === FEEDBACK_FILE_TOO_LARGE) return 413;
  if (err.code === FEEDBACK_FILE_TYPE) return 415;
  return err.kind === 'too_many_requests' ? 429 : err.kind === 'not_found' ? 404 : err.kind === 'conflict' ? 409 : 400;
}

async function submit(request: FastifyRequest, reply: FastifyReply, services: Services) {
  // Filled as the parts arrive, so a refused file still gives back the text typed before it.
  const values: Values = {};
  let files: UploadedFile[] = [];
  try {
    if (!request.isMultipart()) throw Object.assign(new Error('not multipart'), { code: 'FST_INVALID_MULTIPART_CONTENT_TYPE' });
    ({ files } = await readSubmission(request, values));
  } catch (err) {
    const known = MULTIPART_ERRORS[(err as { code?: string }).code ?? ''];
    if (!known) throw err;
    const body = request.isMultipart() ? values : ((request.body as Values | undefined) ?? {});
    return privatePage(reply, await listPage(services, 1, body, known.message), known.status);
  }
  try {
    const result = await services.feedback.submit(
      {
        topic: values.topic,
        kind: values.kind,
        communeId: values.communeId,
        description: values.description,
        name: values.name,
        contact: values.contact,
        consent: values.consent === '1',
        honeypot: values.website,
        files,
      },
      request.ip,
    );
    const page = renderPage({
      title: 'Đã nhận phản ánh',
      breadcrumbs: crumbs({ label: 'Đã nhận phản ánh' }),
      current: '/phan-anh',
      body: html`<h1>Đã nhận phản ánh của bạn</h1>
<p role="status">Mã theo dõi của bạn là <strong style="font-size:1.4em;letter-spacing:.05em">${result.code}</strong>. Xin ghi lại mã này: chỉ với mã này bạn mới xem được tiến độ và câu trả lời.</p>
<p>Hạn trả lời: <strong>${formatDateVi(result.dueDate)}</strong> (${result.dueExplanation}).</p>
<p><a href="/phan-anh/${result.code}">Xem tình trạng phản ánh ${result.code}</a></p>
<p><a href="/phan-anh">Về trang Phản ánh, kiến nghị</a></p>`,
    });
    return privatePage(reply, page, 201);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    const status = statusOfError(err);
    if (status === 429) {
      const seconds = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (seconds) reply.header('Retry-After', String(seconds));
    }
    // The citizen's text comes back in the form (files must be chosen again): nothing typed is lost.
    return privatePage(reply, await listPage(services, 1, values, err.message), status);
  }
}

async function formRoutes(app: FastifyInstance, services: Services): Promise<void> {
  // The rating form is a plain urlencoded form; only this scope takes such bodies.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: RATING_FORM_LIMIT }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.post('/phan-anh', PUBLIC, (request, reply) => submit(request, reply, services));

  app.post<{ Params: { code: string } }>('/phan-anh/:code/danh-gia', PUBLIC, async (request, reply) => {
    const code = parseFeedbackCode(request.params.code);
    if (!code) return sendNotFound(request, reply, 'Mã theo dõi không đúng dạng (ví dụ PA-7K3M-Q9XT).');
    const body = (request.body as Values | undefined) ?? {};
    try {
      const view = await services.feedback.rate(code, body.sao === undefined ? undefined : Number(body.sao), body.gop_y, request.ip);
      const notice = view.status === 'reopened' ? 'Cảm ơn bạn đã đánh giá. Vụ việc đã được mở lại để xem xét lại.' : 'Cảm ơn bạn đã đánh giá câu trả lời.';
      return privatePage(reply, renderPage({ title: `Phản ánh ${view.code}`, breadcrumbs: crumbs({ label: view.code }), current: '/phan-anh', body: trackingBody(view, notice) }));
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      const status = statusOfError(err);
      if (status === 404) return sendNotFound(request, reply, 'Không tìm thấy phản ánh có mã này.');
      const page = renderPage({
        title: 'Chưa gửi được đánh giá',
        breadcrumbs: crumbs({ label: 'Đánh giá' }),
        current: '/phan-anh',
        body: html`<h1>Chưa gửi được đánh giá</h1><p role="alert">${err.message}</p><p><a href="/phan-anh/${code}">Về trang phản ánh ${code}</a></p>`,
      });
      return privatePage(reply, page, status);
    }
  });
}

export const feedbackArea: PortalArea = {
  name: 'feedback',
  async routes(app, services) {
    await app.register(async (scope) => formRoutes(scope, services));

    app.get('/phan-anh', PUBLIC, async (request, reply) => {
      const raw = (request.query as Record<string, unknown> | undefined)?.trang;
      const page = typeof raw === 'string' && /^[1-9]\d{0,3}$/.test(raw) ? Number(raw) : 1;
      return sendPage(request, reply, await listPage(services, page), { maxAge: 60 });
    });

    app.get<{ Params: { id: string } }>('/phan-anh/tra-loi/:id', PUBLIC, async (request, reply) => {
      const id = /^[1-9]\d{0,9}$/.test(request.params.id) && Number(request.params.id) <= 2_147_483_647 ? Number(request.params.id) : null;
      const c = id === null ? null : await services.feedback.publicCase(id);
      if (!c) return sendNotFound(request, reply, 'Không tìm thấy câu trả lời công khai này; có thể đơn vị đã thôi công khai.');
      return sendPage(request, reply, publicCasePage(c), { maxAge: 300 });
    });

    app.get<{ Params: { code: string } }>('/phan-anh/:code/thu-xin-loi.docx', PUBLIC, async (request, reply) => {
      const code = parseFeedbackCode(request.params.code);
      if (!code) return sendNotFound(request, reply, 'Mã theo dõi không đúng dạng (ví dụ PA-7K3M-Q9XT).');
      const file = await services.feedback.apologyDocx(code, request.ip);
      if (!file) return sendNotFound(request, reply, 'Không có thư xin lỗi cho phản ánh này: phản ánh không có mã này hoặc không bị trả lời chậm.');
      // Like the status page, a sender's own letter is never stored by shared caches.
      reply.header('Cache-Control', 'no-store');
      reply.header('Content-Disposition', `attachment; filename="${file.filename}"`);
      return reply.type(MIME_DOCX).send(Buffer.from(file.bytes));
    });

    app.get<{ Params: { code: string } }>('/phan-anh/:code', PUBLIC, async (request, reply) => {
      const code = parseFeedbackCode(request.params.code);
      if (!code) return sendNotFound(request, reply, 'Mã theo dõi không đúng dạng (ví dụ PA-7K3M-Q9XT: chữ PA và 8 chữ, số; không có chữ O, I và số 0, 1).');
      if (code !== request.params.code) return reply.redirect(`/phan-anh/${code}`, 301);
      try {
        const view = await services.feedback.track(code, request.ip);
        if (!view) return sendNotFound(request, reply, 'Không tìm thấy phản ánh có mã này. Xin kiểm tra lại mã theo dõi.');
        return privatePage(reply, renderPage({ title: `Phản ánh ${view.code}`, breadcrumbs: crumbs({ label: view.code }), current: '/phan-anh', body: trackingBody(view) }));
      } catch (err) {
        if (!(err instanceof DomainError) || err.kind !== 'too_many_requests') throw err;
        const seconds = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
        if (seconds) reply.header('Retry-After', String(seconds));
        const page = renderPage({ title: 'Tạm dừng tra cứu', breadcrumbs: crumbs({ label: 'Tạm dừng tra cứu' }), current: '/phan-anh', body: html`<h1>Tạm dừng tra cứu</h1><p role="alert">${err.message}</p>` });
        return privatePage(reply, page, 429);
      }
    });
  },
  async sitemap(services) {
    const answers = await services.feedback.publicList(1, 200);
    return [{ path: '/phan-anh' }, ...answers.map((c) => ({ path: `/phan-anh/tra-loi/${c.id}`, ...(c.answeredOn ? { lastModified: c.answeredOn } : {}) }))];
  },
};
