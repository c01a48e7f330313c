import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatVnd } from '../../../domain/campaigns/words.js';
import { DomainError } from '../../../domain/errors.js';
import { compareVietnamese, matchesSearch, searchKey } from '../../../domain/text/normalize.js';
import { formatDateVi } from '../../../domain/time.js';
import type { CampaignView, PublicCampaignDetail, VerifiedReceipt } from '../../../services/campaign-service.js';
import type { PortalArea } from '../area.js';
import type { PublishedSource } from '../published.js';
import { html } from '../html.js';
import { renderPage } from '../layout.js';
import { progressBar } from '../format.js';
import { sendFile, sendNotFound, sendPage } from '../respond.js';
import { csvText as toCsv } from '../../../domain/text/csv.js';

const vnd = (n: number) => `${formatVnd(n)} đồng`;
const crumbs = [{ label: 'Trang chủ', href: '/' }, { label: 'Đóng góp tự nguyện', href: '/dong-gop' }];
const shown = (s: string) => (s.length > 60 ? `${s.slice(0, 60)}…` : s);

const param = (request: FastifyRequest, name: string, max = 100): string | undefined => {
  const v = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v.slice(0, max) : undefined;
};

/** Contributors per page of a campaign (about 0.1 KB each): a page stays far under 60 KB at any size of commune. */
export const CONTRIBUTORS_PER_PAGE = 200;

interface ContributorView {
  name: string;
  page: number;
  pages: number;
  total: number;
  rows: PublicCampaignDetail['contributions'];
}

function contributorPage(c: PublicCampaignDetail, name: string, page: number): ContributorView | null {
  const all = name ? c.contributions.filter((k) => matchesSearch(searchKey(k.contributorName), name)) : c.contributions;
  const pages = Math.max(1, Math.ceil(all.length / CONTRIBUTORS_PER_PAGE));
  if (page > pages) return null;
  return { name, page, pages, total: all.length, rows: all.slice((page - 1) * CONTRIBUTORS_PER_PAGE, page * CONTRIBUTORS_PER_PAGE) };
}

const idOf = (text: string): number | null => (/^\d{1,9}$/.test(text) ? Number(text) : null);

function statusTag(c: CampaignView) {
  return c.status === 'open' ? html`<span class="tag st-progress">Đang vận động</span>` : html`<span class="tag st-done">Đã kết thúc</span>`;
}

function progress(c: CampaignView) {
  return progressBar(
    c.targetAmount > 0 ? c.totals.money / c.targetAmount : null,
    `Đã nhận ${vnd(c.totals.money)} / mục tiêu ${vnd(c.targetAmount)} (${c.totals.progressPercent}%)${c.totals.inKindValue ? `; hiện vật trị giá khoảng ${vnd(c.totals.inKindValue)}` : ''}`,
  );
}

function verifyForm(value: string) {
  return html`<form class="search" method="get" action="/dong-gop/xac-minh">
<label for="ma">Mã xác minh trên giấy xác nhận</label>
<input id="ma" name="ma" type="text" value="${value}" maxlength="40" autocomplete="off" spellcheck="false" autocapitalize="characters" placeholder="Ví dụ: DG-7K3M-Q9XT-2B">
<button type="submit">Kiểm tra biên nhận</button>
</form>`;
}

function campaignCard(c: CampaignView) {
  return html`<li class="card"><h3><a href="/dong-gop/${String(c.id)}">${c.purpose}</a></h3>
<p>${statusTag(c)} ${formatDateVi(c.startDate)} – ${formatDateVi(c.endDate)} · ${String(c.totals.contributions)} lượt đóng góp · đã chi ${vnd(c.totals.spent)}</p>
${progress(c)}</li>`;
}

function listBody(campaigns: CampaignView[]) {
  const byUnit = new Map<string, CampaignView[]>();
  for (const c of campaigns) byUnit.set(c.unitName, [...(byUnit.get(c.unitName) ?? []), c]);
  const units = [...byUnit.keys()].sort(compareVietnamese);
  return html`<h1>Đóng góp tự nguyện</h1>
<p>Các cuộc vận động đóng góp tự nguyện của xã, phường: số đã nhận so với mục tiêu, các khoản đã chi kèm chứng từ. Đóng góp là tự nguyện, không có mức tối thiểu.</p>
<h2>Kiểm tra biên nhận</h2>
${verifyForm('')}
${units.length === 0 ? html`<p>Chưa có cuộc vận động nào.</p>` : ''}
${units.map((u) => html`<section><h2>${u}</h2><ul class="cards">${byUnit.get(u)!.map(campaignCard)}</ul></section>`)}
<p class="small">Dữ liệu mở: <a href="/du-lieu/dong-gop.json">JSON</a>, <a href="/du-lieu/dong-gop.csv">CSV</a></p>`;
}

