import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_LABEL_VI, type AssignmentStatusName } from '../../src/domain/reporting/index.js';
import { engines } from '../support/engines.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';

interface Summary {
  id: number;
  unitId: number;
  unitName: string;
}
interface Report {
  id: number;
  unitId: number;
  version: number;
  entries: Array<{ taskId: number; status: string }>;
}
interface Consolidation {
  round: { id: number; label: string };
  issuer: { name: string; parentName: string | null; code: string };
  units: Array<{ unitId: number; unitName: string; submission: string; counts: Record<AssignmentStatusName, number>; total: number; overdueTasks: Array<{ taskId: number }> }>;
  tasks: Array<{ taskId: number; no: string; assignees: number; done: number; sentence: string; units: Array<{ unitId: number; unitName: string; status: AssignmentStatusName; label: string }> }>;
  dimensions: Array<{ label: string; taskCount: number; results: Array<{ unitName: string; text: string }>; difficulties: Array<{ unitName: string; text: string }> }>;
  submission: { onTime: string[]; late: string[]; missing: string[]; pending: string[] };
  totals: Record<AssignmentStatusName, number>;
}

let now = new Date('2021-09-01T02:00:00Z');
const clock = { now: () => now };

const documentXml = (body: Buffer) => strFromU8(unzipSync(new Uint8Array(body))['word/document.xml']!);
/** The text of a document.xml: run texts joined, XML entities decoded. */
const textOf = (xml: string) =>
  [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1]!)
    .join('')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");

