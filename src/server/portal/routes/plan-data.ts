import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatDateVi } from '../../../domain/time.js';
import type { PublicPlan, PublicPlanSummary } from '../../../services/portal-service.js';
import type { PortalArea } from '../area.js';
import { sendFile, sendNotFound } from '../respond.js';
import { csvText as toCsv } from '../../../domain/text/csv.js';

/**
 * Open data of the plans (issue 5: "JSON/CSV open-data endpoints for every public list"): the plans with their
 * progress, and one plan's tasks with each unit's public status and latest ACCEPTED word — the same read model
 * as the pages (services/portal-service.ts), so nothing a page would not show can reach a file.
 */
const PUBLIC = { config: { public: true }, schema: { hide: true } } as const;
const MAX_AGE = 300;

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

function planJson(p: PublicPlanSummary, base: string) {
  return {
    id: p.id,
    number: p.number,
    title: p.title,
    issuer: p.issuer ? { code: p.issuer.code, name: p.issuer.name } : null,
    issuedOn: p.issuedOn,
    periodFrom: p.periodFrom,
    periodTo: p.periodTo,
    inForce: p.inForce,
    doneTasks: p.progress.doneTasks,
    taskCount: p.progress.taskCount,
    donePercent: percent(p.progress.share),
    url: `${base}/ke-hoach/${p.id}`,
    tasks: { json: `${base}/du-lieu/ke-hoach/${p.id}.json`, csv: `${base}/du-lieu/ke-hoach/${p.id}.csv` },
  };
}

function tasksJson(plan: PublicPlan, base: string) {
  return {
    ...planJson(plan, base),
    bases: plan.bases,
    tasks: plan.dimensions.flatMap((d) =>
      d.tasks.map((t) => ({
        id: t.id,
        no: t.no,
        dimension: d.label,
        content: t.content,
        output: t.output,
        deadlineText: t.deadlineText,
        dues: t.dues,
        status: t.status.label,
        url: `${base}/ke-hoach/${plan.id}/nhiem-vu/${t.id}`,
        units: t.assignments.map((a) => ({
          code: a.unit.code,
          name: a.unit.name,
          role: a.role === 'lead' ? 'chủ trì' : 'phối hợp',
          status: a.status?.label ?? null,
          dueDate: a.dueDate,
          latestAccepted: a.latest
            ? { round: a.latest.roundLabel, status: a.latest.status.label, progress: a.latest.progress, results: a.latest.results, completedOn: a.latest.completedOn }
            : null,
        })),
      })),
    ),
  };
}

function tasksCsv(plan: PublicPlan): string {
  const rows: Array<Array<string | number | null>> = [];
  for (const d of plan.dimensions) {
    for (const t of d.tasks) {
      const lines = t.assignments.length > 0 ? t.assignments : [null];
      for (const a of lines) {
        rows.push([
          t.no,
          d.label,
          t.content,
          t.deadlineText,
          t.status.label,
          a?.unit.code ?? '',
          a?.unit.name ?? '',
          a ? (a.role === 'lead' ? 'Chủ trì' : 'Phối hợp') : '',
          a?.status?.label ?? '',
          a?.dueDate ? formatDateVi(a.dueDate) : '',
          a?.latest?.roundLabel ?? '',
          a?.latest?.results ?? '',
          a?.latest?.completedOn ? formatDateVi(a.latest.completedOn) : '',
        ]);
      }
    }
  }
  return toCsv(
    ['Số TT', 'Lĩnh vực', 'Nhiệm vụ', 'Thời hạn', 'Trạng thái nhiệm vụ', 'Mã đơn vị', 'Đơn vị', 'Vai trò', 'Trạng thái của đơn vị', 'Hạn của đơn vị', 'Kỳ báo cáo được duyệt gần nhất', 'Kết quả (đã duyệt)', 'Ngày hoàn thành'],
    rows,
  );
}

const baseOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

export const planDataArea: PortalArea = {
  name: 'plan-data',
  async routes(app, services) {
    app.get('/du-lieu/ke-hoach.json', PUBLIC, async (request, reply) => {
      const base = baseOf(request);
      const plans = await services.portal.plans();
      const body = JSON.stringify({ generatedFrom: 'Chỉ nội dung báo cáo đã được duyệt', plans: plans.map((p) => planJson(p, base)) });
      return sendFile(request, reply, body, { contentType: 'application/json; charset=utf-8', maxAge: MAX_AGE });
    });

    app.get('/du-lieu/ke-hoach.csv', PUBLIC, async (request, reply) => {
      const plans = await services.portal.plans();
      const csv = toCsv(
        ['Mã số', 'Số, ký hiệu', 'Tên kế hoạch', 'Cơ quan ban hành', 'Ngày ban hành', 'Từ ngày', 'Đến ngày', 'Đang thực hiện', 'Nhiệm vụ hoàn thành', 'Tổng số nhiệm vụ', 'Tỷ lệ hoàn thành (%)'],
        plans.map((p) => [
          p.id,
          p.number ?? '',
          p.title,
          p.issuer?.name ?? '',
          p.issuedOn ? formatDateVi(p.issuedOn) : '',
          formatDateVi(p.periodFrom),
          formatDateVi(p.periodTo),
          p.inForce ? 'Có' : 'Không',
          p.progress.doneTasks,
          p.progress.taskCount,
          percent(p.progress.share),
        ]),
      );
      return sendFile(request, reply, csv, { contentType: 'text/csv; charset=utf-8', filename: 'ke-hoach.csv', maxAge: MAX_AGE });
    });

    app.get<{ Params: { ref: string } }>('/du-lieu/ke-hoach/:ref', PUBLIC, async (request: FastifyRequest<{ Params: { ref: string } }>, reply: FastifyReply) => {
      const m = /^([1-9]\d{0,8})\.(json|csv)$/.exec(request.params.ref);
      if (!m) return sendNotFound(request, reply, 'Không có tệp dữ liệu này. Dữ liệu của một kế hoạch có dạng /du-lieu/ke-hoach/SỐ.json hoặc .csv.');
      const plan = await services.portal.plan(Number(m[1]));
      if (!plan) return sendNotFound(request, reply, `Không tìm thấy kế hoạch số ${m[1]}.`);
      if (m[2] === 'csv') return sendFile(request, reply, tasksCsv(plan), { contentType: 'text/csv; charset=utf-8', filename: `ke-hoach-${plan.id}.csv`, maxAge: MAX_AGE });
      return sendFile(request, reply, JSON.stringify(tasksJson(plan, baseOf(request))), { contentType: 'application/json; charset=utf-8', maxAge: MAX_AGE });
    });
  },
};