function pageHref(id: number, list: ContributorView, n: number): string {
  const ps = new URLSearchParams();
  if (list.name) ps.set('ten', list.name);
  if (n > 1) ps.set('trang', String(n));
  const q = ps.toString();
  return `/dong-gop/${id}${q ? `?${q}` : ''}#nguoi-dong-gop`;
}

function detailBody(c: PublicCampaignDetail, list: ContributorView) {
  return html`<h1>${c.purpose}</h1>
<p>${statusTag(c)} ${c.unitName} · ${formatDateVi(c.startDate)} – ${formatDateVi(c.endDate)}</p>
${c.description ? html`<p>${c.description}</p>` : ''}
${progress(c)}
<dl class="facts">
<dt>Mục tiêu</dt><dd>${vnd(c.targetAmount)}${c.inKindTarget ? html` và ${c.inKindTarget}` : ''}</dd>
<dt>Tiền đã nhận</dt><dd>${vnd(c.totals.money)} (${String(c.totals.contributions)} lượt đóng góp)</dd>
${c.totals.inKindValue ? html`<dt>Hiện vật (ước tính)</dt><dd>${vnd(c.totals.inKindValue)}</dd>` : ''}
<dt>Đã chi</dt><dd>${vnd(c.totals.spent)}</dd>
<dt>Còn lại</dt><dd>${c.totals.balance < 0 ? html`<strong>Chi vượt số đã nhận ${vnd(-c.totals.balance)}</strong> (xem ghi chú từng khoản chi)` : vnd(c.totals.balance)}</dd>
</dl>
<h2>Các khoản đã chi</h2>
${c.spendings.length === 0
    ? html`<p>Chưa có khoản chi nào.</p>`
    : html`<div class="table"><table><thead><tr><th scope="col">Ngày</th><th scope="col">Nội dung chi</th><th scope="col">Số tiền</th><th scope="col">Chứng từ</th></tr></thead><tbody>
${c.spendings.map(
  (s) => html`<tr><td>${formatDateVi(s.date)}</td><td>${s.purpose}${s.overspendNote ? html`<br><span class="tag st-late">Chi vượt số đã nhận</span> ${s.overspendNote}` : ''}</td><td>${vnd(s.amount)}</td>
<td>${s.evidence ? html`<a href="/dong-gop/${String(c.id)}/chi/${String(s.id)}/chung-tu">${s.evidence.name}</a>` : 'Chưa có'}</td></tr>`,
)}
</tbody></table></div>`}
<h2 id="nguoi-dong-gop">Danh sách người đóng góp</h2>
<p class="small">Công khai họ tên, thôn, khu phố và số đóng góp để người đóng góp tự kiểm tra; không công khai thông tin nào khác.</p>
<form class="search" method="get" action="/dong-gop/${String(c.id)}#nguoi-dong-gop" role="search">
<label for="ten">Tìm theo họ tên</label>
<input id="ten" name="ten" type="search" value="${list.name}" maxlength="100" placeholder="Ví dụ: nguyen van an">
<button type="submit">Tìm</button>
</form>
<p class="small">${String(list.total)} lượt đóng góp${list.name ? html` khớp với «${shown(list.name)}»` : ''}${list.pages > 1 ? html` (trang ${String(list.page)}/${String(list.pages)})` : ''}.</p>
${list.rows.length === 0
    ? html`<p>Không có khoản đóng góp nào.</p>`
    : html`<div class="table"><table><thead><tr><th scope="col">Họ tên</th><th scope="col">Thôn, khu phố</th><th scope="col">Đóng góp</th><th scope="col">Ngày</th></tr></thead><tbody>
${list.rows.map(
  (k) => html`<tr><td>${k.contributorName}</td><td>${k.village}</td><td>${k.kind === 'money' ? vnd(k.amount) : html`${k.inKindDescription ?? ''} (khoảng ${vnd(k.amount)})`}</td><td>${formatDateVi(k.date)}</td></tr>`,
)}
</tbody></table></div>`}
${list.pages > 1 ? html`<nav aria-label="Phân trang"><p>${list.page > 1 ? html`<a href="${pageHref(c.id, list, list.page - 1)}" rel="prev">« Trang trước</a> ` : ''}Trang ${String(list.page)}/${String(list.pages)}${list.page < list.pages ? html` <a href="${pageHref(c.id, list, list.page + 1)}" rel="next">Trang sau »</a>` : ''}</p></nav>` : ''}
<h2>Kiểm tra biên nhận</h2>
${verifyForm('')}`;
}

