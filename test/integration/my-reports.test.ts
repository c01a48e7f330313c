import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/accounts/actor.js';
import { engines } from '../support/engines.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';

interface Item {
  id: number;
  roundId: number;
  roundLabel: string;
  planId: number;
  planTitle: string;
  unitId: number;
  unitName: string;
  status: string;
  version: number;
  submissionDeadline: string;
  submittedAt: string | null;
  late: boolean;
  submission: string;
  entryCount: number;
}

let now = new Date('2021-09-01T02:00:00Z');
const clock = { now: () => now };

describe.each(engines)('GET /reports (my reports) on $name', (engine) => {
  let t: TestApp;
  let noivu: Client;
  let hoavinh: Client;
  let hoatam: Client;
  let chutich: Client;
  let admin: Client;
  let planId: number;
  let units: Map<string, number>;
  let q3: { id: number; reports: Array<{ id: number; unitId: number; entryCount: number }> };
  let q4: { id: number; reports: Array<{ id: number; unitId: number }> };

  const items = async (c: Client, query: string) => {
    const res = await c.get(`/api/v1/reports${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { items: Item[] }).items;
  };

  beforeAll(async () => {
    now = new Date('2021-09-01T02:00:00Z');
    t = await createTestApp(engine, { clock });
    units = new Map((await t.services.units.list(SYSTEM_ACTOR)).map((u) => [u.code, u.id]));
    await t.services.accounts.create(
      SYSTEM_ACTOR,
      { username: 'hoatam', displayName: 'Công chức UBND xã Hòa Tâm', role: 'unit_officer', unitId: units.get('DH.HTA')!, password: 'P' },
      { skipPasswordPolicy: true },
    );
    [noivu, hoavinh, hoatam, chutich, admin] = await Promise.all([t.login('noivu'), t.login('hoavinh'), t.login('hoatam'), t.login('chutich'), t.login('admin')]);
    planId = ((await noivu.get('/api/v1/plans')).json() as Array<{ id: number }>)[0]!.id;
    q3 = (await noivu.post(`/api/v1/plans/${planId}/rounds`, { periodKey: '2021-Q3' })).json();
    q4 = (await noivu.post(`/api/v1/plans/${planId}/rounds`, { periodKey: '2021-Q4' })).json();
    expect(q3.reports.length).toBeGreaterThan(2);
  });
  afterAll(async () => t?.close());

  it("mine=1 gives a unit officer exactly its own unit's reports, latest round first, in the contract's shape", async () => {
    const hv = units.get('DH.HV')!;
    const mine = await items(hoavinh, '?mine=1');
    expect(mine.map((i) => i.roundId)).toEqual([q4.id, q3.id]);
    expect(mine.every((i) => i.unitId === hv)).toBe(true);
    const first = mine.find((i) => i.roundId === q3.id)!;
    expect(first).toEqual({
      id: q3.reports.find((r) => r.unitId === hv)!.id,
      roundId: q3.id,
      roundLabel: 'Quý III/2021',
      planId,
      planTitle: expect.stringContaining('PAPI'),
      unitId: hv,
      unitName: expect.stringMatching(/Hòa Vinh/),
      status: 'draft',
      version: 1,
      submissionDeadline: '2021-09-16',
      submittedAt: null,
      late: false,
      submission: 'pending',
      entryCount: q3.reports.find((r) => r.unitId === hv)!.entryCount,
    });
    expect(first.entryCount).toBeGreaterThan(0);
    // Another commune's officer sees only its own.
    const ht = await items(hoatam, '?mine=1');
    expect(ht.length).toBe(2);
    expect(ht.every((i) => i.unitId === units.get('DH.HTA'))).toBe(true);
    // Without mine, an officer's scope is its unit: the same list.
    expect((await items(hoavinh, '')).map((i) => i.id)).toEqual(mine.map((i) => i.id));
  });

  it('without mine, a coordinator or leader sees every report in scope; admin everything; mine=1 is the own unit only', async () => {
    const all = await items(noivu, '');
    expect(all.length).toBe(q3.reports.length + q4.reports.length);
    expect(new Set(all.map((i) => i.id))).toEqual(new Set([...q3.reports, ...q4.reports].map((r) => r.id)));
    // Grouped by round (latest first), units by Vietnamese name inside a round.
    const inQ3 = all.filter((i) => i.roundId === q3.id).map((i) => i.unitName);
    expect(inQ3).toEqual([...inQ3].sort(new Intl.Collator('vi').compare));
    expect(all.findIndex((i) => i.roundId === q3.id)).toBeGreaterThan(all.findLastIndex((i) => i.roundId === q4.id));
    expect((await items(chutich, '')).length).toBe(all.length);
    expect((await items(admin, '')).length).toBe(all.length);
    expect(await items(admin, '?mine=1')).toEqual([]); // IT staff belong to no unit
    const nv = await items(noivu, '?mine=true');
    expect(nv.every((i) => i.unitId === units.get('DH.NV'))).toBe(true);
    expect(await items(chutich, '?mine=1')).toEqual(all.filter((i) => i.unitId === units.get('DH')));
  });

  it('filters by status and plan, and follows the report as it moves', async () => {
    const hv = units.get('DH.HV')!;
    const report = q3.reports.find((r) => r.unitId === hv)!;
    expect((await hoavinh.post(`/api/v1/reports/${report.id}/submit`, {})).statusCode).toBe(200);
    const submitted = await items(hoavinh, '?mine=1&status=submitted');
    expect(submitted.map((i) => i.id)).toEqual([report.id]);
    expect(submitted[0]).toMatchObject({ status: 'submitted', version: 2, submission: 'on_time', late: false });
    expect((await items(hoavinh, '?mine=1&status=draft')).map((i) => i.roundId)).toEqual([q4.id]);
    expect((await items(noivu, '?status=submitted')).map((i) => i.id)).toEqual([report.id]);
    expect((await items(hoavinh, `?mine=1&planId=${planId}`)).length).toBe(2);
    expect(await items(hoavinh, `?mine=1&planId=${planId + 999}`)).toEqual([]);
  });

  it('refuses bad queries with a Vietnamese 400', async () => {
    for (const q of ['?mine=2', '?status=lost', '?planId=abc', '?planId=0', '?other=1']) {
      const res = await hoavinh.get(`/api/v1/reports${q}`);
      expect(res.statusCode, q).toBe(400);
      expect((res.json() as { error: { message: string } }).error.message).toMatch(/[àáảãạăâđêôơư]/i);
    }
    expect((await t.anonymous.get('/api/v1/reports?mine=1')).statusCode).toBe(401);
  });
});
