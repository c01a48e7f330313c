/**
 * The apology letter for a late answer as a Word document in the Nghị định 30/2020 form of an official
 * letter, with the header and signature block of the round documents.
 */
import type { ApologyLetter } from '../domain/feedback/apology.js';
import type { PlanExportInput } from './plan-input.js';
import { loadDocx, RoundDocxParts } from './round-docx.js';

export interface ApologyDocInput {
  /** The issuing unit, place and date in the plan export's form (appendices empty). */
  header: PlanExportInput;
  code: string;
  letter: ApologyLetter;
}

export async function apologyToDocx(input: ApologyDocInput): Promise<Uint8Array> {
  const d = await loadDocx();
  const p = new RoundDocxParts(d);
  const body = [
    p.headerTable(input.header, 'Số:        /      ', `V/v xin lỗi vì trả lời chậm phản ánh, kiến nghị mã ${input.code}`),
    new d.Paragraph({
      alignment: d.AlignmentType.CENTER,
      spacing: { before: 360, after: 120 },
      children: [p.run('Kính gửi: '), p.run(input.letter.addressee)],
    }),
    ...input.letter.paragraphs.map((text) => p.para(text)),
    p.signature([`- ${input.letter.addressee};`, '- Lưu: VT.'], 'THỦ TRƯỞNG ĐƠN VỊ'),
  ];
  return p.pack(`Thư xin lỗi vì trả lời chậm ${input.code}`, [p.portrait(body)]);
}
