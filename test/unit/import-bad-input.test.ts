import { strToU8, zipSync } from 'fflate';
import fc from 'fast-check';
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { readPlanFile } from '../../src/import/index.js';
import { buildSeedDocx, buildSeedXlsx, SEED_TEXT } from '../support/seed-documents.js';

const read = (bytes: Uint8Array, name: string) => readPlanFile(bytes, name);

async function failure(bytes: Uint8Array, name: string): Promise<DomainError> {
  try {
    await read(bytes, name);
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  }
  throw new Error(`${name} was imported without an error`);
}

const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]/i;

async function docxWith(children: Array<Paragraph | Table>): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}
const tableOf = (rows: string[][]) =>
  new Table({ rows: rows.map((r) => new TableRow({ children: r.map((t) => new TableCell({ children: [new Paragraph(t)] })) })) });

let seedDocx: Uint8Array;
let seedXlsx: Uint8Array;
beforeAll(async () => {
  seedDocx = await buildSeedDocx();
  seedXlsx = await buildSeedXlsx();
});

describe('bad input gives a Vietnamese DomainError that says what is wrong', () => {
  it('an empty file', async () => {
    for (const name of ['a.txt', 'a.docx', 'a.xlsx', 'a']) {
      const err = await failure(new Uint8Array(0), name);
      expect(err.code).toBe('import.empty_file');
      expect(err.kind).toBe('validation');
      expect(err.message).toContain('rỗng');
    }
  });

  it('random bytes', async () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    for (const name of ['r.docx', 'r.xlsx', 'r.txt', 'r.bin']) {
      const err = await failure(bytes, name);
      expect(['import.corrupt_file', 'import.no_task_table']).toContain(err.code);
      expect(err.message).toMatch(VIETNAMESE);
    }
  });

  it('a truncated .docx and a truncated .xlsx', async () => {
    const docx = await failure(seedDocx.subarray(0, Math.floor(seedDocx.length / 2)), 'cut.docx');
    expect(docx.code).toBe('import.corrupt_file');
    expect(docx.message).toContain('cut.docx');
    expect(docx.message).toMatch(/hỏng|không đầy đủ/);
    const xlsx = await failure(seedXlsx.subarray(0, Math.floor(seedXlsx.length / 2)), 'cut.xlsx');
    expect(xlsx.code).toBe('import.corrupt_file');
    expect(xlsx.kind).toBe('unprocessable');
  });

  it('a .docx whose XML is broken', async () => {
    const bytes = zipSync({ 'word/document.xml': strToU8('<w:document><w:body><w:p></w:body>') });
    const err = await failure(bytes, 'broken.docx');
    expect(err.code).toBe('import.corrupt_file');
    expect(err.message).toContain('XML');
  });

  it('a .docx without a task table', async () => {
    const err = await failure(await docxWith([new Paragraph('KẾ HOẠCH'), new Paragraph('Một văn bản không có bảng nào.')]), 'letter.docx');
    expect(err.code).toBe('import.no_task_table');
    expect(err.message).toContain('không tìm thấy bảng nhiệm vụ');
    expect(err.message).toContain('không có bảng nào');
  });

  it('a table with unknown columns names the columns it has', async () => {
    const unknown = await failure(await docxWith([tableOf([['Họ tên', 'Ngày sinh', 'Quê quán'], ['Nguyễn Văn A', '1/1/1990', 'Phú Yên']])]), 'people.docx');
    expect(unknown.code).toBe('import.no_task_table');
    expect(unknown.message).toContain('Họ tên | Ngày sinh | Quê quán');
    const partial = await failure(await docxWith([tableOf([['STT', 'Nội dung', 'Ghi chú'], ['1', 'Việc gì đó', '']])]), 'partial.docx');
    expect(partial.code).toBe('import.missing_columns');
    expect(partial.message).toContain('«STT», «Nội dung», «Ghi chú»');
    expect(partial.message).toContain('Cơ quan chủ trì');
    expect(partial.details).toMatchObject({ found: ['STT', 'Nội dung', 'Ghi chú'] });
  });

  it('formats that are not supported say so', async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect((await failure(ole, 'old.doc')).message).toContain('97-2003');
    expect((await failure(strToU8('%PDF-1.7\n...'), 'plan.pdf')).message).toContain('PDF');
    expect((await failure(zipSync({ 'a.txt': strToU8('x') }), 'archive.zip')).code).toBe('import.unsupported_format');
    expect((await failure(strToU8('KẾ HOẠCH'), 'plan.docx')).code).toBe('import.corrupt_file');
  });

  it('a text file with binary content, and one that is not UTF-8', async () => {
    expect((await failure(new Uint8Array([0x4b, 0x48, 0, 0, 0x41]), 'bin.txt')).code).toBe('import.corrupt_file');
    expect((await failure(new Uint8Array([0x4b, 0xe2, 0x28, 0xa1, 0x41]), 'legacy.txt')).message).toContain('UTF-8');
  });

  it('a file larger than the limit', async () => {
    const err = await failure(new Uint8Array(21 * 1024 * 1024), 'big.docx');
    expect(err.code).toBe('import.file_too_large');
    expect(err.message).toContain('MB');
  });

  it('an .xlsx whose workbook has no task table', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Tổng hợp').addRow(['Đơn vị', 'Điểm']);
    const err = await failure(new Uint8Array(await wb.xlsx.writeBuffer()), 'scores.xlsx');
    expect(err.code).toBe('import.no_task_table');
  });
});

