import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dondoc } from '../support/cli.js';
import { buildSeedDocx, compareWithGold, SEED_TEXT } from '../support/seed-documents.js';


const dir = mkdtempSync(join(tmpdir(), 'dondoc-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dondoc import', () => {
  it('--dry-run --json prints the PlanDraft of the seed and nothing else on stdout', async () => {
    const run = await dondoc('import', SEED_TEXT, '--dry-run', '--json');
    expect(run.code).toBe(0);
    const draft = JSON.parse(run.stdout); // the whole of stdout is one JSON document
    expect(draft.format).toBe('dondoc.plan/1');
    expect(draft.appendices.reduce((n: number, a: { tasks: unknown[] }) => n + a.tasks.length, 0)).toBe(104);
    expect(compareWithGold(draft).exact).toBe(104);
    expect(draft.plan).toMatchObject({ year: 2021, issuer: 'UBND thị xã Đông Hòa', number: null });
    // The project's deadline grammar is used: Appendix I task 1 is due on the 10th of each quarter's first month.
    expect(draft.appendices[0].tasks[0].deadline).toMatchObject({
      kind: 'recurring',
      dues: ['2021-01-10', '2021-04-10', '2021-07-10', '2021-10-10'],
    });
    expect(run.stderr).toContain('không ghi gì');
  });

  it('--dry-run without --json prints a Vietnamese summary', async () => {
    const docx = join(dir, 'ke-hoach.docx');
    writeFileSync(docx, await buildSeedDocx());
    const run = await dondoc('import', docx, '--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Phụ lục I (01/01/2021–31/12/2021): 34 nhiệm vụ');
    expect(run.stdout).toContain('Phụ lục II (01/01/2021–31/12/2025): 70 nhiệm vụ');
    expect(run.stdout).toContain('Quản trị điện tử: 12');
    expect(run.stdout).toContain('Cảnh báo');
  });

  it('without --dry-run saves the plan into the database, and refuses the same file twice', async () => {
    const db = `sqlite:${join(dir, 'import.sqlite')}`;
    expect((await dondoc('demo', '--db', db, '--password', 'P')).code).toBe(0);
    const copy = join(dir, 'ke-hoach-ban-sao.txt');
    writeFileSync(copy, readFileSync(SEED_TEXT, 'utf8').replace('Đông Hoà, ngày', 'Đông Hoà,  ngày'));
    const run = await dondoc('import', copy, '--db', db);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Đã lưu kế hoạch số \d+ .*thêm 104/);
    const again = await dondoc('import', copy, '--db', db);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('đã được nhập');
  });

  it('bad files exit non-zero with a Vietnamese message on stderr', async () => {
    const empty = join(dir, 'empty.docx');
    writeFileSync(empty, '');
    const a = await dondoc('import', empty, '--dry-run', '--json');
    expect(a.code).not.toBe(0);
    expect(a.stdout).toBe('');
    expect(a.stderr).toContain('rỗng');
    const cut = join(dir, 'cut.docx');
    const bytes = await buildSeedDocx();
    writeFileSync(cut, bytes.subarray(0, 5000));
    const b = await dondoc('import', cut, '--dry-run');
    expect(b.code).not.toBe(0);
    expect(b.stderr).toMatch(/Lỗi: .*cut\.docx.*hỏng/);
    const missing = await dondoc('import', join(dir, 'nope.txt'), '--dry-run');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('Không tìm thấy tệp');
  });
});
