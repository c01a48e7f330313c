import type { FastifyRequest } from 'fastify';
import { formatDateVi } from '../../../domain/time.js';
import type { ReceptionSlotView } from '../../../services/reception-service.js';
import type { PortalArea } from '../area.js';
import { html } from '../html.js';
import { renderPage } from '../layout.js';
import { sendFile, sendNotFound, sendPage } from '../respond.js';
import { csvText as toCsv } from '../../../domain/text/csv.js';

type UnitQuery = { donVi?: string };

/** Slots shown on the all-units schedule (about 0.6 KB each); one unit's schedule is shown whole. */
const MAX_SLOTS_ALL_UNITS = 60;

const unitParam = (request: FastifyRequest) => {
  const v = (request.query as UnitQuery | undefined)?.donVi;
  return typeof v === 'string' ? v.slice(0, 100) : undefined;
};

const unknownUnit = (code: string) => `Không có đơn vị mang mã "${code.slice(0, 100)}" trong lịch tiếp công dân.`;

function slotCard(s: ReceptionSlotView) {
  const cancelled = s.status === 'cancelled';
  return html`<li class="card${cancelled ? ' cancelled' : ''}">
<h3>${cancelled ? html`<span class="tag st-late">Đã hủy</span> ` : ''}${s.startTime}–${s.endTime} · ${s.unitName}</h3>
<dl class="facts">
<dt>Hình thức</dt><dd>${s.kindLabel}</dd>
<dt>Địa điểm</dt><dd>${s.place}</dd>
<dt>Người tiếp</dt><dd>${s.officerName}, ${s.officerTitle}</dd>
${s.officerPhone ? html`<dt>Điện thoại cơ quan</dt><dd><a href="tel:${s.officerPhone.replace(/[^0-9+]/g, '')}">${s.officerPhone}</a></dd>` : ''}
${s.note ? html`<dt>Ghi chú</dt><dd>${s.note}</dd>` : ''}
${cancelled ? html`<dt>Lý do hủy</dt><dd>${s.cancelReason ?? ''}</dd>` : ''}
</dl></li>`;
}