describe('fuzz: random and damaged files never crash a reader nor hang', () => {
  const withinTime = async (bytes: Uint8Array, name: string) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), 5_000)));
    try {
      const outcome = await Promise.race([
        read(bytes, name).then(
          () => 'ok' as const,
          (err: unknown) => (err instanceof DomainError ? ('domain-error' as const) : err),
        ),
        timeout,
      ]);
      return outcome;
    } finally {
      clearTimeout(timer);
    }
  };

  const names = fc.constantFrom('f.docx', 'f.xlsx', 'f.txt', 'f.tsv', 'f');
  const seedText = () => new Uint8Array(readFileSync(SEED_TEXT));

  it('random bytes, truncated and mutated seed files, random text: only DomainError, within 5 s each', async () => {
    const arbitrary = fc.oneof(
      fc.record({ kind: fc.constant('random' as const), bytes: fc.uint8Array({ maxLength: 4096 }), name: names }),
      fc.record({ kind: fc.constant('zip-head' as const), bytes: fc.uint8Array({ maxLength: 2048 }), name: names }),
      fc.record({ kind: fc.constant('cut' as const), which: fc.constantFrom('docx', 'xlsx', 'txt'), at: fc.double({ min: 0, max: 1, noNaN: true }), name: names }),
      fc.record({
        kind: fc.constant('mutate' as const),
        which: fc.constantFrom('docx', 'xlsx', 'txt'),
        flips: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
      }),
      fc.record({ kind: fc.constant('text' as const), text: fc.string({ maxLength: 2000, unit: 'grapheme' }), name: names }),
      fc.record({
        kind: fc.constant('rows' as const),
        rows: fc.array(fc.array(fc.constantFrom('', 'I', '1', 'STT', 'Nội dung', 'Chủ trì', 'Phối hợp', 'Thời hạn', 'phường', 'Quý I/2021', 'a'), { maxLength: 8 }), { maxLength: 30 }),
      }),
    );
    const source = (which: 'docx' | 'xlsx' | 'txt') => (which === 'docx' ? seedDocx : which === 'xlsx' ? seedXlsx : seedText());
    await fc.assert(
      fc.asyncProperty(arbitrary, async (input) => {
        let bytes: Uint8Array;
        let name: string;
        switch (input.kind) {
          case 'random':
            ({ bytes, name } = input);
            break;
          case 'zip-head':
            bytes = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...input.bytes]);
            name = input.name;
            break;
          case 'cut': {
            const full = source(input.which);
            bytes = full.subarray(0, Math.floor(full.length * input.at));
            name = input.name === 'f' ? `f.${input.which}` : input.name;
            break;
          }
          case 'mutate': {
            bytes = new Uint8Array(source(input.which));
            for (const [at, value] of input.flips) bytes[Math.min(bytes.length - 1, Math.floor(bytes.length * at))] = value;
            name = `f.${input.which}`;
            break;
          }
          case 'text':
            bytes = new TextEncoder().encode(input.text);
            name = input.name;
            break;
          case 'rows':
            bytes = new TextEncoder().encode(input.rows.map((r) => r.join('\t')).join('\n'));
            name = 'rows.txt';
            break;
        }
        const outcome = await withinTime(bytes, name);
        expect(outcome === 'ok' || outcome === 'domain-error').toBe(true);
      }),
      { numRuns: 200, seed: 20210705 },
    );
  }, 120_000);
});
