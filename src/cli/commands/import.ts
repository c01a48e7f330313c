import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { dimensionTitle } from '../../import/dimensions.js';
import type { DimensionKey, PlanDraft } from '../../import/draft.js';
import { readPlanFile } from '../../import/index.js';
import { SYSTEM_ACTOR } from '../../domain/accounts/actor.js';
import type { PlanService } from '../../services/plan-service.js';
import { CliError, databaseUrl, withServices } from '../context.js';

/** One Vietnamese paragraph on what a saved import did. */
function describeSaved({ plan, revision, preview }: Awaited<ReturnType<PlanService['import']>>): string {
  const assignments = preview.tasks.reduce((n, t) => n + t.assignments.length, 0);
  const lines = [
    `Đã lưu kế hoạch số ${plan.id} «${plan.title}»: thêm ${revision.added.length}, sửa ${revision.changed.length}, ` +
      `bỏ ${revision.retired.length}, giữ nguyên ${revision.unchanged} nhiệm vụ; ${assignments} phân công.`,
  ];
  if (preview.unmatched.length) {
    lines.push(`Tên đơn vị chưa khớp (${preview.unmatched.length}), cần rà soát trên giao diện:`);
    for (const u of preview.unmatched) lines.push(`  - «${u.text}» (${u.keys.join(', ')})${u.suggestions[0] ? ` — gợi ý: ${u.suggestions[0].name}` : ''}`);
  }
  if (preview.needsReview.length) lines.push(`Thời hạn cần rà soát: ${preview.needsReview.map((r) => r.key).join(', ')}`);
  return lines.join('\n');
}

const fmtDate = (iso: string) => iso.split('-').reverse().join('/');

/** A short Vietnamese summary of a draft: appendices, tasks per dimension, warnings. */
export function summarizeDraft(draft: PlanDraft): string {
  const p = draft.plan;
  const lines: string[] = [];
  lines.push(`Kế hoạch: ${p.title ?? '(không rõ tên)'}`);
  lines.push(
    `Số: ${p.number ?? '(chưa có số)'} · Ngày: ${p.date ? fmtDate(p.date) : p.year ? `năm ${p.year}` : '(không rõ)'} · ` +
      `Cơ quan ban hành: ${p.issuer ?? '(không rõ)'}`,
  );
  if (p.bases.length) lines.push(`Căn cứ: ${p.bases.length} văn bản`);
  let total = 0;
  for (const a of draft.appendices) {
    total += a.tasks.length;
    lines.push('');
    lines.push(
      `${a.label ? `Phụ lục ${a.label}` : 'Bảng nhiệm vụ'} (${fmtDate(a.window.from)}–${fmtDate(a.window.to)}): ${a.tasks.length} nhiệm vụ`,
    );
    if (a.title) lines.push(`  ${a.title}`);
    const counts = new Map<string, number>();
    for (const t of a.tasks) {
      const key = t.dimension ? dimensionTitle(t.dimension as DimensionKey) : t.section ? `Mục ${t.section} (không phải chỉ số PAPI)` : '(không thuộc mục nào)';
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [k, n] of counts) lines.push(`  - ${k}: ${n}`);
    const review = a.tasks.filter((t) => t.deadline.needsReview).length;
    if (review) lines.push(`  Thời hạn cần rà soát: ${review}`);
  }
  lines.push('');
  lines.push(`Tổng cộng: ${draft.appendices.length} phụ lục, ${total} nhiệm vụ.`);
  if (draft.warnings.length) {
    lines.push(`Cảnh báo (${draft.warnings.length}):`);
    for (const w of draft.warnings) lines.push(`  [${w.where || 'chung'}] ${w.message}`);
  } else lines.push('Không có cảnh báo.');
  return lines.join('\n');
}

export function importCommand(program: Command): void {
  program
    .command('import')
    .description('Đọc một văn bản kế hoạch (.docx, .xlsx, .txt, .tsv) / parse a plan document')
    .argument('<file>', 'tệp kế hoạch')
    .option('--db <url>', 'sqlite:ĐƯỜNG_DẪN hoặc postgres://…')
    .option('--dry-run', 'chỉ đọc và kiểm tra, không ghi gì vào cơ sở dữ liệu')
    .option('--plan <id>', 'cập nhật kế hoạch đã có (theo số hiệu nhiệm vụ) thay vì tạo mới', (v) => Number.parseInt(v, 10))
    .option('--issuer <code>', 'mã đơn vị ban hành khi văn bản không ghi rõ (ví dụ DH)')
    .option('--json', 'in bản nháp kế hoạch (PlanDraft, dondoc.plan/1) dạng JSON')
    .action(async (file: string, opts: { db?: string; dryRun?: boolean; json?: boolean; plan?: number; issuer?: string }) => {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(file));
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new CliError(
          code === 'ENOENT' ? `Không tìm thấy tệp «${file}».` : code === 'EISDIR' ? `«${file}» là một thư mục, không phải tệp.` : `Không đọc được tệp «${file}»: ${(err as Error).message}`,
          1,
        );
      }
      const draft = await readPlanFile(bytes, basename(file));
      if (!opts.dryRun) {
        const saved = await withServices(databaseUrl(opts.db), async (services) => {
          const issuer = opts.issuer ? (await services.units.list(SYSTEM_ACTOR)).find((u) => u.code === opts.issuer!.toUpperCase()) : undefined;
          if (opts.issuer && !issuer) throw new CliError(`Không có đơn vị mã «${opts.issuer}».`);
          return services.plans.import(SYSTEM_ACTOR, { bytes, name: basename(file) }, {
            ...(opts.plan !== undefined ? { planId: opts.plan } : {}),
            ...(issuer ? { issuerUnitId: issuer.id } : {}),
          });
        });
        if (opts.json) process.stdout.write(`${JSON.stringify(draft, null, 2)}\n`);
        else console.log(summarizeDraft(draft));
        console.error(describeSaved(saved));
        return;
      }
      if (opts.json) process.stdout.write(`${JSON.stringify(draft, null, 2)}\n`);
      else console.log(summarizeDraft(draft));
      console.error(`Chạy thử (--dry-run): đã đọc «${basename(file)}», không ghi gì vào cơ sở dữ liệu.`);
    });
}
