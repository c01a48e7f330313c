import type { FastifyRequest } from 'fastify';
import { formatDateVi } from '../../../domain/time.js';
import { parseReceiptCode } from '../../../domain/campaigns/index.js';
import { parseFeedbackCode } from '../../../domain/feedback/code.js';
import type { PublicDossier } from '../../../services/dossier-service.js';
import type { PortalArea } from '../area.js';
import { html } from '../html.js';
import { renderPage } from '../layout.js';
import { sendFile, sendNotFound, sendPage } from '../respond.js';
import { csvText as toCsv } from '../../../domain/text/csv.js';

const param = (request: FastifyRequest, name: string, max = 300): string | undefined => {
  const v = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v.slice(0, max) : undefined;
};

/** Rows per page of the procedure list (about 0.25 KB each: the page stays far under 60 KB). */
const PROCEDURES_PER_PAGE = 100;

/** A long input is shown cut short (escaped by `html` like everything else). */
const shown = (s: string) => (s.length > 120 ? `${s.slice(0, 120)}…` : s);

function lookupForm(value: string) {
  return html`<form class="search" method="get" action="/tra-cuu" role="search">
<label for="ma">Mã hồ sơ hoặc mã biên nhận</label>
<input id="ma" name="ma" type="text" value="${value}" maxlength="100" autocomplete="off" spellcheck="false" placeholder="Ví dụ: 000.00.14.H43-211015-0001">
<button type="submit">Tra cứu</button>
</form>`;
}

const statusClass = (s: PublicDossier['status']) =>
  s === 'overdue' ? 'st-late' : s === 'resolved' || s === 'returned' ? 'st-done' : s === 'supplement' ? 'st-none' : 'st-progress';

function dossierBody(d: PublicDossier) {
  return html`<h1>Hồ sơ ${d.code}</h1>
<p><span class="tag ${statusClass(d.status)}">${d.statusLabel}</span></p>
<dl class="facts">
<dt>Mã hồ sơ</dt><dd>${d.code}</dd>
<dt>Mã biên nhận</dt><dd>${d.receiptCode}</dd>
<dt>Thủ tục</dt><dd>${d.procedureName} (${d.procedureCode})</dd>
<dt>Lĩnh vực</dt><dd>${d.procedureField}</dd>
<dt>Cơ quan tiếp nhận</dt><dd>${d.unitName}</dd>
<dt>Người nộp</dt><dd>${d.applicant}</dd>
<dt>Ngày tiếp nhận</dt><dd>${formatDateVi(d.receivedDate)}</dd>
<dt>Ngày hẹn trả kết quả</dt><dd>${formatDateVi(d.dueDate)}</dd>
${d.returnedDate ? html`<dt>Ngày trả kết quả</dt><dd>${formatDateVi(d.returnedDate)}</dd>` : ''}
</dl>
<h2>Quá trình xử lý</h2>
<ol class="timeline">${d.steps.map((s) => html`<li><strong>${formatDateVi(s.date)}</strong> — ${s.label}${s.note ? html`: ${s.note}` : ''}</li>`)}</ol>
<h2>Tra cứu hồ sơ khác</h2>
${lookupForm('')}`;
}

