import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { sqliteEngine } from '../support/engines.js';

/** Public portal pages (each is served for GET and HEAD). Portal areas add their paths here. */
const PORTAL_PATHS = [
  '/', '/sitemap.xml', '/robots.txt',
  '/ke-hoach', '/ke-hoach/:id', '/ke-hoach/:id/nhiem-vu/:taskId', '/don-vi/:code', '/tim-kiem',
  '/lich-tiep-cong-dan', '/lich-tiep-cong-dan.ics', '/du-lieu/lich-tiep-cong-dan.json', '/du-lieu/lich-tiep-cong-dan.csv',
  '/tra-cuu', '/thu-tuc-hanh-chinh', '/du-lieu/thu-tuc-hanh-chinh.json', '/du-lieu/thu-tuc-hanh-chinh.csv',
  '/cong-khai', '/cong-khai/atom.xml', '/cong-khai/:ref', '/cong-khai/:id/tep/:att', '/du-lieu/cong-khai.json', '/du-lieu/cong-khai.csv', '/du-lieu/ke-hoach.json', '/du-lieu/ke-hoach.csv', '/du-lieu/ke-hoach/:ref',
  '/ke-hoach/:id/atom.xml', '/don-vi/:code/atom.xml', '/theo-doi/xac-nhan', '/theo-doi/huy',
  '/khao-sat', '/khao-sat/:id', '/khao-sat/:id/:file',
  '/phan-anh', '/phan-anh/:code', '/phan-anh/:code/thu-xin-loi.docx', '/phan-anh/tra-loi/:id',
  '/dong-gop', '/dong-gop/xac-minh', '/dong-gop/:id', '/dong-gop/:id/chi/:spendingId/chung-tu', '/du-lieu/dong-gop.json', '/du-lieu/dong-gop.csv',
];

/** Routes that anyone may call. Any other route must answer 401 to a stranger. */
const PUBLIC = new Set([
  'GET /healthz', 'POST /api/v1/auth/login', 'GET /api/docs/openapi.json', 'GET /api/docs', 'HEAD /api/docs', 'GET /app', 'GET /app/*', 'HEAD /healthz', 'HEAD /app', 'HEAD /app/*', 'HEAD /api/docs/openapi.json',
  ...PORTAL_PATHS.flatMap((p) => [`GET ${p}`, `HEAD ${p}`]),
  // Following by e-mail: plain forms of the portal (no session, no CSRF token: nothing of a staff account is at stake).
  'POST /theo-doi', 'POST /theo-doi/xac-nhan', 'POST /theo-doi/huy',
  // Answering a survey: one answer per browser session (cookie set by the form), rate limited per address.
  'POST /khao-sat/:id',
  // Feedback: the form (multipart) and the sender's rating, rate limited per address; the tracking code is the key.
  'POST /phan-anh', 'POST /phan-anh/:code/danh-gia',
  // Open311 GeoReport v2 for civic apps: JSON, filing rate limited per address, never the sender's contact.
  'GET /open311/v2/services.json', 'HEAD /open311/v2/services.json', 'GET /open311/v2/requests.json', 'HEAD /open311/v2/requests.json',
  'GET /open311/v2/requests/:file', 'HEAD /open311/v2/requests/:file', 'POST /open311/v2/requests.json',
]);

describe('every route is closed unless it says it is public', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(sqliteEngine);
  });
  afterAll(async () => t?.close());

  it('lists exactly the intended public routes', () => {
    const open = t.app.registeredRoutes.filter((r) => r.public).map((r) => `${r.method} ${r.url}`);
    expect(open.filter((r) => !PUBLIC.has(r))).toEqual([]);
  });

  it('answers 401 JSON to a stranger on every other route', async () => {
    const closed = t.app.registeredRoutes.filter((r) => !r.public && r.method !== 'HEAD');
    expect(closed.length).toBeGreaterThan(10);
    for (const r of closed) {
      const url = r.url.replace(/:id/g, '1');
      const res = await t.app.inject({ method: r.method as 'GET', url, payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
      expect(res.json()).toMatchObject({ error: { code: 'unauthenticated' } });
    }
  });

  it('serves /healthz and the OpenAPI document', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const doc = (await t.app.inject('/api/docs/openapi.json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/api/v1/units');
  });

  it('shows a Vietnamese 404 page outside the API', async () => {
    const res = await t.app.inject('/khong-co-trang-nay?<script>');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('Không tìm thấy trang');
    expect(res.body).not.toContain('<script>');
  });
});
