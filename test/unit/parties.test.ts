import { describe, expect, it } from 'vitest';
import { normalizeParty, splitParties, taskParties } from '../../src/domain/parties/index.js';

/** [cell text, expected parties] for a cell read as a plain list. */
const LISTS: Array<[string, string[]]> = [
  // From the seed.
  ['Phòng Tư pháp; UBND các xã, phường', ['Phòng Tư pháp', 'UBND các xã, phường']],
  ['Các Sở, ban, ngành và các cơ quan, đơn vị liên quan', ['Các Sở, ban, ngành và các cơ quan, đơn vị liên quan']],
  ['Văn phòng HĐND&UBND thị xã; UBND các xã, phường', ['Văn phòng HĐND&UBND thị xã', 'UBND các xã, phường']],
  ['UBMTTQVN và các đoàn thể thị xã, các xã, phường', ['UBMTTQVN và các đoàn thể thị xã, các xã, phường']],
  ['Các cơ quan, ban, ngành, đoàn thể thị xã', ['Các cơ quan, ban, ngành, đoàn thể thị xã']],
  ['Sở Nội vụ; UBMTTQVN tỉnh và các cơ quan liên quan', ['Sở Nội vụ', 'UBMTTQVN tỉnh', 'Các cơ quan liên quan']],
  ['Sở Lao động, TB&XH và các cơ quan liên quan', ['Sở Lao động, TB&XH', 'Các cơ quan liên quan']],
  ['Phòng Lao động-TB&XH thị xã; UBND các xã, phường', ['Phòng Lao động-TB&XH thị xã', 'UBND các xã, phường']],
  ['Phòng Tài nguyên và Môi trường', ['Phòng Tài nguyên và Môi trường']],
  ['Các cơ quan, đơn vị có liên quan', ['Các cơ quan, đơn vị có liên quan']],
  ['Ủy ban MTTQVN thị xã; UBND các xã, phường', ['Ủy ban MTTQVN thị xã', 'UBND các xã, phường']],
  ['Các cơ quan, đơn vị; UBND các xã, phường', ['Các cơ quan, đơn vị', 'UBND các xã, phường']],
  ['Văn phòng HĐND&UBND thị xã; Phòng Nội vụ; Phòng Văn hoá và Thông tin.', ['Văn phòng HĐND&UBND thị xã', 'Phòng Nội vụ', 'Phòng Văn hoá và Thông tin']],
  ['Sở Giáo dục và đào tạo', ['Sở Giáo dục và đào tạo']],
  ['Phòng: Quản lý đô thị, Kinh tế; Chi nhánh điện lực Đông Hòa; UBND các xã, phường', ['Phòng Quản lý đô thị', 'Phòng Kinh tế', 'Chi nhánh điện lực Đông Hòa', 'UBND các xã, phường']],
  ['Sở Nông nghiệp và phát triển nông thôn; Sở Giao thông vận tải, Sở Công thương; Sở Tài nguyên và Môi trường', ['Sở Nông nghiệp và phát triển nông thôn', 'Sở Giao thông vận tải', 'Sở Công thương', 'Sở Tài nguyên và Môi trường']],
  ['Các sở, ngành liên quan', ['Các sở, ngành liên quan']],
  ['Sở Tư pháp; Thanh tra tỉnh; Sở Nội vụ; UBMTTQVN tỉnh và các cơ quan có liên quan', ['Sở Tư pháp', 'Thanh tra tỉnh', 'Sở Nội vụ', 'UBMTTQVN tỉnh', 'Các cơ quan có liên quan']],
  ['UBND các xã, phường; thôn, khu phố, tổ dân phố', ['UBND các xã, phường', 'Thôn, khu phố, tổ dân phố']],
  ['Phòng Tài nguyên và Môi trường; Trung tâm phát triển quỹ đất; UBND các xã, phường', ['Phòng Tài nguyên và Môi trường', 'Trung tâm phát triển quỹ đất', 'UBND các xã, phường']],
  ['Các cơ quan, ban, ngành, đoàn thể thị xã; UBND các xã, phường', ['Các cơ quan, ban, ngành, đoàn thể thị xã', 'UBND các xã, phường']],
  ['Thanh tra tỉnh, Sở Tư pháp', ['Thanh tra tỉnh', 'Sở Tư pháp']],
  ['Phòng Văn hóa và Thông tin; Trung tâm Văn hóa-TTTT thị xã; UBND các xã, phường', ['Phòng Văn hóa và Thông tin', 'Trung tâm Văn hóa-TTTT thị xã', 'UBND các xã, phường']],
  ['Trung tâm Y tế thị xã; Các trường học', ['Trung tâm Y tế thị xã', 'Các trường học']],
  ['Chi nhánh Điện lực Đông Hòa, các cơ quan, đơn vị có liên quan', ['Chi nhánh Điện lực Đông Hòa', 'Các cơ quan, đơn vị có liên quan']],
  ['UBND cấp xã; các cơ quan, đơn vị có liên quan', ['UBND cấp xã', 'Các cơ quan, đơn vị có liên quan']],
  ['UBMTTQVN thị xã; các tổ chức chính trị - xã hội, đoàn thể; các cơ quan, đơn vị; UBND các xã, phường', ['UBMTTQVN thị xã', 'Các tổ chức chính trị - xã hội, đoàn thể', 'Các cơ quan, đơn vị', 'UBND các xã, phường']],
  ['Bộ phận một cửa UBND thị xã', ['Bộ phận một cửa UBND thị xã']],
  ['Phòng Tài chính- Kế hoạch; Phòng Tư pháp', ['Phòng Tài chính-Kế hoạch', 'Phòng Tư pháp']],
  ['Sở Thông tin và Truyền thông; các cơ quan, đơn vị; UBND các xã, phường', ['Sở Thông tin và Truyền thông', 'Các cơ quan, đơn vị', 'UBND các xã, phường']],
  // Invented, in the style of other plans.
  ['Phòng Nội vụ, Phòng Tư pháp và UBND các xã, thị trấn', ['Phòng Nội vụ', 'Phòng Tư pháp', 'UBND các xã, thị trấn']],
  ['Các phòng: Nội vụ, Tư pháp, Tài nguyên và Môi trường', ['Phòng Nội vụ', 'Phòng Tư pháp', 'Phòng Tài nguyên và Môi trường']],
  ['Sở: Tài chính, Kế hoạch và Đầu tư', ['Sở Tài chính', 'Sở Kế hoạch và Đầu tư']],
  ['Văn phòng HĐND và UBND huyện', ['Văn phòng HĐND và UBND huyện']],
  ['Sở Văn hóa, Thể thao và Du lịch', ['Sở Văn hóa, Thể thao và Du lịch']],
  ['Phòng Lao động - Thương binh và Xã hội', ['Phòng Lao động - Thương binh và Xã hội']],
  ['Hội Nông dân, Hội Liên hiệp Phụ nữ, Đoàn Thanh niên huyện', ['Hội Nông dân', 'Hội Liên hiệp Phụ nữ', 'Đoàn Thanh niên huyện']],
  ['Công an huyện và các cơ quan, đơn vị liên quan', ['Công an huyện', 'Các cơ quan, đơn vị liên quan']],
  ['- Phòng Nội vụ\n- UBND các xã, phường', ['Phòng Nội vụ', 'UBND các xã, phường']],
  ['Ban Thanh tra nhân dân, Ban Giám sát đầu tư cộng đồng', ['Ban Thanh tra nhân dân', 'Ban Giám sát đầu tư cộng đồng']],
  ['UBND thị xã, UBND các xã, phường', ['UBND thị xã', 'UBND các xã, phường']],
  ['Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội huyện', ['Mặt trận Tổ quốc và các đoàn thể chính trị - xã hội huyện']],
  ['Thanh tra tỉnh; Sở Nội vụ (phối hợp)', ['Thanh tra tỉnh', 'Sở Nội vụ']],
  ['Phòng Giáo dục và Đào tạo, Trung tâm Y tế huyện', ['Phòng Giáo dục và Đào tạo', 'Trung tâm Y tế huyện']],
  ['Các cơ quan chuyên môn thuộc UBND huyện', ['Các cơ quan chuyên môn thuộc UBND huyện']],
  ['Kho bạc Nhà nước huyện, Chi cục Thuế khu vực', ['Kho bạc Nhà nước huyện', 'Chi cục Thuế khu vực']],
  ['  Phòng   Nội vụ ;;  ', ['Phòng Nội vụ']],
  ['Phòng Nội vụ; phòng Nội vụ', ['Phòng Nội vụ']],
  ['UBND các xã, phường, thị trấn', ['UBND các xã, phường, thị trấn']],
  ['Trung tâm Văn hóa - Thể thao và Truyền thanh huyện, Đài Truyền thanh xã', ['Trung tâm Văn hóa - Thể thao và Truyền thanh huyện', 'Đài Truyền thanh xã']],
  ['', []],
];