describe.each(engines)('consolidation of a round on $name', (engine) => {
  let t: TestApp;
  let noivu: Client;
  let hoavinh: Client;
  let mattran: Client;
  let admin: Client;
  let roundId: number;
  let onTime: Summary;
  let returned: Summary;
  let late: Summary;
  let all: Summary[];

  async function travel(iso: string) {
    now = new Date(iso);
    [noivu, hoavinh, mattran, admin] = await Promise.all([t.login('noivu'), t.login('hoavinh'), t.login('mattran'), t.login('admin')]);
  }
  const patch = (c: Client, id: number, body: unknown, version: number) => c.patch(`/api/v1/reports/${id}`, body, { 'if-match': `"${version}"` });
  const report = async (id: number) => (await noivu.get(`/api/v1/reports/${id}`)).json() as Report;

  beforeAll(async () => {
    now = new Date('2021-09-01T02:00:00Z');
    t = await createTestApp(engine, { clock });
    await travel('2021-09-01T02:00:00Z');
    const planId = ((await noivu.get('/api/v1/plans')).json() as Array<{ id: number }>)[0]!.id;
    const units = (await noivu.get('/api/v1/units')).json() as Array<{ id: number; code: string }>;
    const hoaVinhId = units.find((u) => u.code === 'DH.HV')!.id;
    const res = await noivu.post('/api/v1/rounds', { planId, period: { type: 'quarter', year: 2021, index: 3 }, dueDate: '2021-09-16' });
    expect(res.statusCode, res.body).toBe(201);
    const round = res.json() as { id: number; reports: Summary[] };
    roundId = round.id;
    all = round.reports;
    onTime = all.find((r) => r.unitId === hoaVinhId)!;
    const communes = all.filter((r) => r.unitId !== hoaVinhId && /^UBND (xã|phường)/.test(r.unitName));
    expect(communes.length).toBeGreaterThanOrEqual(2);
    [returned, late] = communes as [Summary, Summary];

    // Hòa Vinh: fills in and submits on time; accepted.
    await travel('2021-09-08T03:00:00Z');
    const mine = await report(onTime.id);
    const saved = await patch(hoavinh, onTime.id, {
      entries: mine.entries.map((e, i) =>
        i === 0 ? { taskId: e.taskId, status: 'done', results: 'Đã niêm yết công khai đầy đủ thủ tục hành chính.' } : { taskId: e.taskId, status: 'in_progress', progress: 50, difficulties: 'Thiếu kinh phí' },
      ),
    }, mine.version);
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await hoavinh.post(`/api/v1/reports/${onTime.id}/submit`, {})).statusCode).toBe(200);

    // The second commune: submitted, returned, resubmitted before the deadline.
    const second = await report(returned.id);
    expect((await patch(admin, returned.id, { entries: [{ taskId: second.entries[0]!.taskId, status: 'done' }] }, second.version)).statusCode).toBe(200);
    await travel('2021-09-10T03:00:00Z');
    expect((await admin.post(`/api/v1/reports/${returned.id}/submit`, {})).statusCode).toBe(200);
    expect((await noivu.post(`/api/v1/reports/${onTime.id}/accept`, {})).statusCode).toBe(200);
    expect((await noivu.post(`/api/v1/reports/${returned.id}/return`, { comment: 'Bổ sung kết quả.' })).statusCode).toBe(200);
    await travel('2021-09-13T03:00:00Z');
    const back = await report(returned.id);
    const fixed = await patch(admin, returned.id, { entries: [{ taskId: back.entries[0]!.taskId, results: 'Đã tổ chức đối thoại với người dân.' }] }, back.version);
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect((await admin.post(`/api/v1/reports/${returned.id}/submit`, {})).json()).toMatchObject({ status: 'submitted', late: false });
    expect((await noivu.post(`/api/v1/reports/${returned.id}/accept`, {})).statusCode).toBe(200);

    // The third commune: late (the deadline was 16/09/2021).
    await travel('2021-09-20T03:00:00Z');
    const third = await report(late.id);
    expect((await patch(admin, late.id, { entries: [{ taskId: third.entries[0]!.taskId, status: 'in_progress', progress: 30, difficulties: 'Chưa bố trí được nhân sự.' }] }, third.version)).statusCode).toBe(200);
    expect((await admin.post(`/api/v1/reports/${late.id}/submit`, {})).json()).toMatchObject({ status: 'submitted', late: true });
    expect((await noivu.post(`/api/v1/reports/${late.id}/accept`, {})).statusCode).toBe(200);
  });
  afterAll(async () => t?.close());

  it('refuses without a session, and refuses a unit officer', async () => {
    for (const doc of ['consolidation', 'consolidated.docx', 'consolidated.xlsx', 'urging.docx']) {
      expect((await t.anonymous.get(`/api/v1/rounds/${roundId}/${doc}`)).statusCode).toBe(401);
      expect((await hoavinh.get(`/api/v1/rounds/${roundId}/${doc}`)).statusCode).toBe(403);
    }
    expect((await mattran.get(`/api/v1/rounds/${roundId}/consolidation`)).statusCode).toBe(200);
    expect((await noivu.get('/api/v1/rounds/999999/consolidation')).statusCode).toBe(404);
  });

  it('rolls the round up: submission per unit, "x/y … hoàn thành" per task', async () => {
    const res = await noivu.get(`/api/v1/rounds/${roundId}/consolidation`);
    expect(res.statusCode, res.body).toBe(200);
    const c = res.json() as Consolidation;
    expect(c.issuer).toMatchObject({ name: 'Phòng Nội vụ', code: 'PNV' });
    expect(c.issuer.parentName).toMatch(/Đông Hòa/);
    expect(c.submission.onTime.sort()).toEqual([onTime.unitName, returned.unitName].sort());
    expect(c.submission.late).toEqual([late.unitName]);
    expect(c.submission.missing.sort()).toEqual(all.filter((r) => ![onTime.id, returned.id, late.id].includes(r.id)).map((r) => r.unitName).sort());
    expect(c.submission.pending).toEqual([]);
    expect(c.units).toHaveLength(all.length);

    // Independently: who leads each task, and who said done in a submitted report.
    const reports = await Promise.all(all.map((r) => report(r.id)));
    const submitted = new Set([onTime.unitId, returned.unitId, late.unitId]);
    for (const task of c.tasks) {
      const leads = reports.filter((r) => r.entries.some((e) => e.taskId === task.taskId));
      const done = leads.filter((r) => submitted.has(r.unitId) && r.entries.find((e) => e.taskId === task.taskId)!.status === 'done');
      expect(task.assignees).toBe(leads.length);
      expect(task.done).toBe(done.length);
      expect(task.sentence).toMatch(new RegExp(`^${done.length}/${leads.length} (xã, phường|đơn vị) hoàn thành$`));
      for (const u of task.units) expect(u.label).toBe(STATUS_LABEL_VI[u.status]);
    }
    const first = (await report(onTime.id)).entries[0]!.taskId;
    const rolled = c.tasks.find((x) => x.taskId === first)!;
    expect(rolled.done).toBeGreaterThanOrEqual(1);
    expect(['done', 'done_late']).toContain(rolled.units.find((u) => u.unitId === onTime.unitId)!.status);
    // A unit that never reported has its past-due tasks overdue.
    const silent = c.units.find((u) => u.submission === 'missing' && u.total > 0);
    if (silent) expect(silent.counts.done + silent.counts.done_late).toBe(0);
    const quoted = c.dimensions.flatMap((d) => d.results);
    expect(quoted).toContainEqual(expect.objectContaining({ unitName: onTime.unitName, text: 'Đã niêm yết công khai đầy đủ thủ tục hành chính.' }));
    expect(c.dimensions.flatMap((d) => d.difficulties)).toContainEqual(expect.objectContaining({ unitName: late.unitName, text: 'Chưa bố trí được nhân sự.' }));
  });

  it('exports the consolidated report as a .docx in the ND 30/2020 form', async () => {
    const res = await noivu.get(`/api/v1/rounds/${roundId}/consolidated.docx`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toMatch(/wordprocessingml\.document/);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('Báo cáo tổng hợp')}`);
    const xml = documentXml(res.rawPayload);
    const text = textOf(xml);
    const c = (await noivu.get(`/api/v1/rounds/${roundId}/consolidation`)).json() as Consolidation;
    for (const r of all) expect(text, r.unitName).toContain(r.unitName);
    for (const s of Object.keys(c.totals) as AssignmentStatusName[]) {
      if (c.totals[s] > 0) expect(text.toLocaleLowerCase('vi')).toContain(STATUS_LABEL_VI[s].toLocaleLowerCase('vi'));
    }
    expect(text).toContain('Hoàn thành'.toLocaleLowerCase('vi'));
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('UBND THỊ XÃ ĐÔNG HÒA');
    expect(text).toContain('PHÒNG NỘI VỤ');
    expect(text).toMatch(/Số:\s+\/BC-PNV/);
    expect(text).toContain('BÁO CÁO');
    expect(text).toContain('Quý III/2021');
    expect(text).toContain('Nơi nhận:');
    expect(text).toContain('TRƯỞNG PHÒNG');
    expect(text).toContain('PHỤ LỤC');
    expect(text).toMatch(/Đông Hòa, ngày 20 tháng 9 năm 2021/);
    for (const task of c.tasks) expect(text).toContain(task.sentence);
    expect(xml).toContain('Times New Roman');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  });

  it('exports the consolidation as .xlsx: one row per task, a status column per unit', async () => {
    const res = await noivu.get(`/api/v1/rounds/${roundId}/consolidated.xlsx`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml\.sheet/);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const c = (await noivu.get(`/api/v1/rounds/${roundId}/consolidation`)).json() as Consolidation;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Nhiệm vụ')!;
    const header = (ws.getRow(4).values as unknown[]).slice(1).map(String);
    expect(header.slice(0, 4)).toEqual(['TT', 'Nội dung nhiệm vụ', 'Lĩnh vực', 'Kết quả chung']);
    expect(header.slice(4).sort()).toEqual(all.map((r) => r.unitName).sort());
    const rows: unknown[][] = [];
    ws.eachRow((row, n) => {
      if (n > 4) rows.push((row.values as unknown[]).slice(1));
    });
    expect(rows).toHaveLength(c.tasks.length);
    const labels = new Set(Object.values(STATUS_LABEL_VI));
    rows.forEach((row, i) => {
      const task = c.tasks[i]!;
      expect(String(row[0])).toBe(task.no);
      expect(row[3]).toBe(task.sentence);
      for (const u of task.units) expect(row[4 + header.slice(4).indexOf(u.unitName)]).toBe(u.label);
      const filled = row.slice(4).filter((v) => v !== undefined && v !== null && v !== '');
      expect(filled).toHaveLength(task.assignees);
      for (const v of filled) expect(labels.has(String(v))).toBe(true);
    });
    const summary = wb.getWorksheet('Tổng hợp theo đơn vị')!;
    const names: string[] = [];
    summary.eachRow((row, n) => {
      if (n > 3) names.push(String(row.getCell(2).value));
    });
    expect(names.sort()).toEqual(all.map((r) => r.unitName).sort());
  });

  it('writes the urging letter naming the late and missing units and their overdue tasks', async () => {
    const res = await noivu.get(`/api/v1/rounds/${roundId}/urging.docx`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toMatch(/wordprocessingml\.document/);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('Văn bản đôn đốc')}`);
    const xml = documentXml(res.rawPayload);
    const text = textOf(xml);
    const c = (await noivu.get(`/api/v1/rounds/${roundId}/consolidation`)).json() as Consolidation;
    expect(text).toMatch(/Số:\s+\/PNV-/);
    expect(text).toContain('V/v đôn đốc báo cáo');
    expect(text).toContain('Kính gửi');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('Nơi nhận:');
    const urged = c.units.filter((x) => (x.submission === 'late' || x.submission === 'missing') && x.unitName !== c.issuer.name);
    expect(urged.map((u) => u.unitName)).toContain(late.unitName);
    for (const u of urged) expect(text).toContain(`- ${u.unitName}`); // one recipient a line under "Kính gửi:"
    expect(text).toContain(`${late.unitName}: gửi báo cáo chậm`);
    expect(text).not.toContain(onTime.unitName);
    expect(text).not.toContain(returned.unitName);
    for (const u of urged) {
      for (const o of u.overdueTasks) {
        const task = c.tasks.find((x) => x.taskId === o.taskId)!;
        expect(text).toContain(`Nhiệm vụ ${task.no}:`);
      }
    }
    expect(xml).toContain('Times New Roman');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  });
});
