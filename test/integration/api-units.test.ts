import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_UNITS } from '../../src/demo/units.js';
import { UNIT_KINDS } from '../../src/domain/units/unit.js';
import { createTestApp, type Client, type TestApp } from '../support/app.js';
import { engines } from '../support/engines.js';

/** The organisation chart over HTTP: PRODUCT.md §6 "Units", §4 (search, ordering, merges keep history). */

const API = '/api/v1';
const DAY = 24 * 3600_000;

interface Unit {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  kind: string;
  parentId: number | null;
  aliases: string[];
  validFrom: string | null;
  validTo: string | null;
  successorId: number | null;
  email: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface AuditRow {
  seq: number;
  actorName: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
}

/**
 * The services' time: starts on 30/06/2025 at 10:00 in Vietnam (the eve of the two-tier reform),
 * runs with the real clock, and can be moved forward.
 */
function clockFrom(startIso: string) {
  let offset = new Date(startIso).getTime() - Date.now();
  return {
    now: () => new Date(Date.now() + offset),
    advance(ms: number) {
      offset += ms;
    },
  };
}

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

function errorOf(res: LightMyRequestResponse): { code: string; message: string } {
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = res.json() as { error: { code: string; message: string } };
  expect(typeof body.error.code).toBe('string');
  expect(body.error.message).toMatch(VIETNAMESE);
  expect(res.body).not.toMatch(/\n\s+at\s|"stack"/);
  return body.error;
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
const NON_ADMINS = ['hoavinh', 'noivu', 'chutich', 'mattran'] as const;

for (const engine of engines) {
  describe(`API: units [${engine.name}]`, () => {
    let t: TestApp;
    let admin: Client;
    const staff = new Map<string, Client>();
    const clock = clockFrom('2025-06-30T03:00:00Z');
    /** Units this file changed through the API, and what the audit log must therefore show. */
    const writes: Array<{ id: number; action: 'unit.create' | 'unit.update' | 'unit.merge' }> = [];

    const list = async (query = ''): Promise<Unit[]> => {
      const res = await admin.get(`${API}/units${query}`);
      expect(res.statusCode).toBe(200);
      return res.json() as Unit[];
    };
    const byCode = async (code: string): Promise<Unit> => {
      const unit = (await list()).find((u) => u.code === code);
      expect(unit, `unit ${code}`).toBeDefined();
      return unit!;
    };
    const get = async (id: number): Promise<Unit> => {
      const res = await admin.get(`${API}/units/${id}`);
      expect(res.statusCode).toBe(200);
      return res.json() as Unit;
    };
    const names = (units: Unit[]) => units.map((u) => u.name);
    const signInEveryone = async () => {
      admin = await t.login('admin');
      for (const u of NON_ADMINS) staff.set(u, await t.login(u));
    };

    beforeAll(async () => {
      t = await createTestApp(engine, { clock });
      await signInEveryone();
    });
    afterAll(async () => {
      await t?.close();
    });

    describe('reading', () => {
      it('GET /units is 401 without a session', async () => {
        for (const url of [`${API}/units`, `${API}/units?q=hoa`, `${API}/units/1`]) {
          const res = await t.anonymous.get(url);
          expect(res.statusCode).toBe(401);
          expect(errorOf(res).code).toBe('unauthenticated');
        }
      });

      it('lists every unit with the fields of the contract, for every signed-in user', async () => {
        const units = await list();
        expect(units).toHaveLength(DEMO_UNITS.length);
        for (const u of units) {
          expect(u).toEqual({
            id: expect.any(Number),
            code: expect.any(String),
            name: expect.any(String),
            shortName: u.shortName === null ? null : expect.any(String),
            kind: expect.any(String),
            parentId: u.parentId === null ? null : expect.any(Number),
            aliases: expect.any(Array),
            validFrom: null,
            validTo: null,
            successorId: null,
            email: u.email === null ? null : expect.stringMatching(/@donghoa\.example\.vn$/),
            version: 1,
            createdAt: expect.any(String),
            updatedAt: expect.any(String),
          });
          expect(UNIT_KINDS).toContain(u.kind);
        }
        for (const user of NON_ADMINS) {
          const res = await staff.get(user)!.get(`${API}/units`);
          expect(res.statusCode).toBe(200);
          expect(res.json()).toEqual(units);
        }
      });

      it('holds the 10 wards and communes of Đông Hòa: 5 kind ward, 5 kind commune', async () => {
        const units = await list();
        const dh = units.find((u) => u.code === 'DH')!;
        expect(dh).toMatchObject({ name: 'UBND thị xã Đông Hòa', kind: 'district' });
        const wards = units.filter((u) => u.kind === 'ward');
        const communes = units.filter((u) => u.kind === 'commune');
        const expected = (kind: string) => DEMO_UNITS.filter((d) => d.kind === kind).map((d) => d.name).sort(collator.compare);
        expect(names(wards).sort(collator.compare)).toEqual(expected('ward'));
        expect(names(communes).sort(collator.compare)).toEqual(expected('commune'));
        expect(wards).toHaveLength(5);
        expect(communes).toHaveLength(5);
        for (const u of [...wards, ...communes]) expect(u.parentId).toBe(dh.id);
        expect(names(wards)).toContain('UBND phường Hòa Vinh');
        expect(names(communes)).toContain('UBND xã Hòa Tâm');
      });

      it("holds Đông Hòa's offices under UBND thị xã", async () => {
        const units = await list();
        const dh = units.find((u) => u.code === 'DH')!;
        const offices = DEMO_UNITS.filter((d) => d.parent === 'DH' && (d.kind === 'agency' || d.kind === 'mass_org'));
        expect(offices.length).toBeGreaterThan(15);
        for (const o of offices) {
          expect(units.find((u) => u.code === o.code)).toMatchObject({ name: o.name, kind: o.kind, parentId: dh.id });
        }
        expect(units.find((u) => u.code === 'DH.NV')).toMatchObject({ name: 'Phòng Nội vụ', aliases: ['Phòng Nội vụ thị xã'] });
      });

      it('finds a unit without diacritics and whatever the case', async () => {
        for (const q of ['hoa vinh', 'HOA VINH', 'Hòa Vinh', 'hoà vinh', 'HÒA   VINH', 'vinh']) {
          const found = await list(`?q=${encodeURIComponent(q)}`);
          expect(names(found), q).toContain('UBND phường Hòa Vinh');
          expect(names(found), q).not.toContain('UBND xã Hòa Thành');
        }
        expect(names(await list(`?q=${encodeURIComponent('phong noi vu')}`))).toEqual(['Phòng Nội vụ']);
        expect(names(await list(`?q=${encodeURIComponent('dong hoa')}`))).toContain('UBND thị xã Đông Hòa');
        expect(await list(`?q=${encodeURIComponent('không có đơn vị nào tên này')}`)).toEqual([]);
      });

      it('finds a unit by one of its aliases', async () => {
        expect(names(await list(`?q=${encodeURIComponent('Phòng VH&TT')}`))).toContain('Phòng Văn hóa và Thông tin');
        expect(names(await list(`?q=${encodeURIComponent('phong vhtt')}`))).toContain('Phòng Văn hóa và Thông tin');
        expect(names(await list(`?q=${encodeURIComponent('Sở TN&MT')}`))).toEqual(['Sở Tài nguyên và Môi trường']);
      });

      it('sorts names the Vietnamese way', async () => {
        const all = names(await list());
        expect(all).toEqual([...all].sort(collator.compare));
        // A code-point sort would put "Ủy ban…" (U+1EE6) after "Văn phòng…"; a Vietnamese reader does not.
        expect(all.indexOf('Ủy ban MTTQVN thị xã')).toBeLessThan(all.indexOf('Văn phòng HĐND&UBND thị xã'));
        expect(all.indexOf('UBND xã Hòa Thành')).toBeLessThan(all.indexOf('Ủy ban MTTQVN thị xã'));
        const found = names(await list(`?q=${encodeURIComponent('hoa hiep')}`));
        expect(found).toEqual(['UBND phường Hòa Hiệp Bắc', 'UBND phường Hòa Hiệp Nam', 'UBND phường Hòa Hiệp Trung']);
      });

      it('GET /units/:id answers the unit with its ETag; an unknown id is 404 with a Vietnamese message', async () => {
        const nv = await byCode('DH.NV');
        const res = await admin.get(`${API}/units/${nv.id}`);
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual(nv);
        expect(res.headers.etag).toBe('"1"');
        const missing = await admin.get(`${API}/units/999999`);
        expect(missing.statusCode).toBe(404);
        const err = errorOf(missing);
        expect(err.code).toBe('not_found');
        expect(err.message).toContain('999999');
        const bad = await admin.get(`${API}/units/abc`);
        expect(bad.statusCode).toBe(400);
        errorOf(bad);
      });

      it('an unknown API path is a 404 JSON error, signed in or not', async () => {
        for (const client of [admin, t.anonymous]) {
          const res = await client.get(`${API}/does-not-exist`);
          expect(res.statusCode).toBe(404);
          expect(errorOf(res).code).toBe('not_found');
        }
        const post = await admin.post(`${API}/does-not-exist`, { a: 1 });
        expect(post.statusCode).toBe(404);
        errorOf(post);
      });

      it('refuses an unknown query parameter', async () => {
        const res = await admin.get(`${API}/units?sort=name`);
        expect(res.statusCode).toBe(400);
        expect(errorOf(res).message).toContain('sort');
      });
    });

    describe('creating', () => {
      it('POST /units as admin answers 201 with Location and generates a code under the parent', async () => {
        const dh = await byCode('DH');
        const res = await admin.post(`${API}/units`, { name: '  Phòng  Dân tộc ', kind: 'agency', parentId: dh.id, aliases: ['Phòng DT'] });
        expect(res.statusCode).toBe(201);
        const unit = res.json() as Unit;
        expect(unit).toMatchObject({ name: 'Phòng Dân tộc', kind: 'agency', parentId: dh.id, aliases: ['Phòng DT'], version: 1, successorId: null });
        expect(unit.code).toMatch(/^DH\./);
        expect(res.headers.location).toBe(`${API}/units/${unit.id}`);
        expect(await get(unit.id)).toEqual(unit);
        expect(names(await list('?q=phong dan toc'))).toContain('Phòng Dân tộc');
        writes.push({ id: unit.id, action: 'unit.create' });

        // A second one of the same name gets another code, never a clash.
        const again = await admin.post(`${API}/units`, { name: 'Phòng Dân tộc', kind: 'agency', parentId: dh.id });
        expect(again.statusCode).toBe(201);
        expect(again.json().code).toMatch(/^DH\./);
        expect(again.json().code).not.toBe(unit.code);
        writes.push({ id: again.json().id, action: 'unit.create' });
      });

      it('keeps a code that is given, and refuses a code already in use with 409', async () => {
        const dh = await byCode('DH');
        const res = await admin.post(`${API}/units`, { name: 'Ban Quản lý dự án', kind: 'agency', parentId: dh.id, code: 'dh.bqlda' });
        expect(res.statusCode).toBe(201);
        expect(res.json().code).toBe('DH.BQLDA');
        writes.push({ id: res.json().id, action: 'unit.create' });
        const before = (await list()).length;
        for (const code of ['DH.NV', 'dh.nv', 'DH.BQLDA']) {
          const dup = await admin.post(`${API}/units`, { name: 'Trùng mã', kind: 'agency', parentId: dh.id, code });
          expect(dup.statusCode).toBe(409);
          expect(errorOf(dup).code).toBe('duplicate_code');
        }
        expect((await list()).length).toBe(before);
      });

      it('refuses an unknown parent with 400', async () => {
        const res = await admin.post(`${API}/units`, { name: 'Mồ côi', kind: 'agency', parentId: 999999 });
        expect(res.statusCode).toBe(400);
        expect(errorOf(res).code).toBe('unknown_parent');
      });

      it('refuses a bad kind with a Vietnamese message naming the allowed values', async () => {
        const res = await admin.post(`${API}/units`, { name: 'Thôn Phú Hiệp', kind: 'village' });
        expect(res.statusCode).toBe(400);
        const err = errorOf(res);
        expect(err.message).toContain('kind');
        for (const kind of UNIT_KINDS) expect(err.message).toContain(kind);
      });

      it('refuses an extra property, a missing name and a wrong type with 400', async () => {
        const extra = await admin.post(`${API}/units`, { name: 'Thừa trường', kind: 'agency', isAdmin: true });
        expect(extra.statusCode).toBe(400);
        expect(errorOf(extra).message).toContain('isAdmin');
        const missing = await admin.post(`${API}/units`, { kind: 'agency' });
        expect(missing.statusCode).toBe(400);
        expect(errorOf(missing).message).toContain('name');
        const empty = await admin.post(`${API}/units`, { name: '', kind: 'agency' });
        expect(empty.statusCode).toBe(400);
        errorOf(empty);
        const wrongType = await admin.post(`${API}/units`, { name: 'Sai kiểu', kind: 'agency', parentId: 'DH' });
        expect(wrongType.statusCode).toBe(400);
        expect(errorOf(wrongType).message).toContain('parentId');
        expect(await list(`?q=${encodeURIComponent('thua truong')}`)).toEqual([]);
      });

      it('refuses a body over 1 MiB with a 413 JSON error', async () => {
        const before = (await list()).length;
        const res = await admin.request({
          method: 'POST',
          url: `${API}/units`,
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ name: 'Rất dài', kind: 'agency', aliases: ['x'.repeat(1024 * 1024)] }),
        });
        expect(res.statusCode).toBe(413);
        expect(errorOf(res).code).toBe('payload_too_large');
        expect((await list()).length).toBe(before);
      });

      it('refuses invalid JSON with 400', async () => {
        const res = await admin.request({
          method: 'POST',
          url: `${API}/units`,
          headers: { 'content-type': 'application/json' },
          payload: '{"name": "Thiếu ngoặc", "kind": "agency"',
        });
        expect(res.statusCode).toBe(400);
        expect(errorOf(res).code).toBe('invalid_json');
      });

      it('refuses a NUL character in a name with 400 on every engine, never a 500', async () => {
        const res = await admin.post(`${API}/units`, { name: 'Phòng\u0000Ẩn', kind: 'agency' });
        expect(res.statusCode).toBe(400);
        errorOf(res);
        const patch = await admin.patch(`${API}/units/${(await byCode('DH.KT')).id}`, { aliases: ['ok', 'x\u0000y'] });
        expect(patch.statusCode).toBe(400);
        expect((await byCode('DH.KT')).version).toBe(1);
      });
    });

    describe('non-admins cannot change the chart', () => {
      it.each(NON_ADMINS)('%s: POST, PATCH and merge are 403 and the unit is unchanged', async (username) => {
        const client = staff.get(username)!;
        const dh = await byCode('DH');
        const target = await byCode('DH.HXD');
        const into = await byCode('DH.HXN');
        const before = await get(target.id);
        const count = (await list()).length;

        const create = await client.post(`${API}/units`, { name: `Đơn vị của ${username}`, kind: 'agency', parentId: dh.id });
        expect(create.statusCode).toBe(403);
        expect(errorOf(create).code).toBe('forbidden');
        const patch = await client.patch(`${API}/units/${target.id}`, { name: 'Đổi tên trái phép', version: before.version });
        expect(patch.statusCode).toBe(403);
        expect(errorOf(patch).code).toBe('forbidden');
        const merge = await client.post(`${API}/units/${target.id}/merge`, { intoId: into.id, date: '2025-07-01' });
        expect(merge.statusCode).toBe(403);
        expect(errorOf(merge).code).toBe('forbidden');

        expect(await get(target.id)).toEqual(before);
        expect(await get(into.id)).toMatchObject({ version: 1, validTo: null });
        expect((await list()).length).toBe(count);
        const audit = (await admin.get(`${API}/audit?entity=unit&entityId=${target.id}`)).json() as AuditRow[];
        expect(audit.map((a) => a.action)).toEqual(['unit.create']);
      });
    });

    describe('editing', () => {
      it('PATCH with the right version answers 200 and version+1; a stale version is 409 and overwrites nothing', async () => {
        const tp = await byCode('DH.TP');
        expect(tp.version).toBe(1);
        const ok = await admin.patch(`${API}/units/${tp.id}`, { name: 'Phòng Tư pháp thị xã', version: 1 });
        expect(ok.statusCode).toBe(200);
        expect(ok.json()).toMatchObject({ id: tp.id, name: 'Phòng Tư pháp thị xã', version: 2, code: 'DH.TP' });
        expect(ok.headers.etag).toBe('"2"');
        writes.push({ id: tp.id, action: 'unit.update' });

        // Somebody who loaded version 1 saves late.
        const stale = await admin.patch(`${API}/units/${tp.id}`, { name: 'Tên cũ ghi đè', version: 1 });
        expect(stale.statusCode).toBe(409);
        expect(errorOf(stale).code).toBe('version_conflict');
        const ifMatch = await admin.patch(`${API}/units/${tp.id}`, { shortName: 'Tư pháp' }, { 'if-match': '"1"' });
        expect(ifMatch.statusCode).toBe(409);
        expect(errorOf(ifMatch).code).toBe('version_conflict');
        expect(await get(tp.id)).toMatchObject({ name: 'Phòng Tư pháp thị xã', shortName: null, version: 2 });

        const fresh = await admin.patch(`${API}/units/${tp.id}`, { shortName: 'Tư pháp' }, { 'if-match': '"2"' });
        expect(fresh.statusCode).toBe(200);
        expect(fresh.json()).toMatchObject({ name: 'Phòng Tư pháp thị xã', shortName: 'Tư pháp', version: 3 });
        writes.push({ id: tp.id, action: 'unit.update' });
      });

      it('refuses to make a unit its own child or its descendant’s child (400)', async () => {
        const dh = await byCode('DH');
        const hv = await byCode('DH.HV');
        const py = await byCode('PY');
        for (const [id, parentId] of [
          [dh.id, hv.id],
          [py.id, hv.id],
          [hv.id, hv.id],
        ] as const) {
          const res = await admin.patch(`${API}/units/${id}`, { parentId });
          expect(res.statusCode).toBe(400);
          expect(errorOf(res).code).toBe('parent_cycle');
        }
        expect(await get(dh.id)).toMatchObject({ parentId: py.id, version: 1 });
        expect(await get(hv.id)).toMatchObject({ parentId: dh.id, version: 1 });
      });

      it('refuses a duplicate code on PATCH with 409', async () => {
        const kt = await byCode('DH.KT');
        const res = await admin.patch(`${API}/units/${kt.id}`, { code: 'DH.NV' });
        expect(res.statusCode).toBe(409);
        expect(errorOf(res).code).toBe('duplicate_code');
        expect((await get(kt.id)).code).toBe('DH.KT');
      });

      it('PATCH of an unknown unit is 404', async () => {
        const res = await admin.patch(`${API}/units/999999`, { name: 'Không có' });
        expect(res.statusCode).toBe(404);
        errorOf(res);
      });
    });

    describe('merging', () => {
      it('merges one commune into another: the old one ends the day before, names its successor, and stays listed', async () => {
        const from = await byCode('DH.HTA');
        const into = await byCode('DH.HTH');
        const res = await admin.post(`${API}/units/${from.id}/merge`, { intoId: into.id, date: '2025-07-01' });
        expect(res.statusCode).toBe(200);
        const body = res.json() as { from: Unit; into: Unit };
        expect(body.from).toMatchObject({ id: from.id, validTo: '2025-06-30', successorId: into.id, version: 2, name: 'UBND xã Hòa Tâm' });
        expect(body.into).toMatchObject({ id: into.id, validTo: null, successorId: null });
        writes.push({ id: from.id, action: 'unit.merge' });

        // History is kept: still listed, still readable.
        expect(await get(from.id)).toMatchObject({ validTo: '2025-06-30', successorId: into.id });
        expect(names(await list())).toContain('UBND xã Hòa Tâm');
        // Today is 30/06/2025: the old commune is still in force until midnight.
        expect(names(await list('?active=true'))).toContain('UBND xã Hòa Tâm');
      });

      it('?active=true no longer lists it once the date has passed', async () => {
        clock.advance(DAY);
        await signInEveryone(); // sessions idle for a day have ended
        const active = names(await list('?active=true'));
        expect(active).not.toContain('UBND xã Hòa Tâm');
        expect(active).toContain('UBND xã Hòa Thành');
        expect(active).toContain('UBND phường Hòa Vinh');
        expect(names(await list('?active=false'))).toContain('UBND xã Hòa Tâm');
        expect(names(await list())).toContain('UBND xã Hòa Tâm');
        expect(names(await list(`?q=${encodeURIComponent('Hòa Tâm')}&active=true`))).not.toContain('UBND xã Hòa Tâm');
        expect(names(await list(`?q=${encodeURIComponent('Hòa Tâm')}`))).toContain('UBND xã Hòa Tâm');
      });

      it('merging again is 409; merging into itself is 400; nothing changes', async () => {
        const from = await byCode('DH.HTA');
        const other = await byCode('DH.HXD');
        const again = await admin.post(`${API}/units/${from.id}/merge`, { intoId: other.id, date: '2025-08-01' });
        expect(again.statusCode).toBe(409);
        expect(errorOf(again).code).toBe('already_merged');
        expect(await get(from.id)).toEqual(from);

        const self = await admin.post(`${API}/units/${other.id}/merge`, { intoId: other.id, date: '2025-08-01' });
        expect(self.statusCode).toBe(400);
        expect(errorOf(self).code).toBe('merge_self');
        expect(await get(other.id)).toEqual(other);

        const unknown = await admin.post(`${API}/units/${other.id}/merge`, { intoId: 999999, date: '2025-08-01' });
        expect(unknown.statusCode).toBe(404);
        errorOf(unknown);
        const badDate = await admin.post(`${API}/units/${other.id}/merge`, { intoId: from.id, date: '2025-02-30' });
        expect(badDate.statusCode).toBe(400);
        errorOf(badDate);
        expect(await get(other.id)).toEqual(other);
      });
    });

    describe('audit', () => {
      it('every write appears in GET /audit with before and after', async () => {
        expect(writes.map((w) => w.action)).toEqual(['unit.create', 'unit.create', 'unit.create', 'unit.update', 'unit.update', 'unit.merge']);
        for (const id of new Set(writes.map((w) => w.id))) {
          const res = await admin.get(`${API}/audit?entity=unit&entityId=${id}`);
          expect(res.statusCode).toBe(200);
          const rows = (res.json() as AuditRow[]).filter((r) => r.actorName === 'admin');
          const expected = writes.filter((w) => w.id === id).map((w) => w.action);
          // Newest first.
          expect(rows.map((r) => r.action).reverse()).toEqual(expected);
          const current = await get(id);
          for (const row of rows) {
            expect(row).toMatchObject({ entity: 'unit', entityId: String(id) });
            const after = JSON.parse(row.after!) as Partial<Unit>;
            expect(after.id).toBe(id);
            if (row.action === 'unit.create') {
              expect(row.before).toBeNull();
            } else {
              const before = JSON.parse(row.before!) as Partial<Unit>;
              expect(before.id).toBe(id);
              expect(after.version).toBe(before.version! + 1);
            }
          }
          // The newest entry's "after" is what the unit is now.
          expect(JSON.parse(rows[0]!.after!)).toMatchObject({ version: current.version, name: current.name, validTo: current.validTo });
        }
        const merge = ((await admin.get(`${API}/audit?entity=unit&entityId=${writes.at(-1)!.id}`)).json() as AuditRow[])[0]!;
        expect(JSON.parse(merge.before!)).toMatchObject({ validTo: null, successorId: null });
        expect(JSON.parse(merge.after!)).toMatchObject({ validTo: '2025-06-30', mergedInto: { date: '2025-07-01', name: 'UBND xã Hòa Thành' } });
        const update = ((await admin.get(`${API}/audit?entity=unit&entityId=${writes[3]!.id}`)).json() as AuditRow[]).find(
          (r) => r.action === 'unit.update' && JSON.parse(r.after!).version === 2,
        )!;
        expect(JSON.parse(update.before!)).toMatchObject({ name: 'Phòng Tư pháp' });
        expect(JSON.parse(update.after!)).toMatchObject({ name: 'Phòng Tư pháp thị xã' });
      });

      it('the audit log is refused to those who may not read it', async () => {
        for (const username of ['hoavinh', 'noivu', 'chutich']) {
          const res = await staff.get(username)!.get(`${API}/audit`);
          expect(res.statusCode).toBe(403);
          errorOf(res);
        }
        expect((await t.anonymous.get(`${API}/audit`)).statusCode).toBe(401);
      });
    });
  });
}