describe('splitting a cell into parties', () => {
  it.each(LISTS)('%j', (cell, expected) => {
    const { lead, coordinating } = splitParties(cell, 'lead');
    expect([...lead, ...coordinating]).toEqual(expected);
  });
});

describe('lead cells that name coordinating parties', () => {
  const CASES: Array<[string, string, string[], string[]]> = [
    ['Văn phòng HĐND&UBND thị xã phối hợp Phòng Nội vụ', 'Các cơ quan, đơn vị; UBND các xã, phường',
      ['Văn phòng HĐND&UBND thị xã'], ['Phòng Nội vụ', 'Các cơ quan, đơn vị', 'UBND các xã, phường']],
    ['Phòng Kinh tế phối hợp Phòng Tài nguyên và Môi trường; UBND các xã, phường', 'Sở Tài nguyên và Môi trường',
      ['Phòng Kinh tế', 'UBND các xã, phường'], ['Phòng Tài nguyên và Môi trường', 'Sở Tài nguyên và Môi trường']],
    ['Thanh tra thị xã phối hợp Phòng Tài chính- Kế hoạch; UBND các xã, phường', 'Ủy ban MTTQVN thị xã',
      ['Thanh tra thị xã', 'UBND các xã, phường'], ['Phòng Tài chính-Kế hoạch', 'Ủy ban MTTQVN thị xã']],
    ['Phòng Nội vụ chủ trì, phối hợp với Phòng Tư pháp', '', ['Phòng Nội vụ'], ['Phòng Tư pháp']],
    ['Chủ trì: Phòng Nội vụ; Phối hợp: Phòng Tư pháp, UBND các xã', '', ['Phòng Nội vụ'], ['Phòng Tư pháp', 'UBND các xã']],
    ['Phòng Nội vụ (chủ trì); Phòng Tư pháp (phối hợp)', '', ['Phòng Nội vụ'], ['Phòng Tư pháp']],
    ['Phòng Nội vụ', 'Phòng Nội vụ; Phòng Tư pháp', ['Phòng Nội vụ'], ['Phòng Tư pháp']],
  ];
  it.each(CASES)('%j / %j', (lead, coordinating, leadUnits, coordinatingUnits) => {
    expect(taskParties(lead, coordinating)).toEqual({ leadUnits, coordinatingUnits });
  });
});

describe('normalising a party name', () => {
  it.each([
    ['  phòng   Nội vụ. ', 'Phòng Nội vụ'],
    ['Phòng Tài chính -Kế hoạch', 'Phòng Tài chính-Kế hoạch'],
    ['các tổ chức chính trị - xã hội', 'Các tổ chức chính trị - xã hội'],
    ['<i>Sở Y tế</i>', 'Sở Y tế'],
    ['Trung tâm ( TTTT )', 'Trung tâm (TTTT)'],
  ])('%j → %j', (raw, expected) => expect(normalizeParty(raw)).toBe(expected));
});
