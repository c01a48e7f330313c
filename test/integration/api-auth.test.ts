import { createHash } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import type { Services } from '../../src/services/index.js';
import { createTestApp, DEMO_PASSWORD, type Client, type TestApp } from '../support/app.js';
import { engines } from '../support/engines.js';

/**
 * Signing in and out, sessions, CSRF, lockout, own password, personal API tokens, and what every
 * response carries (security headers, request id, no stack traces). PRODUCT.md §6 "HTTP".
 */

const API = '/api/v1';
const MINUTE = 60_000;
const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Real time plus an offset the test can move forward, so events never share a timestamp. */
function controllableClock() {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms: number) {
      offset += ms;
    },
  };
}

/** Vietnamese text: at least one letter outside ASCII (diacritics). */
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

function errorOf(res: LightMyRequestResponse): { code: string; message: string } {
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json() as { error: { code: string; message: string } };
  expect(typeof body.error.code).toBe('string');
  expect(body.error.message).toMatch(VIETNAMESE);
  return body.error;
}

/** Nothing a client sees may look like a stack trace or a source path. */
function expectNoStackTrace(res: LightMyRequestResponse): void {
  expect(res.body).not.toMatch(/\n\s+at\s/);
  expect(res.body).not.toMatch(/"stack"/i);
  expect(res.body).not.toMatch(/\.(ts|js):\d+/);
  expect(res.body).not.toMatch(/node_modules|\/src\//);
}

function expectSecurityHeaders(res: LightMyRequestResponse): void {
  expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
  expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toMatch(/^(DENY|SAMEORIGIN)$/);
  expect(res.headers['referrer-policy']).toBeTruthy();
  expect(res.headers['x-request-id']).toMatch(/^[\w-]{1,64}$/);
}

for (const engine of engines) {
  describe(`API: sign-in, sessions, tokens [${engine.name}]`, () => {
    let t: TestApp;
    const clock = controllableClock();

    const login = (username: string, password: string, headers: Record<string, string> = {}) =>
      t.app.inject({ method: 'POST', url: `${API}/auth/login`, payload: { username, password }, headers });

    /** A raw request carrying only the given cookie value (no CSRF token unless asked). */
    const withCookie = (cookie: string, opts: { method?: 'GET' | 'POST' | 'PATCH'; url: string; payload?: object; csrf?: string }) =>
      t.app.inject({
        method: opts.method ?? 'GET',
        url: opts.url,
        headers: { cookie: `dondoc_session=${cookie}`, ...(opts.csrf ? { 'x-csrf-token': opts.csrf } : {}) },
        ...(opts.payload ? { payload: opts.payload } : {}),
      });

    const sessionCookie = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === 'dondoc_session')!.value;

    let admin: Client;
    const unitId = async (code: string): Promise<number> => {
      const units = (await admin.get(`${API}/units`)).json() as Array<{ id: number; code: string }>;
      return units.find((u) => u.code === code)!.id;
    };
    /** An account made for one test, so the demo accounts keep their password. */
    const newAccount = async (username: string, password: string) => {
      const res = await admin.post(`${API}/users`, {
        username,
        displayName: `Tài khoản thử ${username}`,
        role: 'unit_officer',
        unitId: await unitId('DH.HTH'),
        password,
      });
      expect(res.statusCode).toBe(201);
      return res.json() as { id: number };
    };

    beforeAll(async () => {
      t = await createTestApp(engine, { clock });
      admin = await t.login('admin');
    });
    afterAll(async () => {
      await t?.close();
    });

    describe('login', () => {
      it('returns the user, a CSRF token and the abilities, with an HttpOnly SameSite=Lax session cookie', async () => {
        const res = await login('noivu', DEMO_PASSWORD);
        expect(res.statusCode).toBe(200);
        const body = res.json();
        expect(body.user).toMatchObject({ username: 'noivu', role: 'coordinator', active: true });
        expect(typeof body.csrfToken).toBe('string');
        expect(body.csrfToken.length).toBeGreaterThanOrEqual(32);
        expect(body.abilities).toMatchObject({
          createUnit: false,
          updateUnit: false,
          mergeUnit: false,
          listUsers: true,
          createUser: false,
          readAudit: false,
        });
        const cookie = res.cookies.find((c) => c.name === 'dondoc_session');
        expect(cookie).toBeDefined();
        expect(cookie!.value.length).toBeGreaterThanOrEqual(32);
        expect(cookie!.httpOnly).toBe(true);
        expect(cookie!.sameSite).toBe('Lax');
        expect(cookie!.path).toBe('/');
        const raw = String(res.headers['set-cookie']);
        expect(raw).toMatch(/;\s*HttpOnly/i);
        expect(raw).toMatch(/;\s*SameSite=Lax/i);
        // Plain http: a Secure cookie would never come back, so none is set.
        expect(raw).not.toMatch(/;\s*Secure/i);
        expect(cookie!.secure).toBeFalsy();
      });

      it('does not believe X-Forwarded-Proto unless the proxy is trusted', async () => {
        const res = await login('noivu', DEMO_PASSWORD, { 'x-forwarded-proto': 'https' });
        expect(res.statusCode).toBe(200);
        expect(String(res.headers['set-cookie'])).not.toMatch(/;\s*Secure/i);
      });

      it('sets a Secure cookie behind a trusted proxy that says https (trustProxy on)', async () => {
        const proxied: FastifyInstance = await buildApp(t.services, { logger: false, webRoot: null, trustProxy: true });
        try {
          await proxied.ready();
          const https = await proxied.inject({
            method: 'POST',
            url: `${API}/auth/login`,
            payload: { username: 'noivu', password: DEMO_PASSWORD },
            headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' },
          });
          expect(https.statusCode).toBe(200);
          const raw = String(https.headers['set-cookie']);
          expect(raw).toMatch(/;\s*Secure/i);
          expect(raw).toMatch(/;\s*HttpOnly/i);
          expect(raw).toMatch(/;\s*SameSite=Lax/i);
          const http = await proxied.inject({
            method: 'POST',
            url: `${API}/auth/login`,
            payload: { username: 'noivu', password: DEMO_PASSWORD },
            headers: { 'x-forwarded-proto': 'http' },
          });
          expect(http.statusCode).toBe(200);
          expect(String(http.headers['set-cookie'])).not.toMatch(/;\s*Secure/i);
        } finally {
          await proxied.close();
        }
      });

      it('refuses a wrong password and an unknown user with the same Vietnamese message', async () => {
        const wrong = await login('hoavinh', 'not-the-password');
        expect(wrong.statusCode).toBe(401);
        expect(wrong.cookies.find((c) => c.name === 'dondoc_session')).toBeUndefined();
        const unknown = await login('khong-co-ai', DEMO_PASSWORD);
        expect(unknown.statusCode).toBe(401);
        expect(unknown.cookies.find((c) => c.name === 'dondoc_session')).toBeUndefined();
        const a = errorOf(wrong);
        const b = errorOf(unknown);
        expect(a.message).toBe(b.message);
        expect(a.code).toBe(b.code);
        expect(a.message).toMatch(/mật khẩu/i);
        expectNoStackTrace(wrong);
      });

      it('rejects a malformed login body with 400', async () => {
        const res = await t.app.inject({ method: 'POST', url: `${API}/auth/login`, payload: { username: 'admin' } });
        expect(res.statusCode).toBe(400);
        expect(errorOf(res).message).toMatch(/password/);
        expectNoStackTrace(res);
        // PostgreSQL cannot store U+0000; it must be refused as bad input on every engine, never a 500.
        const nul = await login('adm\u0000in', DEMO_PASSWORD);
        expect(nul.statusCode).toBe(400);
        errorOf(nul);
      });
    });

    describe('session', () => {
      it('/auth/me is 401 without a cookie, 401 with an unknown cookie, and 200 with a session', async () => {
        const none = await t.anonymous.get(`${API}/auth/me`);
        expect(none.statusCode).toBe(401);
        expect(errorOf(none).code).toBe('unauthenticated');
        const forged = await withCookie('forged-cookie-value', { url: `${API}/auth/me` });
        expect(forged.statusCode).toBe(401);
        const res = await login('chutich', DEMO_PASSWORD);
        const me = await withCookie(sessionCookie(res), { url: `${API}/auth/me` });
        expect(me.statusCode).toBe(200);
        expect(me.json().user.username).toBe('chutich');
        expect(me.json().csrfToken).toBe(res.json().csrfToken);
      });

      it('logout answers 204 and the old cookie no longer works', async () => {
        const res = await login('chutich', DEMO_PASSWORD);
        const cookie = sessionCookie(res);
        const csrf = res.json().csrfToken as string;
        const out = await withCookie(cookie, { method: 'POST', url: `${API}/auth/logout`, csrf });
        expect(out.statusCode).toBe(204);
        expect(out.body).toBe('');
        const cleared = out.cookies.find((c) => c.name === 'dondoc_session');
        expect(cleared?.value ?? '').toBe('');
        const me = await withCookie(cookie, { url: `${API}/auth/me` });
        expect(me.statusCode).toBe(401);
      });

      it('does not store the session cookie in plain text', async () => {
        const res = await login('mattran', DEMO_PASSWORD);
        const cookie = sessionCookie(res);
        const rows = await t.db.handle.db.selectFrom('sessions').selectAll().execute();
        expect(rows.length).toBeGreaterThan(0);
        expect(rows.some((r) => r.id === cookie)).toBe(false);
        expect(rows.some((r) => JSON.stringify(r).includes(cookie))).toBe(false);
        // What is kept is its SHA-256.
        expect(rows.some((r) => r.id === sha256(cookie))).toBe(true);
      });
    });

    describe('CSRF', () => {
      it('refuses a cookie-authenticated POST without X-CSRF-Token (403 csrf) and creates nothing', async () => {
        const parentId = await unitId('DH');
        const payload = { name: 'Đơn vị không được tạo', kind: 'agency', parentId, code: 'DH.CSRF' };
        const missing = await admin.request({ method: 'POST', url: `${API}/units`, payload, csrf: false });
        expect(missing.statusCode).toBe(403);
        expect(errorOf(missing).code).toBe('csrf');
        const wrong = await admin.request({ method: 'POST', url: `${API}/units`, payload, csrf: false, headers: { 'x-csrf-token': 'x'.repeat(43) } });
        expect(wrong.statusCode).toBe(403);
        expect(errorOf(wrong).code).toBe('csrf');
        // Another session's token is no better.
        const other = await t.login('admin');
        const borrowed = await admin.request({
          method: 'POST',
          url: `${API}/units`,
          payload,
          csrf: false,
          headers: { 'x-csrf-token': other.csrfToken! },
        });
        expect(borrowed.statusCode).toBe(403);
        const found = (await admin.get(`${API}/units?q=${encodeURIComponent('không được tạo')}`)).json() as unknown[];
        expect(found).toEqual([]);
      });

      it('refuses a cookie-authenticated PATCH without X-CSRF-Token and changes nothing', async () => {
        const id = await unitId('DH.TP');
        const before = (await admin.get(`${API}/units/${id}`)).json();
        const res = await admin.request({ method: 'PATCH', url: `${API}/units/${id}`, payload: { name: 'Bị đổi tên' }, csrf: false });
        expect(res.statusCode).toBe(403);
        expect(errorOf(res).code).toBe('csrf');
        const after = (await admin.get(`${API}/units/${id}`)).json();
        expect(after).toEqual(before);
      });

      it('refuses a logout without the token too', async () => {
        const res = await admin.request({ method: 'POST', url: `${API}/auth/logout`, csrf: false });
        expect(res.statusCode).toBe(403);
        expect((await admin.get(`${API}/auth/me`)).statusCode).toBe(200);
      });
    });

    describe('lockout', () => {
      it('locks an account for 15 minutes after 5 wrong passwords, then lets it in', async () => {
        const password = 'mat-khau-dung-1';
        await newAccount('khoa.thu', password);
        for (let i = 1; i <= 5; i++) {
          const res = await login('khoa.thu', `sai-lan-${i}`);
          expect(res.statusCode).toBe(401);
        }
        const locked = await login('khoa.thu', password);
        expect(locked.statusCode).toBe(429);
        const err = errorOf(locked);
        expect(err.code).toBe('account_locked');
        expect(err.message).toMatch(/15 phút/);
        expect(locked.cookies.find((c) => c.name === 'dondoc_session')).toBeUndefined();

        // The lock is on that account, not on everybody signing in from this address.
        expect((await login('hoavinh', DEMO_PASSWORD)).statusCode).toBe(200);

        clock.advance(14 * MINUTE);
        const still = await login('khoa.thu', password);
        expect(still.statusCode).toBe(429);
        expect(errorOf(still).message).toMatch(/1 phút/);

        clock.advance(1 * MINUTE);
        const open = await login('khoa.thu', password);
        expect(open.statusCode).toBe(200);
        expect(open.json().user.username).toBe('khoa.thu');
        // Sessions of everyone else survived the jump of the clock (idle limit is hours).
        expect((await admin.get(`${API}/auth/me`)).statusCode).toBe(200);
      });

      it('does not lock after 4 wrong passwords', async () => {
        const password = 'mat-khau-dung-2';
        await newAccount('bon.lan', password);
        for (let i = 1; i <= 4; i++) expect((await login('bon.lan', `sai-${i}`)).statusCode).toBe(401);
        expect((await login('bon.lan', password)).statusCode).toBe(200);
      });
    });

    describe('own password', () => {
      it('checks the current password and the length, then keeps this session and ends the others', async () => {
        const oldPassword = 'mat-khau-cu-123';
        const newPassword = 'mat-khau-moi-456';
        await newAccount('doi.mk', oldPassword);
        const first = await login('doi.mk', oldPassword);
        const second = await login('doi.mk', oldPassword);
        const third = await login('doi.mk', oldPassword);
        const me = { cookie: sessionCookie(first), csrf: first.json().csrfToken as string };
        const change = (payload: object) =>
          withCookie(me.cookie, { method: 'POST', url: `${API}/auth/password`, payload, csrf: me.csrf });

        const wrong = await change({ currentPassword: 'khong-phai', newPassword });
        expect(wrong.statusCode).toBe(400);
        expect(errorOf(wrong).code).toBe('wrong_password');

        const short = await change({ currentPassword: oldPassword, newPassword: 'ngan' });
        expect(short.statusCode).toBe(400);
        expect(errorOf(short).message).toMatch(/8 ký tự/);

        // Nothing changed yet: every session still works and the old password still signs in.
        expect((await withCookie(sessionCookie(second), { url: `${API}/auth/me` })).statusCode).toBe(200);

        const ok = await change({ currentPassword: oldPassword, newPassword });
        expect(ok.statusCode).toBe(204);

        expect((await login('doi.mk', oldPassword)).statusCode).toBe(401);
        expect((await login('doi.mk', newPassword)).statusCode).toBe(200);
        expect((await withCookie(me.cookie, { url: `${API}/auth/me` })).statusCode).toBe(200);
        expect((await withCookie(sessionCookie(second), { url: `${API}/auth/me` })).statusCode).toBe(401);
        expect((await withCookie(sessionCookie(third), { url: `${API}/auth/me` })).statusCode).toBe(401);
      });

      it('needs the CSRF token like any other write', async () => {
        const res = await withCookie(sessionCookie(await login('hoavinh', DEMO_PASSWORD)), {
          method: 'POST',
          url: `${API}/auth/password`,
          payload: { currentPassword: DEMO_PASSWORD, newPassword: 'mot-mat-khau-dai' },
        });
        expect(res.statusCode).toBe(403);
        expect(errorOf(res).code).toBe('csrf');
        expect((await login('hoavinh', DEMO_PASSWORD)).statusCode).toBe(200);
      });
    });

    describe('personal API tokens', () => {
      let token: string;
      let tokenId: number;
      const bearer = (value: string, opts: { method?: 'GET' | 'POST'; url: string; payload?: object }) =>
        t.app.inject({
          method: opts.method ?? 'GET',
          url: opts.url,
          headers: { authorization: `Bearer ${value}` },
          ...(opts.payload ? { payload: opts.payload } : {}),
        });

      it('POST /tokens answers 201 with the token, shown this once', async () => {
        const res = await admin.post(`${API}/tokens`, { name: 'Đồng bộ cổng thông tin' });
        expect(res.statusCode).toBe(201);
        const body = res.json();
        expect(typeof body.token).toBe('string');
        expect(body.token.length).toBeGreaterThanOrEqual(40);
        expect(body).toMatchObject({ name: 'Đồng bộ cổng thông tin', revokedAt: null });
        expect(body).not.toHaveProperty('tokenHash');
        token = body.token;
        tokenId = body.id;
      });

      it('GET /tokens never returns the token or its hash', async () => {
        const res = await admin.get(`${API}/tokens`);
        expect(res.statusCode).toBe(200);
        const list = res.json() as Array<Record<string, unknown>>;
        expect(list.map((x) => x.id)).toContain(tokenId);
        for (const item of list) {
          expect(item).not.toHaveProperty('token');
          expect(item).not.toHaveProperty('tokenHash');
        }
        expect(res.body).not.toContain(token);
        expect(res.body).not.toContain(sha256(token));
        // Another user does not see admin's tokens.
        const other = (await (await t.login('noivu')).get(`${API}/tokens`)).json() as unknown[];
        expect(other).toEqual([]);
      });

      it('stores only a hash of the token', async () => {
        const rows = await t.db.handle.db.selectFrom('apiTokens').selectAll().execute();
        const row = rows.find((r) => r.id === tokenId)!;
        expect(row.tokenHash).not.toBe(token);
        expect(row.tokenHash).not.toContain(token);
        expect(row.tokenHash).toBe(sha256(token));
        expect(rows.some((r) => JSON.stringify(r).includes(token))).toBe(false);
      });

      it('Authorization: Bearer reads without a cookie and writes without a CSRF token', async () => {
        const list = await bearer(token, { url: `${API}/units` });
        expect(list.statusCode).toBe(200);
        expect((list.json() as unknown[]).length).toBeGreaterThan(40);
        const me = await bearer(token, { url: `${API}/auth/me` });
        expect(me.statusCode).toBe(200);
        expect(me.json().user.username).toBe('admin');
        expect(me.json().csrfToken).toBeNull();

        const created = await bearer(token, {
          method: 'POST',
          url: `${API}/units`,
          payload: { name: 'Phòng Dân tộc', kind: 'agency', parentId: await unitId('DH') },
        });
        expect(created.statusCode).toBe(201);
        expect(created.json().code).toMatch(/^DH\./);
        const audit = (await admin.get(`${API}/audit?entity=unit&entityId=${created.json().id}`)).json() as Array<{ actorName: string; action: string }>;
        expect(audit).toEqual([expect.objectContaining({ actorName: 'admin', action: 'unit.create' })]);
      });

      it("a non-admin's token carries that user's permissions, no more", async () => {
        const hoavinh = await t.login('hoavinh');
        const res = await hoavinh.post(`${API}/tokens`, { name: 'Thử' });
        expect(res.statusCode).toBe(201);
        const write = await bearer(res.json().token, {
          method: 'POST',
          url: `${API}/units`,
          payload: { name: 'Không được tạo', kind: 'agency', parentId: await unitId('DH') },
        });
        expect(write.statusCode).toBe(403);
        expect(errorOf(write).code).toBe('forbidden');
      });

      it('a revoked token is refused with 401', async () => {
        const revoked = await admin.delete(`${API}/tokens/${tokenId}`);
        expect(revoked.statusCode).toBe(200);
        expect(revoked.json().revokedAt).toEqual(expect.any(String));
        expect(revoked.body).not.toContain(token);
        const res = await bearer(token, { url: `${API}/units` });
        expect(res.statusCode).toBe(401);
        expect(errorOf(res).code).toBe('invalid_token');
      });

      it('a garbage or empty bearer is refused with 401, even next to a valid cookie', async () => {
        for (const value of ['garbage', 'ddk_' + 'A'.repeat(43), '']) {
          const res = await bearer(value, { url: `${API}/units` });
          expect(res.statusCode).toBe(401);
          errorOf(res);
        }
        const both = await admin.request({ method: 'GET', url: `${API}/units`, headers: { authorization: 'Bearer garbage' } });
        expect(both.statusCode).toBe(401);
      });

      it('an expired token is refused once its time has passed', async () => {
        const expiresAt = new Date(clock.now().getTime() + 10 * MINUTE).toISOString();
        const res = await admin.post(`${API}/tokens`, { name: 'Hết hạn sau 10 phút', expiresAt });
        expect(res.statusCode).toBe(201);
        const value = res.json().token as string;
        expect((await bearer(value, { url: `${API}/units` })).statusCode).toBe(200);
        clock.advance(11 * MINUTE);
        expect((await bearer(value, { url: `${API}/units` })).statusCode).toBe(401);
      });
    });

    describe('every response', () => {
      it('carries the security headers and a request id', async () => {
        const responses = [
          await t.app.inject({ method: 'GET', url: '/healthz' }),
          await t.app.inject({ method: 'GET', url: '/' }),
          await t.app.inject({ method: 'GET', url: '/khong-co-trang-nay' }),
          await t.anonymous.get(`${API}/units`),
          await admin.get(`${API}/units`),
          await admin.get(`${API}/does-not-exist`),
          await login('admin', DEMO_PASSWORD),
          await login('admin', 'wrong-password'),
          await admin.request({ method: 'POST', url: `${API}/units`, payload: '{oops', headers: { 'content-type': 'application/json' } }),
          await admin.request({ method: 'POST', url: `${API}/units`, payload: {}, csrf: false }),
        ];
        for (const res of responses) expectSecurityHeaders(res);
        const ids = new Set(responses.map((r) => r.headers['x-request-id']));
        expect(ids.size).toBe(responses.length);
      });

      it('echoes a well-formed incoming X-Request-Id and ignores a malformed one', async () => {
        const echoed = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'trace-abc_123' } });
        expect(echoed.headers['x-request-id']).toBe('trace-abc_123');
        const bad = await t.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'có dấu <script>' } });
        expect(bad.headers['x-request-id']).not.toBe('có dấu <script>');
        expect(bad.headers['x-request-id']).toMatch(/^[\w-]{1,64}$/);
      });

      it('has no stack trace in any 400 body', async () => {
        const bad = [
          await admin.request({ method: 'POST', url: `${API}/units`, payload: '{oops', headers: { 'content-type': 'application/json' } }),
          await admin.post(`${API}/units`, { name: 'x', kind: 'village' }),
          await admin.post(`${API}/units`, { name: 'x', kind: 'agency', extra: true }),
          await admin.get(`${API}/units/abc`),
          await admin.get(`${API}/units?active=maybe`),
          await admin.post(`${API}/auth/password`, { currentPassword: 'x', newPassword: 'y' }),
          await admin.post(`${API}/users`, { username: 'Nguyễn', displayName: 'x', role: 'admin', unitId: null, password: 'mot-mat-khau-dai' }),
        ];
        for (const res of bad) {
          expect(res.statusCode).toBe(400);
          errorOf(res);
          expectNoStackTrace(res);
        }
      });

      it('turns an unexpected failure into a 500 with a Vietnamese message, the request id and no details', async () => {
        const secret = 'SECRET-DETAIL relation "units" at /work/main/src/db/repositories/units.ts:42:7';
        const units = Object.create(t.services.units) as Services['units'];
        units.list = async () => {
          throw new Error(secret);
        };
        const broken: FastifyInstance = await buildApp({ ...t.services, units }, { logger: false, webRoot: null });
        try {
          await broken.ready();
          const signIn = await broken.inject({ method: 'POST', url: `${API}/auth/login`, payload: { username: 'noivu', password: DEMO_PASSWORD } });
          const res = await broken.inject({
            method: 'GET',
            url: `${API}/units`,
            headers: { cookie: `dondoc_session=${sessionCookie(signIn)}`, 'x-request-id': 'loi-500-thu' },
          });
          expect(res.statusCode).toBe(500);
          const err = errorOf(res);
          expect(err.code).toBe('internal_error');
          expect(err.message).toContain('loi-500-thu');
          expect(res.body).not.toContain('SECRET-DETAIL');
          expect(res.body).not.toContain('relation');
          expectNoStackTrace(res);
          expectSecurityHeaders(res);
        } finally {
          await broken.close();
        }
      });
    });
  });
}
