import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { openDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { loadDemo } from '../../src/demo/load.js';
import { buildApp } from '../../src/server/app.js';
import { createServices, type ServiceOptions, type Services } from '../../src/services/index.js';
import { CHROMIUM_PATH } from './environment.js';
import { DEMO_PASSWORD } from './app.js';

const root = join(import.meta.dirname, '..', '..');
const webRoot = join(root, 'dist', 'web');

/** The newest modification time of any file under `dir`. */
export function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** The staff app must be built to be served; build it when missing or older than its sources. */
export function ensureWebBuilt(): string {
  const index = join(webRoot, 'index.html');
  if (!existsSync(index) || newest(join(root, 'web', 'src')) > statSync(index).mtimeMs) {
    execFileSync('npm', ['run', 'build:web'], { cwd: root, stdio: 'inherit' });
  }
  return webRoot;
}

export interface RunningServer {
  baseUrl: string;
  app: FastifyInstance;
  services: Services;
  close(): Promise<void>;
}

export interface ServerOptions {
  /** Options for createServices: a clock (test/support/clocked-server.ts shiftableClock), a quiet reminder log… */
  services?: ServiceOptions;
  /** The built staff app to serve; `null` serves the API and the public portal only. Default: dist/web, built if stale. */
  webRoot?: string | null;
}

/** A real server on a free port with a fresh SQLite file holding the demo. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-e2e-'));
  const handle = await openDatabase(`sqlite:${join(dir, 'e2e.sqlite')}`);
  await migrateToLatest(handle);
  const services = createServices(handle, options.services);
  await loadDemo(services, DEMO_PASSWORD);
  const webRoot = options.webRoot === undefined ? ensureWebBuilt() : options.webRoot;
  const app = await buildApp(services, { logger: false, webRoot });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    app,
    services,
    async close() {
      await app.close();
      await handle.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, with the flags this sandbox needs (no network calls home). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

export interface StaffSignInOptions {
  /** Viewport width in px (height 900). Default 1280. */
  width?: number;
  password?: string;
  /** The new context is pushed here so the test's afterAll can close it. */
  contexts?: BrowserContext[];
  /** Uncaught page errors are pushed here, prefixed with `errorLabel`. */
  pageErrors?: string[];
  /** Default: the username. */
  errorLabel?: string;
  /** Default timeout for the page and for the wait for the main navigation. Default 15 s. */
  timeout?: number;
  acceptDownloads?: boolean;
}

/**
 * A staff member signed in to the staff app in a fresh Vietnamese context, on the page after sign-in.
 * A failed sign-in throws with the app's alert text, so the test says why rather than timing out blind.
 */
export async function signInStaff(browser: Browser, baseUrl: string, username: string, options: StaffSignInOptions = {}): Promise<Page> {
  const { width = 1280, password = DEMO_PASSWORD, timeout = 15_000 } = options;
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    ...(options.acceptDownloads ? { acceptDownloads: true } : {}),
  });
  options.contexts?.push(context);
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  const label = options.errorLabel ?? username;
  const pageErrors = options.pageErrors;
  if (pageErrors) page.on('pageerror', (error) => pageErrors.push(`${label}: ${error.message}`));
  await page.goto(`${baseUrl}/app/`, { waitUntil: 'load' });
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  try {
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).waitFor({ state: 'attached', timeout });
  } catch (err) {
    throw new Error(`${username} could not sign in: ${await page.getByRole('alert').allInnerTexts()}`, { cause: err });
  }
  return page;
}
