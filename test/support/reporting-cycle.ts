import { expect } from 'vitest';
import type { AssignmentStatusName } from '../../src/domain/reporting/index.js';
import type { Client, TestApp } from './app.js';
import { multipart } from './multipart.js';

/**
 * Issue 4's "Done when" cycle through the API, as a test would click it: noivu opens Quý III/2021 for the
 * seed plan (deadline 16/09/2021); three communes/wards with lead tasks in the quarter, each through an
 * unit_officer account the admin creates, read their report (ETag), save entries and narrative with
 * If-Match, upload one evidence file and submit — A on time, B after the deadline (late), C on time then
 * returned by noivu with a comment, corrected and resubmitted; noivu accepts all three. Phường Hòa Vinh
 * never submits. Every step asserts the real response.
 */

export interface Summary {
  id: number;
  unitId: number;
  unitName: string;
  status: string;
  submittedAt: string | null;
  late: boolean;
  submission: string;
}
export interface Evidence {
  id: number;
  taskId: number;
  summary: string;
  docNumber: string | null;
  fileHash: string | null;
  mime: string | null;
}
export interface Entry {
  taskId: number;
  status: string;
  progress: number | null;
  results: string;
  result: string;
  difficulties: string;
  completedOn: string | null;
  reviewComment: string | null;
  evidence: Evidence[];
}
export interface Report {
  id: number;
  roundId: number;
  unitId: number;
  unitName: string;
  status: string;
  version: number;
  late: boolean;
  submittedAt: string | null;
  returnComment: string | null;
  narrative: Record<string, string>;
  entries: Entry[];
}
export interface Consolidation {
  round: { id: number; label: string };
  issuer: { name: string };
  units: Array<{ unitId: number; unitName: string; submission: string; overdueTasks: Array<{ taskId: number }> }>;
  tasks: Array<{ taskId: number; no: string; assignees: number; done: number; sentence: string; units: Array<{ unitId: number; unitName: string; status: AssignmentStatusName; label: string }> }>;
  submission: { onTime: string[]; late: string[]; missing: string[]; pending: string[] };
}

/** A clock the test moves. */
export function movableClock(start: string) {
  let now = new Date(start);
  return {
    now: () => now,
    set(iso: string) {
      now = new Date(iso);
    },
  };
}
export type MovableClock = ReturnType<typeof movableClock>;

/** A small valid-looking PDF (the evidence type is read from the content). */
export const EVIDENCE_PDF = Buffer.concat([Buffer.from('%PDF-1.4\n% Biên bản niêm yết\n'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]), Buffer.from('\n%%EOF\n')]);
export const OFFICER_PASSWORD = 'Xa-phuong-2021';
export const RETURN_COMMENT = 'Đề nghị bổ sung số liệu cụ thể và số văn bản minh chứng.';

export interface Cycle {
  planId: number;
  roundId: number;
  all: Summary[];
  /** On time. */
  a: Summary;
  /** Late. */
  b: Summary;
  /** Returned and resubmitted (on time). */
  c: Summary;
  /** Phường Hòa Vinh: never submits. */
  silent: Summary;
  usernames: { a: string; b: string; c: string };
  /** What each commune wrote in its first entry, by report id. */
  firstResult: Map<number, string>;
  /** Signs in again (the clock moved; sessions idle out after 12 hours). */
  as(username: string): Promise<Client>;
}

const ifMatch = (version: number | string) => ({ 'if-match': `"${version}"` });

