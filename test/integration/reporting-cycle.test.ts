import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_LABEL_VI } from '../../src/domain/reporting/index.js';
import { STATUS_SHORT_VI } from '../../src/domain/reporting/rollup.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';
import { engines } from '../support/engines.js';
import { readDocx, readXlsx, rowTexts } from '../support/office-files.js';
import { movableClock, runReportingCycle, type Consolidation, type Cycle, type Report, type Summary } from '../support/reporting-cycle.js';

/**
 * Issue 4's "Done when", through the API on both databases: open a round, three communes fill in and
 * submit (one late, one returned and resubmitted), the coordinator accepts and exports; the exported
 * .docx and .xlsx are read back. The cycle itself (every step asserted) is test/support/reporting-cycle.ts.
 */
describe.each(engines)('the whole reporting cycle through the API on $name', (engine) => {
  const clock = movableClock('2021-09-01T02:00:00Z');
  let t: TestApp;
  let cycle: Cycle;
  let noivu: Client;
  let consolidation: Consolidation;

  beforeAll(async () => {
    t = await createTestApp(engine, { clock });
  });
  afterAll(async () => t?.close());

  it('opens a round; three communes fill in, submit (B late, C returned and resubmitted); noivu accepts all three', async () => {
    cycle = await runReportingCycle(t, clock);
    noivu = await cycle.as('noivu');
  }, 60_000);

  it('shows the round: the three accepted with their late flags, Hòa Vinh still a draft and missing', async () => {
    const res = await noivu.get(`/api/v1/rounds/${cycle.roundId}`);
    expect(res.statusCode).toBe(200);
    const reports = (res.json() as { reports: Summary[] }).reports;
    expect(reports).toHaveLength(cycle.all.length);
    const by = new Map(reports.map((r) => [r.unitId, r]));
    expect(by.get(cycle.a.unitId)).toMatchObject({ status: 'accepted', late: false, submission: 'on_time', submittedAt: '2021-09-08T03:00:00.000Z' });
    expect(by.get(cycle.b.unitId)).toMatchObject({ status: 'accepted', late: true, submission: 'late', submittedAt: '2021-09-20T03:00:00.000Z' });
    expect(by.get(cycle.c.unitId)).toMatchObject({ status: 'accepted', late: false, submission: 'on_time', submittedAt: '2021-09-13T03:00:00.000Z' });
    expect(by.get(cycle.silent.unitId)).toMatchObject({ status: 'draft', late: false, submission: 'missing', submittedAt: null });
    const others = reports.filter((r) => ![cycle.a.id, cycle.b.id, cycle.c.id].includes(r.id));
    expect(others.every((r) => r.status === 'draft' && r.submission === 'missing')).toBe(true);

    // C's history: submit, return, save, resubmit, accept — every version kept.
    const versions = (await noivu.get(`/api/v1/reports/${cycle.c.id}/versions`)).json() as Array<{ version: number; action: string; status: string }>;
    expect(versions.map((v) => v.action)).toEqual(['create', 'save', 'submit', 'return', 'save', 'resubmit', 'accept']);

    // A unit officer sees only its own report in the round.
    const officerB = await cycle.as(cycle.usernames.b);
    const mine = (await officerB.get(`/api/v1/rounds/${cycle.roundId}`)).json() as { reports: Summary[] };
    expect(mine.reports.map((r) => r.unitId)).toEqual([cycle.b.unitId]);
    const report = (await officerB.get(`/api/v1/reports/${cycle.b.id}`)).json() as Report;
    expect(report).toMatchObject({ status: 'accepted', late: true });

    const c = await noivu.get(`/api/v1/rounds/${cycle.roundId}/consolidation`);
    expect(c.statusCode).toBe(200);
    consolidation = c.json() as Consolidation;
    expect(consolidation.submission.onTime.sort()).toEqual([cycle.a.unitName, cycle.c.unitName].sort());
    expect(consolidation.submission.late).toEqual([cycle.b.unitName]);
    expect(consolidation.submission.missing).toContain(cycle.silent.unitName);
  });

  it('exports the consolidated .docx: a valid document naming the three units, their submission and task statuses', async () => {
    const res = await noivu.get(`/api/v1/rounds/${cycle.roundId}/consolidated.docx`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toMatch(/wordprocessingml\.document/);
    const doc = readDocx(res.rawPayload);
    expect(doc.parts).toEqual(expect.arrayContaining(['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml']));
    expect(doc.xml).toMatch(/^<\?xml[^>]*\?>\s*<w:document /);
    for (const u of [cycle.a, cycle.b, cycle.c, cycle.silent]) expect(doc.text, u.unitName).toContain(u.unitName);

    // Section II: on time, late ("Gửi chậm"), not sent.
    const line = (prefix: string) => doc.paragraphs.find((p) => p.startsWith(prefix)) ?? '';
    expect(line('- Gửi đúng hạn:')).toBe(`- Gửi đúng hạn: 2 đơn vị: ${[cycle.a.unitName, cycle.c.unitName].sort(new Intl.Collator('vi').compare).join('; ')}.`);
    expect(line('- Gửi chậm:')).toBe(`- Gửi chậm: 1 đơn vị: ${cycle.b.unitName}.`);
    expect(line('- Chưa gửi báo cáo:')).toContain(cycle.silent.unitName);
    expect(line('- Chưa gửi báo cáo:')).not.toContain(cycle.a.unitName);
    expect(doc.text).toContain('II. TÌNH HÌNH GỬI BÁO CÁO (hạn 16/09/2021)');

    // The annex: each unit's status on each of its tasks, grouped "HT (n): …".
    for (const u of [cycle.a, cycle.b, cycle.c]) {
      const theirs = consolidation.tasks.filter((task) => task.units.some((x) => x.unitId === u.unitId));
      expect(theirs.length).toBeGreaterThan(0);
      for (const task of theirs) {
        const status = task.units.find((x) => x.unitId === u.unitId)!.status;
        const row = doc.paragraphs.filter((p) => p.startsWith(`${STATUS_SHORT_VI[status]} (`));
        expect(row.some((p) => p.includes(u.unitName)), `${u.unitName}, nhiệm vụ ${task.no}: ${STATUS_SHORT_VI[status]}`).toBe(true);
      }
      // The first entry was reported done and is quoted under "Kết quả nổi bật" with the unit's name.
      const first = consolidation.tasks.find((task) => task.units.some((x) => x.unitId === u.unitId && (x.status === 'done' || x.status === 'done_late')));
      expect(first, u.unitName).toBeDefined();
      expect(doc.text).toContain(`- ${u.unitName} (nhiệm vụ `);
      expect(doc.text).toContain(cycle.firstResult.get(u.id)!);
    }
  });

  it('exports the consolidated .xlsx: a status column per unit, read back with exceljs', async () => {
    const res = await noivu.get(`/api/v1/rounds/${cycle.roundId}/consolidated.xlsx`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml\.sheet/);
    const wb = await readXlsx(res.rawPayload);
    const ws = wb.getWorksheet('Nhiệm vụ')!;
    expect(ws).toBeDefined();
    const header = rowTexts(ws, 4);
    for (const u of [cycle.a, cycle.b, cycle.c, cycle.silent]) expect(header.filter((h) => h === u.unitName), u.unitName).toHaveLength(1);
    const rows: string[][] = [];
    for (let n = 5; n <= ws.rowCount; n++) rows.push(rowTexts(ws, n));
    expect(rows).toHaveLength(consolidation.tasks.length);
    for (const u of [cycle.a, cycle.b, cycle.c]) {
      const col = header.indexOf(u.unitName);
      const filled = rows.filter((r) => r[col] !== '');
      const theirs = consolidation.tasks.filter((task) => task.units.some((x) => x.unitId === u.unitId));
      expect(filled).toHaveLength(theirs.length);
      for (const task of theirs) {
        const row = rows[consolidation.tasks.indexOf(task)]!; // one row per task, in the consolidation's order
        expect(row[0]).toBe(task.no);
        expect(row[col], `${u.unitName}, ${task.no}`).toBe(STATUS_LABEL_VI[task.units.find((x) => x.unitId === u.unitId)!.status]);
      }
      // At least the first task reported done reads "Hoàn thành" or "Hoàn thành chậm".
      expect(filled.some((r) => /^Hoàn thành/.test(r[col]!))).toBe(true);
    }
  });

  it('writes an urging letter naming the unit that never submitted and the late one, not those on time', async () => {
    const res = await noivu.get(`/api/v1/rounds/${cycle.roundId}/urging.docx`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const doc = readDocx(res.rawPayload);
    expect(doc.text).toContain('V/v đôn đốc báo cáo');
    expect(doc.paragraphs.some((p) => p.startsWith(`- ${cycle.silent.unitName}`))).toBe(true);
    expect(doc.text).toContain(`${cycle.b.unitName}: gửi báo cáo chậm`);
    expect(doc.text).not.toContain(cycle.a.unitName);
    expect(doc.text).not.toContain(cycle.c.unitName);
  });

  it('stores what a PUT of the GET answer says: a null progress stays null, 0 stays 0 (was coerced to 0)', async () => {
    const hoavinh = await cycle.as('hoavinh');
    const got = await hoavinh.get(`/api/v1/reports/${cycle.silent.id}`);
    const report = got.json() as Report;
    expect(report.status).toBe('draft');
    const put = (entries: unknown[], version: number) =>
      hoavinh.request({ method: 'PUT', url: `/api/v1/reports/${report.id}`, payload: { entries }, headers: { 'if-match': `"${version}"` } });
    const first = report.entries[0]!;
    const a = await put([{ ...first, status: 'in_progress', progress: null, completedOn: null }], report.version);
    expect(a.statusCode, a.body).toBe(200);
    expect((a.json() as Report).entries[0]).toMatchObject({ status: 'in_progress', progress: null, completedOn: null });
    const b = await put([{ taskId: first.taskId, progress: 0 }], report.version + 1);
    expect((b.json() as Report).entries[0]!.progress).toBe(0);
    const c = await put([{ taskId: first.taskId, status: 'done', progress: null }], report.version + 2);
    expect((c.json() as Report).entries[0]).toMatchObject({ status: 'done', progress: 100 });
    const bad = await put([{ taskId: first.taskId, progress: 'năm mươi' }], report.version + 3);
    expect(bad.statusCode).toBe(400);
  });
});
