import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { sniffFileType } from '../../src/domain/files/sniff.js';
import { engines } from '../support/engines.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';
import { multipart } from '../support/multipart.js';


const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n% Kế hoạch của UBND phường\n'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]), Buffer.from('\n%%EOF\n')]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

interface Summary {
  id: number;
  unitId: number;
}
interface Report {
  id: number;
  unitId: number;
  version: number;
  entries: Array<{ taskId: number; evidence: Array<{ id: number; summary: string; fileHash: string | null }> }>;
}

describe('sniffFileType', () => {
  it('reads the type from the content, not the name', () => {
    expect(sniffFileType(PDF)?.kind).toBe('pdf');
    expect(sniffFileType(PNG)?.kind).toBe('png');
    expect(sniffFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))?.kind).toBe('jpeg');
    expect(sniffFileType(zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') }))?.kind).toBe('docx');
    expect(sniffFileType(zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>') }))?.kind).toBe('xlsx');
    expect(sniffFileType(zipSync({ 'word/document.xml': strToU8('<w:document/>') }))).toBeNull();
    expect(sniffFileType(zipSync({ 'a.txt': strToU8('x') }))).toBeNull();
    expect(sniffFileType(Buffer.from('PK\u0003\u0004 broken'))).toBeNull();
    expect(sniffFileType(Buffer.from('hello, this is text'))).toBeNull();
    expect(sniffFileType(EXE)).toBeNull();
    expect(sniffFileType(new Uint8Array())).toBeNull();
  });
});

describe.each(engines)('evidence upload on $name', (engine) => {
  let t: TestApp;
  let noivu: Client;
  let hoavinh: Client;
  let reportId: number;
  let otherReportId: number;
  let taskId: number;
  let foreignTaskId: number;
  let pdfEvidenceId: number;

  beforeAll(async () => {
    t = await createTestApp(engine);
    [noivu, hoavinh] = await Promise.all([t.login('noivu'), t.login('hoavinh')]);
    const planId = ((await noivu.get('/api/v1/plans')).json() as Array<{ id: number }>)[0]!.id;
    const units = (await noivu.get('/api/v1/units')).json() as Array<{ id: number; code: string; kind: string }>;
    const hoaVinhId = units.find((u) => u.code === 'DH.HV')!.id;
    const res = await noivu.post(`/api/v1/plans/${planId}/rounds`, { periodKey: '2021-Q3' });
    expect(res.statusCode).toBe(201);
    const reports = (res.json() as { reports: Summary[] }).reports;
    reportId = reports.find((r) => r.unitId === hoaVinhId)!.id;
    const mine = (await hoavinh.get(`/api/v1/reports/${reportId}`)).json() as Report;
    taskId = mine.entries[0]!.taskId;
    const other = reports.find((r) => r.unitId !== hoaVinhId && units.find((u) => u.id === r.unitId)?.kind === units.find((u) => u.id === hoaVinhId)!.kind);
    otherReportId = (other ?? reports.find((r) => r.unitId !== hoaVinhId)!).id;
    const otherReport = (await noivu.get(`/api/v1/reports/${otherReportId}`)).json() as Report;
    const mineTasks = new Set(mine.entries.map((e) => e.taskId));
    const tasks = (await noivu.get(`/api/v1/plans/${planId}/tasks`)).json() as Array<{ id: number }>;
    foreignTaskId = (otherReport.entries.find((e) => !mineTasks.has(e.taskId))?.taskId ?? tasks.find((x) => !mineTasks.has(x.id))!.id);
  });
  afterAll(async () => t?.close());

  const upload = (client: Client, id: number, fields: Record<string, string>, file?: { name: string; content: Uint8Array | string }) => {
    const body = multipart(fields, file);
    return client.request({ method: 'POST', url: `/api/v1/reports/${id}/evidence`, payload: body.payload, headers: body.headers });
  };

  it('accepts a PDF and a PNG, stores them by hash and lists them on the entry', async () => {
    const pdf = await upload(hoavinh, reportId, { taskId: String(taskId), docNumber: '45/KH-UBND', docDate: '2021-08-20', summary: 'Kế hoạch của UBND phường' }, { name: 'ke-hoach.pdf', content: PDF });
    expect(pdf.statusCode).toBe(201);
    const a = pdf.json() as { id: number; mime: string; fileHash: string; summary: string; docNumber: string; taskId: number };
    expect(a).toMatchObject({ mime: 'application/pdf', summary: 'Kế hoạch của UBND phường', docNumber: '45/KH-UBND', taskId });
    expect(a.fileHash).toMatch(/^[0-9a-f]{64}$/);
    pdfEvidenceId = a.id;

    // The name says .jpg; the content is a PNG, and the content decides.
    const png = await upload(hoavinh, reportId, { taskId: String(taskId) }, { name: 'anh-hop.jpg', content: PNG });
    expect(png.statusCode).toBe(201);
    expect((png.json() as { mime: string; summary: string }).mime).toBe('image/png');

    const report = (await hoavinh.get(`/api/v1/reports/${reportId}`)).json() as Report;
    const entry = report.entries.find((e) => e.taskId === taskId)!;
    expect(entry.evidence.map((e) => e.id)).toEqual(expect.arrayContaining([a.id, (png.json() as { id: number }).id]));
    expect(entry.evidence.find((e) => e.id === a.id)!.fileHash).toBe(a.fileHash);

    const audit = await t.db.handle.db.selectFrom('auditLog').select(['action', 'entityId']).where('action', '=', 'evidence.attach').execute();
    expect(audit.map((r) => String(r.entityId))).toEqual(expect.arrayContaining([String(a.id)]));
  });

  it('downloads the file identical to what was uploaded', async () => {
    const res = await noivu.get(`/api/v1/evidence/${pdfEvidenceId}/file`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/pdf/);
    expect(Buffer.compare(res.rawPayload, PDF)).toBe(0);
    expect((await hoavinh.get(`/api/v1/evidence/${pdfEvidenceId}/file`)).statusCode).toBe(200);
    expect((await noivu.get('/api/v1/evidence/999999/file')).statusCode).toBe(404);
  });

  it('refuses by content: a .pdf-named text file and an .exe get 415 in Vietnamese', async () => {
    const text = await upload(hoavinh, reportId, { taskId: String(taskId) }, { name: 'bao-cao.pdf', content: 'Đây là một tệp văn bản thường, không phải PDF.' });
    expect(text.statusCode).toBe(415);
    expect((text.json() as { error: { message: string } }).error.message).toMatch(/không phải PDF/);
    const exe = await upload(hoavinh, reportId, { taskId: String(taskId) }, { name: 'setup.exe', content: EXE });
    expect(exe.statusCode).toBe(415);
  });

  it('refuses a file over 20 MB with 413', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(20 * 1024 * 1024 + 10, 0x20)]);
    const res = await upload(hoavinh, reportId, { taskId: String(taskId) }, { name: 'lon.pdf', content: big });
    expect(res.statusCode).toBe(413);
  });

  it('refuses a task not in the report (400), another ward\'s report (403), a missing file (400)', async () => {
    expect((await upload(hoavinh, reportId, { taskId: String(foreignTaskId) }, { name: 'a.pdf', content: PDF })).statusCode).toBe(400);
    expect((await upload(hoavinh, otherReportId, { taskId: String(taskId) }, { name: 'a.pdf', content: PDF })).statusCode).toBe(403);
    expect((await upload(hoavinh, reportId, { taskId: String(taskId) })).statusCode).toBe(400);
    expect((await upload(noivu, reportId, { taskId: String(taskId) }, { name: 'a.pdf', content: PDF })).statusCode).toBe(403);
  });

  it('refuses evidence once the report is submitted (409)', async () => {
    const submit = await hoavinh.post(`/api/v1/reports/${reportId}/submit`);
    expect(submit.statusCode).toBe(200);
    const res = await upload(hoavinh, reportId, { taskId: String(taskId) }, { name: 'a.pdf', content: PDF });
    expect(res.statusCode).toBe(409);
  });
});
