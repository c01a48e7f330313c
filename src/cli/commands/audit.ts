import type { Command } from 'commander';
import { CliError, databaseUrl, withServices } from '../context.js';

export function auditCommand(program: Command): void {
  const audit = program.command('audit').description('Nhật ký thao tác / audit log');
  audit
    .command('verify')
    .description('Tính lại chuỗi băm của nhật ký và chỉ ra mục đầu tiên bị sửa / verify the hash chain')
    .option('--db <url>', 'sqlite:ĐƯỜNG_DẪN hoặc postgres://…')
    .action(async (opts: { db?: string }) => {
      const result = await withServices(databaseUrl(opts.db), (services) => services.audit.verify());
      if (!result.ok) {
        throw new CliError(`Nhật ký KHÔNG toàn vẹn: mục số ${result.brokenSeq} — ${result.reason}.`, 1);
      }
      console.log(`Nhật ký toàn vẹn: ${result.count} mục, mã băm cuối ${result.lastHash.slice(0, 16)}…`);
    });
}
