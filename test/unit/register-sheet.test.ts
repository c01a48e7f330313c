import { describe, expect, it } from 'vitest';
import { parseDossierStatus, parseProcessingDays, parseSheetDate, readProcedureSheet } from '../../src/import/register-sheet.js';
import { DomainError } from '../../src/domain/errors.js';

/** The pure readers of the desk's spreadsheets: cells as offices write them, and what is never guessed. */
describe('register sheets', () => {
  it('reads processing times as working days, and refuses months, hours and words', () => {
    expect(parseProcessingDays('05 ngày làm việc')).toBe(5);
    expect(parseProcessingDays('5')).toBe(5);
    expect(parseProcessingDays('Không quá 20 ngày làm việc kể từ ngày nhận đủ hồ sơ')).toBe(20);
    expect(parseProcessingDays('Trong ngày')).toBe(0);
    expect(parseProcessingDays('')).toBeNull();
    expect(parseProcessingDays('Không quy định')).toBeNull();
    expect(parseProcessingDays('03 tháng')).toBe('invalid');
    expect(parseProcessingDays('04 giờ')).toBe('invalid');
    expect(parseProcessingDays('ba ngày')).toBe('invalid');
    expect(parseProcessingDays('từ 3 đến 5 ngày')).toBe('invalid');
  });

  it('reads dates written the Vietnamese way or ISO, and refuses days that do not exist', () => {
    expect(parseSheetDate('15/10/2021')).toBe('2021-10-15');
    expect(parseSheetDate('5/1/2022')).toBe('2022-01-05');
    expect(parseSheetDate('15-10-2021')).toBe('2021-10-15');
    expect(parseSheetDate('2021-10-15')).toBe('2021-10-15');
    expect(parseSheetDate('29/02/2023')).toBeNull();
    expect(parseSheetDate('10/15/2021')).toBeNull();
    expect(parseSheetDate('hôm qua')).toBeNull();
  });

  it('reads the desk statuses with or without diacritics; "quá hạn" is in process (Dondoc derives overdue)', () => {
    expect(parseDossierStatus('Đã tiếp nhận')).toBe('received');
    expect(parseDossierStatus('')).toBe('received');
    expect(parseDossierStatus('dang xu ly')).toBe('processing');
    expect(parseDossierStatus('Quá hạn')).toBe('processing');
    expect(parseDossierStatus('Yêu cầu bổ sung')).toBe('supplement');
    expect(parseDossierStatus('Đã giải quyết')).toBe('resolved');
    expect(parseDossierStatus('ĐÃ TRẢ KẾT QUẢ')).toBe('returned');
    expect(parseDossierStatus('returned')).toBe('returned');
    expect(parseDossierStatus('Đang ngủ')).toBeNull();
  });

  it('finds the header below a title and keeps the columns apart ("Mã thủ tục" is the code, "Tên thủ tục" the name)', () => {
    const sheet = readProcedureSheet({
      headers: ['DANH MỤC THỦ TỤC HÀNH CHÍNH'],
      rows: [
        { line: 2, cells: ['Quyết định số 123/QĐ-UBND'] },
        { line: 3, cells: ['TT', 'Tên thủ tục', 'Mã thủ tục', 'Lĩnh vực', 'Mức phí', 'Cơ quan thực hiện'] },
        { line: 4, cells: ['1', 'Đăng ký khai sinh', '1.001193', 'Hộ tịch', 'Miễn', 'UBND cấp xã'] },
        { line: 5, cells: ['', '', '', '', '', ''] },
      ],
    });
    expect(sheet.rows).toEqual([{ line: 4, code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', processingDays: null, fee: 'Miễn' }]);
    expect(sheet.ignoredColumns).toEqual(['Cơ quan thực hiện']);
  });

  it('names a missing column in a 422 and refuses a sheet with a header but no rows', () => {
    const missing = () => readProcedureSheet({ headers: ['Mã thủ tục', 'Lĩnh vực'], rows: [{ line: 2, cells: ['1.1', 'Hộ tịch'] }] });
    expect(missing).toThrow(DomainError);
    expect(missing).toThrow(/Tệp thiếu cột «Tên thủ tục»/);
    expect(() => readProcedureSheet({ headers: ['Mã thủ tục', 'Tên thủ tục', 'Lĩnh vực'], rows: [] })).toThrow(/không có dòng thủ tục nào/);
  });
});
