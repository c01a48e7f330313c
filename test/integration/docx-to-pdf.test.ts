import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { sqliteEngine } from '../support/engines.js';
import { movableClock, runReportingCycle, type Cycle } from '../support/reporting-cycle.js';

/**
 * The round's Word documents open in LibreOffice: the consolidated report and the urging letter of a
 * round that went through the whole cycle convert to PDF with `soffice --headless`, and the PDF's text
 * (pdftotext, when poppler-utils is installed) holds the unit names with their Vietnamese diacritics.
 * Runs only where `soffice` is on the PATH (apt-get install libreoffice-writer-nogui poppler-utils).
 */
function which(command: string): string | null {
  try {
    return execFileSync('which', [command], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}
const soffice = which('soffice');
const pdftotext = which('pdftotext');
const pdfinfo = which('pdfinfo');

describe.runIf(soffice)('the round documents convert to PDF with LibreOffice', () => {
  const clock = movableClock('2021-09-01T02:00:00Z');
  let t: TestApp;
  let cycle: Cycle;
  let dir: string;
  const pdfs = new Map<string, Buffer>();

  beforeAll(async () => {
    t = await createTestApp(sqliteEngine, { clock });
    cycle = await runReportingCycle(t, clock);
    const noivu = await cycle.as('noivu');
    dir = mkdtempSync(join(tmpdir(), 'dondoc-pdf-'));
    const files: string[] = [];
    for (const [doc, name] of [
      ['consolidated.docx', 'bao-cao-tong-hop.docx'],
      ['urging.docx', 'van-ban-don-doc.docx'],
    ] as const) {
      const res = await noivu.get(`/api/v1/rounds/${cycle.roundId}/${doc}`);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      writeFileSync(join(dir, name), res.rawPayload);
      files.push(join(dir, name));
    }
    // A throw-away profile, so conversions running at the same time do not share (and lock) one.
    const profile = pathToFileURL(join(dir, 'profile')).href;
    execFileSync(soffice!, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files], {
      timeout: 110_000,
      stdio: 'pipe',
    });
    for (const f of files) {
      const pdf = f.replace(/\.docx$/, '.pdf');
      if (existsSync(pdf)) pdfs.set(f.slice(dir.length + 1), readFileSync(pdf));
    }
  }, 180_000);
  afterAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  /** Pages by pdfinfo when installed, else by counting the page objects. */
  function pages(name: string): number {
    if (pdfinfo) {
      const info = execFileSync(pdfinfo, [join(dir, name.replace(/\.docx$/, '.pdf'))], { encoding: 'utf8' });
      return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
    }
    return (pdfs.get(name)!.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  }
  /** The PDF's text, whitespace (line and cell breaks) collapsed. */
  const text = (name: string) =>
    execFileSync(pdftotext!, ['-enc', 'UTF-8', join(dir, name.replace(/\.docx$/, '.pdf')), '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');

  it('converts the consolidated report to a PDF of several pages', () => {
    const pdf = pdfs.get('bao-cao-tong-hop.docx');
    expect(pdf, 'bao-cao-tong-hop.pdf').toBeDefined();
    expect(pdf!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf!.subarray(-1024).toString('latin1')).toContain('%%EOF');
    // Portrait body and the landscape annex: at least two pages.
    expect(pages('bao-cao-tong-hop.docx')).toBeGreaterThanOrEqual(2);
  });

  it.runIf(pdftotext)('keeps the unit names, their submission and the headings, diacritics intact', () => {
    const s = text('bao-cao-tong-hop.docx');
    for (const u of [cycle.a, cycle.b, cycle.c, cycle.silent]) expect(s, u.unitName).toContain(u.unitName);
    expect(s).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(s).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(s).toContain('TÌNH HÌNH GỬI BÁO CÁO');
    expect(s).toContain(`Gửi chậm: 1 đơn vị: ${cycle.b.unitName}.`);
    expect(s).toContain('PHỤ LỤC');
    expect(s).toContain(cycle.firstResult.get(cycle.c.id)!);
  });

  it('converts the urging letter to a PDF', () => {
    const pdf = pdfs.get('van-ban-don-doc.docx');
    expect(pdf, 'van-ban-don-doc.pdf').toBeDefined();
    expect(pdf!.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pages('van-ban-don-doc.docx')).toBeGreaterThanOrEqual(1);
  });

  it.runIf(pdftotext)('the urging letter names the unit that never submitted and the late one', () => {
    const s = text('van-ban-don-doc.docx');
    expect(s).toContain('V/v đôn đốc báo cáo');
    expect(s).toContain(cycle.silent.unitName);
    expect(s).toContain(`${cycle.b.unitName}: gửi báo cáo chậm`);
    expect(s).not.toContain(cycle.a.unitName);
  });
});
