/**
 * The confirmation a contributor may ask for (giấy xác nhận đóng góp tự nguyện): the commune's header in
 * the Nghị định 30/2020 layout, who gave what (figures and words), the receipt number and date, and the
 * random verification code with the public address where anyone holding the paper can check it.
 * Two forms from the same data: a Word document and a printable HTML page (A5 by default, A4 fits too).
 */
import type * as Docx from 'docx';
import { formatVnd } from '../domain/campaigns/words.js';
import { formatDateVi } from '../domain/time.js';
import { loadDocx, RoundDocxParts } from './round-docx.js';

export interface ConfirmationDoc {
  unitName: string;
  parentUnitName: string | null;
  campaign: { purpose: string; startDate: string; endDate: string };
  contribution: { contributorName: string; village: string; kind: 'money' | 'in_kind'; amount: number; inKindDescription: string | null; date: string; receiptNo: string; code: string };
  amountInWords: string;
  issuedOn: string;
  /** The absolute URL of the public check. */
  verifyUrl: string;
  /** "Hòa Vinh" in "Hòa Vinh, ngày … tháng … năm …". */
  place: string | null;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
function dateLine(place: string | null, iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${place ? `${place}, ` : ''}ngày ${pad2(d)} tháng ${m <= 2 ? pad2(m) : m} năm ${y}`;
}

/** The lines of the body, shared by both forms so they never say different things. */
export function confirmationLines(c: ConfirmationDoc): Array<[string, string]> {
  const k = c.contribution;
  const lines: Array<[string, string]> = [
    ['Ông/Bà', k.contributorName],
    ['Thôn, khu phố', k.village],
    ['Cuộc vận động', c.campaign.purpose],
  ];
  if (k.kind === 'money') {
    lines.push(['Số tiền', `${formatVnd(k.amount)} đồng`], ['Bằng chữ', c.amountInWords]);
  } else {
    lines.push(['Hiện vật', k.inKindDescription ?? ''], ['Giá trị ước tính', `${formatVnd(k.amount)} đồng`], ['Bằng chữ', c.amountInWords]);
  }
  lines.push(['Ngày đóng góp', formatDateVi(k.date)], ['Số biên nhận', k.receiptNo], ['Mã xác minh', k.code]);
  return lines;
}

export async function confirmationToDocx(c: ConfirmationDoc): Promise<Uint8Array> {
  const d = await loadDocx();
  const p = new RoundDocxParts(d);
  const header = {
    plan: { number: null, title: '', issuedOn: c.issuedOn, year: null, periodFrom: c.issuedOn, periodTo: c.issuedOn, bases: [] },
    issuerName: c.unitName,
    parentIssuerName: c.parentUnitName,
    place: c.place,
    appendices: [],
  };
  const body: Array<Docx.Paragraph | Docx.Table> = [
    p.headerTable(header, `Số: ${c.contribution.receiptNo}`),
    p.centred('GIẤY XÁC NHẬN', { bold: true }, { before: 360 }),
    p.centred('Đóng góp tự nguyện', { bold: true }, { after: 240 }),
    p.para(`${c.unitName} xác nhận đã nhận khoản đóng góp tự nguyện sau:`),
  ];
  for (const [label, value] of confirmationLines(c)) body.push(p.para([p.run(`${label}: `, { bold: true }), p.run(value)]));
  body.push(
    p.para(`Khoản đóng góp được ghi vào sổ theo dõi các khoản đóng góp tự nguyện của ${c.unitName} và được công khai theo quy định.`, { before: 120 }),
    p.para([p.run('Kiểm tra giấy xác nhận này tại: ', { italics: true }), p.run(c.verifyUrl, { italics: true })]),
    p.centred(dateLine(c.place, c.issuedOn), { italics: true }, { before: 240 }),
    p.centred('TM. ỦY BAN NHÂN DÂN', { bold: true }),
    p.centred('', {}, { after: 1200 }),
  );
  return p.pack(`Giấy xác nhận đóng góp ${c.contribution.receiptNo}`, [p.portrait(body)]);
}

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** A self-contained page to print (no script): A5 portrait by default, readable on A4. */
export function confirmationToHtml(c: ConfirmationDoc): string {
  const rows = confirmationLines(c)
    .map(([label, value]) => `<tr><th scope="row">${esc(label)}</th><td>${esc(value)}</td></tr>`)
    .join('\n');
  const unit = c.unitName.replace(/^UBND\s+/i, '');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Giấy xác nhận đóng góp ${esc(c.contribution.receiptNo)}</title>
<style>
@page { size: A5 portrait; margin: 12mm 12mm 12mm 15mm; }
body { font-family: "Times New Roman", Times, serif; font-size: 13pt; color: #000; max-width: 148mm; margin: 1em auto; line-height: 1.35; }
.head { display: grid; grid-template-columns: 42% 58%; text-align: center; font-size: 11pt; }
.head strong { display: block; }
h1 { text-align: center; font-size: 15pt; margin: 1.2em 0 0; }
h2 { text-align: center; font-size: 13pt; margin: 0 0 1em; font-weight: bold; }
table { border-collapse: collapse; width: 100%; }
th { text-align: left; font-weight: bold; padding: 2px 8px 2px 0; vertical-align: top; width: 38%; }
td { padding: 2px 0; }
.code { font-family: "Courier New", monospace; font-size: 14pt; letter-spacing: 1px; }
.date { text-align: right; font-style: italic; margin-top: 1.2em; }
.sign { text-align: right; font-weight: bold; margin-right: 2em; min-height: 25mm; }
.verify { font-size: 11pt; font-style: italic; word-break: break-all; }
@media print { .noprint { display: none; } body { margin: 0; } }
</style></head>
<body>
<div class="head"><div>${c.parentUnitName ? `${esc(c.parentUnitName.toLocaleUpperCase('vi'))}<br>` : ''}<strong>ỦY BAN NHÂN DÂN<br>${esc(unit.toLocaleUpperCase('vi'))}</strong>Số: ${esc(c.contribution.receiptNo)}</div>
<div><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong><strong>Độc lập - Tự do - Hạnh phúc</strong></div></div>
<main>
<h1>GIẤY XÁC NHẬN</h1>
<h2>Đóng góp tự nguyện</h2>
<p>${esc(c.unitName)} xác nhận đã nhận khoản đóng góp tự nguyện sau:</p>
<table>
${rows.replace(`<td>${esc(c.contribution.code)}</td>`, `<td class="code">${esc(c.contribution.code)}</td>`)}
</table>
<p class="verify">Kiểm tra giấy xác nhận này tại: ${esc(c.verifyUrl)}</p>
<p class="date">${esc(dateLine(c.place, c.issuedOn))}</p>
<p class="sign">TM. ỦY BAN NHÂN DÂN</p>
</main>
<p class="noprint"><small>In trang này (Ctrl+P) trên khổ A5 hoặc A4.</small></p>
</body></html>
`;
}
