import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanDraft } from '../../src/import/draft.js';
import { readPlanFile } from '../../src/import/index.js';
import { readTextDocument } from '../../src/import/text-reader.js';
import { compareWithGold, SEED_TEXT } from '../support/seed-documents.js';

describe('importing the seed plan from its text layout', () => {
  let draft: PlanDraft;
  beforeAll(async () => {
    draft = await readPlanFile(new Uint8Array(readFileSync(SEED_TEXT)), 'ke-hoach-papi-dong-hoa-2021.txt');
  });

  it('reproduces all 104 gold tasks', () => {
    const { exact, total, differences } = compareWithGold(draft);
    expect(differences).toEqual([]);
    expect(total).toBe(104);
    expect(exact).toBe(104);
    expect(draft.appendices.map((a) => a.tasks.length)).toEqual([34, 70]);
  });

  it('reads the header: no number, year 2021, the issuer, the title and the "Thực hiện" basis', () => {
    expect(draft.format).toBe('dondoc.plan/1');
    expect(draft.plan.number).toBeNull();
    expect(draft.plan.date).toBeNull();
    expect(draft.plan.year).toBe(2021);
    expect(draft.plan.issuer).toBe('UBND thị xã Đông Hòa');
    expect(draft.plan.title).toMatch(/^Góp phần cải thiện, nâng cao Chỉ số Hiệu quả quản trị và Hành chính công \(PAPI\)/);
    expect(draft.plan.bases).toHaveLength(1);
    expect(draft.plan.bases[0]).toMatch(/^Quyết định số 915\/QĐ-UBND ngày 05\/7\/2021 của UBND tỉnh Phú Yên/);
    expect(draft.plan.period).toEqual({ from: '2021-01-01', to: '2025-12-31' });
  });

  it('finds two appendices with their titles and windows', () => {
    const [one, two] = draft.appendices;
    expect(one!.label).toBe('I');
    expect(one!.title).toMatch(/NĂM 2021$/);
    expect(one!.window).toEqual({ from: '2021-01-01', to: '2021-12-31' });
    expect(two!.label).toBe('II');
    expect(two!.title).toMatch(/GIAI ĐOẠN 2021-2025$/);
    expect(two!.window).toEqual({ from: '2021-01-01', to: '2025-12-31' });
    expect(two!.sections.map((s) => s.dimension)).toEqual([
      'participation', 'transparency', 'accountability', 'corruption_control',
      'admin_procedures', 'public_services', 'environment', 'e_governance',
    ]);
  });

  it('joins rows continued after a page break, cell by cell', () => {
    const t14 = draft.appendices[0]!.tasks.find((t) => t.no === '14')!;
    expect(t14.content).toBe('Thực hiện kê khai, công khai minh bạch tài sản, thu nhập cá nhân theo quy định');
    expect(t14.coordinating).toBe('Các cơ quan, đơn vị; UBND các xã, phường');
    expect(t14.deadline.text).toBe('Theo quy định');
    const t37 = draft.appendices[1]!.tasks.find((t) => t.no === '37')!;
    expect(t37.lead).toBe('Bộ phận một cửa UBND thị xã');
    expect(t37.coordinatingUnits[0]).toBe('Phòng Tài chính-Kế hoạch');
    expect(draft.appendices[1]!.tasks.find((t) => t.no === '42')!.deadline.text).toBe('Thường xuyên (2021-2025)');
  });

  it('keeps italics, splits parties and reads "A phối hợp B" in a lead cell', () => {
    const t8 = draft.appendices[0]!.tasks.find((t) => t.no === '8')!;
    expect(t8.content).toContain('<i>được ban hành kèm theo Quyết định số 21/2017/QĐ-UBND');
    const t20 = draft.appendices[0]!.tasks.find((t) => t.no === '20')!;
    expect(t20.leadUnits).toEqual(['Văn phòng HĐND&UBND thị xã']);
    expect(t20.coordinatingUnits).toEqual(['Phòng Nội vụ', 'Các cơ quan, đơn vị', 'UBND các xã, phường']);
    const t25 = draft.appendices[0]!.tasks.find((t) => t.no === '25')!;
    expect(t25.leadUnits).toEqual(['Phòng Quản lý đô thị', 'Phòng Kinh tế', 'Chi nhánh điện lực Đông Hòa', 'UBND các xã, phường']);
  });

  it('keeps the numbers as written, with the skips, and warns about them', () => {
    const numbers = draft.appendices[1]!.tasks.map((t) => t.no);
    expect(numbers.slice(numbers.indexOf('50'), numbers.indexOf('50') + 2)).toEqual(['50', '60']);
    expect(draft.warnings.some((w) => w.where === 'II/60' && /50/.test(w.message))).toBe(true);
    for (const w of draft.warnings) expect(w.message).toMatch(/[ăâđêôơưáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ]/i);
  });

  it('reads sub-groups written in the number column or in the content column alike', () => {
    const two = draft.appendices[1]!;
    expect(two.tasks.find((t) => t.no === '12')!.subgroup).toBe('Công khai ngân sách cấp xã');
    expect(two.tasks.find((t) => t.no === '8')!.subgroup).toBe('Công khai danh sách hộ nghèo');
    expect(two.tasks.find((t) => t.no === '20')!.subgroup).toBeNull();
  });

  it('reads a .tsv with quoted cells holding line breaks', async () => {
    const tsv = [
      'KẾ HOẠCH',
      'Cải thiện Chỉ số PAPI năm 2023',
      'STT\tNội dung\tChủ trì\tPhối hợp\tThời hạn',
      'I\tCông khai, minh bạch\t\t\t',
      '1\t"Công khai ngân sách\ncấp xã"\t"Phòng TC-KH;\nUBND các xã"\t\tHằng quý',
    ].join('\r\n');
    const doc = readTextDocument(new TextEncoder().encode(tsv), 'plan.tsv');
    expect(doc.blocks.filter((b) => b.kind === 'table')).toHaveLength(1);
    const d = await readPlanFile(new TextEncoder().encode(tsv), 'plan.tsv');
    const task = d.appendices[0]!.tasks[0]!;
    expect(task.content).toBe('Công khai ngân sách\ncấp xã');
    expect(task.leadUnits).toEqual(['Phòng TC-KH', 'UBND các xã']);
    expect(task.dimension).toBe('transparency');
    expect(d.appendices[0]!.window).toEqual({ from: '2023-01-01', to: '2023-12-31' });
  });
});
