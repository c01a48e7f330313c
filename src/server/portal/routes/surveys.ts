import { randomBytes } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../../domain/errors.js';
import { fieldName, percentVi, SCALE_LABELS, type AnswerProblem, type Question, type RawAnswers } from '../../../domain/surveys/index.js';
import type { Services } from '../../../services/index.js';
import { XLSX_MIME, type ResultsView, type SurveyView } from '../../../services/survey-service.js';
import type { PortalArea } from '../area.js';
import { excerpt, timeTag } from '../format.js';
import { html, type SafeHtml } from '../html.js';
import { renderPage } from '../layout.js';
import type { PublishedSource } from '../published.js';
import { etagOf, sendFile, sendNotFound, sendPage } from '../respond.js';

/**
 * Satisfaction surveys on the public portal, without JavaScript: /khao-sat lists the open surveys and those
 * with results; /khao-sat/:id is the form (radio, checkbox, 1–5 as a radio group with labels, textarea, each
 * question a fieldset with its legend); its POST records one answer per browser session and shows thanks;
 * /khao-sat/:id/ket-qua shows the results as CSS bars with the numbers in a table, and approved free text only;
 * ket-qua.csv and ket-qua.xlsx download them.
 *
 * The session is a random cookie (`dondoc_ks`, HttpOnly, SameSite=Lax: a cross-site form cannot post with it)
 * set when the form is shown; the database keeps only its SHA-256.
 */

const PUBLIC = { config: { public: true }, schema: { hide: true } } as const;
const SESSION_COOKIE = 'dondoc_ks';
/** Thirty questions with a 2,000-character answer each fit; anything bigger is not a survey answer. */
const FORM_LIMIT = 64 * 1024;
/** Approved comments shown per question on the results page (the downloads hold all). */
const COMMENTS_ON_PAGE = 20;
const NOT_FOUND = 'Không tìm thấy phiếu khảo sát này. Phiếu có thể chưa được công bố.';

const surveyHref = (id: number) => `/khao-sat/${id}`;
const resultsHref = (id: number) => `/khao-sat/${id}/ket-qua`;

function surveyId(raw: string): number | null {
  return /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : null;
}

const crumbs = (last: string, survey?: SurveyView) => [
  { label: 'Trang chủ', href: '/' },
  { label: 'Khảo sát', href: '/khao-sat' },
  ...(survey ? [{ label: survey.title.length > 60 ? `${survey.title.slice(0, 60)}…` : survey.title, href: surveyHref(survey.id) }] : []),
  { label: last },
];

/** Pages that depend on the reader's session (the form, the answer) are never kept by a shared cache. */
function sendPrivatePage(reply: FastifyReply, page: string, status = 200) {
  reply.header('Cache-Control', 'no-store');
  reply.header('ETag', etagOf(page));
  return reply.status(status).type('text/html; charset=utf-8').send(page);
}

function period(s: SurveyView): SafeHtml {
  return s.opensOn && s.closesOn ? html`từ ${timeTag(s.opensOn)} đến hết ${timeTag(s.closesOn)}` : html``;
}

function surveyCard(s: SurveyView, open: boolean): SafeHtml {
  return html`<li class="card"><h3><a href="${open ? surveyHref(s.id) : resultsHref(s.id)}">${s.title}</a></h3>
<p class="small muted">${s.unitName}${s.serviceAreaLabel ? html` · ${s.serviceAreaLabel}` : ''} · ${period(s)} · ${String(s.responses)} phiếu trả lời</p>
${open ? html`<p><a href="${surveyHref(s.id)}">Trả lời khảo sát</a> · <a href="${resultsHref(s.id)}">Xem kết quả</a></p>` : ''}</li>`;
}

async function listPage(request: FastifyRequest, reply: FastifyReply, services: Services) {
  const [open, withResults] = await Promise.all([services.surveys.openSurveys(), services.surveys.surveysWithResults()]);
  const openIds = new Set(open.map((s) => s.id));
  const past = withResults.filter((s) => !openIds.has(s.id));
  const body = html`<h1>Khảo sát sự hài lòng</h1>
<p>Ý kiến của người dân giúp cơ quan nhà nước phục vụ tốt hơn. Phiếu khảo sát không cần tài khoản, không ghi tên người trả lời; mỗi người trả lời một lần.</p>
<h2>Đang nhận ý kiến</h2>
${open.length > 0 ? html`<ul class="cards">${open.map((s) => surveyCard(s, true))}</ul>` : html`<p>Hiện chưa có phiếu khảo sát nào đang nhận ý kiến.</p>`}
${past.length > 0 ? html`<h2>Kết quả các đợt khảo sát</h2><ul class="cards">${past.map((s) => surveyCard(s, false))}</ul>` : ''}`;
  return sendPage(
    request,
    reply,
    renderPage({ title: 'Khảo sát sự hài lòng', description: 'Khảo sát sự hài lòng của người dân về thủ tục hành chính, y tế, giáo dục.', breadcrumbs: [{ label: 'Trang chủ', href: '/' }, { label: 'Khảo sát' }], current: '/khao-sat', body }),
  );
}

