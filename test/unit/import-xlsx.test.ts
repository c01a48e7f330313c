import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanDraft } from '../../src/import/draft.js';
import { readPlanFile } from '../../src/import/index.js';
import { buildSeedXlsx, compareWithGold } from '../support/seed-documents.js';

describe('importing an .xlsx made from the seed tables', () => {
  let draft: PlanDraft;
  beforeAll(async () => {
    draft = await readPlanFile(await buildSeedXlsx(), 'ke-hoach.xlsx');
  });

  it('reproduces the same 104 tasks (merged header, section and sub-group rows, lead cells merged down)', () => {
    const { exact, total, differences } = compareWithGold(draft);
    expect(differences).toEqual([]);
    expect(exact).toBe(total);
    expect(total).toBe(104);
  });

  it('takes each appendix and its window from the title rows of its sheet', () => {
    expect(draft.source.format).toBe('xlsx');
    expect(draft.appendices.map((a) => [a.label, a.window.from, a.window.to])).toEqual([
      ['I', '2021-01-01', '2021-12-31'],
      ['II', '2021-01-01', '2025-12-31'],
    ]);
  });

  it('gives every task of a vertically merged lead cell its lead', () => {
    const two = draft.appendices[1]!;
    for (const no of ['61', '62', '63']) expect(two.tasks.find((t) => t.no === no)!.leadUnits).toEqual(['Công an thị xã']);
  });

  it('finds columns in any order, with synonyms, and names an appendix from the sheet name', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Phụ lục 2');
    ws.addRow(['Thời gian thực hiện', 'Nội dung công việc', 'TT', 'Đơn vị phối hợp', 'Đơn vị chủ trì', 'Kinh phí']);
    ws.addRow([null, 'Kiểm soát tham nhũng', 'A', null, null, null]);
    ws.addRow(['Năm 2024', 'Kê khai tài sản', '1.', 'Các phòng', 'Thanh tra huyện', '10 triệu']);
    const d = await readPlanFile(new Uint8Array(await wb.xlsx.writeBuffer()), 'x.xlsx');
    const a = d.appendices[0]!;
    expect(a.label).toBe('2');
    expect(a.tasks).toHaveLength(1);
    expect(a.tasks[0]).toMatchObject({
      no: '1', section: 'A', dimension: 'corruption_control', content: 'Kê khai tài sản',
      lead: 'Thanh tra huyện', coordinating: 'Các phòng', notes: { 'Kinh phí': '10 triệu' },
    });
    expect(a.tasks[0]!.deadline.text).toBe('Năm 2024');
  });

  it('warns about an unknown column, a row without a number, a missing deadline and a section that is no PAPI dimension', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('KH');
    ws.addRow(['KẾ HOẠCH']);
    ws.addRow(['Cải cách hành chính năm 2024']);
    ws.addRow(['STT', 'Nội dung', 'Chủ trì', 'Thời hạn', 'Phương án dự phòng']);
    ws.addRow(['I', 'Nhiệm vụ chung', null, null, null]);
    ws.addRow([1, 'Rà soát quy chế làm việc', 'Văn phòng', 'Quý I/2024', 'Không']);
    ws.addRow([null, 'Tổ chức hội nghị sơ kết', 'Phòng Nội vụ', 'Quý II/2024', null]);
    ws.addRow([2, 'Báo cáo kết quả', 'Phòng Nội vụ', null, null]);
    const d = await readPlanFile(new Uint8Array(await wb.xlsx.writeBuffer()), 'w.xlsx');
    const tasks = d.appendices[0]!.tasks;
    expect(tasks.map((t) => t.no)).toEqual(['1', null, '2']);
    expect(tasks[0]!.notes).toEqual({ 'Phương án dự phòng': 'Không' });
    const messages = d.warnings.map((w) => `${w.where}: ${w.message}`);
    expect(messages).toContain(': Cột «Phương án dự phòng» không thuộc các cột đã biết; nội dung của cột được giữ trong ghi chú của nhiệm vụ.');
    expect(messages.some((m) => m.startsWith('?: Dòng «Tổ chức hội nghị sơ kết') && m.includes('không có số thứ tự'))).toBe(true);
    expect(messages).toContain('2: Nhiệm vụ không có thời gian hoàn thành.');
    expect(messages.some((m) => m.includes('«Nhiệm vụ chung» không ứng với chỉ số nội dung PAPI nào'))).toBe(true);
    expect(tasks[0]).toMatchObject({ section: 'I', dimension: null });
    expect(tasks[2]!.deadline).toMatchObject({ text: '', kind: 'unspecified', needsReview: true });
  });
});
