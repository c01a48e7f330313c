import { browserAvailable, POSTGRES_URL, REQUIRE_BROWSER, REQUIRE_POSTGRES, skipReasons } from './environment.js';

/** Says up front which suites will be skipped and why; refuses to skip what CI requires. */
export default function setup(): void {
  if (REQUIRE_BROWSER && !browserAvailable()) {
    throw new Error('REQUIRE_BROWSER=1 nhưng không có Chromium: cài bằng apt-get install -y chromium.');
  }
  if (REQUIRE_POSTGRES && !POSTGRES_URL) {
    throw new Error('REQUIRE_POSTGRES=1 nhưng chưa đặt DATABASE_URL_TEST.');
  }
  const reasons = skipReasons();
  if (reasons.length) {
    process.stderr.write(`\nCác bộ kiểm thử bị bỏ qua / skipped suites:\n${reasons.map((r) => `  - ${r}\n`).join('')}\n`);
  }
}