export async function runReportingCycle(t: TestApp, clock: MovableClock): Promise<Cycle> {
  const as = (username: string) => t.login(username, username === 'noivu' || username === 'admin' || username === 'hoavinh' ? undefined : OFFICER_PASSWORD);
  clock.set('2021-09-01T02:00:00Z');
  let noivu = await as('noivu');
  const admin = await as('admin');

  // noivu opens the round for the seed plan and Quý III/2021.
  const plans = await noivu.get('/api/v1/plans');
  expect(plans.statusCode).toBe(200);
  const planId = (plans.json() as Array<{ id: number }>)[0]!.id;
  const opened = await noivu.post('/api/v1/rounds', { planId, period: { type: 'quarter', year: 2021, index: 3 }, dueDate: '2021-09-16' });
  expect(opened.statusCode, opened.body).toBe(201);
  const round = opened.json() as { id: number; label: string; submissionDeadline: string; reports: Summary[] };
  expect(opened.headers.location).toBe(`/api/v1/rounds/${round.id}`);
  expect(round).toMatchObject({ label: 'Quý III/2021', submissionDeadline: '2021-09-16' });
  const got = await noivu.get(`/api/v1/rounds/${round.id}`);
  expect(got.statusCode).toBe(200);
  const all = (got.json() as { reports: Summary[] }).reports;
  expect(all.map((r) => r.id).sort()).toEqual(round.reports.map((r) => r.id).sort());
  expect(all.every((r) => r.status === 'draft' && r.late === false && r.submittedAt === null)).toBe(true);

  const units = (await noivu.get('/api/v1/units')).json() as Array<{ id: number; code: string }>;
  const hoaVinhId = units.find((u) => u.code === 'DH.HV')!.id;
  const silent = all.find((r) => r.unitId === hoaVinhId)!;
  expect(silent.unitName).toBe('UBND phường Hòa Vinh');
  const communes = all.filter((r) => r.unitId !== hoaVinhId && /^UBND (xã|phường) /.test(r.unitName));
  expect(communes.length).toBeGreaterThanOrEqual(3);
  const [a, b, c] = communes as [Summary, Summary, Summary];

  // The admin gives each of the three an unit_officer account.
  const usernames = { a: 'canbo.a', b: 'canbo.b', c: 'canbo.c' };
  for (const [key, unit] of [['a', a], ['b', b], ['c', c]] as const) {
    const res = await admin.post('/api/v1/users', { username: usernames[key], displayName: `Cán bộ ${unit.unitName}`, role: 'unit_officer', unitId: unit.unitId, password: OFFICER_PASSWORD });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ username: usernames[key], role: 'unit_officer', unitId: unit.unitId });
  }

  const firstResult = new Map<number, string>();

  /** GET (ETag 1) → PUT entries and narrative with If-Match → evidence upload → the report as it stands. */
  async function fillIn(officer: Client, unit: Summary): Promise<Report> {
    const res = await officer.get(`/api/v1/reports/${unit.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    const report = res.json() as Report;
    expect(report).toMatchObject({ id: unit.id, roundId: round.id, unitId: unit.unitId, status: 'draft', version: 1 });
    expect(report.entries.length).toBeGreaterThan(0);
    const result = `${unit.unitName} đã niêm yết công khai thủ tục hành chính tại bộ phận một cửa.`;
    firstResult.set(unit.id, result);
    const body = {
      entries: report.entries.map((e, i) =>
        i === 0
          ? { ...e, status: 'done', result, evidence: [] }
          : { ...e, status: 'in_progress', progress: 40, result: 'Đang triển khai.', difficulties: `${unit.unitName}: thiếu kinh phí.` },
      ),
      narrative: {
        results: `Kết quả đạt được của ${unit.unitName} trong Quý III/2021.`,
        shortcomings: 'Một số nhiệm vụ còn chậm.',
        causes: 'Thiếu nhân lực.',
        proposals: 'Đề nghị bố trí thêm kinh phí.',
      },
    };
    const saved = await officer.request({ method: 'PUT', url: `/api/v1/reports/${unit.id}`, payload: body, headers: ifMatch(1) });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.headers.etag).toBe('"2"');
    const after = saved.json() as Report;
    expect(after.version).toBe(2);
    expect(after.narrative).toEqual(body.narrative);
    expect(after.entries[0]).toMatchObject({ taskId: report.entries[0]!.taskId, status: 'done', progress: 100, result, results: result });
    for (const e of after.entries.slice(1)) expect(e).toMatchObject({ status: 'in_progress', progress: 40 });

    // A second save still holding version 1 is refused and changes nothing.
    const stale = await officer.request({ method: 'PUT', url: `/api/v1/reports/${unit.id}`, payload: { narrative: { results: 'ghi đè' } }, headers: ifMatch(1) });
    expect(stale.statusCode).toBe(409);

    const form = multipart(
      { taskId: String(report.entries[0]!.taskId), docNumber: '12/TB-UBND', docDate: '2021-08-30', summary: `Thông báo niêm yết của ${unit.unitName}` },
      { name: 'thong-bao.pdf', content: EVIDENCE_PDF },
    );
    const up = await officer.request({ method: 'POST', url: `/api/v1/reports/${unit.id}/evidence`, payload: form.payload, headers: form.headers });
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({ mime: 'application/pdf', docNumber: '12/TB-UBND', taskId: report.entries[0]!.taskId });

    const back = await officer.get(`/api/v1/reports/${unit.id}`);
    const now = back.json() as Report;
    expect(back.headers.etag).toBe(`"${now.version}"`);
    expect(now.narrative.results).toBe(body.narrative.results);
    expect(now.entries[0]!.evidence).toEqual([expect.objectContaining({ docNumber: '12/TB-UBND', summary: `Thông báo niêm yết của ${unit.unitName}`, fileHash: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    return now;
  }

  async function submit(officer: Client, unit: Summary, version: number, late: boolean): Promise<Report> {
    const res = await officer.request({ method: 'POST', url: `/api/v1/reports/${unit.id}/submit`, payload: {}, headers: ifMatch(version) });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as Report;
    expect(r).toMatchObject({ status: 'submitted', late, version: version + 1 });
    expect(r.submittedAt).toBe(clock.now().toISOString());
    expect(res.headers.etag).toBe(`"${version + 1}"`);
    return r;
  }

  // 08/09: A fills in and submits on time; C fills in and submits.
  clock.set('2021-09-08T03:00:00Z');
  noivu = await as('noivu');
  let officerA = await as(usernames.a);
  let officerC = await as(usernames.c);
  // Each officer reaches only its own unit's report.
  expect((await officerA.get(`/api/v1/reports/${c.id}`)).statusCode).toBe(403);
  expect((await officerA.request({ method: 'PUT', url: `/api/v1/reports/${b.id}`, payload: { narrative: { results: 'x' } }, headers: ifMatch(1) })).statusCode).toBe(403);
  const ra = await fillIn(officerA, a);
  await submit(officerA, a, ra.version, false);
  const rc = await fillIn(officerC, c);
  const cSubmitted = await submit(officerC, c, rc.version, false);

  // 10/09: noivu returns C with a comment (and one on its first task).
  clock.set('2021-09-10T03:00:00Z');
  noivu = await as('noivu');
  const cTask = rc.entries[0]!.taskId;
  const returned = await noivu.request({
    method: 'POST',
    url: `/api/v1/reports/${c.id}/return`,
    payload: { comment: RETURN_COMMENT, entryComments: [{ taskId: cTask, comment: 'Ghi rõ số thủ tục đã niêm yết.' }] },
    headers: ifMatch(cSubmitted.version),
  });
  expect(returned.statusCode, returned.body).toBe(200);
  expect(returned.json()).toMatchObject({ status: 'returned', returnComment: RETURN_COMMENT, version: cSubmitted.version + 1 });

  // 13/09: C reads the comment, corrects and resubmits, still on time; its evidence is kept.
  clock.set('2021-09-13T03:00:00Z');
  officerC = await as(usernames.c);
  const seen = await officerC.get(`/api/v1/reports/${c.id}`);
  const rc2 = seen.json() as Report;
  expect(rc2).toMatchObject({ status: 'returned', returnComment: RETURN_COMMENT });
  expect(rc2.entries[0]!.reviewComment).toBe('Ghi rõ số thủ tục đã niêm yết.');
  const corrected = `${c.unitName} đã niêm yết công khai 125 thủ tục hành chính tại bộ phận một cửa.`;
  firstResult.set(c.id, corrected);
  const fix = await officerC.request({ method: 'PUT', url: `/api/v1/reports/${c.id}`, payload: { entries: [{ taskId: cTask, result: corrected }] }, headers: ifMatch(rc2.version) });
  expect(fix.statusCode, fix.body).toBe(200);
  const fixed = fix.json() as Report;
  expect(fixed.entries[0]).toMatchObject({ taskId: cTask, status: 'done', result: corrected });
  expect(fixed.entries[0]!.evidence).toHaveLength(1);
  await submit(officerC, c, fixed.version, false);

  // 20/09, after the 16/09 deadline: B fills in and submits — late.
  clock.set('2021-09-20T03:00:00Z');
  const officerB = await as(usernames.b);
  const rb = await fillIn(officerB, b);
  await submit(officerB, b, rb.version, true);

  // 21/09: noivu accepts all three.
  clock.set('2021-09-21T03:00:00Z');
  noivu = await as('noivu');
  officerA = await as(usernames.a);
  expect((await officerA.post(`/api/v1/reports/${a.id}/accept`, {})).statusCode).toBe(403);
  for (const unit of [a, b, c]) {
    const current = (await noivu.get(`/api/v1/reports/${unit.id}`)).json() as Report;
    expect(current.status).toBe('submitted');
    const res = await noivu.request({ method: 'POST', url: `/api/v1/reports/${unit.id}/accept`, payload: {}, headers: ifMatch(current.version) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'accepted', version: current.version + 1, late: unit === b });
  }

  return { planId, roundId: round.id, all, a, b, c, silent, usernames, firstResult, as };
}
