import { describe, expect, it } from 'vitest';
import { parseDeadline, type ScheduleKind, type Window } from '../../src/domain/schedule/index.js';

/**
 * The families of deadline texts Vietnamese plans use, each with several real-looking variants —
 * from the seed and from other provinces' plans (Quảng Trị, Khánh Hòa, Kon Tum, Đắk Lắk…).
 * Window: the year 2021 unless a case says otherwise.
 */
const Y2021: Window = { from: '2021-01-01', to: '2021-12-31' };
const Y2022: Window = { from: '2022-01-01', to: '2022-12-31' };
const Y2024: Window = { from: '2024-01-01', to: '2024-12-31' };
const P2125: Window = { from: '2021-01-01', to: '2025-12-31' };

interface Case {
  text: string;
  window?: Window;
  kind: ScheduleKind;
  dues?: string[];
  first?: string;
  last?: string;
  n?: number;
  end?: string | null;
  count?: number | null;
  trigger?: string | null;
  review?: boolean;
}

const quarterEnds = (y: number) => [`${y}-03-31`, `${y}-06-30`, `${y}-09-30`, `${y}-12-31`];
const monthly = (y: number, day: number) =>
  Array.from({ length: 12 }, (_, i) => `${y}-${String(i + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`);

const families: Record<string, Case[]> = {
  'explicit dates': [
    { text: 'Trước ngày 31/12/2022', window: Y2022, kind: 'once', dues: ['2022-12-30'] },
    { text: 'trước ngày 15/8/2021', kind: 'once', dues: ['2021-08-14'] },
    { text: 'Chậm nhất ngày 15/8/2021', kind: 'once', dues: ['2021-08-15'] },
    { text: 'Chậm nhất là ngày 30/9/2021', kind: 'once', dues: ['2021-09-30'] },
    { text: 'Hoàn thành trong ngày 15/8/2021', kind: 'once', dues: ['2021-08-15'] },
    { text: 'ngày 15 tháng 8 năm 2021', kind: 'once', dues: ['2021-08-15'] },
    { text: 'Trước ngày 30 tháng 6 năm 2022', window: Y2022, kind: 'once', dues: ['2022-06-29'] },
    { text: '15-8-2021', kind: 'once', dues: ['2021-08-15'] },
    { text: '15.8.2021', kind: 'once', dues: ['2021-08-15'] },
    { text: 'Trước  ngày   15 / 8 / 2021', kind: 'once', dues: ['2021-08-14'] },
    { text: 'Hạn chót 20/10/2021', kind: 'once', dues: ['2021-10-20'] },
    { text: 'Trước 01/01/2022', kind: 'once', dues: ['2021-12-31'] },
    { text: 'Trước ngày 01/3/2024', window: Y2024, kind: 'once', dues: ['2024-02-29'] },
    { text: 'Ngày 15/8 và 30/9/2021', kind: 'once', dues: ['2021-08-15', '2021-09-30'] },
    { text: 'Từ ngày 01/8/2021 đến ngày 30/9/2021', kind: 'once', dues: ['2021-09-30'], end: '2021-09-30' },
    { text: '2021-08-15', kind: 'once', dues: ['2021-08-15'] },
  ],
  months: [
    { text: 'tháng 8/2021', kind: 'once', dues: ['2021-08-31'] },
    { text: 'Hoàn thành trong tháng 10/2021', kind: 'once', dues: ['2021-10-31'] },
    { text: 'Tháng 9, tháng 12 năm 2021', kind: 'once', dues: ['2021-09-30', '2021-12-31'] },
    { text: 'Trong tháng 02/2024', window: Y2024, kind: 'once', dues: ['2024-02-29'] },
    { text: 'Tháng 9-10/2021', kind: 'once', dues: ['2021-10-31'], end: '2021-10-31' },
    { text: 'Trước tháng 10/2021', kind: 'once', dues: ['2021-09-30'] },
    { text: 'Tháng 4, 5/2022', window: Y2022, kind: 'once', dues: ['2022-04-30', '2022-05-31'] },
    { text: '08/2021', kind: 'once', dues: ['2021-08-31'] },
    { text: 'T8/2021', kind: 'once', dues: ['2021-08-31'] },
    { text: 'Tháng 10/2021 đến tháng 12/2021', kind: 'once', dues: ['2021-12-31'], end: '2021-12-31' },
    { text: 'Trong tháng 8', kind: 'once', dues: ['2021-08-31'] },
  ],
  quarters: [
    { text: 'Quý III/2021', kind: 'once', dues: ['2021-09-30'] },
    { text: 'Quý 2 năm 2022', window: Y2022, kind: 'once', dues: ['2022-06-30'] },
    { text: 'quý 3/2021', kind: 'once', dues: ['2021-09-30'] },
    { text: 'Q3/2021', kind: 'once', dues: ['2021-09-30'] },
    { text: 'Quý II - III/2022', window: Y2022, kind: 'once', dues: ['2022-09-30'], end: '2022-09-30' },
    { text: 'Quý III, IV/2021', kind: 'once', dues: ['2021-09-30', '2021-12-31'] },
    { text: 'Quý III và quý IV năm 2021', kind: 'once', dues: ['2021-09-30', '2021-12-31'] },
    { text: 'Trước quý IV/2021', kind: 'once', dues: ['2021-09-30'] },
    { text: 'Chậm nhất cuối quý III/2021', kind: 'once', dues: ['2021-09-30'] },
    { text: 'Tháng cuối quý III/2021', kind: 'once', dues: ['2021-09-30'] },
    { text: 'tháng đầu quý IV/2021', kind: 'once', dues: ['2021-10-31'] },
    { text: 'Quý I/2022; Quý III/2022', window: Y2022, kind: 'once', dues: ['2022-03-31', '2022-09-30'] },
  ],
  halves: [
    { text: '6 tháng đầu năm 2022', window: Y2022, kind: 'once', dues: ['2022-06-30'] },
    { text: '6 tháng cuối năm 2021', kind: 'once', dues: ['2021-12-31'] },
    { text: '6 tháng đầu năm', kind: 'once', dues: ['2021-06-30'] },
    { text: 'Sáu tháng cuối năm 2022', window: Y2022, kind: 'once', dues: ['2022-12-31'] },
    { text: 'Nửa đầu năm 2021', kind: 'once', dues: ['2021-06-30'] },
    { text: '9 tháng đầu năm 2021', kind: 'once', dues: ['2021-09-30'] },
  ],
  years: [
    { text: 'Năm 2021', kind: 'once', dues: ['2021-12-31'] },
    { text: 'Trong năm 2022', window: P2125, kind: 'once', dues: ['2022-12-31'] },
    { text: 'Cuối năm 2021', kind: 'once', dues: ['2021-12-31'] },
    { text: 'Trước năm 2022', kind: 'once', dues: ['2021-12-31'] },
    { text: 'Năm 2022, 2023', window: P2125, kind: 'once', dues: ['2022-12-31', '2023-12-31'] },
    { text: '2022', window: P2125, kind: 'once', dues: ['2022-12-31'] },
    { text: 'Hoàn thành trước năm 2025', window: P2125, kind: 'once', dues: ['2024-12-31'] },
  ],
  'every month': [
    { text: 'Hằng tháng', kind: 'recurring', n: 12, first: '2021-01-31', last: '2021-12-31' },
    { text: 'Trước ngày 20 hằng tháng', kind: 'recurring', dues: monthly(2021, 19) },
    { text: 'trước ngày 20 hàng tháng', kind: 'recurring', dues: monthly(2021, 19) },
    { text: 'Ngày 25 hằng tháng', kind: 'recurring', dues: monthly(2021, 25) },
    { text: 'Chậm nhất ngày 5 tháng sau', kind: 'recurring', dues: monthly(2021, 5).slice(1) }, // January's report is due in February
    { text: 'Ngày 31 hằng tháng', kind: 'recurring', n: 12, first: '2021-01-31' },
  ],
  'every quarter': [
    { text: 'Định kỳ hàng quý', kind: 'recurring', dues: quarterEnds(2021) },
    { text: 'Hằng quý', kind: 'recurring', dues: quarterEnds(2021) },
    { text: 'Báo cáo mỗi quý', kind: 'recurring', dues: quarterEnds(2021) },
    { text: 'Định kỳ 3 tháng', kind: 'recurring', dues: quarterEnds(2021) },
    { text: 'Ban hành Kế hoạch chậm nhất ngày 10 của tháng đầu quý', kind: 'recurring', dues: ['2021-01-10', '2021-04-10', '2021-07-10', '2021-10-10'] },
    { text: 'Chậm nhất ngày 25 tháng cuối quý', kind: 'recurring', dues: ['2021-03-25', '2021-06-25', '2021-09-25', '2021-12-25'] },
    { text: 'Trước ngày 15 tháng cuối quý', kind: 'recurring', dues: ['2021-03-14', '2021-06-14', '2021-09-14', '2021-12-14'] },
    { text: 'Tháng đầu quý', kind: 'recurring', dues: ['2021-01-31', '2021-04-30', '2021-07-31', '2021-10-31'] },
    { text: 'Tháng cuối quý', kind: 'recurring', dues: quarterEnds(2021) },
    { text: 'Báo cáo quý trước ngày 10 tháng đầu quý sau', kind: 'recurring', dues: ['2021-04-09', '2021-07-09', '2021-10-09'] },
    { text: 'Quý I hàng năm (2021-2025)', window: P2125, kind: 'recurring', dues: ['2021-03-31', '2022-03-31', '2023-03-31', '2024-03-31', '2025-03-31'] },
  ],
  'every half year': [
    { text: 'Định kỳ 6 tháng', kind: 'recurring', dues: ['2021-06-30', '2021-12-31'] },
    { text: '6 tháng/lần', kind: 'recurring', dues: ['2021-06-30', '2021-12-31'] },
    { text: '6 tháng một lần', kind: 'recurring', dues: ['2021-06-30', '2021-12-31'] },
    { text: 'Định kỳ 6 tháng, hằng năm', kind: 'recurring', dues: ['2021-06-30', '2021-12-31'] },
    { text: 'Báo cáo định kỳ quý, 6 tháng, năm', kind: 'recurring', dues: quarterEnds(2021) },
  ],
  'every year': [
    { text: 'Hằng năm', window: P2125, kind: 'recurring', dues: ['2021-12-31', '2022-12-31', '2023-12-31', '2024-12-31', '2025-12-31'] },
    { text: 'Hàng năm theo quy định', window: P2125, kind: 'recurring', n: 5, last: '2025-12-31' },
    { text: 'trước 30/6 hằng năm', window: P2125, kind: 'recurring', dues: ['2021-06-29', '2022-06-29', '2023-06-29', '2024-06-29', '2025-06-29'] },
    { text: 'Hằng năm, trước ngày 15/12', window: P2125, kind: 'recurring', n: 5, first: '2021-12-14', last: '2025-12-14' },
    { text: 'Tháng 12 hằng năm', window: P2125, kind: 'recurring', n: 5, first: '2021-12-31' },
    { text: 'Quý IV hằng năm', window: P2125, kind: 'recurring', n: 5, first: '2021-12-31' },
    { text: 'Ngày 15/12 hằng năm', window: P2125, kind: 'recurring', n: 5, first: '2021-12-15' },
    { text: 'Năm 2022 và các năm tiếp theo', window: P2125, kind: 'recurring', dues: ['2022-12-31', '2023-12-31', '2024-12-31', '2025-12-31'] },
    { text: 'Trước 20/6 và 20/12 hằng năm', kind: 'recurring', dues: ['2021-06-19', '2021-12-19'] },
    { text: 'Tháng 6 và tháng 12 hằng năm', kind: 'recurring', dues: ['2021-06-30', '2021-12-31'] },
    { text: 'Báo cáo 6 tháng đầu năm và hằng năm', kind: 'recurring', dues: ['2021-06-30', '2021-12-31'] },
    { text: 'Tháng 12 năm 2022 - 2025', window: P2125, kind: 'recurring', dues: ['2022-12-31', '2023-12-31', '2024-12-31', '2025-12-31'], end: '2025-12-31' },
    { text: '02 lần/năm', kind: 'recurring', dues: ['2021-12-31'], count: 2 },
    { text: 'Mỗi năm ít nhất 01 lần', window: P2125, kind: 'recurring', n: 5, count: 1 },
    { text: 'Tối thiểu 02 cuộc/năm', kind: 'recurring', dues: ['2021-12-31'], count: 2 },
    { text: '6 tháng, năm', kind: 'recurring', dues: ['2021-06-30', '2021-12-31'] },
    { text: 'Định kỳ: Quý, 6 tháng, năm', kind: 'recurring', dues: quarterEnds(2021) },
    { text: 'Hằng năm, trước ngày 15/01 năm sau', window: P2125, kind: 'recurring', dues: ['2022-01-14', '2023-01-14', '2024-01-14', '2025-01-14'] },
    { text: 'Quý II/2022 và các năm tiếp theo', window: P2125, kind: 'recurring', dues: ['2022-06-30', '2023-06-30', '2024-06-30', '2025-06-30'] },
    { text: 'Báo cáo định kỳ hằng quý (trước ngày 15/3, 15/6, 15/9, 15/12)', kind: 'recurring', dues: ['2021-03-14', '2021-06-14', '2021-09-14', '2021-12-14'] },
    { text: 'Định kỳ 6 tháng (trước 15/6 và 15/12)', kind: 'recurring', dues: ['2021-06-14', '2021-12-14'] },
    { text: 'Hàng năm, tổ chức vào dịp 30/4', window: P2125, kind: 'recurring', n: 5, first: '2021-04-30' },
  ],
  'every week': [
    { text: 'Thứ Năm hằng tuần', window: { from: '2021-01-01', to: '2021-01-31' }, kind: 'recurring', dues: ['2021-01-07', '2021-01-14', '2021-01-21', '2021-01-28'] },
    { text: 'Hằng tuần', window: { from: '2021-01-01', to: '2021-01-31' }, kind: 'recurring', dues: ['2021-01-03', '2021-01-10', '2021-01-17', '2021-01-24', '2021-01-31'] },
  ],
  'ranges and continuous work': [
    { text: '2021-2025', window: P2125, kind: 'continuous', dues: [], end: '2025-12-31' },
    { text: 'Giai đoạn 2021 - 2025', window: P2125, kind: 'continuous', end: '2025-12-31' },
    { text: 'giai doan 2021-2025', window: P2125, kind: 'continuous', end: '2025-12-31' },
    { text: 'Từ năm 2021 đến năm 2025', window: P2125, kind: 'continuous', end: '2025-12-31' },
    { text: 'Năm 2021-2022', window: P2125, kind: 'continuous', end: '2022-12-31' },
    { text: 'Đến năm 2025', window: P2125, kind: 'continuous', end: '2025-12-31' },
    { text: 'Thực hiện liên tục đến năm 2025', window: P2125, kind: 'continuous', end: '2025-12-31' },
    { text: 'Thường xuyên', kind: 'continuous', dues: [], end: null },
    { text: 'Liên tục', kind: 'continuous', end: null },
    { text: 'Thường xuyên, liên tục', kind: 'continuous', end: null },
    { text: 'Thường xuyên (2021- 2025)', window: P2125, kind: 'continuous', end: '2025-12-31' },
    { text: 'Hằng ngày', kind: 'continuous' },
    { text: 'Cả năm 2022', window: P2125, kind: 'continuous', end: '2022-12-31' },
    { text: 'Từ năm 2022', window: P2125, kind: 'continuous', end: null },
    { text: 'Kiểm soát khí thải thường xuyên', kind: 'continuous' },
    { text: 'Hoàn thành trong giai đoạn 2021-2025', window: P2125, kind: 'once', dues: ['2025-12-31'], end: '2025-12-31' },
  ],
  events: [
    { text: 'Sau khi UBND tỉnh phê duyệt', kind: 'event', trigger: 'sau khi UBND tỉnh phê duyệt' },
    { text: 'Ngay khi có Quyết định công bố TTHC', kind: 'event', trigger: 'khi có Quyết định công bố TTHC' },
    { text: 'Khi có yêu cầu', kind: 'event', trigger: 'khi có yêu cầu' },
    { text: 'Ngay sau khi được UBND thị xã phê duyệt', kind: 'event', trigger: 'sau khi được UBND thị xã phê duyệt' },
    { text: 'Đột xuất', kind: 'event', trigger: 'đột xuất' },
    { text: 'Khi phát sinh', kind: 'event', trigger: 'khi phát sinh' },
    { text: 'sau khi co van ban huong dan cua So Noi vu', kind: 'event', trigger: 'sau khi co van ban huong dan cua So Noi vu' },
    { text: 'Sau khi có kết luận của cơ quan có thẩm quyền (2021-2025)', window: P2125, kind: 'event', end: '2025-12-31' },
    { text: 'Trong vòng 15 ngày làm việc kể từ ngày nhận được đơn', kind: 'event', trigger: 'kể từ ngày nhận được đơn' },
  ],
  'dates set by a coordinator': [
    { text: 'Theo kế hoạch', kind: 'unspecified', review: false },
    { text: 'Theo quy định', kind: 'unspecified', review: false },
    { text: 'Theo nhiệm kỳ', kind: 'unspecified', review: false },
    { text: 'Theo chỉ đạo của UBND tỉnh', kind: 'unspecified', review: false },
    { text: 'Theo hướng dẫn của Sở Nội vụ', kind: 'unspecified', review: false },
    { text: 'Theo lộ trình của tỉnh', kind: 'unspecified', review: false },
    { text: 'Thực hiện theo quy định hiện hành', kind: 'unspecified', review: false },
    { text: 'Theo Kế hoạch số 123/KH-UBND ngày 10/5/2021 của UBND tỉnh', kind: 'unspecified', dues: [], review: false },
    { text: 'Theo kế hoạch (2021-2025)', window: P2125, kind: 'unspecified', end: '2025-12-31', review: false },
    { text: 'Định kỳ theo quy định', kind: 'unspecified', review: false },
  ],
  'compounds (milestones)': [
    { text: 'Ban hành Kế hoạch trong quý III/2021; kết luận kiểm tra trong quý IV/2021', kind: 'once', dues: ['2021-09-30', '2021-12-31'] },
    { text: 'Ban hành kế hoạch trong quý III/2021 và triển khai thực hiện theo Kế hoạch', kind: 'once', dues: ['2021-09-30'] },
    { text: 'Hoàn thành trước 30/6/2021, báo cáo kết quả trước 15/12/2021', kind: 'once', dues: ['2021-06-29', '2021-12-14'] },
    { text: 'Sau khi UBND tỉnh phê duyệt, chậm nhất Quý IV/2021', kind: 'once', dues: ['2021-12-31'], trigger: 'sau khi UBND tỉnh phê duyệt' },
    { text: 'Hoàn thành trong quý II, quý III', kind: 'once', last: '2021-09-30' },
    { text: 'Quý III/2021 và hằng quý', kind: 'recurring', dues: quarterEnds(2021) },
    { text: 'Thường xuyên; báo cáo định kỳ hằng quý', kind: 'recurring', dues: quarterEnds(2021) },
    { text: 'Khi có yêu cầu; định kỳ hằng năm', kind: 'recurring', dues: ['2021-12-31'], trigger: 'khi có yêu cầu' },
  ],
  counts: [
    { text: 'Kiểm tra ít nhất 02 đợt trong năm 2021', kind: 'once', dues: ['2021-12-31'], count: 2 },
    { text: 'Tổ chức 03 cuộc kiểm tra trong năm 2022', window: Y2022, kind: 'once', dues: ['2022-12-31'], count: 3 },
    { text: 'Cấp 100 thẻ trong quý III/2021', kind: 'once', dues: ['2021-09-30'] },
    { text: 'Báo cáo kết quả năm 2021 trước ngày 15/12/2021', kind: 'once', dues: ['2021-12-14'] },
    { text: 'Trước ngày 15/8/2021 (thứ Hai)', kind: 'once', dues: ['2021-08-14'] },
  ],
  'without diacritics, in capitals, odd spacing': [
    { text: 'Thuong xuyen (2021 - 2025)', window: P2125, kind: 'continuous', end: '2025-12-31' },
    { text: 'Dinh ky hang quy', kind: 'recurring', dues: quarterEnds(2021) },
    { text: 'truoc ngay 20 hang thang', kind: 'recurring', dues: monthly(2021, 19) },
    { text: 'quy i hang nam (2021 - 2025)', window: P2125, kind: 'recurring', n: 5, first: '2021-03-31' },
    { text: 'Hang nam, truoc ngay 15/12', kind: 'recurring', dues: ['2021-12-14'] },
    { text: '6 thang dau nam 2022', window: Y2022, kind: 'once', dues: ['2022-06-30'] },
    { text: 'QUÝ III/2021', kind: 'once', dues: ['2021-09-30'] },
    { text: 'Theo ke hoach', kind: 'unspecified', review: false },
  ],
  'never a guess': [
    { text: 'Sớm nhất có thể', kind: 'unspecified', dues: [], review: true },
    { text: 'asdf qwer zxcv', kind: 'unspecified', dues: [], review: true },
    { text: 'Kịp thời', kind: 'unspecified', review: true },
    { text: 'Ngay', kind: 'unspecified', review: true },
    { text: '', kind: 'unspecified', review: true },
    { text: 'Đầu năm 2022', window: Y2022, kind: 'unspecified', dues: [], review: true },
    { text: 'Giữa năm 2022', window: Y2022, kind: 'unspecified', dues: [], review: true },
    { text: 'Năm học 2021-2022', kind: 'unspecified', review: true },
    { text: '30/02/2021', kind: 'unspecified', dues: [], review: true },
    { text: 'ngày 32/1/2021', kind: 'unspecified', review: true },
    { text: 'Tháng 13/2021', kind: 'unspecified', review: true },
    { text: 'Quý V/2021', kind: 'unspecified', dues: [], review: true },
    { text: 'Quý 5 năm 2022', kind: 'unspecified', review: true },
    { text: 'Định kỳ', kind: 'unspecified', review: true },
    { text: 'Hoặc quý III hoặc quý IV/2021', kind: 'unspecified', dues: [], review: true },
    { text: 'Sau ngày 15/8/2021', kind: 'unspecified', dues: [], review: true },
    { text: 'Trong 6 tháng', kind: 'unspecified', review: true },
    { text: 'Ngày 20', kind: 'unspecified', review: true },
    { text: 'Thứ Hai', kind: 'unspecified', review: true },
    { text: 'Tuần đầu tiên của tháng', kind: 'unspecified', review: true },
    { text: 'Quý III/2021, khoảng 45 hôm sau', kind: 'unspecified', dues: [], review: true },
  ],
};