function receiptBody(r: VerifiedReceipt) {
  return html`<h1>Biên nhận hợp lệ</h1>
<p><span class="tag st-done">Đã ghi vào sổ</span> Khoản đóng góp mang mã ${r.code} có trong sổ đóng góp tự nguyện của ${r.unitName}.</p>
<dl class="facts">
<dt>Cuộc vận động</dt><dd><a href="/dong-gop/${String(r.campaignId)}">${r.campaignPurpose}</a></dd>
<dt>Người đóng góp</dt><dd>${r.contributorMasked}</dd>
<dt>Đóng góp</dt><dd>${r.kind === 'money' ? vnd(r.amount) : html`${r.inKindDescription ?? ''} (khoảng ${vnd(r.amount)})`}</dd>
<dt>Ngày đóng góp</dt><dd>${formatDateVi(r.date)}</dd>
<dt>Số biên nhận</dt><dd>${r.receiptNo}</dd>
</dl>
<h2>Kiểm tra mã khác</h2>
${verifyForm('')}`;
}

function tooMany(request: FastifyRequest, reply: FastifyReply, message: string, retryAfterSeconds: number) {
  const page = renderPage({ title: 'Quá nhiều lượt kiểm tra', breadcrumbs: [...crumbs, { label: 'Kiểm tra biên nhận' }], current: '/dong-gop', body: html`<h1>Quá nhiều lượt kiểm tra</h1><p>${message}</p>` });
  reply.header('Retry-After', String(retryAfterSeconds));
  return sendPage(request, reply, page, { status: 429, maxAge: 0 });
}

/** The home page's "Mới công bố": campaigns by the day they start. */
export const newestCampaigns: PublishedSource = async (services, limit) =>
  (await services.campaigns.publicList())
    .sort((a, b) => (a.startDate < b.startDate ? 1 : a.startDate > b.startDate ? -1 : b.id - a.id))
    .slice(0, limit)
    .map((c) => ({ kind: 'Cuộc vận động đóng góp tự nguyện', title: c.purpose, href: `/dong-gop/${c.id}`, date: c.startDate, publisher: c.unitName }));

