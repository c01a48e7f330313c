import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { SYSTEM_ACTOR } from '../../domain/accounts/actor.js';
import { CliError, databaseUrl, withServices } from '../context.js';

/** `dondoc export PLAN_ID --format docx|xlsx [--out FILE] [--db URL]`: a saved plan as a Word or Excel file. */
export function exportCommand(program: Command): void {
  program
    .command('export')
    .description('Xuất một kế hoạch đã lưu ra Word (.docx) hoặc Excel (.xlsx) / export a plan')
    .argument('<planId>', 'mã số kế hoạch')
    .option('--format <format>', 'docx hoặc xlsx', 'docx')
    .option('--out <file>', 'tệp ghi ra (mặc định: tên kế hoạch, trong thư mục hiện tại)')
    .option('--db <url>', 'sqlite:ĐƯỜNG_DẪN hoặc postgres://…')
    .action(async (planId: string, opts: { format: string; out?: string; db?: string }) => {
      const id = Number(planId);
      if (!Number.isInteger(id) || id < 1) throw new CliError(`Mã số kế hoạch «${planId}» không hợp lệ (phải là số nguyên dương).`, 1);
      const format = opts.format.toLowerCase().replace(/^\./, '');
      if (format !== 'docx' && format !== 'xlsx') throw new CliError(`Định dạng «${opts.format}» không được hỗ trợ; hãy dùng docx hoặc xlsx.`, 1);
      const file = await withServices(databaseUrl(opts.db), (services) => services.planExport.exportFile(SYSTEM_ACTOR, id, format));
      const out = opts.out ?? file.name;
      try {
        await writeFile(out, file.content);
      } catch (err) {
        throw new CliError(`Không ghi được tệp «${out}»: ${(err as Error).message}`, 1);
      }
      console.error(`Đã xuất kế hoạch ${id} ra «${out}» (${Math.round(file.content.length / 1024)} KB).`);
    });
}
