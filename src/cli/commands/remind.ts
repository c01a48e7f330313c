import type { Command } from 'commander';
import { formatDateVi } from '../../domain/time.js';
import { CliError, databaseUrl, withServices } from '../context.js';

export function remindCommand(program: Command): void {
  program
    .command('remind')
    .description('Chạy một lượt nhắc hạn báo cáo: gửi thư và thông báo (mỗi sự kiện một lần) / run one reminder pass')
    .option('--db <url>', 'sqlite:ĐƯỜNG_DẪN hoặc postgres://…')
    .option('--now <iso>', 'coi như bây giờ là thời điểm này (ISO 8601, ví dụ 2021-09-27T08:00:00+07:00) / pretend it is this time')
    .addHelpText(
      'after',
      [
        '',
        'Cấu hình: SMTP_URL (ví dụ smtp://mail.example.vn:587), MAIL_FROM, PUBLIC_URL (địa chỉ trong thư);',
        'REMINDER_DAYS_BEFORE (mặc định 3,1), REMINDER_OVERDUE_EVERY_DAYS (3), REMINDER_OVERDUE_MAX (3).',
        'Chưa có SMTP_URL: thư nằm chờ trong hộp thư đi, thông báo trong ứng dụng vẫn được tạo.',
      ].join('\n'),
    )
    .action(async (opts: { db?: string; now?: string }) => {
      let now: Date | undefined;
      if (opts.now !== undefined) {
        now = new Date(opts.now);
        if (Number.isNaN(now.getTime())) throw new CliError(`Thời điểm --now không hợp lệ: "${opts.now}" (dùng ISO 8601, ví dụ 2021-09-27T08:00:00+07:00).`, 2);
      }
      const pass = await withServices(databaseUrl(opts.db), async (services) => {
        try {
          return await services.reminders.runOnce(now);
        } finally {
          services.mailer.close();
        }
      });
      if (!pass.ran) {
        console.log('Một tiến trình khác đang chạy lượt nhắc hạn; lần này bỏ qua.');
        return;
      }
      console.log(`Ngày ${formatDateVi(pass.today)}: ${pass.events.length} sự kiện nhắc hạn, ${pass.queued.length} thư mới vào hộp thư đi, ${pass.notified} thông báo mới.`);
      for (const s of pass.sent) console.log(`  đã gửi  ${s.recipient}  «${s.subject}»`);
      for (const f of pass.failed) console.log(`  LỖI     ${f.recipient}  «${f.subject}»: ${f.error}`);
      if (pass.pending > 0) console.log(`Còn ${pass.pending} thư chờ gửi${pendingHint(pass.sent.length, pass.failed.length)}.`);
      if (pass.failed.length > 0) process.exitCode = 1;
    });
}

function pendingHint(sent: number, failed: number): string {
  return sent === 0 && failed === 0 ? ' (chưa cấu hình SMTP_URL?)' : ' (sẽ thử lại ở lượt sau)';
}
