import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/domain/accounts/actor.js';
import { launchBrowser, startServer, type RunningServer } from '../support/browser.js';
import { browserAvailable } from '../support/environment.js';

/**
 * axe-core (WCAG 2.0/2.1 A and AA rules) on EVERY kind of public page, on the demo with its reporting
 * history: the URLs of /sitemap.xml (up to three of each kind: units and disclosure items share their
 * templates), plus the pages no sitemap lists (task pages and their filters, a plan
 * narrowed to one unit, search results, the look-up's result and not-found pages, the 404 page, reception
 * narrowed to one unit, filtered disclosure and procedure lists, the follow pages). No serious or critical
 * violation is allowed; the failure lists rule, page and element. Phone-sized (360×740) too for the pages a
 * citizen opens first.
 *
 * axe runs as a script, which a context without JavaScript never executes, so the audit uses a context
 * with JavaScript on; the portal's pages carry no script (asserted), so the DOM audited is the one a
 * citizen without JavaScript gets.
 */
const WAIT = { timeout: 30_000 };
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Finding {
  rule: string;
  impact: string;
  page: string;
  targets: string[];
  help: string;
}

describe.runIf(browserAvailable())('accessibility of every public page (axe-core)', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let extra: Array<{ path: string; status: number }> = [];
  let sitemapPaths: string[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ services: { reminders: { log: () => undefined } }, webRoot: null }), launchBrowser()]);
    const { services, baseUrl } = server;
    const sitemap = await (await fetch(`${baseUrl}/sitemap.xml`)).text();
    sitemapPaths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => {
      const u = new URL(m[1]!.replace(/&amp;/g, '&'));
      return u.pathname + u.search;
    });

    const planId = (await services.plans.list(SYSTEM_ACTOR))[0]!.id;
    const plan = (await services.portal.plan(planId))!;
    const tasks = plan.dimensions.flatMap((d) => d.tasks);
    // A task with accepted words (the commune budget), one with many units, one with none yet.
    const budget = tasks.find((t) => t.key === 'II/12')!;
    const widest = [...tasks].sort((a, b) => b.assignments.length - a.assignments.length)[0]!;
    const quiet = tasks.find((t) => t.assignments.every((a) => a.latest === null))!;
    const dossier = (await services.dossiers.list(SYSTEM_ACTOR)).find((d) => d.unitCode === 'DH.HTA')!;
    const hoaTam = (await services.units.list(SYSTEM_ACTOR)).find((u) => u.code === 'DH.HTA')!;
    extra = [
      { path: `/ke-hoach/${planId}/nhiem-vu/${budget.id}`, status: 200 },
      { path: `/ke-hoach/${planId}/nhiem-vu/${widest.id}`, status: 200 },
      { path: `/ke-hoach/${planId}/nhiem-vu/${quiet.id}`, status: 200 },
      { path: `/ke-hoach/${planId}/nhiem-vu/${widest.id}?trangThai=no_report&ten=hoa`, status: 200 },
      { path: `/ke-hoach/${planId}?donVi=DH.HTA`, status: 200 },
      { path: '/tim-kiem?q=hoa+vinh', status: 200 },
      { path: '/tim-kiem?q=', status: 200 },
      { path: '/tim-kiem?q=khong+co+gi+ca+xyz', status: 200 },
      { path: `/tim-kiem?q=${encodeURIComponent('<script>alert(1)</script>')}`, status: 200 },
      { path: `/tra-cuu?ma=${encodeURIComponent(dossier.code)}`, status: 200 },
      { path: '/tra-cuu?ma=000.36.14.H43-990101-9999', status: 404 },
      { path: '/khong-co-trang-nay', status: 404 },
      { path: `/ke-hoach/${planId}/nhiem-vu/999999`, status: 404 },
      { path: '/lich-tiep-cong-dan?donVi=DH.HV', status: 200 },
      { path: '/lich-tiep-cong-dan?donVi=DH.HTA', status: 200 },
      { path: '/cong-khai?loai=poor_households', status: 200 },
      { path: `/cong-khai?don-vi=${hoaTam.id}&loai=budget`, status: 200 },
      { path: '/cong-khai?q=ho+ngheo', status: 200 },
      { path: '/cong-khai?q=khong+co+gi+ca+xyz', status: 200 },
      { path: '/thu-tuc-hanh-chinh?q=khai+sinh', status: 200 },
      { path: '/thu-tuc-hanh-chinh?donVi=DH.HV', status: 200 },
      { path: '/khao-sat', status: 200 },
      { path: `/phan-anh/${(await services.feedback.submit({ topic: 'moi_truong', communeId: hoaTam.id, description: 'Đường thôn bị ngập sau mưa lớn.', consent: true }, 'axe')).code}`, status: 200 },
      { path: '/dong-gop/xac-minh?ma=DG-2222-3333-44', status: 404 },
    ];
  }, 120_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
  });

  async function auditor(width: number, height: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(WAIT.timeout);
    return page;
  }

  /** axe on the page in hand: its serious and critical findings. */
  async function audit(page: Page, label: string): Promise<Finding[]> {
    expect(await page.locator('script').count(), label).toBe(0);
    const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
    expect(result.passes.length, label).toBeGreaterThan(5);
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ rule: v.id, impact: v.impact!, page: label, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')), help: v.help }));
  }

  const report = (findings: Finding[]) => findings.map((f) => `${f.rule} (${f.impact}) on ${f.page}: ${f.targets.join(' | ')} — ${f.help}`);

  it('reports a violation when there is one (the check is live)', async () => {
    const page = await auditor(1280, 900);
    await page.setContent('<!doctype html><html lang="vi"><head><title>Thử</title></head><body><main><h1>Thử</h1><img src="/x.png"><p>Nội dung đủ dài để có các quy tắc khác được kiểm tra.</p><a href="/">Trang chủ</a></main></body></html>');
    const found = await audit(page, 'a page with an image without alt');
    expect(found.map((f) => f.rule)).toContain('image-alt');
    expect(report(found)[0]).toMatch(/^image-alt \(critical\) on a page with an image without alt: img — /);
  });

  it('finds no serious or critical violation on any page of the sitemap or beyond it', async () => {
    expect(sitemapPaths.length).toBeGreaterThan(30);
    const kinds = new Set(sitemapPaths.map((p) => p.split('/')[1]));
    for (const k of ['', 'ke-hoach', 'don-vi', 'cong-khai', 'lich-tiep-cong-dan', 'tra-cuu', 'thu-tuc-hanh-chinh']) expect(kinds, k).toContain(k);
    const page = await auditor(1280, 900);
    const findings: Finding[] = [];
    // Every kind of page, each kind up to three times (the sitemap lists ~60 pages of a dozen kinds).
    const perKind = new Map<string, number>();
    const sampled = sitemapPaths.filter((path) => {
      const kind = path.replace(/\/don-vi\/[^/?]+/, '/don-vi/:code').replace(/\d+/g, ':n');
      perKind.set(kind, (perKind.get(kind) ?? 0) + 1);
      return perKind.get(kind)! <= 3;
    });
    expect(perKind.size).toBeGreaterThanOrEqual(8);
    const pages = [...sampled.map((path) => ({ path, status: 200 })), ...extra];
    for (const { path, status } of pages) {
      const res = await page.goto(`${server.baseUrl}${path}`);
      expect(res?.status(), path).toBe(status);
      findings.push(...(await audit(page, path)));
    }
    expect(report(findings)).toEqual([]);
  }, 600_000);

  it('finds none on the follow pages, when the portal has them', async () => {
    const page = await auditor(1280, 900);
    const findings: Finding[] = [];
    const planId = (await server.services.plans.list(SYSTEM_ACTOR))[0]!.id;
    await page.goto(`${server.baseUrl}/ke-hoach/${planId}`);
    const form = page.locator('form[action="/theo-doi"]');
    if ((await form.count()) === 0) return; // not there yet: nothing to audit
    await form.locator('input[type="email"]').fill('nguoidan@example.vn');
    await form.locator('button[type="submit"]').click();
    await page.waitForLoadState();
    findings.push(...(await audit(page, 'POST /theo-doi (answer)')));
    for (const path of ['/theo-doi/xac-nhan?ma=khong-hop-le', '/theo-doi/huy?ma=khong-hop-le']) {
      const res = await page.goto(`${server.baseUrl}${path}`);
      expect(res?.status(), path).toBeLessThan(500);
      findings.push(...(await audit(page, path)));
    }
    expect(report(findings)).toEqual([]);
  }, 180_000);

  it('finds none on a phone-sized screen (360×740)', async () => {
    const page = await auditor(360, 740);
    const findings: Finding[] = [];
    const first = ['/', ...sitemapPaths.filter((p) => /^\/(ke-hoach\/\d+|cong-khai\/\d+)$/.test(p)).slice(0, 3), extra[0]!.path, '/lich-tiep-cong-dan', '/tra-cuu', '/khong-co-trang-nay'];
    for (const path of first) {
      await page.goto(`${server.baseUrl}${path}`);
      findings.push(...(await audit(page, `${path} @360`)));
      // Nothing wider than the screen: no sideways scrolling on a phone (WCAG 1.4.10 reflow).
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    expect(report(findings)).toEqual([]);
  }, 180_000);
});
