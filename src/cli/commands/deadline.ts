import type { Command } from 'commander';
import { isIsoDate, parseDeadline, type Schedule, type Window } from '../../domain/schedule/index.js';
import { CliError } from '../context.js';

/**
 * `dondoc deadline --from YYYY-MM-DD --to YYYY-MM-DD [TEXT | --stdin]`: reads deadline texts and prints
 * one JSON object per text (PRODUCT.md §6). Pure computation: no database.
 */
export function deadlineJson(s: Schedule): string {
  return JSON.stringify({
    text: s.text,
    kind: s.kind,
    dues: s.dues.map((d) => d.date),
    end: s.end,
    count: s.count,
    trigger: s.trigger,
    summary: s.summary,
    needsReview: s.needsReview,
    explanations: s.dues.map((d) => d.explanation),
  });
}

function windowOf(opts: { from?: string; to?: string }): Window {
  if (!opts.from || !isIsoDate(opts.from)) {
    throw new CliError(
      opts.from
        ? `Ngày bắt đầu --from không hợp lệ: «${opts.from}». Hãy ghi dạng YYYY-MM-DD, ví dụ 2021-01-01.`
        : 'Thiếu ngày bắt đầu kỳ: --from YYYY-MM-DD (ví dụ --from 2021-01-01).',
    );
  }
  if (!opts.to || !isIsoDate(opts.to)) {
    throw new CliError(
      opts.to
        ? `Ngày kết thúc --to không hợp lệ: «${opts.to}». Hãy ghi dạng YYYY-MM-DD, ví dụ 2021-12-31.`
        : 'Thiếu ngày kết thúc kỳ: --to YYYY-MM-DD (ví dụ --to 2021-12-31).',
    );
  }
  if (opts.from > opts.to) throw new CliError(`Ngày bắt đầu ${opts.from} ở sau ngày kết thúc ${opts.to}.`);
  return { from: opts.from, to: opts.to };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export function deadlineCommand(program: Command): void {
  program
    .command('deadline [text...]')
    .description('Đọc thời hạn ghi bằng tiếng Việt thành các ngày đến hạn / parse Vietnamese deadline texts')
    .option('--from <date>', 'ngày đầu kỳ kế hoạch, YYYY-MM-DD')
    .option('--to <date>', 'ngày cuối kỳ kế hoạch, YYYY-MM-DD')
    .option('--stdin', 'đọc mỗi dòng của đầu vào chuẩn là một thời hạn')
    .action(async (words: string[], opts: { from?: string; to?: string; stdin?: boolean }) => {
      const window = windowOf(opts);
      let texts: string[];
      if (opts.stdin) {
        if (words.length > 0) throw new CliError('Dùng hoặc một thời hạn trên dòng lệnh, hoặc --stdin, không dùng cả hai.');
        texts = (await readStdin())
          .replace(/^\uFEFF/, '')
          .split(/\r?\n/)
          .filter((line) => line.trim() !== '');
      } else {
        if (words.length === 0) throw new CliError('Thiếu thời hạn cần đọc: ghi nó sau lệnh (trong dấu ngoặc kép) hoặc dùng --stdin.');
        texts = [words.join(' ')];
      }
      for (const text of texts) console.log(deadlineJson(parseDeadline(text, window)));
    });
}
