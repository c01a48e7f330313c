import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PublicAssignment, PublicPlan, PublicPlanSummary, PublicTask, PublicTaskLine, PublicUnitPage, PublicUpdate, SearchResults, TaskUnitGroup } from '../../../services/portal-service.js';
import { MAX_QUERY, TASK_PAGE_SIZE, TASK_UNIT_GROUP_LABEL_VI } from '../../../services/portal-service.js';
import type { PortalArea } from '../area.js';
import { dateVi, excerpt, instantTag, percent, progressBar, statusTag, timeTag } from '../format.js';
import { followBox, planFeedHref, unitFeedHref } from '../follow.js';
import { html, type SafeHtml } from '../html.js';
import { renderPage } from '../layout.js';
import { newestPublished } from '../published.js';
import { sendBadRequest, sendNotFound, sendPage } from '../respond.js';

/**
 * Home, plans (accountability pages), tasks, units and search: the citizens' view of the plans' progress,
 * built only from accepted reports (services/portal-service.ts).
 */

const PUBLIC = { config: { public: true }, schema: { hide: true } } as const;
const collator = new Intl.Collator('vi');

/** A positive id from a path segment, or null (then the page is a 404, not a 400). */
function idOf(value: string): number | null {
  return /^[1-9]\d{0,9}$/.test(value) && Number(value) <= 2_147_483_647 ? Number(value) : null;
}

