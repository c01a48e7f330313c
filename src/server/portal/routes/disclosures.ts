import type { FastifyReply, FastifyRequest } from 'fastify';
import { CATEGORIES, CHANNEL_LABELS, DISCLOSURE_CATEGORIES, isCategory, type DisclosureTable } from '../../../domain/disclosures/index.js';
import type { Services } from '../../../services/index.js';
import type { PublicDisclosure, PublicDisclosureDetail } from '../../../services/disclosure-service.js';
import type { PortalArea } from '../area.js';
import { dateVi, excerpt, timeTag } from '../format.js';
import { followBox } from '../follow.js';
import { html, type SafeHtml } from '../html.js';
import { renderPage } from '../layout.js';
import type { PublishedSource } from '../published.js';
import { sendFile, sendNotFound, sendPage } from '../respond.js';

/**
 * Disclosures (công khai) on the public portal: the list with filters by commune and category and a search
 * without diacritics, each item's page (publisher, publish date, posting period, legal basis, channels, its
 * table as HTML, attachments), the table as CSV and XLSX, an Atom feed and open data (JSON, CSV).
 * Only published items inside their posting period exist here; personal data is filtered again on the way
 * out (services/disclosure-service.ts publicGet → domain publicTable).
 */

const PUBLIC = { config: { public: true }, schema: { hide: true } } as const;
const PAGE_SIZE = 20;
/** Rows shown on the page; the CSV and XLSX hold the whole table. */
const ROWS_ON_PAGE = 300;
const NOT_FOUND = 'Không tìm thấy nội dung công khai này. Nội dung có thể đã hết thời hạn niêm yết hoặc chưa được công bố.';

