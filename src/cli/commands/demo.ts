import type { Command } from 'commander';
import { loadDemo } from '../../demo/load.js';
import { DEFAULT_DEMO_PASSWORD } from '../../demo/units.js';
import { databaseUrl, withServices } from '../context.js';
import { printDemoAccounts } from './serve.js';

export function demoCommand(program: Command): void {
  program
    .command('demo')
    .description('Tạo (lại) dữ liệu mẫu: đơn vị Đông Hòa và một tài khoản cho mỗi vai trò / (re)create the demo data')
    .option('--db <url>', 'sqlite:ĐƯỜNG_DẪN hoặc postgres://…')
    .option('--password <p>', `mật khẩu cho mọi tài khoản mẫu (mặc định "${DEFAULT_DEMO_PASSWORD}")`)
    .action(async (opts: { db?: string; password?: string }) => {
      const password = opts.password ?? DEFAULT_DEMO_PASSWORD;
      const summary = await withServices(databaseUrl(opts.db), (services) => loadDemo(services, password));
      console.error(`Đơn vị: tạo mới ${summary.unitsCreated}, cập nhật ${summary.unitsUpdated}.`);
      printDemoAccounts(password);
    });
}
