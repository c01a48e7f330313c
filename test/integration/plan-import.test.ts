import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/accounts/actor.js';
import { SEED_PLAN_PATH } from '../../src/demo/load.js';
import { engines } from '../support/engines.js';
import { createTestApp, type TestApp } from '../support/app.js';

describe.each(engines)('the seed plan in the demo database on $name', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t?.close());

  const units = async () => new Map((await t.services.units.list(SYSTEM_ACTOR)).map((u) => [u.id, u]));
  const seedPlan = async () => (await t.services.plans.list(SYSTEM_ACTOR))[0]!;

  it('holds the 104 tasks of both appendices, with parsed schedules', async () => {
    const plan = await seedPlan();
    expect(plan.taskCount).toBe(104);
    const tasks = await t.services.plans.tasks(SYSTEM_ACTOR, plan.id);
    expect(tasks.filter((x) => x.key.startsWith('I/'))).toHaveLength(34);
    expect(tasks.filter((x) => x.key.startsWith('II/'))).toHaveLength(70);
    const q3 = tasks.find((x) => x.deadlineText === 'Quý III/2021');
    expect(q3?.schedule.dues.map((d) => d.date)).toEqual(['2021-09-30']);
  });

  it('fans Appendix I task 12 out to all 10 wards and communes and every town agency, one assignment per unit', async () => {
    const plan = await seedPlan();
    const task = (await t.services.plans.tasks(SYSTEM_ACTOR, plan.id)).find((x) => x.key === 'I/12')!;
    expect(task.leadText).toBe('Các cơ quan, đơn vị; UBND các xã, phường');
    const byId = await units();
    const leads = task.assignments.filter((a) => a.role === 'lead').map((a) => byId.get(a.unitId)!);
    expect(leads.filter((u) => u.kind === 'ward' || u.kind === 'commune')).toHaveLength(10);
    const dongHoa = [...byId.values()].find((u) => u.code === 'DH')!;
    const agencies = [...byId.values()].filter((u) => u.parentId === dongHoa.id && u.kind === 'agency');
    expect(leads.filter((u) => u.kind === 'agency').map((u) => u.code).sort()).toEqual(agencies.map((u) => u.code).sort());
    expect(new Set(task.assignments.map((a) => a.unitId)).size).toBe(task.assignments.length);
  });

  it('never asks an external body to report', async () => {
    const plan = await seedPlan();
    const byId = await units();
    const tasks = await t.services.plans.tasks(SYSTEM_ACTOR, plan.id);
    const assigned = tasks.flatMap((x) => x.assignments).map((a) => byId.get(a.unitId)!);
    expect(assigned.filter((u) => u.kind === 'external' || u.kind === 'province')).toEqual([]);
  });

  it('recognises the same file a second time and refuses to import it again', async () => {
    const file = { bytes: new Uint8Array(readFileSync(SEED_PLAN_PATH)), name: 'ke-hoach.txt' };
    const preview = await t.services.plans.preview(SYSTEM_ACTOR, file);
    expect(preview.duplicateOf?.planId).toBe((await seedPlan()).id);
    await expect(t.services.plans.import(SYSTEM_ACTOR, file)).rejects.toMatchObject({ kind: 'conflict', code: 'duplicate_file' });
  });

  it('revises the plan by task key: changed, added and retired tasks, nothing duplicated', async () => {
    const plan = await seedPlan();
    const text = readFileSync(SEED_PLAN_PATH, 'utf8')
      .replace('trong quý III/2021 và triển khai', 'trong quý IV/2021 và triển khai')
      .replace(/\n34\.?\t[^\n]*\n/, '\n');
    const file = { bytes: new TextEncoder().encode(text), name: 'ke-hoach-sua-doi.txt' };
    const preview = await t.services.plans.preview(SYSTEM_ACTOR, file, { planId: plan.id });
    expect(preview.revision.added).toEqual([]);
    expect(preview.revision.retired).toEqual(['I/34']);
    expect(preview.revision.changed.length).toBeGreaterThanOrEqual(1);
    expect(preview.revision.changed[0]!.fields).toContain('deadlineText');
    await t.services.plans.import(SYSTEM_ACTOR, file, { planId: plan.id });
    const after = await t.services.plans.tasks(SYSTEM_ACTOR, plan.id);
    expect(after.length).toBe(104 - preview.revision.retired.length);
    expect(new Set(after.map((x) => x.key)).size).toBe(after.length);
    await expect(t.services.audit.verify()).resolves.toMatchObject({ ok: true });
  });
});