function queryValue(request: FastifyRequest, name: string): string | undefined {
  const v = (request.query as Record<string, unknown> | undefined)?.[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : undefined;
}

function positiveInt(value: string | undefined): number | undefined {
  return value && /^[1-9]\d{0,8}$/.test(value) ? Number(value) : undefined;
}

const itemHref = (id: number) => `/cong-khai/${id}`;

function postingPeriod(d: PublicDisclosure): SafeHtml {
  return d.postingEnd ? html`từ ${timeTag(d.publishDate)} đến hết ${timeTag(d.postingEnd)}` : html`từ ${timeTag(d.publishDate)}, trong thời gian nội dung còn hiệu lực`;
}

function itemCard(d: PublicDisclosure): SafeHtml {
  return html`<li class="card"><h3><a href="${itemHref(d.id)}">${d.title}</a></h3>
<p class="small muted"><span class="tag st-none">${d.categoryLabel}</span> ${d.unitName} · Công khai ${timeTag(d.publishDate)}${d.postingEnd ? html` · Niêm yết đến ${timeTag(d.postingEnd)}` : ''}</p>
${d.summary ? html`<p>${excerpt(d.summary, 240)}</p>` : ''}</li>`;
}

function filterForm(units: Array<{ id: number; name: string }>, unitId: number | undefined, category: string | undefined, q: string): SafeHtml {
  return html`<form class="search" role="search" method="get" action="/cong-khai">
<p><label for="don-vi">Xã, phường</label><br><select id="don-vi" name="don-vi"><option value="">Tất cả</option>${units.map(
    (u) => html`<option value="${String(u.id)}"${u.id === unitId ? html` selected` : ''}>${u.name}</option>`,
  )}</select></p>
<p><label for="loai">Loại thông tin</label><br><select id="loai" name="loai"><option value="">Tất cả</option>${DISCLOSURE_CATEGORIES.map(
    (c) => html`<option value="${c}"${c === category ? html` selected` : ''}>${CATEGORIES[c].label}</option>`,
  )}</select></p>
<p><label for="q">Từ khóa (gõ có dấu hay không dấu đều được)</label><br><input id="q" name="q" type="search" value="${q}" maxlength="200" autocomplete="off"></p>
<p><button type="submit">Lọc</button></p></form>`;
}

function tableHtml(table: DisclosureTable, caption: string): SafeHtml {
  const shown = table.rows.slice(0, ROWS_ON_PAGE);
  const fmt = (v: string | number | null, type: string) => (v === null ? '' : typeof v === 'number' ? (type === 'text' ? String(v) : v.toLocaleString('vi-VN')) : v);
  return html`<div class="table"><table><caption>${caption}</caption>
<thead><tr>${table.columns.map((c) => html`<th scope="col">${c.label}</th>`)}</tr></thead>
<tbody>${shown.map((r) => html`<tr>${table.columns.map((c, i) => html`<td>${fmt(r[i] ?? null, c.type)}</td>`)}</tr>`)}</tbody></table></div>
${table.rows.length > shown.length ? html`<p class="small">Trang này hiển thị ${String(shown.length)} trên ${String(table.rows.length)} dòng; tải tệp CSV hoặc Excel để xem đủ.</p>` : ''}`;
}

function paragraphs(text: string): SafeHtml[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => html`<p>${p}</p>`);
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function detailPage(d: PublicDisclosureDetail): string {
  const spec = CATEGORIES[d.category];
  const body = html`<article><h1>${d.title}</h1>
<dl class="facts">
<dt>Loại thông tin</dt><dd>${d.categoryLabel}</dd>
<dt>Đơn vị công bố</dt><dd>${d.unitName}</dd>
<dt>Ngày công khai</dt><dd>${timeTag(d.publishDate)}</dd>
<dt>Thời gian niêm yết</dt><dd>${postingPeriod(d)}</dd>
<dt>Tiếp nhận ý kiến</dt><dd>${d.objectionWindow ? html`từ ${timeTag(d.objectionWindow.from)} đến hết ${timeTag(d.objectionWindow.to)}` : spec.objectionRule}</dd>
<dt>Hình thức công khai</dt><dd><ul>${d.channels.map((c) => html`<li>${CHANNEL_LABELS[c]}</li>`)}</ul></dd>
<dt>Căn cứ pháp lý</dt><dd>${d.legalBasis.split('\n').filter((l) => l.trim()).map((l) => html`<p>${l}</p>`)}</dd>
</dl>
${d.summary ? html`<p><strong>${d.summary}</strong></p>` : ''}
${paragraphs(d.body)}
${
  d.table
    ? html`<h2>Bảng số liệu</h2>${tableHtml(d.table, d.title)}
<p><a class="button" href="${`${itemHref(d.id)}.csv`}" download>Tải bảng (CSV)</a> <a class="button" href="${`${itemHref(d.id)}.xlsx`}" download>Tải bảng (Excel)</a></p>`
    : ''
}
${
  d.attachments.length > 0
    ? html`<h2>Tài liệu đính kèm</h2><ul>${d.attachments.map(
        (a) => html`<li><a href="${`${itemHref(d.id)}/tep/${a.id}`}">${a.name}</a> <span class="small muted">(${a.mime.includes('pdf') ? 'PDF' : a.mime.includes('word') ? 'Word' : 'Excel'}, ${sizeText(a.size)})</span></li>`,
      )}</ul>`
    : ''
}
${spec.category === 'poor_households' ? html`<p class="small muted">Danh sách chỉ gồm họ tên chủ hộ, thôn/khu phố và phân loại theo quy định về bảo vệ dữ liệu cá nhân; danh sách được gỡ khỏi cổng khi hết thời gian niêm yết.</p>` : ''}
<p><a href="/cong-khai">← Tất cả nội dung công khai</a></p></article>`;
  return renderPage({
    title: d.title,
    description: `${d.categoryLabel} — ${d.unitName}, công khai ngày ${dateVi(d.publishDate)}`,
    breadcrumbs: [{ label: 'Trang chủ', href: '/' }, { label: 'Công khai', href: '/cong-khai' }, { label: excerpt(d.title, 60) }],
    body,
  });
}

function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

function csvField(v: string): string {
  const s = /^[=+\-@]/.test(v) ? `'${v}` : v;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function allPublic(services: Services): Promise<PublicDisclosure[]> {
  return (await services.disclosures.publicList({ pageSize: 1000 })).items;
}

function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

async function listPage(request: FastifyRequest, reply: FastifyReply, services: Services) {
  const unitId = positiveInt(queryValue(request, 'don-vi'));
  const rawCategory = queryValue(request, 'loai') || undefined;
  const category = rawCategory && isCategory(rawCategory) ? rawCategory : undefined;
  const q = (queryValue(request, 'q') ?? '').slice(0, 200);
  const page = positiveInt(queryValue(request, 'trang')) ?? 1;
  const [units, list] = await Promise.all([
    services.disclosures.publicUnits(),
    services.disclosures.publicList({ ...(unitId ? { unitId } : {}), ...(rawCategory ? { category: rawCategory } : {}), q, page, pageSize: PAGE_SIZE }),
  ]);
  const pages = Math.max(1, Math.ceil(list.total / PAGE_SIZE));
  const link = (p: number) => {
    const params = new URLSearchParams();
    if (unitId) params.set('don-vi', String(unitId));
    if (category) params.set('loai', category);
    if (q) params.set('q', q);
    params.set('trang', String(p));
    return `/cong-khai?${params.toString()}`;
  };
  const filtered = Boolean(unitId || rawCategory || q);
  const body = html`<h1>Thông tin công khai</h1>
<p>Danh sách hộ nghèo, hộ cận nghèo; thu, chi ngân sách; quy hoạch, kế hoạch sử dụng đất và bảng giá đất; thủ tục hành chính; báo cáo phòng, chống tham nhũng; thông báo tuyển dụng của các xã, phường — trong thời gian niêm yết theo quy định.</p>
${filterForm(units, unitId, category, q)}
<p role="status">${
    list.total === 0
      ? filtered
        ? html`Không có nội dung công khai nào khớp${q ? html` với «${q}»` : ''}.`
        : 'Hiện chưa có nội dung công khai nào trong thời gian niêm yết.'
      : html`${String(list.total)} nội dung công khai${q ? html` khớp với «${q}»` : ''}.`
  }</p>
<ul class="cards">${list.items.map(itemCard)}</ul>
${
  pages > 1
    ? html`<nav aria-label="Phân trang"><p>${page > 1 ? html`<a href="${link(page - 1)}" rel="prev">← Trang trước</a> ` : ''}Trang ${String(page)}/${String(pages)}${
        page < pages ? html` <a href="${link(page + 1)}" rel="next">Trang sau →</a>` : ''
      }</p></nav>`
    : ''
}
<p class="small">Theo dõi nội dung mới: <a href="/cong-khai/atom.xml">nguồn tin Atom</a>${unitId ? html` (<a href="${`/cong-khai/atom.xml?don-vi=${unitId}`}">chỉ đơn vị đang chọn</a>)` : ''} · Dữ liệu mở: <a href="/du-lieu/cong-khai.json">JSON</a>, <a href="/du-lieu/cong-khai.csv">CSV</a></p>
${unitId ? followBox({ kind: 'don-vi', id: unitId, feedHref: `/cong-khai/atom.xml?don-vi=${unitId}` }) : ''}`;
  return sendPage(
    request,
    reply,
    renderPage({ title: 'Thông tin công khai', description: 'Thông tin công khai của các xã, phường: hộ nghèo, ngân sách, đất đai, thủ tục hành chính, phòng chống tham nhũng, tuyển dụng.', breadcrumbs: [{ label: 'Trang chủ', href: '/' }, { label: 'Công khai' }], current: '/cong-khai', body }),
  );
}

/** The home page's newest published disclosures. */
export const newestDisclosures: PublishedSource = async (services, limit) =>
  (await services.disclosures.publicList({ pageSize: limit })).items.map((d) => ({
    kind: `Công khai: ${d.categoryLabel}`,
    title: d.title,
    href: itemHref(d.id),
    date: d.approvedAt && d.approvedAt.slice(0, 10) >= d.publishDate ? d.approvedAt : d.publishDate,
    publisher: d.unitName,
  }));

export const disclosuresArea: PortalArea = {
  name: 'disclosures',
  async routes(app, services) {
    app.get('/cong-khai', PUBLIC, (request, reply) => listPage(request, reply, services));

    app.get('/cong-khai/atom.xml', PUBLIC, async (request, reply) => {
      // ?don-vi=ID follows one commune, ?loai=… one category (a citizen's subscription).
      const base = baseUrl(request);
      const unitId = positiveInt(queryValue(request, 'don-vi'));
      const category = queryValue(request, 'loai') || undefined;
      const items = (await services.disclosures.publicList({ pageSize: 50, ...(unitId ? { unitId } : {}), ...(category ? { category } : {}) })).items;
      const updated = items.reduce((max, d) => (d.updatedAt > max ? d.updatedAt : max), '1970-01-01T00:00:00.000Z');
      const entries = items.map((d) => {
        const url = `${base}${itemHref(d.id)}`;
        const when = d.approvedAt ?? `${d.publishDate}T00:00:00Z`;
        return `<entry><id>${xmlEscape(url)}</id><title>${xmlEscape(d.title)}</title><link rel="alternate" type="text/html" href="${xmlEscape(url)}"/><published>${xmlEscape(when)}</published><updated>${xmlEscape(d.updatedAt)}</updated><author><name>${xmlEscape(d.unitName)}</name></author><category term="${d.category}" label="${xmlEscape(d.categoryLabel)}"/><summary>${xmlEscape(`${d.categoryLabel} — công khai ngày ${dateVi(d.publishDate)}${d.postingEnd ? `, niêm yết đến ${dateVi(d.postingEnd)}` : ''}. ${d.summary}`)}</summary></entry>`;
      });
      const body = `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi"><id>${xmlEscape(`${base}/cong-khai`)}</id><title>Thông tin công khai mới</title><link rel="self" href="${xmlEscape(`${base}/cong-khai/atom.xml`)}"/><link rel="alternate" type="text/html" href="${xmlEscape(`${base}/cong-khai`)}"/><updated>${updated}</updated>\n${entries.join('\n')}\n</feed>\n`;
      return sendFile(request, reply, body, { contentType: 'application/atom+xml; charset=utf-8', maxAge: 300 });
    });

    app.get<{ Params: { ref: string } }>('/cong-khai/:ref', PUBLIC, async (request, reply) => {
      const m = /^([1-9]\d{0,8})(\.csv|\.xlsx)?$/.exec(request.params.ref);
      if (!m) return sendNotFound(request, reply, NOT_FOUND);
      const id = Number(m[1]);
      if (m[2] === '.csv') {
        const csv = await services.disclosures.publicCsv(id);
        if (!csv) return sendNotFound(request, reply, NOT_FOUND);
        return sendFile(request, reply, csv.body, { contentType: 'text/csv; charset=utf-8', filename: csv.name });
      }
      if (m[2] === '.xlsx') {
        const xlsx = await services.disclosures.publicXlsx(id);
        if (!xlsx) return sendNotFound(request, reply, NOT_FOUND);
        return sendFile(request, reply, xlsx.body, { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: xlsx.name });
      }
      const item = await services.disclosures.publicGet(id);
      if (!item) return sendNotFound(request, reply, NOT_FOUND);
      return sendPage(request, reply, detailPage(item));
    });

    app.get<{ Params: { id: string; att: string } }>('/cong-khai/:id/tep/:att', PUBLIC, async (request, reply) => {
      const id = positiveInt(request.params.id);
      const att = positiveInt(request.params.att);
      const file = id && att ? await services.disclosures.publicAttachment(id, att) : undefined;
      if (!file) return sendNotFound(request, reply, 'Không tìm thấy tài liệu đính kèm này.');
      reply.header('X-Content-Type-Options', 'nosniff');
      return sendFile(request, reply, Buffer.from(file.content), { contentType: file.mime, filename: file.name, maxAge: 3600 });
    });

    app.get('/du-lieu/cong-khai.json', PUBLIC, async (request, reply) => {
      const base = baseUrl(request);
      const items = await allPublic(services);
      const body = JSON.stringify({
        generatedFor: 'Thông tin công khai đang trong thời gian niêm yết',
        count: items.length,
        items: items.map((d) => ({
          id: d.id,
          url: `${base}${itemHref(d.id)}`,
          unitId: d.unitId,
          unitName: d.unitName,
          category: d.category,
          categoryLabel: d.categoryLabel,
          title: d.title,
          summary: d.summary,
          publishDate: d.publishDate,
          postingEnd: d.postingEnd,
          channels: d.channels,
          legalBasis: d.legalBasis.split('\n').filter((l) => l.trim()),
          csv: `${base}${itemHref(d.id)}.csv`,
          xlsx: `${base}${itemHref(d.id)}.xlsx`,
        })),
      });
      return sendFile(request, reply, body, { contentType: 'application/json; charset=utf-8', maxAge: 300 });
    });

    app.get('/du-lieu/cong-khai.csv', PUBLIC, async (request, reply) => {
      const base = baseUrl(request);
      const items = await allPublic(services);
      const header = ['id', 'don_vi', 'loai', 'ten_loai', 'tieu_de', 'ngay_cong_khai', 'niem_yet_den', 'duong_dan'];
      const lines = [header.join(','), ...items.map((d) => [String(d.id), d.unitName, d.category, d.categoryLabel, d.title, d.publishDate, d.postingEnd ?? '', `${base}${itemHref(d.id)}`].map(csvField).join(','))];
      return sendFile(request, reply, `\uFEFF${lines.join('\r\n')}\r\n`, { contentType: 'text/csv; charset=utf-8', filename: 'cong-khai.csv', maxAge: 300 });
    });
  },
  async sitemap(services) {
    const items = await allPublic(services);
    return [{ path: '/cong-khai' }, ...items.map((d) => ({ path: itemHref(d.id), lastModified: d.updatedAt }))];
  },
};
