import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../src/demo/units.js';
import { createTestApp, DEMO_PASSWORD, type Client, type TestApp } from '../support/app.js';
import { engines } from '../support/engines.js';

/** Accounts over HTTP: PRODUCT.md §2 (admins manage accounts; coordinators and leaders see their subtree). */

const API = '/api/v1';

interface User {
  id: number;
  username: string;
  displayName: string;
  role: string;
  unitId: number | null;
  active: boolean;
  passwordChangedAt: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

const USER_FIELDS = ['active', 'createdAt', 'displayName', 'email', 'id', 'passwordChangedAt', 'role', 'unitId', 'updatedAt', 'username', 'version'];
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

function errorOf(res: LightMyRequestResponse): { code: string; message: string } {
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json() as { error: { code: string; message: string } };
  expect(typeof body.error.code).toBe('string');
  expect(body.error.message).toMatch(VIETNAMESE);
  return body.error;
}

for (const engine of engines) {
  describe(`API: accounts [${engine.name}]`, () => {
    let t: TestApp;
    /** Every response body this file receives, to prove no password hash ever leaves the server. */
    const seen: string[] = [];
    const clients = new Map<string, Client>();
    const as = (username: string) => clients.get(username)!;

    /** Wraps a client so that every response it gets is kept in `seen`. */
    const recording = (client: Client): Client => {
      const keep = async (p: Promise<LightMyRequestResponse>) => {
        const res = await p;
        seen.push(res.body);
        return res;
      };
      return {
        csrfToken: client.csrfToken,
        request: (opts) => keep(client.request(opts)),
        get: (url) => keep(client.get(url)),
        post: (url, payload) => keep(client.post(url, payload)),
        patch: (url, payload, headers) => keep(client.patch(url, payload, headers)),
        delete: (url) => keep(client.delete(url)),
      };
    };
    const signIn = async (username: string, password = DEMO_PASSWORD) => recording(await t.login(username, password));
    const login = async (username: string, password: string) => {
      const res = await t.app.inject({ method: 'POST', url: `${API}/auth/login`, payload: { username, password } });
      seen.push(res.body);
      return res;
    };
    const me = (client: Client) => client.get(`${API}/auth/me`);

    let unitIds: Map<string, number>;
    const unit = (code: string) => unitIds.get(code)!;
    let userIds: Map<string, number>;
    const userId = (username: string) => userIds.get(username)!;
    const usernames = (res: LightMyRequestResponse) => (res.json() as User[]).map((u) => u.username);

    beforeAll(async () => {
      t = await createTestApp(engine);
      for (const a of DEMO_ACCOUNTS) clients.set(a.username, await signIn(a.username));
      const units = (await as('admin').get(`${API}/units`)).json() as Array<{ id: number; code: string }>;
      unitIds = new Map(units.map((u) => [u.code, u.id]));
      const users = (await as('admin').get(`${API}/users`)).json() as User[];
      userIds = new Map(users.map((u) => [u.username, u.id]));
    });
    afterAll(async () => {
      await t?.close();
    });

    describe('listing', () => {
      it('admin lists all 5 demo accounts, with no secret fields', async () => {
        const res = await as('admin').get(`${API}/users`);
        expect(res.statusCode).toBe(200);
        const users = res.json() as User[];
        expect(users.map((u) => u.username).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.username).sort());
        for (const u of users) {
          expect(Object.keys(u).sort()).toEqual(USER_FIELDS);
          const demo = DEMO_ACCOUNTS.find((a) => a.username === u.username)!;
          expect(u).toMatchObject({ role: demo.role, displayName: demo.displayName, active: true });
          expect(u.unitId).toBe(demo.unit === null ? null : unit(demo.unit));
        }
      });

      it('noivu (coordinator) and chutich (leader) see only the accounts inside UBND thị xã Đông Hòa', async () => {
        // An account at the province, outside Đông Hòa's tree.
        const created = await as('admin').post(`${API}/users`, {
          username: 'sonoivu',
          displayName: 'Chuyên viên Sở Nội vụ',
          role: 'coordinator',
          unitId: unit('PY.SNV'),
          password: 'so-noi-vu-phu-yen',
        });
        expect(created.statusCode).toBe(201);
        userIds.set('sonoivu', created.json().id);

        const inside = ['chutich', 'hoavinh', 'mattran', 'noivu'];
        for (const username of ['noivu', 'chutich']) {
          const res = await as(username).get(`${API}/users`);
          expect(res.statusCode).toBe(200);
          expect(usernames(res).sort()).toEqual(inside);
        }
        expect(usernames(await as('admin').get(`${API}/users`))).toContain('sonoivu');
        // The province coordinator sees the province's tree, Đông Hòa included, and not the admin.
        const province = recording(await t.login('sonoivu', 'so-noi-vu-phu-yen'));
        expect(usernames(await province.get(`${API}/users`)).sort()).toEqual([...inside, 'sonoivu'].sort());
      });

      it('searching accounts stays inside the subtree', async () => {
        expect(usernames(await as('noivu').get(`${API}/users?q=${encodeURIComponent('hoa vinh')}`))).toEqual(['hoavinh']);
        expect(usernames(await as('noivu').get(`${API}/users?q=${encodeURIComponent('quản trị')}`))).toEqual([]);
        expect(usernames(await as('admin').get(`${API}/users?q=${encodeURIComponent('QUAN TRI')}`))).toEqual(['admin']);
      });

      it('hoavinh (unit officer) and mattran (supervisor) get 403 on GET /users; no session is 401', async () => {
        for (const username of ['hoavinh', 'mattran']) {
          const res = await as(username).get(`${API}/users`);
          expect(res.statusCode).toBe(403);
          expect(errorOf(res).code).toBe('forbidden');
        }
        expect((await t.anonymous.get(`${API}/users`)).statusCode).toBe(401);
      });
    });

    describe('reading one account', () => {
      it('every user reads itself', async () => {
        for (const a of DEMO_ACCOUNTS) {
          const res = await as(a.username).get(`${API}/users/${userId(a.username)}`);
          expect(res.statusCode).toBe(200);
          expect(res.json()).toMatchObject({ id: userId(a.username), username: a.username });
          expect(Object.keys(res.json()).sort()).toEqual(USER_FIELDS);
        }
      });

      it('others only within the reader’s subtree', async () => {
        expect((await as('noivu').get(`${API}/users/${userId('hoavinh')}`)).statusCode).toBe(200);
        expect((await as('chutich').get(`${API}/users/${userId('mattran')}`)).statusCode).toBe(200);
        expect((await as('noivu').get(`${API}/users/${userId('admin')}`)).statusCode).toBe(403);
        expect((await as('noivu').get(`${API}/users/${userId('sonoivu')}`)).statusCode).toBe(403);
        expect((await as('hoavinh').get(`${API}/users/${userId('chutich')}`)).statusCode).toBe(403);
        expect((await as('mattran').get(`${API}/users/${userId('hoavinh')}`)).statusCode).toBe(403);
        const missing = await as('admin').get(`${API}/users/999999`);
        expect(missing.statusCode).toBe(404);
        expect(errorOf(missing).message).toContain('999999');
      });
    });

    describe('creating', () => {
      const base = () => ({
        username: 'nguyen.van.a',
        displayName: 'Nguyễn Văn A',
        role: 'unit_officer',
        unitId: unit('DH.HTH'),
        password: 'mot-mat-khau-du-dai',
      });
      let countBefore: number;

      it('admin creates an account: 201 with Location and the account', async () => {
        countBefore = (await as('admin').get(`${API}/users`)).json().length;
        const res = await as('admin').post(`${API}/users`, base());
        expect(res.statusCode).toBe(201);
        const user = res.json() as User;
        expect(user).toMatchObject({ username: 'nguyen.van.a', displayName: 'Nguyễn Văn A', role: 'unit_officer', unitId: unit('DH.HTH'), active: true, version: 1 });
        expect(Object.keys(user).sort()).toEqual(USER_FIELDS);
        expect(res.headers.location).toBe(`${API}/users/${user.id}`);
        expect((await as('admin').get(res.headers.location as string)).json()).toEqual(user);
        userIds.set('nguyen.van.a', user.id);
      });

      it('refuses a username already taken (409), whatever its case', async () => {
        for (const username of ['nguyen.van.a', 'Nguyen.Van.A', ' noivu ']) {
          const res = await as('admin').post(`${API}/users`, { ...base(), username });
          expect(res.statusCode).toBe(409);
          expect(errorOf(res).code).toBe('duplicate_username');
        }
      });

      it('refuses a short password, or one containing the username (400)', async () => {
        const short = await as('admin').post(`${API}/users`, { ...base(), username: 'tran.thi.b', password: 'ngan' });
        expect(short.statusCode).toBe(400);
        expect(errorOf(short)).toMatchObject({ code: 'weak_password', message: expect.stringContaining('8 ký tự') });
        const named = await as('admin').post(`${API}/users`, { ...base(), username: 'tran.thi.b', password: 'xx-tran.thi.b-xx' });
        expect(named.statusCode).toBe(400);
        expect(errorOf(named).code).toBe('weak_password');
      });

      it('refuses a username with diacritics, spaces or too short (400)', async () => {
        for (const username of ['nguyễn.văn.a', 'trần', 'đặng', 'le van c', 'ab']) {
          const res = await as('admin').post(`${API}/users`, { ...base(), username });
          expect(res.statusCode, username).toBe(400);
          expect(errorOf(res).code).toBe('invalid_username');
        }
      });

      it('refuses a non-admin account without a unit, and an unknown unit (400)', async () => {
        for (const role of ['coordinator', 'unit_officer', 'leader', 'supervisor']) {
          const res = await as('admin').post(`${API}/users`, { ...base(), username: 'khong.don.vi', role, unitId: null });
          expect(res.statusCode, role).toBe(400);
          expect(errorOf(res).code).toBe('unit_required');
        }
        const unknown = await as('admin').post(`${API}/users`, { ...base(), username: 'khong.don.vi', unitId: 999999 });
        expect(unknown.statusCode).toBe(400);
        expect(errorOf(unknown).code).toBe('unknown_unit');
        const badRole = await as('admin').post(`${API}/users`, { ...base(), username: 'khong.don.vi', role: 'citizen' });
        expect(badRole.statusCode).toBe(400);
        expect(errorOf(badRole).message).toContain('unit_officer');
        const extra = await as('admin').post(`${API}/users`, { ...base(), username: 'khong.don.vi', isAdmin: true });
        expect(extra.statusCode).toBe(400);
        // None of the refusals created anything.
        expect((await as('admin').get(`${API}/users`)).json().length).toBe(countBefore + 1);
      });

      it('non-admins cannot create accounts (403)', async () => {
        for (const username of ['noivu', 'hoavinh', 'chutich', 'mattran']) {
          const res = await as(username).post(`${API}/users`, { ...base(), username: `tu.tao.${username}` });
          expect(res.statusCode).toBe(403);
          expect(errorOf(res).code).toBe('forbidden');
        }
        expect((await as('admin').get(`${API}/users`)).json().length).toBe(countBefore + 1);
      });
    });

    describe('lifecycle of an account', () => {
      const password = 'mot-mat-khau-du-dai';

      it('the new account can sign in', async () => {
        const res = await login('nguyen.van.a', password);
        expect(res.statusCode).toBe(200);
        expect(res.json().user).toMatchObject({ username: 'nguyen.van.a', role: 'unit_officer', unitId: unit('DH.HTH') });
      });

      it('admin deactivates it: its sessions end and it can no longer sign in', async () => {
        const session = await signIn('nguyen.van.a', password);
        expect((await me(session)).statusCode).toBe(200);
        const current = (await as('admin').get(`${API}/users/${userId('nguyen.van.a')}`)).json() as User;

        const res = await as('admin').patch(`${API}/users/${current.id}`, { active: false, version: current.version });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({ active: false, version: current.version + 1 });

        expect((await me(session)).statusCode).toBe(401);
        const refused = await login('nguyen.van.a', password);
        expect(refused.statusCode).toBe(401);
        errorOf(refused);
        const rows = await t.db.handle.db.selectFrom('sessions').select('userId').where('userId', '=', current.id).execute();
        expect(rows).toEqual([]);
      });

      it('a stale version is 409 and changes nothing; reactivating lets it sign in again', async () => {
        const current = (await as('admin').get(`${API}/users/${userId('nguyen.van.a')}`)).json() as User;
        const stale = await as('admin').patch(`${API}/users/${current.id}`, { active: true, version: current.version - 1 });
        expect(stale.statusCode).toBe(409);
        expect(errorOf(stale).code).toBe('version_conflict');
        expect((await as('admin').get(`${API}/users/${current.id}`)).json()).toEqual(current);

        const ok = await as('admin').patch(`${API}/users/${current.id}`, { active: true }, { 'if-match': `"${current.version}"` });
        expect(ok.statusCode).toBe(200);
        expect((await login('nguyen.van.a', password)).statusCode).toBe(200);
      });

      it('admin cannot deactivate itself, nor change its own role (400)', async () => {
        const adminId = userId('admin');
        for (const change of [{ active: false }, { role: 'coordinator', unitId: unit('DH.NV') }]) {
          const res = await as('admin').patch(`${API}/users/${adminId}`, change);
          expect(res.statusCode).toBe(400);
          expect(errorOf(res).code).toBe('self_lockout');
        }
        expect((await as('admin').get(`${API}/users/${adminId}`)).json()).toMatchObject({ active: true, role: 'admin', version: 1 });
        expect((await me(as('admin'))).statusCode).toBe(200);
      });

      it('non-admins cannot change an account (403)', async () => {
        for (const username of ['noivu', 'hoavinh', 'chutich', 'mattran']) {
          const res = await as(username).patch(`${API}/users/${userId('nguyen.van.a')}`, { active: false });
          expect(res.statusCode).toBe(403);
        }
        // Not even their own role.
        expect((await as('hoavinh').patch(`${API}/users/${userId('hoavinh')}`, { role: 'admin' })).statusCode).toBe(403);
        expect((await login('nguyen.van.a', password)).statusCode).toBe(200);
      });

      it('admin resets a password: 204, the old password fails, the new one works, old sessions end', async () => {
        const session = await signIn('nguyen.van.a', password);
        const fresh = 'mat-khau-do-quan-tri-dat';
        const res = await as('admin').post(`${API}/users/${userId('nguyen.van.a')}/password`, { password: fresh });
        expect(res.statusCode).toBe(204);
        expect(res.body).toBe('');
        expect((await login('nguyen.van.a', password)).statusCode).toBe(401);
        expect((await login('nguyen.van.a', fresh)).statusCode).toBe(200);
        expect((await me(session)).statusCode).toBe(401);

        const short = await as('admin').post(`${API}/users/${userId('nguyen.van.a')}/password`, { password: 'ngan' });
        expect(short.statusCode).toBe(400);
        expect((await login('nguyen.van.a', fresh)).statusCode).toBe(200);
        const missing = await as('admin').post(`${API}/users/999999/password`, { password: fresh });
        expect(missing.statusCode).toBe(404);
      });

      it("hoavinh cannot reset anybody's password, its own included (403)", async () => {
        for (const target of ['chutich', 'admin', 'hoavinh', 'nguyen.van.a']) {
          const res = await as('hoavinh').post(`${API}/users/${userId(target)}/password`, { password: 'hoavinh-chiem-quyen' });
          expect(res.statusCode, target).toBe(403);
          expect(errorOf(res).code).toBe('forbidden');
        }
        for (const username of ['chutich', 'admin', 'hoavinh']) expect((await login(username, DEMO_PASSWORD)).statusCode).toBe(200);
        expect((await login('hoavinh', 'hoavinh-chiem-quyen')).statusCode).toBe(401);
        // Nor can the coordinator or the leader.
        for (const username of ['noivu', 'chutich', 'mattran']) {
          const res = await as(username).post(`${API}/users/${userId('hoavinh')}/password`, { password: 'khong-duoc-phep-dat' });
          expect(res.statusCode).toBe(403);
        }
      });
    });

    describe('secrets', () => {
      it('password hashes never appear in any response', async () => {
        // Read everything an admin can read about accounts, the audit log included.
        seen.push((await as('admin').get(`${API}/audit?entity=user&limit=500`)).body);
        seen.push((await as('admin').get(`${API}/audit?limit=500`)).body);
        seen.push((await as('mattran').get(`${API}/audit?entity=user`)).body);
        for (const username of [...userIds.keys()]) seen.push((await as('admin').get(`${API}/users/${userId(username)}`)).body);
        seen.push((await me(as('noivu'))).body);
        expect(seen.length).toBeGreaterThan(80);
        for (const body of seen) {
          expect(body).not.toMatch(/argon2/i);
          expect(body).not.toMatch(/passwordHash|password_hash/i);
        }
        const stored = await t.db.handle.db.selectFrom('users').select('passwordHash').execute();
        expect(stored.length).toBeGreaterThan(5);
        for (const { passwordHash } of stored) {
          expect(passwordHash).toMatch(/^\$argon2id\$/);
          for (const body of seen) expect(body).not.toContain(passwordHash.split('$').at(-1));
        }
      });
    });
  });
}