const cases = Object.entries(families).flatMap(([family, list]) => list.map((c) => [family, c.text, c] as const));

describe('the deadline grammar, family by family', () => {
  it('has at least 80 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(80);
  });

  it.each(cases)('%s: «%s»', (_family, _text, c) => {
    const window = c.window ?? Y2021;
    const s = parseDeadline(c.text, window);
    const dues = s.dues.map((d) => d.date);
    expect(s.kind, s.summary).toBe(c.kind);
    if (c.dues) expect(dues).toEqual(c.dues);
    if (c.n !== undefined) expect(dues).toHaveLength(c.n);
    if (c.first) expect(dues[0]).toBe(c.first);
    if (c.last) expect(dues[dues.length - 1]).toBe(c.last);
    if (c.end !== undefined) expect(s.end).toBe(c.end);
    if (c.count !== undefined) expect(s.count).toBe(c.count);
    if (c.trigger !== undefined) expect(s.trigger).toBe(c.trigger);
    if (c.review !== undefined) expect(s.needsReview).toBe(c.review);
    if (c.kind !== 'unspecified' && c.review === undefined) expect(s.needsReview, s.reviewReason).toBe(false);
    // Never a guess: a text flagged as not understood has no due date.
    if (s.kind === 'unspecified' && s.needsReview) {
      expect(s.dues).toEqual([]);
      expect(s.reviewReason).toBeTruthy();
    }
    for (const due of s.dues) expect(due.explanation).toMatch(/→ \d{2}\/\d{2}\/\d{4}/);
    expect(s.summary).toBeTruthy();
    expect(s.text).toBe(c.text);
  });
});