// ---- the form -----------------------------------------------------------------------------------

function questionField(q: Question, n: number, values: RawAnswers, problem: AnswerProblem | undefined): SafeHtml {
  const name = fieldName(q);
  const given = values[name];
  const chosen = new Set(given === undefined ? [] : Array.isArray(given) ? given : [given]);
  const id = (suffix: string | number) => `${name}_${suffix}`;
  const errId = id('loi');
  const described = problem ? html` aria-describedby="${errId}"` : '';
  const required = q.required ? html` <span class="small">(bắt buộc)</span>` : html` <span class="small muted">(không bắt buộc)</span>`;
  const legend = html`<legend><strong>Câu ${String(n)}.</strong> ${q.text}${required}</legend>${q.help ? html`<p class="small muted">${q.help}</p>` : ''}${
    problem ? html`<p class="error" id="${errId}" role="alert" style="color:#a61b1b;font-weight:600">${problem.message}</p>` : ''
  }`;
  const box = (inner: SafeHtml) => html`<fieldset id="${id('cau')}" style="margin:0 0 1rem;padding:.6rem .9rem;border:1px solid #ced4da;border-radius:4px"${described}>${legend}${inner}</fieldset>`;
  switch (q.kind) {
    case 'single':
    case 'multiple': {
      const type = q.kind === 'single' ? 'radio' : 'checkbox';
      return box(
        html`${(q.options ?? []).map(
          (o, i) =>
            html`<p style="margin:.4rem 0"><input style="width:1.2rem;height:1.2rem;vertical-align:middle" type="${type}" id="${id(i)}" name="${name}" value="${String(i)}"${chosen.has(String(i)) ? html` checked` : ''}${
              q.required && type === 'radio' ? html` required` : ''
            }> <label for="${id(i)}" style="font-weight:normal">${o}</label></p>`,
        )}`,
      );
    }
    case 'scale':
      return box(
        html`${SCALE_LABELS.map(
          (label, i) =>
            html`<p style="margin:.4rem 0"><input style="width:1.2rem;height:1.2rem;vertical-align:middle" type="radio" id="${id(i + 1)}" name="${name}" value="${String(i + 1)}"${chosen.has(String(i + 1)) ? html` checked` : ''}${
              q.required ? html` required` : ''
            }> <label for="${id(i + 1)}" style="font-weight:normal">${String(i + 1)} – ${label}</label></p>`,
        )}`,
      );
    case 'text': {
      const text = typeof given === 'string' ? given : '';
      return box(html`<label for="${id('tl')}" class="small">Câu trả lời của Ông/Bà (tối đa 2.000 ký tự; ý kiến được kiểm duyệt trước khi công khai)</label><br>
<textarea id="${id('tl')}" name="${name}" rows="4" maxlength="2000" style="width:100%;max-width:40rem"${q.required ? html` required` : ''}>${text}</textarea>`);
    }
  }
}

function formPage(s: SurveyView, values: RawAnswers = {}, problems: AnswerProblem[] = [], message?: string): string {
  const byQuestion = new Map(problems.map((p) => [p.questionId, p]));
  const body = html`<h1>${s.title}</h1>
<p class="small muted">${s.unitName}${s.serviceAreaLabel ? html` · ${s.serviceAreaLabel}` : ''} · Nhận ý kiến ${period(s)}</p>
${s.description ? html`<p>${s.description}</p>` : ''}
${
  message || problems.length > 0
    ? html`<div role="alert" style="border:2px solid #a61b1b;padding:.6rem .9rem;border-radius:4px;margin:0 0 1rem"><p><strong>${message ?? 'Phiếu trả lời chưa gửi được.'}</strong></p>${
        problems.length > 0 ? html`<ul>${problems.map((p) => html`<li><a href="${`#${fieldName({ id: p.questionId })}_cau`}">${p.message}</a></li>`)}</ul>` : ''
      }</div>`
    : ''
}
<form method="post" action="${surveyHref(s.id)}">
${s.questions.map((q, i) => questionField(q, i + 1, values, byQuestion.get(q.id)))}
<p><button type="submit">Gửi phiếu trả lời</button></p>
</form>
<p class="small muted">Phiếu không ghi tên, số điện thoại hay địa chỉ của Ông/Bà. Mỗi trình duyệt chỉ gửi được một phiếu cho mỗi đợt khảo sát.</p>`;
  return renderPage({ title: s.title, description: `Phiếu khảo sát của ${s.unitName}`, breadcrumbs: crumbs('Phiếu khảo sát').slice(0, 2).concat([{ label: s.title }]), current: '/khao-sat', body });
}