/** The citizen reception schedule (lịch tiếp công dân), its iCalendar feed and open data (P3). */
export const receptionArea: PortalArea = {
  name: 'reception',
  async routes(app, services) {
    app.get('/lich-tiep-cong-dan', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const code = unitParam(request);
      const schedule = await services.reception.publicSchedule(code ? { unitCode: code } : {});
      if (code && !schedule.unit) return sendNotFound(request, reply, unknownUnit(code));
      // Every public page stays small (issue 5: under 60 KB): the all-units view shows the first slots only.
      const shownSlots = schedule.unit ? schedule.slots : schedule.slots.slice(0, MAX_SLOTS_ALL_UNITS);
      const byDate = new Map<string, ReceptionSlotView[]>();
      for (const s of shownSlots) {
        const list = byDate.get(s.date);
        if (list) list.push(s);
        else byDate.set(s.date, [s]);
      }
      const q = schedule.unit ? `?donVi=${encodeURIComponent(schedule.unit.code)}` : '';
      const title = schedule.unit ? `Lịch tiếp công dân – ${schedule.unit.name}` : 'Lịch tiếp công dân';
      const body = html`<h1>${title}</h1>
<p>Lịch tiếp công dân định kỳ của Chủ tịch UBND và lịch tiếp thường xuyên tại Bộ phận tiếp công dân
(Luật Tiếp công dân năm 2013), từ ngày ${formatDateVi(schedule.from)} đến ngày ${formatDateVi(schedule.to)}.
Buổi tiếp bị hủy vẫn được giữ trên lịch, kèm lý do.</p>
<form class="search" method="get" action="/lich-tiep-cong-dan">
<label for="donVi">Đơn vị</label>
<select id="donVi" name="donVi"><option value="">Tất cả đơn vị</option>${schedule.units.map(
        (u) => html`<option value="${u.code}"${schedule.unit?.code === u.code ? html` selected` : ''}>${u.name}</option>`,
      )}</select>
<button type="submit">Xem lịch</button>
</form>
<p class="small">Tải về: <a href="/lich-tiep-cong-dan.ics${q}">lịch (.ics) để thêm vào ứng dụng lịch</a> ·
dữ liệu mở <a href="/du-lieu/lich-tiep-cong-dan.json${q}">JSON</a>, <a href="/du-lieu/lich-tiep-cong-dan.csv${q}">CSV</a></p>
${
  byDate.size === 0
    ? html`<p>Chưa có lịch tiếp công dân được công bố trong thời gian này.</p>`
    : [...byDate].map(
        ([date, slots]) => html`<section aria-labelledby="ngay-${date}"><h2 id="ngay-${date}">${slots[0]!.weekday}, ${formatDateVi(date)}</h2>
<ul class="cards">${slots.map(slotCard)}</ul></section>`,
      )
}
${
  shownSlots.length < schedule.slots.length
    ? html`<p>Trang này hiển thị ${shownSlots.length} trên ${schedule.slots.length} buổi tiếp gần nhất. Hãy chọn một đơn vị ở trên để xem đầy đủ lịch của đơn vị đó.</p>`
    : ''
}
<p class="small muted">Tra cứu tiến độ giải quyết hồ sơ: <a href="/tra-cuu">Tra cứu hồ sơ</a> · <a href="/thu-tuc-hanh-chinh">Danh sách thủ tục hành chính</a></p>`;
      const page = renderPage({
        title,
        description: 'Lịch tiếp công dân của UBND thị xã và các xã, phường: ngày, giờ, địa điểm, người tiếp, điện thoại.',
        breadcrumbs: [{ label: 'Trang chủ', href: '/' }, { label: 'Lịch tiếp công dân', href: '/lich-tiep-cong-dan' }, ...(schedule.unit ? [{ label: schedule.unit.name }] : [])],
        current: '/lich-tiep-cong-dan',
        body,
      });
      return sendPage(request, reply, page, { maxAge: 300 });
    });

    app.get('/lich-tiep-cong-dan.ics', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const code = unitParam(request);
      const cal = await services.reception.publicCalendar(code ? { unitCode: code } : {});
      if (!cal.found) return sendNotFound(request, reply, unknownUnit(code ?? ''));
      return sendFile(request, reply, cal.ics, {
        contentType: 'text/calendar; charset=utf-8',
        filename: cal.unit ? `lich-tiep-cong-dan-${cal.unit.code}.ics` : 'lich-tiep-cong-dan.ics',
        maxAge: 300,
      });
    });

    const openData = async (request: FastifyRequest) => {
      const code = unitParam(request);
      const schedule = await services.reception.publicSchedule({ ...(code ? { unitCode: code } : {}), weeks: 12 });
      return { code, schedule };
    };

    app.get('/du-lieu/lich-tiep-cong-dan.json', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const { code, schedule } = await openData(request);
      if (code && !schedule.unit) return sendNotFound(request, reply, unknownUnit(code));
      const body = JSON.stringify({
        title: 'Lịch tiếp công dân',
        from: schedule.from,
        to: schedule.to,
        unit: schedule.unit,
        items: schedule.slots.map((s) => ({
          id: s.id,
          unitCode: s.unitCode,
          unitName: s.unitName,
          date: s.date,
          weekday: s.weekday,
          startTime: s.startTime,
          endTime: s.endTime,
          place: s.place,
          officerName: s.officerName,
          officerTitle: s.officerTitle,
          officerWorkPhone: s.officerPhone,
          kind: s.kind,
          kindLabel: s.kindLabel,
          note: s.note,
          status: s.status,
          cancelReason: s.cancelReason,
        })),
      });
      return sendFile(request, reply, body, { contentType: 'application/json; charset=utf-8', maxAge: 300 });
    });

    app.get('/du-lieu/lich-tiep-cong-dan.csv', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const { code, schedule } = await openData(request);
      if (code && !schedule.unit) return sendNotFound(request, reply, unknownUnit(code));
      const csv = toCsv(
        ['Mã đơn vị', 'Đơn vị', 'Ngày', 'Thứ', 'Bắt đầu', 'Kết thúc', 'Địa điểm', 'Người tiếp', 'Chức vụ', 'Điện thoại cơ quan', 'Hình thức', 'Ghi chú', 'Trạng thái', 'Lý do hủy'],
        schedule.slots.map((s) => [
          s.unitCode,
          s.unitName,
          formatDateVi(s.date),
          s.weekday,
          s.startTime,
          s.endTime,
          s.place,
          s.officerName,
          s.officerTitle,
          s.officerPhone ?? '',
          s.kindLabel,
          s.note ?? '',
          s.status === 'cancelled' ? 'Đã hủy' : 'Đã công bố',
          s.cancelReason ?? '',
        ]),
      );
      return sendFile(request, reply, csv, { contentType: 'text/csv; charset=utf-8', filename: 'lich-tiep-cong-dan.csv', maxAge: 300 });
    });
  },
  async sitemap() {
    return [{ path: '/lich-tiep-cong-dan' }];
  },
};
