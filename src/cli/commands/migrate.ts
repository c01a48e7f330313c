import type { Command } from 'commander';
import { databaseUrl, openMigrated } from '../context.js';

export function migrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Cập nhật lược đồ cơ sở dữ liệu lên bản mới nhất / apply pending migrations')
    .option('--db <url>', 'sqlite:ĐƯỜNG_DẪN hoặc postgres://…')
    .action(async (opts: { db?: string }) => {
      const { handle, applied } = await openMigrated(databaseUrl(opts.db));
      await handle.close();
      console.error(applied.length ? `Đã áp dụng: ${applied.join(', ')}` : 'Lược đồ đã ở bản mới nhất.');
    });
}