/** The dossier-progress lookup (/tra-cuu) and the list of administrative procedures, with open data (P3). */
export const lookupArea: PortalArea = {
  name: 'lookup',
  async routes(app, services) {
    app.get('/tra-cuu', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const ma = param(request, 'ma');
      const crumbs = [{ label: 'Trang chủ', href: '/' }, { label: 'Tra cứu', href: '/tra-cuu' }];
      if (ma === undefined || ma.trim() === '') {
        const page = renderPage({
          title: 'Tra cứu hồ sơ',
          description: 'Tra cứu tiến độ giải quyết hồ sơ thủ tục hành chính theo mã hồ sơ hoặc mã biên nhận.',
          breadcrumbs: crumbs,
          current: '/tra-cuu',
          body: html`<h1>Tra cứu tiến độ giải quyết hồ sơ</h1>
<p>Nhập mã hồ sơ (in trên giấy tiếp nhận và hẹn trả kết quả) hoặc mã biên nhận để xem hồ sơ đang ở bước nào.</p>
${lookupForm('')}
<p class="small muted">Xem thêm: <a href="/thu-tuc-hanh-chinh">Danh sách thủ tục hành chính</a> · <a href="/lich-tiep-cong-dan">Lịch tiếp công dân</a></p>`,
        });
        return sendPage(request, reply, page, { maxAge: 3600 });
      }
      // A feedback tracking code (PA-…) has its own page, rate limited there.
      const feedbackCode = parseFeedbackCode(ma);
      if (feedbackCode) return reply.redirect(`/phan-anh/${feedbackCode}`, 303);
      // A voluntary contribution's receipt code (DG-…) is checked on its own page, rate limited there.
      const receiptCode = parseReceiptCode(ma);
      if (receiptCode) return reply.redirect(`/dong-gop/xac-minh?ma=${receiptCode}`, 303);
      const dossier = await services.dossiers.lookup(ma);
      if (!dossier) {
        const page = renderPage({
          title: 'Không tìm thấy hồ sơ',
          breadcrumbs: [...crumbs, { label: 'Không tìm thấy hồ sơ' }],
          current: '/tra-cuu',
          body: html`<h1>Không tìm thấy hồ sơ</h1>
<p>Không có hồ sơ nào mang mã «${shown(ma.trim())}». Xin kiểm tra lại mã trên giấy tiếp nhận (chữ và số, có dấu chấm, gạch ngang) rồi tra cứu lại,
hoặc liên hệ Bộ phận tiếp nhận và trả kết quả nơi đã nộp hồ sơ.</p>
${lookupForm(shown(ma))}`,
        });
        return sendPage(request, reply, page, { status: 404, maxAge: 30 });
      }
      const page = renderPage({
        title: `Hồ sơ ${dossier.code}`,
        breadcrumbs: [...crumbs, { label: `Hồ sơ ${dossier.code}` }],
        current: '/tra-cuu',
        body: dossierBody(dossier),
      });
      return sendPage(request, reply, page, { maxAge: 60 });
    });

    const procedures = async (request: FastifyRequest, pageSize?: number) => {
      const q = param(request, 'q', 200) ?? '';
      const donVi = param(request, 'donVi', 100) ?? '';
      const page = Math.max(1, Number.parseInt(param(request, 'trang', 6) ?? '1', 10) || 1);
      return { q, donVi, result: await services.dossiers.publicProcedures({ q, unitCode: donVi, page, ...(pageSize ? { pageSize } : {}) }) };
    };

    app.get('/thu-tuc-hanh-chinh', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const { q, donVi, result } = await procedures(request, PROCEDURES_PER_PAGE);
      if (!result.unitFound) return sendNotFound(request, reply, `Không có đơn vị mang mã "${shown(donVi)}".`);
      const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
      if (result.page > pages) return sendNotFound(request, reply, `Danh sách thủ tục chỉ có ${pages} trang.`);
      const pageHref = (n: number) => {
        const ps = new URLSearchParams();
        if (q) ps.set('q', q);
        if (result.unit) ps.set('donVi', result.unit.code);
        if (n > 1) ps.set('trang', String(n));
        const text = ps.toString();
        return `/thu-tuc-hanh-chinh${text ? `?${text}` : ''}`;
      };
      const title = result.unit ? `Thủ tục hành chính – ${result.unit.name}` : 'Danh sách thủ tục hành chính';
      const qs = result.unit ? `?donVi=${encodeURIComponent(result.unit.code)}` : '';
      const body = html`<h1>${title}</h1>
<form class="search" method="get" action="/thu-tuc-hanh-chinh" role="search">
<label for="q">Tìm thủ tục</label>
<input id="q" name="q" type="search" value="${q}" maxlength="200" placeholder="Ví dụ: khai sinh, chung thuc">
${result.unit ? html`<input type="hidden" name="donVi" value="${result.unit.code}">` : ''}
<button type="submit">Tìm</button>
</form>
<p class="small">${result.total} thủ tục${q ? html` khớp với «${shown(q)}»` : ''}${pages > 1 ? html` (trang ${result.page}/${pages})` : ''}. Dữ liệu mở:
<a href="/du-lieu/thu-tuc-hanh-chinh.json${qs}">JSON</a>, <a href="/du-lieu/thu-tuc-hanh-chinh.csv${qs}">CSV</a> ·
<a href="/tra-cuu">Tra cứu hồ sơ</a></p>
${
  result.items.length === 0
    ? html`<p>Không có thủ tục nào phù hợp.</p>`
    : html`<div class="table"><table><caption class="small muted">Thời hạn giải quyết tính theo ngày làm việc</caption>
<thead><tr><th scope="col">Mã</th><th scope="col">Tên thủ tục</th><th scope="col">Lĩnh vực</th><th scope="col">Thời hạn</th><th scope="col">Phí, lệ phí</th><th scope="col">Cơ quan thực hiện</th></tr></thead>
<tbody>${result.items.map(
        (p) => html`<tr><td>${p.code}</td><td>${p.name}</td><td>${p.field}</td><td>${p.processingDays === null ? 'Theo quy định' : `${p.processingDays} ngày`}</td><td>${p.fee ?? 'Không'}</td><td><a href="/thu-tuc-hanh-chinh?donVi=${encodeURIComponent(p.unitCode)}">${p.unitName}</a></td></tr>`,
      )}</tbody></table></div>`
}
${
  pages > 1
    ? html`<nav aria-label="Phân trang"><p>${result.page > 1 ? html`<a href="${pageHref(result.page - 1)}" rel="prev">« Trang trước</a> ` : ''}Trang ${result.page}/${pages}${result.page < pages ? html` <a href="${pageHref(result.page + 1)}" rel="next">Trang sau »</a>` : ''}</p></nav>`
    : ''
}`;
      const page = renderPage({
        title,
        description: 'Danh sách thủ tục hành chính: mã, tên, lĩnh vực, thời hạn giải quyết, phí, lệ phí, cơ quan thực hiện.',
        breadcrumbs: [{ label: 'Trang chủ', href: '/' }, { label: 'Thủ tục hành chính', href: '/thu-tuc-hanh-chinh' }, ...(result.unit ? [{ label: result.unit.name }] : [])],
        current: '/tra-cuu',
        body,
      });
      return sendPage(request, reply, page, { maxAge: 300 });
    });

    app.get('/du-lieu/thu-tuc-hanh-chinh.json', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const { donVi, result } = await procedures(request);
      if (!result.unitFound) return sendNotFound(request, reply, `Không có đơn vị mang mã "${shown(donVi)}".`);
      const body = JSON.stringify({
        title: 'Danh sách thủ tục hành chính',
        unit: result.unit,
        items: result.items.map((p) => ({ code: p.code, name: p.name, field: p.field, processingDays: p.processingDays, fee: p.fee, unitCode: p.unitCode, unitName: p.unitName })),
      });
      return sendFile(request, reply, body, { contentType: 'application/json; charset=utf-8', maxAge: 300 });
    });

    app.get('/du-lieu/thu-tuc-hanh-chinh.csv', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const { donVi, result } = await procedures(request);
      if (!result.unitFound) return sendNotFound(request, reply, `Không có đơn vị mang mã "${shown(donVi)}".`);
      const csv = toCsv(
        ['Mã thủ tục', 'Tên thủ tục', 'Lĩnh vực', 'Thời hạn giải quyết (ngày làm việc)', 'Phí, lệ phí', 'Mã đơn vị', 'Cơ quan thực hiện'],
        result.items.map((p) => [p.code, p.name, p.field, p.processingDays, p.fee ?? '', p.unitCode, p.unitName]),
      );
      return sendFile(request, reply, csv, { contentType: 'text/csv; charset=utf-8', filename: 'thu-tuc-hanh-chinh.csv', maxAge: 300 });
    });
  },
  async sitemap() {
    return [{ path: '/tra-cuu' }, { path: '/thu-tuc-hanh-chinh' }];
  },
};