describe('details a Phòng Nội vụ officer sees', () => {
  it('explains every due date the way the UI shows it', () => {
    expect(parseDeadline('Quý III/2021', Y2021).dues).toEqual([{ date: '2021-09-30', explanation: 'Quý III/2021 → 30/09/2021, ngày cuối quý' }]);
    expect(parseDeadline('trước ngày 15/8/2021', Y2021).dues[0]!.explanation).toBe('Trước ngày 15/08/2021 → 14/08/2021, ngày liền trước ngày ghi');
    expect(parseDeadline('Năm 2021', Y2021).dues[0]!.explanation).toBe('Năm 2021 → 31/12/2021, ngày cuối năm');
    expect(parseDeadline('Định kỳ hàng quý', Y2021).dues[1]!.explanation).toBe('Hằng quý: Quý II/2021 → 30/06/2021, ngày cuối quý');
    expect(parseDeadline('Trước ngày 20 hằng tháng', Y2021).dues[2]!.explanation).toBe(
      'Trước ngày 20 hằng tháng: tháng 3/2021 → 19/03/2021, ngày liền trước ngày 20',
    );
    expect(parseDeadline('Ngày 31 hằng tháng', Y2021).dues[1]!.explanation).toContain('tháng chỉ có 28 ngày');
  });

  it('writes a one-line Vietnamese summary with dd/mm/yyyy dates', () => {
    expect(parseDeadline('Quý III/2021', Y2021).summary).toBe('Hạn 30/09/2021');
    expect(parseDeadline('Định kỳ hàng quý', Y2021).summary).toBe('Hằng quý: 4 hạn trong kỳ — 31/03/2021, 30/06/2021, 30/09/2021, 31/12/2021');
    expect(parseDeadline('Thường xuyên (2021-2025)', P2125).summary).toBe('Thường xuyên, từ 01/01/2021 đến 31/12/2025');
    expect(parseDeadline('Theo kế hoạch', Y2021).summary).toContain('theo kế hoạch');
    expect(parseDeadline('Sớm nhất có thể', Y2021).summary).toMatch(/^Cần xem lại/);
  });

  it('gives recurring schedules a structured rhythm for reporting periods', () => {
    const s = parseDeadline('Ban hành Kế hoạch chậm nhất ngày 10 của tháng đầu quý', Y2021);
    expect(s.recurrence).toMatchObject({ period: 'quarter', rules: [{ period: 'quarter', month: 1, day: 10, before: false, shift: 0 }] });
    expect(parseDeadline('Quý I hàng năm (2021-2025)', P2125).recurrence).toMatchObject({
      period: 'year',
      from: '2021-01-01',
      until: '2025-12-31',
      rules: [{ period: 'year', month: 3, day: null }],
    });
    expect(parseDeadline('Trước ngày 20 hằng tháng', Y2021).recurrence!.rules[0]).toMatchObject({ period: 'month', day: 20, before: true });
  });

  it('keeps the offset of an event due some days after it', () => {
    expect(parseDeadline('Trong vòng 15 ngày làm việc kể từ ngày nhận được đơn', Y2021).eventOffset).toEqual({
      amount: 15,
      unit: 'working_day',
      direction: 'after',
    });
  });

  it('reads a date without a year in a multi-year plan as every year, and asks a person to confirm', () => {
    const s = parseDeadline('Quý IV', P2125);
    expect(s.kind).toBe('recurring');
    expect(s.dues.map((d) => d.date)).toEqual(['2021-12-31', '2022-12-31', '2023-12-31', '2024-12-31', '2025-12-31']);
    expect(s.needsReview).toBe(true);
    expect(parseDeadline('Quý IV', Y2021)).toMatchObject({ kind: 'once', needsReview: false, dues: [{ date: '2021-12-31' }] });
  });

  it('keeps a dated milestone outside the window out of the dues but in the summary', () => {
    const s = parseDeadline('Quý I/2022', Y2021);
    expect(s).toMatchObject({ kind: 'once', dues: [] });
    expect(s.summary).toContain('31/03/2022');
  });

  it('rejects a window that is not two dates in order', () => {
    expect(() => parseDeadline('Quý III/2021', { from: '2021-12-31', to: '2021-01-01' })).toThrow(RangeError);
    expect(() => parseDeadline('Quý III/2021', { from: '2021-02-30', to: '2021-12-31' })).toThrow(RangeError);
  });
});