/** The first value of a query parameter that may be repeated. */
function queryValue(request: FastifyRequest, name: string): string | undefined {
  const v = (request.query as Record<string, unknown> | undefined)?.[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : undefined;
}

const planHref = (id: number) => `/ke-hoach/${id}`;
const taskHref = (planId: number, taskId: number) => `/ke-hoach/${planId}/nhiem-vu/${taskId}`;
const unitHref = (code: string) => `/don-vi/${encodeURIComponent(code)}`;

function period(p: PublicPlanSummary): string {
  return `${dateVi(p.periodFrom)} – ${dateVi(p.periodTo)}`;
}

function progressText(p: PublicPlanSummary): string {
  return `${p.progress.doneTasks}/${p.progress.taskCount} nhiệm vụ hoàn thành (${percent(p.progress.share)}), theo các báo cáo đã được duyệt`;
}

function planCard(p: PublicPlanSummary, heading: 'h2' | 'h3' = 'h3'): SafeHtml {
  const title = html`<a href="${planHref(p.id)}">${p.title}</a>`;
  return html`<li class="card">
${heading === 'h2' ? html`<h2>${title}</h2>` : html`<h3>${title}</h3>`}
<p class="small muted">${p.issuer?.name ?? ''}${p.number ? html` · Số ${p.number}` : ''} · Thời gian thực hiện: ${period(p)}${p.inForce ? '' : ' · Đã hết thời gian thực hiện'}</p>
${progressBar(p.progress.share, progressText(p))}
</li>`;
}

function searchForm(value = ''): SafeHtml {
  return html`<form class="search" role="search" method="get" action="/tim-kiem">
<label for="q">Tìm nhiệm vụ, kế hoạch, đơn vị (gõ có dấu hay không dấu đều được)</label>
<input id="q" name="q" type="search" value="${value}" maxlength="${String(MAX_QUERY * 2)}" autocomplete="off">
<button type="submit">Tìm kiếm</button></form>`;
}

function updateLine(u: PublicUpdate, withPlan: boolean): SafeHtml {
  return html`<li>${instantTag(u.acceptedAt)} — <a href="${unitHref(u.unit.code)}">${u.unit.name}</a>: báo cáo ${u.roundLabel} được duyệt${
    withPlan ? html` (<a href="${planHref(u.planId)}">${excerpt(u.planTitle, 80)}</a>)` : ''
  }.</li>`;
}

/** The lead units named on a task line: few by name, many as the plan's own words. */
function leadNames(t: PublicTaskLine): string {
  const leads = t.assignments.filter((a) => a.role === 'lead');
  if (leads.length === 0) return t.leadText;
  if (leads.length <= 3) return leads.map((a) => a.unit.name).join(', ');
  return `${t.leadText} (${leads.length} đơn vị)`;
}

/** The newest accepted word among the task's units (the task page shows every unit's). */
function latestResults(planId: number, t: PublicTaskLine): SafeHtml {
  const said = t.assignments.filter((a): a is PublicAssignment & { latest: NonNullable<PublicAssignment['latest']> } => a.latest !== null);
  if (said.length === 0) return html``;
  const newest = said.reduce((a, b) => ((b.latest.submittedAt ?? '') > (a.latest.submittedAt ?? '') ? b : a));
  return html`<br><span class="small"><b>${newest.unit.name}</b> (${newest.latest.roundLabel}): ${excerpt(newest.latest.results || newest.latest.status.label, 90)}${
    said.length > 1 ? html` <a href="${taskHref(planId, t.id)}">+${String(said.length - 1)} đơn vị</a>` : ''
  }</span>`;
}

/** One task in the plan page's list: kept short (the plan page stays under 60 KB); the task page has the rest. */
function taskItem(planId: number, t: PublicTaskLine): SafeHtml {
  const next = t.nextDue;
  return html`<li><a href="${taskHref(planId, t.id)}">${t.no}</a>. ${excerpt(t.content, 100)}<br>${statusTag(t.status)} <span class="small">Chủ trì: ${excerpt(leadNames(t), 60)} · Hạn: ${excerpt(t.deadlineText || 'không ghi', 50)}${next ? html` (${timeTag(next)})` : ''}</span>${latestResults(planId, t)}</li>`;
}

function planPage(plan: PublicPlan, filter: { code: string; name: string } | null, units: Array<{ code: string; name: string }>): string {
  const dims = plan.dimensions
    .map((d) => ({ ...d, tasks: filter ? d.tasks.filter((t) => t.assignments.some((a) => a.unit.code === filter.code)) : d.tasks }))
    .filter((d) => d.tasks.length > 0);
  const anchor = (d: { dimension: string | null }) => `linh-vuc-${d.dimension ?? 'khac'}`;
  const body = html`<h1>${plan.title}</h1>
<dl class="facts">
<dt>Cơ quan ban hành</dt><dd>${plan.issuer ? html`<a href="${unitHref(plan.issuer.code)}">${plan.issuer.name}</a>` : ''}</dd>
${plan.number ? html`<dt>Số hiệu</dt><dd>${plan.number}</dd>` : ''}
${plan.issuedOn ? html`<dt>Ngày ban hành</dt><dd>${timeTag(plan.issuedOn)}</dd>` : ''}
<dt>Thời gian thực hiện</dt><dd>${period(plan)}</dd>
<dt>Tiến độ chung</dt><dd>${progressText(plan)}</dd>
</dl>
${progressBar(plan.progress.share, '')}
<p class="small muted">Trạng thái công khai chỉ dựa trên nội dung báo cáo đã được cơ quan chủ trì kế hoạch duyệt. Nhiệm vụ chưa có báo cáo được duyệt ghi “Chưa có báo cáo được duyệt”.</p>
<form class="search" method="get" action="${planHref(plan.id)}">
<label for="donVi">Xem nhiệm vụ của một đơn vị</label>
<select id="donVi" name="donVi"><option value="">Tất cả đơn vị</option>${units.map(
    (u) => html`<option value="${u.code}"${filter?.code === u.code ? html` selected` : ''}>${u.name}</option>`,
  )}</select><button type="submit">Xem</button></form>
${filter ? html`<p>Đang xem các nhiệm vụ của <a href="${unitHref(filter.code)}">${filter.name}</a>. <a href="${planHref(plan.id)}">Xem tất cả</a></p>` : ''}
<h2>Tiến độ theo lĩnh vực</h2>
<div class="table"><table><caption class="muted small">Số nhiệm vụ theo lĩnh vực nội dung của Chỉ số PAPI</caption>
<thead><tr><th scope="col">Lĩnh vực</th><th scope="col">Nhiệm vụ</th><th scope="col">Hoàn thành</th><th scope="col">Chưa có báo cáo được duyệt</th></tr></thead>
<tbody>${dims.map(
    (d) => html`<tr><th scope="row"><a href="#${anchor(d)}">${d.label}</a></th><td>${String(d.tasks.length)}</td><td>${String(d.tasks.filter((t) => t.status.code === 'done' || t.status.code === 'done_late').length)}</td><td>${String(d.tasks.filter((t) => t.status.code === 'no_report').length)}</td></tr>`,
  )}</tbody></table></div>
${dims.length === 0 ? html`<p>Không có nhiệm vụ nào${filter ? ' của đơn vị này trong kế hoạch' : ''}.</p>` : ''}
${dims.map((d) => html`<section aria-labelledby="${anchor(d)}"><h2 id="${anchor(d)}">${d.label}</h2><ul class="tasks">${d.tasks.map((t) => taskItem(plan.id, t))}</ul></section>`)}
<h2 id="cap-nhat">Dòng thời gian cập nhật</h2>
${plan.timeline.length ? html`<ol class="timeline">${plan.timeline.map((u) => updateLine(u, false))}</ol>` : html`<p>Chưa có báo cáo nào được duyệt.</p>`}
${followBox({ kind: 'ke-hoach', id: plan.id, feedHref: planFeedHref(plan.id) })}
<p class="small">Dữ liệu mở của kế hoạch: <a href="${`/du-lieu/ke-hoach/${plan.id}.json`}">JSON</a>, <a href="${`/du-lieu/ke-hoach/${plan.id}.csv`}">CSV</a></p>`;
  return renderPage({
    title: filter ? `${plan.title} — ${filter.name}` : plan.title,
    description: `Tiến độ thực hiện ${plan.title}: ${progressText(plan)}.`,
    breadcrumbs: [{ label: 'Trang chủ', href: '/' }, { label: 'Kế hoạch', href: '/ke-hoach' }, { label: excerpt(plan.title, 60) }],
    body,
  });
}

/** The groups a task's units are counted and filtered by, in the order the summary lists them. */
const GROUP_ORDER: TaskUnitGroup[] = ['done', 'done_late', 'in_progress', 'not_started', 'blocked', 'overdue', 'not_due', 'no_report', 'coordinating'];

/** A task page's address with its filter and page (page 1 and empty values left out). */
function taskPageHref(view: PublicTask, page: number): string {
  const ps = new URLSearchParams();
  if (view.filter.group) ps.set('trangThai', view.filter.group);
  if (view.filter.name) ps.set('ten', view.filter.name);
  if (page > 1) ps.set('trang', String(page));
  const q = ps.toString();
  return `${taskHref(view.plan.id, view.task.id)}${q ? `?${q}` : ''}`;
}

/**
 * Above TASK_PAGE_SIZE units (a province-scale task has 120), the page shows the units by group, a filter by
 * group and by name, and one page of units at a time; a smaller task shows every unit as before.
 */
function unitControls(view: PublicTask): SafeHtml {
  const groups = GROUP_ORDER.filter((g) => view.counts[g] > 0);
  const filtered = view.filter.group !== null || view.filter.name !== '';
  return html`<p>${String(view.total)} đơn vị: ${groups.map((g, i) => html`${i ? '; ' : ''}${TASK_UNIT_GROUP_LABEL_VI[g]} ${String(view.counts[g])}`)}.</p>
<form class="search" method="get" action="${taskHref(view.plan.id, view.task.id)}">
<label for="trangThai">Trạng thái</label>
<select id="trangThai" name="trangThai"><option value="">Tất cả</option>${groups.map(
    (g) => html`<option value="${g}"${view.filter.group === g ? html` selected` : ''}>${TASK_UNIT_GROUP_LABEL_VI[g]} (${String(view.counts[g])})</option>`,
  )}</select>
<label for="ten">Tên đơn vị (gõ có dấu hay không dấu đều được)</label>
<input id="ten" name="ten" type="search" value="${view.filter.name}" maxlength="${String(MAX_QUERY)}" autocomplete="off">
<button type="submit">Lọc</button></form>
<p role="status">${filtered ? html`${String(view.matched)} đơn vị phù hợp. <a href="${taskHref(view.plan.id, view.task.id)}">Xem tất cả</a>. ` : ''}${view.pages > 1 ? `Trang ${view.page}/${view.pages}.` : ''}</p>`;
}

function pager(view: PublicTask): SafeHtml {
  if (view.pages <= 1) return html``;
  return html`<nav aria-label="Phân trang đơn vị"><p>${view.page > 1 ? html`<a href="${taskPageHref(view, view.page - 1)}" rel="prev">« Trang trước</a> ` : ''}Trang ${String(view.page)}/${String(view.pages)}${
    view.page < view.pages ? html` <a href="${taskPageHref(view, view.page + 1)}" rel="next">Trang sau »</a>` : ''
  }</p></nav>`;
}

function taskPage(view: PublicTask, paged: boolean): string {
  const { plan, task } = view;
  const body = html`<h1>Nhiệm vụ ${task.no}</h1>
<p>${task.content}</p>
<dl class="facts">
<dt>Kế hoạch</dt><dd><a href="${planHref(plan.id)}">${plan.title}</a></dd>
<dt>Lĩnh vực</dt><dd>${view.dimensionLabel}</dd>
<dt>Trạng thái công khai</dt><dd>${statusTag(task.status)}</dd>
${task.output ? html`<dt>Sản phẩm</dt><dd>${task.output}</dd>` : ''}
<dt>Chủ trì</dt><dd>${task.leadText}</dd>
${task.coordinatingText ? html`<dt>Phối hợp</dt><dd>${task.coordinatingText}</dd>` : ''}
<dt>Thời hạn (theo kế hoạch)</dt><dd>${task.deadlineText || 'Không ghi'}</dd>
${task.dues.length ? html`<dt>Các mốc hạn</dt><dd>${task.dues.slice(0, 12).map((d, i) => html`${i ? ', ' : ''}${timeTag(d)}`)}${task.dues.length > 12 ? ` và ${task.dues.length - 12} mốc khác` : ''}</dd>` : ''}
</dl>
<h2>Kết quả của từng đơn vị</h2>
<p class="small muted">Chỉ hiển thị nội dung các báo cáo đã được duyệt.</p>
${paged ? unitControls(view) : ''}
${view.total === 0 ? html`<p>Nhiệm vụ chưa được giao cho đơn vị nào.</p>` : view.units.length === 0 ? html`<p>Không có đơn vị nào phù hợp.</p>` : ''}
${view.units.map(
    (u) => html`<section class="card" aria-label="${u.unit.name}"><h3><a href="${unitHref(u.unit.code)}">${u.unit.name}</a></h3>
<p class="small">${u.role === 'lead' ? 'Chủ trì' : 'Phối hợp'}${u.status ? html` · ${statusTag(u.status)}` : ''}${u.dueDate ? html` · Hạn: ${timeTag(u.dueDate)}` : ''}</p>
${u.words.length === 0
      ? html`<p class="muted">Chưa có báo cáo được duyệt.</p>`
      : u.words.map(
          (w) => html`<article><h4>${w.roundLabel}${w.submittedAt ? html` — gửi ngày ${instantTag(w.submittedAt)}` : ''}</h4>
<p>${statusTag(w.status)}${w.progress !== null && w.status.code !== 'done' ? ` · Tiến độ ${w.progress}%` : ''}${w.completedOn ? html` · Hoàn thành ngày ${timeTag(w.completedOn)}` : ''}</p>
${w.results ? html`<p style="white-space:pre-line">${w.results}</p>` : ''}
${w.evidence.length ? html`<p class="small"><strong>Minh chứng:</strong></p><ul class="small">${w.evidence.map((e) => html`<li>${e.docNumber ? html`Văn bản số ${e.docNumber}` : 'Tài liệu'}${e.docDate ? html` ngày ${timeTag(e.docDate)}` : ''}: ${e.summary}</li>`)}</ul>` : ''}
</article>`,
        )}${u.wordCount > u.words.length ? html`<p class="small muted">Và ${String(u.wordCount - u.words.length)} báo cáo được duyệt trước đó.</p>` : ''}</section>`,
  )}
${paged ? pager(view) : ''}`;
  return renderPage({
    title: `Nhiệm vụ ${task.no} — ${excerpt(task.content, 60)}${view.page > 1 ? ` (trang ${view.page})` : ''}`,
    description: excerpt(task.content, 150),
    breadcrumbs: [
      { label: 'Trang chủ', href: '/' },
      { label: 'Kế hoạch', href: '/ke-hoach' },
      { label: excerpt(plan.title, 40), href: planHref(plan.id) },
      { label: `Nhiệm vụ ${task.no}` },
    ],
    body,
  });
}

function unitPage(view: PublicUnitPage): string {
  const u = view.unit;
  const body = html`<h1>${u.name}</h1>
${u.parent ? html`<p class="muted">Trực thuộc <a href="${unitHref(u.parent.code)}">${u.parent.name}</a></p>` : ''}
${view.plans.length === 0 ? html`<p>Đơn vị chưa được giao nhiệm vụ nào trong các kế hoạch.</p>` : ''}
${view.plans.map(
    (p) => html`<section><h2><a href="${planHref(p.plan.id)}?donVi=${encodeURIComponent(u.code)}">${p.plan.title}</a></h2>
<p class="small muted">${p.tasks.length} nhiệm vụ; ${p.tasks.filter((t) => t.assignment.status && (t.assignment.status.code === 'done' || t.assignment.status.code === 'done_late')).length} đã hoàn thành theo báo cáo được duyệt.</p>
<div class="table"><table><thead><tr><th scope="col">Nhiệm vụ</th><th scope="col">Vai trò</th><th scope="col">Thời hạn</th><th scope="col">Trạng thái</th></tr></thead><tbody>${p.tasks.map(
      (t) => html`<tr><td><a href="${taskHref(p.plan.id, t.task.id)}">${t.task.no}</a> ${excerpt(t.task.content, 110)}</td><td>${t.role === 'lead' ? 'Chủ trì' : 'Phối hợp'}</td><td>${t.task.deadlineText}${t.assignment.dueDate ? html` (${timeTag(t.assignment.dueDate)})` : ''}</td><td>${t.assignment.status ? statusTag(t.assignment.status) : t.assignment.latest ? statusTag(t.assignment.latest.status) : html`<span class="tag st-none">Chưa có báo cáo được duyệt</span>`}</td></tr>`,
    )}</tbody></table></div></section>`,
  )}
<h2>Báo cáo đã được duyệt</h2>
${view.updates.length ? html`<ol class="timeline">${view.updates.map((x) => updateLine(x, true))}</ol>` : html`<p>Chưa có báo cáo nào của đơn vị được duyệt.</p>`}
${followBox({ kind: 'don-vi', id: u.id, feedHref: unitFeedHref(u.code) })}`;
  return renderPage({
    title: u.name,
    description: `Nhiệm vụ và tiến độ của ${u.name} trong các kế hoạch cải thiện Chỉ số PAPI.`,
    breadcrumbs: [{ label: 'Trang chủ', href: '/' }, { label: 'Kế hoạch', href: '/ke-hoach' }, { label: u.name }],
    body,
  });
}

function searchPage(raw: string | undefined, results: SearchResults | null): string {
  const q = raw ?? '';
  let body: SafeHtml;
  if (!results) {
    body = html`<h1>Tìm kiếm</h1>${searchForm()}<p>Nhập từ khóa để tìm trong nội dung nhiệm vụ, tên kế hoạch và tên đơn vị, ví dụ “hoa vinh” hoặc “công khai”.</p>`;
  } else if (results.words.length === 0) {
    body = html`<h1>Tìm kiếm</h1>${searchForm(results.query)}<p role="status">Từ khóa chưa có chữ hoặc số nào để tìm. Vui lòng nhập lại.</p>`;
  } else {
    const total = results.plans.length + results.tasks.length + results.units.length;
    body = html`<h1>Kết quả tìm kiếm</h1>${searchForm(results.query)}
${results.truncated ? html`<p role="note">Từ khóa quá dài nên chỉ ${MAX_QUERY} ký tự đầu được dùng để tìm.</p>` : ''}
<p role="status">${total === 0 ? html`Không tìm thấy kết quả nào cho “${excerpt(results.query, 120)}”.` : html`Tìm thấy ${String(total)} kết quả cho “${excerpt(results.query, 120)}”.`}</p>
${results.units.length ? html`<h2>Đơn vị (${String(results.units.length)})</h2><ul>${results.units.map((u) => html`<li><a href="${unitHref(u.code)}">${u.name}</a></li>`)}</ul>` : ''}
${results.plans.length ? html`<h2>Kế hoạch (${String(results.plans.length)})</h2><ul>${results.plans.map((p) => html`<li><a href="${planHref(p.id)}">${p.title}</a>${p.number ? html` <span class="muted small">(Số ${p.number})</span>` : ''}</li>`)}</ul>` : ''}
${results.tasks.length ? html`<h2>Nhiệm vụ (${String(results.tasks.length)})</h2><ul>${results.tasks.map((t) => html`<li><a href="${taskHref(t.planId, t.id)}">Nhiệm vụ ${t.no}</a>: ${excerpt(t.content, 200)}</li>`)}</ul>` : ''}`;
  }
  return renderPage({
    title: q.trim() ? `Tìm kiếm: ${excerpt(q, 60)}` : 'Tìm kiếm',
    breadcrumbs: [{ label: 'Trang chủ', href: '/' }, { label: 'Tìm kiếm' }],
    current: '',
    body,
  });
}

async function home(request: FastifyRequest, reply: FastifyReply, services: Parameters<PortalArea['routes']>[1]) {
  const [all, items, units] = await Promise.all([services.portal.plans(), newestPublished(services, 8), services.portal.publicUnits()]);
  const plans = all.filter((p) => p.inForce);
  // With no plan in force (between two plans), the latest ones still show.
  const recent = plans.length ? [] : all.slice(0, 3);
  const communes = units.filter((u) => u.kind === 'commune' || u.kind === 'ward' || u.kind === 'district');
  const body = html`<h1>Theo dõi thực hiện kế hoạch cải thiện Chỉ số PAPI</h1>
<p>Người dân theo dõi tiến độ các kế hoạch, nhiệm vụ của chính quyền và từng xã, phường; chỉ nội dung đã được duyệt, công bố mới hiển thị.</p>
${searchForm()}
<h2>Kế hoạch đang thực hiện</h2>
${plans.length ? html`<ul class="cards">${plans.map((p) => planCard(p))}</ul>` : html`<p>Hiện không có kế hoạch nào đang trong thời gian thực hiện. <a href="/ke-hoach">Xem tất cả kế hoạch</a>.</p>`}
${recent.length ? html`<h2>Kế hoạch gần nhất</h2><ul class="cards">${recent.map((p) => planCard(p))}</ul>` : ''}
<h2 id="moi-cong-bo">Mới công bố</h2>
${items.length
    ? html`<ul>${items.map((i) => html`<li>${/^\d{4}-\d{2}-\d{2}$/.test(i.date) ? timeTag(i.date) : instantTag(i.date)} — <span class="muted">${i.kind}</span>: <a href="${i.href}">${excerpt(i.title, 140)}</a> <span class="small muted">(${i.publisher})</span></li>`)}</ul>`
    : html`<p>Chưa có nội dung mới được công bố.</p>`}
<h2>Xã, phường và thị xã</h2>
<ul class="cards two">${communes.map((u) => html`<li><a href="${unitHref(u.code)}">${u.name}</a></li>`)}</ul>`;
  return sendPage(request, reply, renderPage({ title: 'Trang chủ', description: 'Cổng thông tin công khai tiến độ kế hoạch cải thiện Chỉ số PAPI.', body }));
}

export const plansArea: PortalArea = {
  name: 'plans',
  async routes(app, services) {
    app.get('/', PUBLIC, (request, reply) => home(request, reply, services));

    app.get('/ke-hoach', PUBLIC, async (request, reply) => {
      const plans = await services.portal.plans();
      const inForce = plans.filter((p) => p.inForce);
      const ended = plans.filter((p) => !p.inForce);
      const body = html`<h1>Kế hoạch</h1>
<p>Các kế hoạch cải thiện Chỉ số PAPI và tiến độ thực hiện, theo các báo cáo đã được duyệt.</p>
<h2>Đang thực hiện</h2>${inForce.length ? html`<ul class="cards">${inForce.map((p) => planCard(p))}</ul>` : html`<p>Không có kế hoạch nào đang trong thời gian thực hiện.</p>`}
${ended.length ? html`<h2>Đã hết thời gian thực hiện</h2><ul class="cards">${ended.map((p) => planCard(p))}</ul>` : ''}
<p class="small">Dữ liệu mở: <a href="/du-lieu/ke-hoach.json">JSON</a>, <a href="/du-lieu/ke-hoach.csv">CSV</a></p>`;
      return sendPage(request, reply, renderPage({ title: 'Kế hoạch', breadcrumbs: [{ label: 'Trang chủ', href: '/' }, { label: 'Kế hoạch' }], current: '/ke-hoach', body }));
    });

    app.get<{ Params: { id: string } }>('/ke-hoach/:id', PUBLIC, async (request, reply) => {
      const id = idOf(request.params.id);
      const plan = id === null ? null : await services.portal.plan(id);
      if (!plan) return sendNotFound(request, reply, 'Không tìm thấy kế hoạch này. Có thể đường dẫn bị gõ sai hoặc kế hoạch không còn được công bố.');
      const units = new Map<string, { code: string; name: string }>();
      for (const d of plan.dimensions) for (const t of d.tasks) for (const a of t.assignments) units.set(a.unit.code, { code: a.unit.code, name: a.unit.name });
      const list = [...units.values()].sort((a, b) => collator.compare(a.name, b.name));
      const code = queryValue(request, 'donVi')?.trim();
      let filter: { code: string; name: string } | null = null;
      if (code) {
        filter = units.get(code) ?? null;
        if (!filter) return sendNotFound(request, reply, 'Không có đơn vị với mã này trong kế hoạch.');
      }
      return sendPage(request, reply, planPage(plan, filter, list));
    });

    app.get<{ Params: { id: string; taskId: string } }>('/ke-hoach/:id/nhiem-vu/:taskId', PUBLIC, async (request, reply) => {
      const id = idOf(request.params.id);
      const taskId = idOf(request.params.taskId);
      const rawPage = queryValue(request, 'trang');
      const rawGroup = queryValue(request, 'trangThai') ?? '';
      const name = queryValue(request, 'ten') ?? '';
      if (rawPage !== undefined && rawPage !== '' && idOf(rawPage) === null) return sendBadRequest(request, reply, 'Số trang phải là một số nguyên dương, ví dụ ?trang=2.');
      if (rawGroup !== '' && !Object.hasOwn(TASK_UNIT_GROUP_LABEL_VI, rawGroup)) return sendBadRequest(request, reply, 'Trạng thái cần lọc không có trong danh sách. Vui lòng chọn lại trong ô «Trạng thái».');
      if (name.length > MAX_QUERY) return sendBadRequest(request, reply, `Tên đơn vị cần lọc dài quá ${MAX_QUERY} ký tự.`);
      const page = rawPage ? Number(rawPage) : 1;
      const view = id === null || taskId === null ? null : await services.portal.task(id, taskId, { page, group: rawGroup === '' ? null : (rawGroup as TaskUnitGroup), name });
      if (!view) return sendNotFound(request, reply, 'Không tìm thấy nhiệm vụ này trong kế hoạch.');
      if (page > view.pages) return sendNotFound(request, reply, `Danh sách đơn vị của nhiệm vụ này chỉ có ${view.pages} trang.`);
      // A small task (the demo's) shows every unit as before; the controls appear above one page of units.
      const paged = view.total > TASK_PAGE_SIZE || view.filter.group !== null || view.filter.name !== '';
      return sendPage(request, reply, taskPage(view, paged));
    });

    app.get<{ Params: { code: string } }>('/don-vi/:code', PUBLIC, async (request, reply) => {
      const code = request.params.code;
      const view = code.length > 64 ? null : await services.portal.unit(code);
      if (!view) return sendNotFound(request, reply, 'Không tìm thấy đơn vị có mã này.');
      return sendPage(request, reply, unitPage(view));
    });

    app.get('/tim-kiem', PUBLIC, async (request, reply) => {
      const q = queryValue(request, 'q');
      const results = q === undefined || q.trim() === '' ? null : await services.portal.search(q);
      return sendPage(request, reply, searchPage(q, results));
    });
  },
  async sitemap(services) {
    const [plans, units] = await Promise.all([services.portal.plans(), services.portal.publicUnits()]);
    return [
      { path: '/' },
      { path: '/ke-hoach' },
      { path: '/tim-kiem' },
      ...plans.map((p) => ({ path: planHref(p.id) })),
      ...units.map((u) => ({ path: unitHref(u.code) })),
    ];
  },
};