/** Voluntary contributions (/dong-gop): campaigns with totals and spending, the receipt check, open data. */
export const campaignsArea: PortalArea = {
  name: 'campaigns',
  async routes(app, services) {
    app.get('/dong-gop', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const page = renderPage({
        title: 'Đóng góp tự nguyện',
        description: 'Các cuộc vận động đóng góp tự nguyện, số đã nhận, các khoản đã chi và kiểm tra biên nhận.',
        breadcrumbs: [crumbs[0]!, { label: 'Đóng góp tự nguyện' }],
        current: '/dong-gop',
        body: listBody(await services.campaigns.publicList()),
      });
      return sendPage(request, reply, page, { maxAge: 60 });
    });

    app.get('/dong-gop/xac-minh', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const ma = (param(request, 'ma') ?? '').trim();
      const trail = [...crumbs, { label: 'Kiểm tra biên nhận' }];
      if (!ma) {
        const page = renderPage({
          title: 'Kiểm tra biên nhận',
          breadcrumbs: trail,
          current: '/dong-gop',
          body: html`<h1>Kiểm tra biên nhận đóng góp</h1><p>Nhập mã xác minh in trên giấy xác nhận đóng góp (chữ và số, không có chữ O, I và số 0, 1).</p>${verifyForm('')}`,
        });
        return sendPage(request, reply, page, { maxAge: 3600 });
      }
      let receipt: VerifiedReceipt | null;
      try {
        receipt = await services.campaigns.verify(ma, request.ip);
      } catch (err) {
        if (err instanceof DomainError && err.kind === 'too_many_requests') {
          return tooMany(request, reply, err.message, (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 600);
        }
        throw err;
      }
      if (!receipt) {
        const page = renderPage({
          title: 'Không tìm thấy biên nhận',
          breadcrumbs: trail,
          current: '/dong-gop',
          body: html`<h1>Không tìm thấy biên nhận</h1>
<p>Không có khoản đóng góp nào mang mã «${shown(ma)}». Xin kiểm tra lại mã trên giấy xác nhận rồi thử lại, hoặc hỏi cán bộ UBND xã, phường nơi đã đóng góp.</p>
${verifyForm(shown(ma))}`,
        });
        return sendPage(request, reply, page, { status: 404, maxAge: 0 });
      }
      // Private: a verified receipt is not for shared caches.
      const page = renderPage({ title: 'Biên nhận hợp lệ', breadcrumbs: trail, current: '/dong-gop', body: receiptBody(receipt) });
      reply.header('Cache-Control', 'private, no-store');
      return reply.type('text/html; charset=utf-8').send(page);
    });

    app.get<{ Params: { id: string } }>('/dong-gop/:id', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const id = idOf(request.params.id);
      const campaign = id === null ? null : await services.campaigns.publicDetail(id);
      if (!campaign) return sendNotFound(request, reply, 'Không có cuộc vận động đóng góp này.');
      const trang = param(request, 'trang', 6);
      const pageNo = trang === undefined ? 1 : idOf(trang);
      const list = pageNo === null || pageNo < 1 ? null : contributorPage(campaign, (param(request, 'ten', 100) ?? '').trim(), pageNo);
      if (!list) return sendNotFound(request, reply, 'Danh sách người đóng góp không có trang này.');
      const page = renderPage({
        title: campaign.purpose,
        description: `${campaign.unitName}: đã nhận ${vnd(campaign.totals.money)}, đã chi ${vnd(campaign.totals.spent)}.`,
        breadcrumbs: [...crumbs, { label: campaign.purpose }],
        current: '/dong-gop',
        body: detailBody(campaign, list),
      });
      return sendPage(request, reply, page, { maxAge: 60 });
    });

    app.get<{ Params: { id: string; spendingId: string } }>('/dong-gop/:id/chi/:spendingId/chung-tu', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const id = idOf(request.params.id);
      const spendingId = idOf(request.params.spendingId);
      const file = id === null || spendingId === null ? null : await services.campaigns.evidence(id, spendingId);
      if (!file) return sendNotFound(request, reply, 'Không có chứng từ này.');
      return sendFile(request, reply, Buffer.from(file.content), { contentType: file.mime, filename: file.name, maxAge: 3600 });
    });

    const openData = async () =>
      (await services.campaigns.publicList()).map((c) => ({
        id: c.id,
        unitCode: c.unitCode,
        unitName: c.unitName,
        purpose: c.purpose,
        status: c.status,
        startDate: c.startDate,
        endDate: c.endDate,
        targetAmount: c.targetAmount,
        received: c.totals.money,
        inKindValue: c.totals.inKindValue,
        contributions: c.totals.contributions,
        spent: c.totals.spent,
        balance: c.totals.balance,
      }));

    app.get('/du-lieu/dong-gop.json', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const body = JSON.stringify({ currency: 'VND', campaigns: await openData() }, null, 1);
      return sendFile(request, reply, body, { contentType: 'application/json; charset=utf-8', maxAge: 300 });
    });

    app.get('/du-lieu/dong-gop.csv', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const rows = await openData();
      const csv = toCsv(
        ['Mã', 'Mã đơn vị', 'Đơn vị', 'Mục đích', 'Trạng thái', 'Từ ngày', 'Đến ngày', 'Mục tiêu (đồng)', 'Đã nhận (đồng)', 'Hiện vật ước tính (đồng)', 'Lượt đóng góp', 'Đã chi (đồng)', 'Còn lại (đồng)'],
        rows.map((r) => [r.id, r.unitCode, r.unitName, r.purpose, r.status === 'open' ? 'Đang vận động' : 'Đã kết thúc', formatDateVi(r.startDate), formatDateVi(r.endDate), r.targetAmount, r.received, r.inKindValue, r.contributions, r.spent, r.balance]),
      );
      return sendFile(request, reply, csv, { contentType: 'text/csv; charset=utf-8', filename: 'dong-gop.csv', maxAge: 300 });
    });
  },
  async sitemap(services) {
    const list = await services.campaigns.publicList();
    return [{ path: '/dong-gop' }, ...list.map((c) => ({ path: `/dong-gop/${c.id}` }))];
  },
};
