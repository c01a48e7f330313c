import type { Command } from 'commander';
import { buildApp } from '../../server/app.js';
import { startHousekeeping } from '../../jobs/housekeeping.js';
import { startReminders } from '../../jobs/reminders.js';
import { startFollow } from '../../jobs/follow.js';
import { createServices } from '../../services/index.js';
import { hasAnyAccount, loadDemo } from '../../demo/load.js';
import { DEFAULT_DEMO_PASSWORD, DEMO_ACCOUNTS } from '../../demo/units.js';
import { ROLE_LABEL_VI } from '../../domain/accounts/roles.js';
import { databaseUrl, openMigrated } from '../context.js';

export function printDemoAccounts(password: string | null, out: (line: string) => void = (l) => console.error(l)): void {
  out('Tài khoản mẫu / demo accounts:');
  for (const a of DEMO_ACCOUNTS) out(`  ${a.username.padEnd(8)} ${ROLE_LABEL_VI[a.role]}`);
  out(password ? `  Mật khẩu / password: ${password}` : '  Mật khẩu: như lần tạo dữ liệu mẫu (mặc định "dondoc")');
}

export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description('Chạy máy chủ Dondoc (API, giao diện cán bộ, cổng công khai) / run the server')
    .option('--port <n>', 'cổng / port', (v) => Number.parseInt(v, 10))
    .option('--host <host>', 'địa chỉ lắng nghe / listen address')
    .option('--db <url>', 'sqlite:ĐƯỜNG_DẪN hoặc postgres://… (mặc định DATABASE_URL hoặc sqlite:./data/dondoc.sqlite)')
    .option('--demo-if-empty', 'tạo dữ liệu mẫu nếu chưa có tài khoản nào / load the demo into an empty database')
    .action(async (opts: { port?: number; host?: string; db?: string; demoIfEmpty?: boolean }) => {
      const { handle, applied } = await openMigrated(databaseUrl(opts.db));
      const services = createServices(handle);
      if (applied.length > 0) console.error(`Đã cập nhật lược đồ: ${applied.join(', ')}`);
      if (opts.demoIfEmpty) {
        if (await hasAnyAccount(services)) {
          printDemoAccounts(null);
        } else {
          await loadDemo(services, DEFAULT_DEMO_PASSWORD);
          console.error('Đã tạo dữ liệu mẫu Đông Hòa / demo data created.');
          printDemoAccounts(DEFAULT_DEMO_PASSWORD);
        }
      }
      const app = await buildApp(services, {
        ...(opts.port !== undefined ? { port: opts.port } : {}),
        ...(opts.host !== undefined ? { host: opts.host } : {}),
      });
      const port = opts.port ?? Number(process.env.PORT ?? 3000);
      const host = opts.host ?? process.env.HOST ?? '0.0.0.0';
      const close = async () => {
        // Let requests in flight finish, but never hang a shutdown on one.
        setTimeout(() => process.exit(0), 10_000).unref();
        await app.close();
        await handle.close();
        process.exit(0);
      };
      process.once('SIGINT', close);
      process.once('SIGTERM', close);
      const stopHousekeeping = startHousekeeping(services, app.log);
      app.addHook('onClose', async () => stopHousekeeping());
      const stopReminders = startReminders(services, app.log);
      const stopFollow = startFollow(services, app.log);
      app.addHook('onClose', async () => stopFollow());
      app.addHook('onClose', async () => {
        stopReminders();
        services.mailer.close();
      });
      await app.listen({ port, host });
      console.error(`Dondoc đang chạy tại http://localhost:${port} (CSDL: ${handle.label})`);
    });
}
