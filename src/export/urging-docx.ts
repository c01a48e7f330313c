/**
 * The urging letter of a round (văn bản đôn đốc) in the Nghị định 30/2020 form of an official letter
 * (công văn): "Số: …/PNV-…", "V/v đôn đốc báo cáo …" under the number, "Kính gửi:" the units that are
 * late or have not reported, and for each its overdue tasks; "Nơi nhận:" and the signature block.
 */
import type * as Docx from 'docx';
import { formatVi } from '../domain/schedule/calendar.js';
import { loadDocx, RoundDocxParts, type RoundDocInput } from './round-docx.js';

export async function urgingToDocx(input: RoundDocInput): Promise<Uint8Array> {
  const d = await loadDocx();
  const p = new RoundDocxParts(d);
  const r = input.rollup;
  // The issuer does not urge itself.
  const targets = r.units.filter((u) => (u.submission === 'late' || u.submission === 'missing') && u.unitName !== input.issuerName);
  const body: Array<Docx.Paragraph | Docx.Table> = [
    p.headerTable(input.header, `Số:        /${input.issuerCode}-      `, `V/v đôn đốc báo cáo kết quả thực hiện Kế hoạch ${input.roundLabel}`),
  ];
  // "Kính gửi:" with one recipient on its line; several recipients one per line, "- …;".
  if (targets.length <= 1) {
    body.push(
      new d.Paragraph({
        alignment: d.AlignmentType.CENTER,
        spacing: { before: 360, after: 120 },
        children: [p.run('Kính gửi: '), p.run(targets[0]?.unitName ?? 'Các cơ quan, đơn vị')],
      }),
    );
  } else {
    body.push(new d.Paragraph({ indent: { left: 2268 }, spacing: { before: 360 }, children: [p.run('Kính gửi:')] }));
    targets.forEach((u, i) =>
      body.push(new d.Paragraph({ indent: { left: 3402 }, spacing: { after: i === targets.length - 1 ? 120 : 0 }, children: [p.run(`- ${u.unitName}${i === targets.length - 1 ? '.' : ';'}`)] })),
    );
  }
  body.push(
    p.para(
      `Thực hiện ${input.planReference}, hạn gửi báo cáo kết quả thực hiện ${input.roundLabel} là ngày ${formatVi(input.submissionDeadline)}. ` +
        `Đến nay, ${input.issuerName} nhận thấy các cơ quan, đơn vị sau chưa gửi báo cáo, gửi chậm hoặc còn nhiệm vụ quá hạn:`,
    ),
  );
  targets.forEach((u, i) => {
    const state = u.submission === 'missing' ? 'chưa gửi báo cáo' : 'gửi báo cáo chậm';
    body.push(p.heading(`${i + 1}. ${u.unitName}: ${state}${u.overdueTasks.length ? `; ${u.overdueTasks.length} nhiệm vụ quá hạn` : ''}.`));
    for (const t of u.overdueTasks) {
      const content = t.content.replace(/<\/?i>/g, '').replace(/\s+/g, ' ').trim();
      body.push(p.para(`- Nhiệm vụ ${t.no}: ${content}${t.due ? ` (hạn ${formatVi(t.due)}, quá hạn ${t.daysOverdue} ngày)` : ''}.`));
    }
  });
  if (!targets.length) body.push(p.para('Không có cơ quan, đơn vị nào chậm hoặc chưa gửi báo cáo.'));
  body.push(
    p.para(
      `${input.issuerName} đề nghị các cơ quan, đơn vị nêu trên khẩn trương thực hiện các nhiệm vụ quá hạn và gửi báo cáo về ${input.issuerName} ` +
        'trong thời gian sớm nhất để tổng hợp, báo cáo theo quy định./.',
    ),
  );
  body.push(p.signature(['- Như trên;', '- UBND thị xã (b/c);', `- Lưu: VT, ${input.issuerCode}.`], 'TRƯỞNG PHÒNG'));
  return p.pack(`Đôn đốc báo cáo ${input.roundLabel}`, [p.portrait(body)]);
}
