import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/accounts/actor.js';
import { createTestApp, DEMO_PASSWORD, type Client, type TestApp } from '../support/app.js';
import { engines } from '../support/engines.js';

/**
 * Who may do what to which unit, over HTTP, generated from one table that reads like
 * PRODUCT.md §2 ("Every permission is checked on the server against the user's role AND unit subtree").
 * Only the parts of §2 that exist in the API so far: the unit chart, accounts, the audit log.
 */

type Who = 'admin' | 'noivu' | 'hoavinh' | 'chutich' | 'mattran';
type Action =
  | 'list units'
  | 'read unit'
  | 'create unit'
  | 'update unit'
  | 'merge unit'
  | 'list users'
  | 'read user'
  | 'create user'
  | 'update user'
  | 'reset password'
  | 'read audit';
/** `anywhere`: whatever the target; `subtree`: only when the target is inside the user's unit subtree. */
type Reach = 'anywhere' | 'subtree';

const ACTIONS: readonly Action[] = [
  'list units',
  'read unit',
  'create unit',
  'update unit',
  'merge unit',
  'list users',
  'read user',
  'create user',
  'update user',
  'reset password',
  'read audit',
];
const EVERYTHING = Object.fromEntries(ACTIONS.map((a) => [a, 'anywhere'])) as Record<Action, Reach>;
const READ_THE_CHART = { 'list units': 'anywhere', 'read unit': 'anywhere' } as const;

// | user    | role         | who                       | may                                                        |
const USERS: Record<Who, { role: string; who: string; may: Partial<Record<Action, Reach>> }> = {
  admin: { role: 'admin', who: 'IT staff', may: EVERYTHING }, // everything, incl. units and accounts
  noivu: {
    role: 'coordinator',
    who: 'Phòng Nội vụ',
    // within its unit subtree (the government Phòng Nội vụ works for: UBND thị xã Đông Hòa)
    may: { ...READ_THE_CHART, 'list users': 'anywhere', 'read user': 'subtree' },
  },
  hoavinh: {
    role: 'unit_officer',
    who: 'an officer of phường Hòa Vinh',
    // its own unit's reports; the chart is read by everyone, accounts are not its business
    may: { ...READ_THE_CHART },
  },
  chutich: {
    role: 'leader',
    who: 'Chủ tịch UBND thị xã',
    // read everything in the subtree
    may: { ...READ_THE_CHART, 'list users': 'anywhere', 'read user': 'subtree' },
  },
  mattran: {
    role: 'supervisor',
    who: 'Ủy ban MTTQVN thị xã',
    // read and comment, no edits; its job is to check, so it reads the audit log
    may: { ...READ_THE_CHART, 'read audit': 'anywhere' },
  },
};

/** The two targets: a unit inside Đông Hòa and one outside it (a provincial department, kind external). */
const TARGETS = {
  inside: { unit: 'DH.TP', parent: 'DH', kind: 'agency', label: 'Phòng Tư pháp (inside Đông Hòa)', withinSubtreeOf: ['noivu', 'chutich', 'mattran'] },
  outside: { unit: 'PY.STP', parent: 'PY', kind: 'external', label: 'Sở Tư pháp (outside Đông Hòa)', withinSubtreeOf: [] },
} as const satisfies Record<string, { unit: string; parent: string; kind: string; label: string; withinSubtreeOf: readonly Who[] }>;
type Target = keyof typeof TARGETS;

const SUCCESS: Record<Action, number> = {
  'list units': 200,
  'read unit': 200,
  'create unit': 201,
  'update unit': 200,
  'merge unit': 200,
  'list users': 200,
  'read user': 200,
  'create user': 201,
  'update user': 200,
  'reset password': 204,
  'read audit': 200,
};
const WRITES: ReadonlySet<Action> = new Set(['create unit', 'update unit', 'merge unit', 'create user', 'update user', 'reset password']);

function allowed(who: Who, action: Action, target: Target): boolean {
  const reach = USERS[who].may[action];
  if (reach === 'anywhere') return true;
  return reach === 'subtree' && (TARGETS[target].withinSubtreeOf as readonly Who[]).includes(who);
}
const expectedStatus = (who: Who, action: Action, target: Target) => (allowed(who, action, target) ? SUCCESS[action] : 403);

const API = '/api/v1';
const WHO = Object.keys(USERS) as Who[];

