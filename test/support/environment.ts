import { existsSync } from 'node:fs';

/**
 * Which optional suites can run here. PostgreSQL runs when DATABASE_URL_TEST is set; the browser
 * suite when Debian's Chromium is installed. CI sets REQUIRE_BROWSER=1 and DATABASE_URL_TEST so
 * that neither can be skipped there.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const POSTGRES_URL = process.env.DATABASE_URL_TEST ?? null;
export const REQUIRE_BROWSER = process.env.REQUIRE_BROWSER === '1';
export const REQUIRE_POSTGRES = process.env.REQUIRE_POSTGRES === '1';

export function browserAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export function skipReasons(): string[] {
  const reasons: string[] = [];
  if (!POSTGRES_URL) reasons.push('PostgreSQL: bỏ qua vì chưa đặt DATABASE_URL_TEST (ví dụ postgres://postgres@127.0.0.1:5432/test)');
  if (!browserAvailable()) reasons.push(`Trình duyệt: bỏ qua vì không thấy Chromium tại ${CHROMIUM_PATH} (apt-get install -y chromium)`);
  return reasons;
}