function noticePage(s: SurveyView, title: string, text: string): string {
  return renderPage({
    title,
    breadcrumbs: crumbs(title, s),
    current: '/khao-sat',
    body: html`<h1>${title}</h1><p role="status">${text}</p><ul><li><a href="${resultsHref(s.id)}">Xem kết quả khảo sát</a></li><li><a href="/khao-sat">Các khảo sát khác</a></li></ul>`,
  });
}

function sessionOf(request: FastifyRequest): string | undefined {
  const v = request.cookies?.[SESSION_COOKIE];
  return typeof v === 'string' && /^[A-Za-z0-9_-]{20,100}$/.test(v) ? v : undefined;
}

function ensureSession(request: FastifyRequest, reply: FastifyReply): string {
  const existing = sessionOf(request);
  if (existing) return existing;
  const token = randomBytes(24).toString('base64url');
  reply.setCookie(SESSION_COOKIE, token, { path: '/khao-sat', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', maxAge: 180 * 24 * 3600 });
  return token;
}

/** Form fields as the domain reads them: a name sent several times (checkboxes) becomes a list. */
function formValues(body: string): RawAnswers {
  const out: RawAnswers = {};
  for (const [k, v] of new URLSearchParams(body)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

async function showForm(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, services: Services) {
  const id = surveyId(request.params.id);
  const survey = id === null ? undefined : await services.surveys.publicSurvey(id);
  if (!survey) return sendNotFound(request, reply, NOT_FOUND);
  if (!survey.isOpen) return sendPrivatePage(reply, noticePage(survey, 'Khảo sát đã kết thúc', `Khảo sát «${survey.title}» không còn nhận ý kiến. Cảm ơn Ông/Bà đã quan tâm.`));
  const session = ensureSession(request, reply);
  if (await services.surveys.hasAnswered(survey.id, session)) {
    return sendPrivatePage(reply, noticePage(survey, 'Ông/Bà đã trả lời khảo sát này', 'Phiếu trả lời của Ông/Bà đã được ghi nhận. Mỗi người chỉ trả lời một lần; cảm ơn Ông/Bà đã tham gia.'));
  }
  return sendPrivatePage(reply, formPage(survey));
}

async function answer(request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, services: Services) {
  const id = surveyId(request.params.id);
  const survey = id === null ? undefined : await services.surveys.publicSurvey(id);
  if (!survey) return sendNotFound(request, reply, NOT_FOUND);
  const values = formValues(typeof request.body === 'string' ? request.body : '');
  const session = sessionOf(request);
  if (!session) {
    // The cookie is set with the form: without it the browser refuses cookies, or the form came from elsewhere.
    ensureSession(request, reply);
    return sendPrivatePage(reply, formPage(survey, values, [], 'Trình duyệt chưa nhận phiên khảo sát (cookie). Xin Ông/Bà kiểm tra lại các câu trả lời rồi bấm «Gửi phiếu trả lời» một lần nữa.'), 400);
  }
  try {
    await services.surveys.answer(survey.id, session, request.ip, values);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    if (err.code === 'answer_invalid' || err.code === 'answer_empty') {
      const problems = (err.details as { problems?: AnswerProblem[] } | undefined)?.problems ?? [];
      return sendPrivatePage(reply, formPage(survey, values, problems, err.code === 'answer_empty' ? err.message : undefined), 400);
    }
    if (err.code === 'already_answered') return sendPrivatePage(reply, noticePage(survey, 'Ông/Bà đã trả lời khảo sát này', err.message), 409);
    if (err.code === 'survey_closed') return sendPrivatePage(reply, noticePage(survey, 'Khảo sát đã kết thúc', err.message), 409);
    if (err.kind === 'too_many_requests') {
      reply.header('Retry-After', String((err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 600));
      return sendPrivatePage(reply, noticePage(survey, 'Xin thử lại sau ít phút', err.message), 429);
    }
    throw err;
  }
  return sendPrivatePage(
    reply,
    renderPage({
      title: 'Cảm ơn Ông/Bà đã trả lời khảo sát',
      breadcrumbs: crumbs('Đã gửi phiếu', survey),
      current: '/khao-sat',
      body: html`<h1>Cảm ơn Ông/Bà đã trả lời khảo sát</h1>
<p role="status">Phiếu trả lời cho khảo sát «${survey.title}» đã được ghi nhận. Ý kiến tự do (nếu có) sẽ được kiểm duyệt trước khi công khai.</p>
<ul><li><a href="${resultsHref(survey.id)}">Xem kết quả khảo sát</a></li><li><a href="/khao-sat">Các khảo sát khác</a></li></ul>`,
    }),
  );
}

// ---- results ------------------------------------------------------------------------------------

function questionResults(q: ResultsView['results']['questions'][number], comments: ResultsView['comments']): SafeHtml {
  const head = html`<h3 id="${`cau-${q.id}`}">Câu ${String(q.number)}. ${q.text}</h3>`;
  if (q.kind === 'text') {
    const approved = comments.filter((c) => c.questionId === q.id);
    // The page stays small on a phone: the newest ones, cut short; the CSV and Excel files hold them all.
    const shown = approved.slice(-COMMENTS_ON_PAGE).reverse();
    return html`${head}<p class="small">${String(q.answered)} ý kiến; ${String(approved.length)} ý kiến đã được kiểm duyệt và công khai${
      approved.length > shown.length ? html` (trang này hiển thị ${String(shown.length)} ý kiến mới nhất; tải tệp CSV hoặc Excel để xem đủ)` : ''
    }.</p>
${shown.length > 0 ? html`<ul>${shown.map((c) => html`<li><blockquote style="margin:.2rem 0;white-space:pre-line">${excerpt(c.body, 600)}</blockquote></li>`)}</ul>` : ''}`;
  }
  const kindVi = q.kind === 'single' ? 'một lựa chọn' : q.kind === 'multiple' ? 'nhiều lựa chọn — tỷ lệ tính trên số người trả lời câu này' : 'thang điểm 1–5';
  return html`${head}
<p class="small">${String(q.answered)} người trả lời (${kindVi})${q.mean !== null ? html` · <strong>Điểm trung bình: ${q.mean.toFixed(2).replace('.', ',')}/5</strong>` : ''}</p>
<div class="table"><table><caption class="small">Kết quả câu ${String(q.number)}</caption>
<thead><tr><th scope="col">Phương án</th><th scope="col">Số lượt</th><th scope="col">Tỷ lệ</th><th scope="col"><span class="small">Biểu đồ</span></th></tr></thead>
<tbody>${q.counts.map((c) => {
    const width = c.share === null ? 0 : Math.round(c.share * 100);
    return html`<tr><th scope="row" style="font-weight:normal">${c.label}</th><td>${String(c.count)}</td><td>${percentVi(c.share)}</td><td style="min-width:8rem"><div class="bar" aria-hidden="true"><span style="width:${String(width)}%"></span></div></td></tr>`;
  })}</tbody></table></div>`;
}

function resultsPage(view: ResultsView): string {
  const s = view.survey;
  const body = html`<h1>Kết quả: ${s.title}</h1>
<dl class="facts">
<dt>Đơn vị</dt><dd>${s.unitName}</dd>
${s.serviceAreaLabel ? html`<dt>Lĩnh vực</dt><dd>${s.serviceAreaLabel}</dd>` : ''}
<dt>Thời gian khảo sát</dt><dd>${period(s)}${s.status === 'closed' ? ' (đã kết thúc)' : s.isOpen ? ' (đang nhận ý kiến)' : ''}</dd>
<dt>Số phiếu trả lời</dt><dd><strong id="so-phieu">${String(view.results.responses)}</strong></dd>
${view.results.overallMean !== null ? html`<dt>Điểm hài lòng chung</dt><dd>${view.results.overallMean.toFixed(2).replace('.', ',')}/5 (trung bình các câu thang điểm)</dd>` : ''}
</dl>
${s.isOpen ? html`<p><a class="button" href="${surveyHref(s.id)}">Trả lời khảo sát</a></p>` : ''}
<h2>Kết quả từng câu hỏi</h2>
${view.results.questions.map((q) => questionResults(q, view.comments))}
<p><a class="button" href="${`${resultsHref(s.id)}.csv`}" download>Tải kết quả (CSV)</a> <a class="button" href="${`${resultsHref(s.id)}.xlsx`}" download>Tải kết quả (Excel)</a></p>
<p class="small muted">Ý kiến tự do chỉ được công khai sau khi cơ quan kiểm duyệt; thông tin cá nhân không được công khai.</p>`;
  return renderPage({ title: `Kết quả: ${s.title}`, description: `Kết quả khảo sát của ${s.unitName}: ${view.results.responses} phiếu trả lời.`, breadcrumbs: crumbs('Kết quả', s), current: '/khao-sat', body });
}

async function formRoutes(app: FastifyInstance, services: Services): Promise<void> {
  // Plain HTML forms post urlencoded bodies; the body is read as text so checkboxes keep every value.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_LIMIT }, (_request, body, done) => done(null, body));
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err.statusCode === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendPrivatePage(
        reply,
        renderPage({ title: 'Phiếu trả lời quá dài', current: '/khao-sat', body: html`<h1>Phiếu trả lời quá dài</h1><p>Nội dung gửi lên vượt quá giới hạn cho phép. Xin rút gọn các ý kiến tự do rồi gửi lại.</p><p><a href="/khao-sat">Về trang khảo sát</a></p>` }),
        413,
      );
    }
    if (err.statusCode === 415 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return sendPrivatePage(reply, renderPage({ title: 'Yêu cầu không hợp lệ', current: '/khao-sat', body: html`<h1>Yêu cầu không hợp lệ</h1><p>Phiếu trả lời phải được gửi từ biểu mẫu trên trang khảo sát.</p><p><a href="/khao-sat">Về trang khảo sát</a></p>` }), 415);
    }
    throw err;
  });
  app.post<{ Params: { id: string } }>('/khao-sat/:id', PUBLIC, (request, reply) => answer(request, reply, services));
}

/** The home page's "Mới công bố": surveys taking answers now. */
export const newestSurveys: PublishedSource = async (services, limit) =>
  (await services.surveys.openSurveys()).slice(0, limit).map((s) => ({
    kind: 'Khảo sát đang nhận ý kiến',
    title: s.title,
    href: surveyHref(s.id),
    date: s.publishedAt ?? s.opensOn ?? s.updatedAt,
    publisher: s.unitName,
  }));

export const surveysArea: PortalArea = {
  name: 'surveys',
  async routes(app, services) {
    await app.register(async (scope) => formRoutes(scope, services));

    app.get('/khao-sat', PUBLIC, (request, reply) => listPage(request, reply, services));
    app.get<{ Params: { id: string } }>('/khao-sat/:id', PUBLIC, (request, reply) => showForm(request, reply, services));

    app.get<{ Params: { id: string; file: string } }>('/khao-sat/:id/:file', PUBLIC, async (request, reply) => {
      const id = surveyId(request.params.id);
      const file = request.params.file;
      if (id === null || !['ket-qua', 'ket-qua.csv', 'ket-qua.xlsx'].includes(file)) return sendNotFound(request, reply, NOT_FOUND);
      if (file === 'ket-qua.csv') {
        const csv = await services.surveys.publicCsv(id);
        if (!csv) return sendNotFound(request, reply, NOT_FOUND);
        return sendFile(request, reply, csv.body, { contentType: 'text/csv; charset=utf-8', filename: csv.name, maxAge: 0 });
      }
      if (file === 'ket-qua.xlsx') {
        const xlsx = await services.surveys.publicXlsx(id);
        if (!xlsx) return sendNotFound(request, reply, NOT_FOUND);
        return sendFile(request, reply, xlsx.body, { contentType: XLSX_MIME, filename: xlsx.name, maxAge: 0 });
      }
      const view = await services.surveys.publicResults(id);
      if (!view) return sendNotFound(request, reply, NOT_FOUND);
      // While answers arrive the page changes with each one: revalidate every time (a 304 costs little).
      return sendPage(request, reply, resultsPage(view), { maxAge: view.survey.isOpen ? 0 : 300 });
    });
  },
  async sitemap(services) {
    const surveys = await services.surveys.surveysWithResults();
    return [{ path: '/khao-sat' }, ...surveys.flatMap((s) => [...(s.isOpen ? [{ path: surveyHref(s.id) }] : []), { path: resultsHref(s.id), lastModified: s.updatedAt }])];
  },
};