for (const engine of engines) {
  describe(`policy matrix [${engine.name}]`, () => {
    let t: TestApp;
    const clients = new Map<Who, Client>();
    const loginBodies = new Map<Who, { abilities: Record<string, boolean>; user: { role: string } }>();
    const unitIds = new Map<string, number>();
    /** One account in each target unit, the object of the account actions. */
    const targetUser = new Map<Target, { id: number; username: string }>();
    let serial = 0;

    const auditLength = async () =>
      Number((await t.db.handle.db.selectFrom('auditHead').select('seq').where('id', '=', 1).executeTakeFirstOrThrow()).seq);

    /** A fresh unit next to the target, so that each cell's merge has its own pair. */
    const freshUnit = async (target: Target, name: string) => {
      const { parent, kind } = TARGETS[target];
      return t.services.units.create(SYSTEM_ACTOR, { name, kind, parentId: unitIds.get(parent)! });
    };

    /** Sets up what the action needs (outside the measurement), then returns the request to make. */
    const prepare = async (who: Who, action: Action, target: Target): Promise<() => Promise<LightMyRequestResponse>> => {
      const client = clients.get(who)!;
      const tgt = TARGETS[target];
      const unitId = unitIds.get(tgt.unit)!;
      const user = targetUser.get(target)!;
      const n = ++serial;
      switch (action) {
        case 'list units':
          return () => client.get(`${API}/units`);
        case 'read unit':
          return () => client.get(`${API}/units/${unitId}`);
        case 'create unit':
          return () => client.post(`${API}/units`, { name: `Tổ công tác số ${n}`, kind: tgt.kind, parentId: unitIds.get(tgt.parent)! });
        case 'update unit':
          return () => client.patch(`${API}/units/${unitId}`, { aliases: [`Bí danh ${n}`] });
        case 'merge unit': {
          const from = await freshUnit(target, `Đơn vị cũ số ${n}`);
          const into = await freshUnit(target, `Đơn vị mới số ${n}`);
          return () => client.post(`${API}/units/${from.id}/merge`, { intoId: into.id, date: '2025-07-01' });
        }
        case 'list users':
          return () => client.get(`${API}/users`);
        case 'read user':
          return () => client.get(`${API}/users/${user.id}`);
        case 'create user':
          return () => client.post(`${API}/users`, {
            username: `ma-tran-${n}`,
            displayName: `Tài khoản ma trận ${n}`,
            role: 'unit_officer',
            unitId,
            password: 'mat-khau-ma-tran-du-dai',
          });
        case 'update user':
          return () => client.patch(`${API}/users/${user.id}`, { displayName: `Cán bộ tư pháp ${n}` });
        case 'reset password':
          return () => client.post(`${API}/users/${user.id}/password`, { password: `mat-khau-moi-so-${n}` });
        case 'read audit':
          return () => client.get(`${API}/audit`);
      }
    };

    beforeAll(async () => {
      t = await createTestApp(engine);
      for (const who of WHO) {
        const res = await t.app.inject({ method: 'POST', url: `${API}/auth/login`, payload: { username: who, password: DEMO_PASSWORD } });
        loginBodies.set(who, res.json());
        clients.set(who, await t.login(who));
      }
      for (const u of await t.services.units.list(SYSTEM_ACTOR)) unitIds.set(u.code, u.id);
      for (const target of Object.keys(TARGETS) as Target[]) {
        const username = target === 'inside' ? 'tuphap' : 'sotuphap';
        const created = await t.services.accounts.create(
          SYSTEM_ACTOR,
          { username, displayName: `Cán bộ ${TARGETS[target].label}`, role: 'unit_officer', unitId: unitIds.get(TARGETS[target].unit)!, password: 'x' },
          { skipPasswordPolicy: true },
        );
        targetUser.set(target, { id: created.id, username });
      }
    });
    afterAll(async () => {
      await t?.close();
    });

    it('the table speaks of the five demo users with their roles', () => {
      for (const who of WHO) expect(loginBodies.get(who)!.user.role).toBe(USERS[who].role);
    });

    describe.each(WHO)('%s', (who) => {
      it(`sign-in abilities agree with the table (${USERS[who].role}: ${USERS[who].who})`, () => {
        const may = (a: Action) => USERS[who].may[a] !== undefined;
        expect(loginBodies.get(who)!.abilities).toMatchObject({
          createUnit: may('create unit'),
          updateUnit: may('update unit'),
          mergeUnit: may('merge unit'),
          listUsers: may('list users'),
          createUser: may('create user'),
          readAudit: may('read audit'),
        });
      });

      it('sign-in abilities say who gets the dashboard and who decides extensions, as the policy does', () => {
        expect(loginBodies.get(who)!.abilities).toMatchObject({
          readDashboard: ['admin', 'coordinator', 'leader', 'supervisor'].includes(USERS[who].role),
          decideExtensions: ['admin', 'coordinator'].includes(USERS[who].role),
        });
      });

      for (const action of ACTIONS) {
        for (const target of Object.keys(TARGETS) as Target[]) {
          const status = expectedStatus(who, action, target);
          it(`${action} · ${TARGETS[target].label} → ${status}`, async () => {
            const request = await prepare(who, action, target);
            const before = await auditLength();
            const res = await request();
            expect(res.statusCode, res.body).toBe(status);
            if (status === 403) {
              expect(res.json()).toEqual({ error: { code: 'forbidden', message: expect.stringMatching(/quyền/) } });
            }
            // A refused write writes nothing; an allowed one exactly one audit entry; a read none.
            expect(await auditLength()).toBe(before + (status !== 403 && WRITES.has(action) ? 1 : 0));
            if (action === 'list users' && status === 200) {
              // Listing is filtered by the same subtree rule as reading one account.
              const usernames = (res.json() as Array<{ username: string }>).map((u) => u.username);
              expect(usernames.includes(targetUser.get(target)!.username)).toBe(allowed(who, 'read user', target));
            }
          });
        }
      }
    });
  });
}
