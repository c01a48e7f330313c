import { SYSTEM_ACTOR } from '../domain/accounts/actor.js';
import { addDays } from '../domain/disclosures/index.js';
import { vnDate } from '../domain/time.js';
import type { Services } from '../services/index.js';

/**
 * Demo disclosures (công khai): a published example of every category for phường Hòa Vinh and xã Hòa Tâm,
 * with fictional households and budget figures, plus a draft and an item waiting for approval (never
 * public) and one notice taken down before its time (the register shows it as "too early"). Loaded through
 * the service like any officer's work, so personal data is filtered and every step is audited.
 * Running it twice leaves one copy: items are recognised by unit and title.
 */

interface DemoItem {
  category: 'poor_households' | 'budget' | 'land' | 'procedures' | 'anti_corruption' | 'recruitment';
  title: string;
  summary: string;
  body: string;
  csv?: string;
  /** Days on show from today; null: no end (for as long as it is in force). */
  days: number | null;
  state?: 'draft' | 'pending' | 'taken_down_early';
}

const POOR_HOA_VINH = `STT,Họ và tên chủ hộ,Thôn/khu phố,Phân loại,Số CCCD,Số điện thoại
1,Nguyễn Văn Lành,Khu phố Phú Lâm,Hộ nghèo,,
2,Trần Thị Mận,Khu phố Phú Lâm,Hộ cận nghèo,,
3,Lê Văn Tư,Khu phố Phú Hiệp,Hộ nghèo,,
4,Phạm Thị Sáu,Khu phố Phú Hiệp,Hộ cận nghèo,,
5,Võ Văn Bảy,Khu phố Phước Lâm,Hộ cận nghèo,,
6,Huỳnh Thị Tám,Khu phố Phước Lâm,Hộ nghèo,,
7,Đặng Văn Chín,Khu phố Thạnh Đức,Hộ cận nghèo,,
8,Bùi Thị Mười,Khu phố Thạnh Đức,Hộ thoát nghèo,,
`;

const POOR_HOA_TAM = `TT;Chủ hộ;Thôn;Loại hộ
1;Nguyễn Văn Hải;Thôn Phú Khê;Hộ nghèo
2;Lê Thị Sương;Thôn Phú Khê;Hộ cận nghèo
3;Trần Văn Gió;Thôn Hảo Danh;Hộ nghèo
4;Phan Thị Mây;Thôn Hảo Danh;Hộ cận nghèo
5;Đỗ Văn Sóng;Thôn Hảo Danh;Hộ thoát cận nghèo
`;

const budget = (scale: number) => `STT,Nội dung,Dự toán năm (đồng),Thực hiện trong quý (đồng),Lũy kế từ đầu năm (đồng),So với dự toán (%)
A,Tổng thu ngân sách xã,${(12_500_000_000 * scale).toFixed(0)},${(3_410_000_000 * scale).toFixed(0)},${(9_620_000_000 * scale).toFixed(0)},77
1,Thu thuế sử dụng đất phi nông nghiệp,${(180_000_000 * scale).toFixed(0)},${(35_000_000 * scale).toFixed(0)},${(150_000_000 * scale).toFixed(0)},83
2,Thu phí và lệ phí,${(95_000_000 * scale).toFixed(0)},${(26_000_000 * scale).toFixed(0)},${(71_000_000 * scale).toFixed(0)},75
3,Thu bổ sung cân đối từ ngân sách cấp trên,${(10_900_000_000 * scale).toFixed(0)},${(2_980_000_000 * scale).toFixed(0)},${(8_470_000_000 * scale).toFixed(0)},78
B,Tổng chi ngân sách xã,${(12_500_000_000 * scale).toFixed(0)},${(3_250_000_000 * scale).toFixed(0)},${(9_105_000_000 * scale).toFixed(0)},73
1,Chi đầu tư phát triển,${(2_800_000_000 * scale).toFixed(0)},${(900_000_000 * scale).toFixed(0)},${(2_100_000_000 * scale).toFixed(0)},75
2,Chi sự nghiệp giáo dục,${(1_200_000_000 * scale).toFixed(0)},${(310_000_000 * scale).toFixed(0)},${(880_000_000 * scale).toFixed(0)},73
3,Chi quản lý hành chính,${(6_300_000_000 * scale).toFixed(0)},${(1_620_000_000 * scale).toFixed(0)},${(4_705_000_000 * scale).toFixed(0)},75
4,Chi bảo đảm xã hội,${(1_400_000_000 * scale).toFixed(0)},${(320_000_000 * scale).toFixed(0)},${(1_020_000_000 * scale).toFixed(0)},73
`;

const LAND = `STT,Tuyến đường,Đoạn,Loại đất,Giá đất (đồng/m²)
1,Quốc lộ 1,Từ cầu Đà Nông đến ngã ba Hòa Vinh,Đất ở đô thị,8500000
2,Quốc lộ 1,Từ ngã ba Hòa Vinh đến giáp Hòa Hiệp Bắc,Đất ở đô thị,7200000
3,Đường Trần Hưng Đạo,Toàn tuyến,Đất ở đô thị,5400000
4,Đường liên khu phố Phú Lâm - Phú Hiệp,Toàn tuyến,Đất ở đô thị,2100000
5,Các tuyến đường còn lại,,Đất thương mại dịch vụ,1500000
`;

const PROCEDURES = `STT,Mã thủ tục,Tên thủ tục,Lĩnh vực,Thời hạn giải quyết,Phí, lệ phí
1,1.001193,Đăng ký khai sinh,Hộ tịch,Ngay trong ngày,Miễn lệ phí
2,1.000894,Đăng ký kết hôn,Hộ tịch,Ngay trong ngày,Miễn lệ phí
3,1.001022,Chứng thực bản sao từ bản chính,Chứng thực,Trong ngày,2.000 đồng/trang
4,1.000656,Đăng ký khai tử,Hộ tịch,Ngay trong ngày,Miễn lệ phí
5,2.000908,Xác nhận tình trạng hôn nhân,Hộ tịch,03 ngày làm việc,Theo quy định của tỉnh
`.replace('Phí, lệ phí', '"Phí, lệ phí"');

const ANTI_CORRUPTION = `STT,Nội dung,Số liệu,Ghi chú
1,Số cuộc tuyên truyền pháp luật về phòng chống tham nhũng,6,Lồng ghép họp khu phố
2,Số người có nghĩa vụ kê khai tài sản thu nhập,14,Đã kê khai đủ 14/14
3,Số đơn thư phản ánh liên quan đến tham nhũng,0,
4,Số vụ việc tham nhũng phát hiện,0,
`;

const RECRUITMENT = `STT,Vị trí tuyển dụng,Số lượng,Trình độ,Hạn nộp hồ sơ
1,Công chức Văn phòng - Thống kê,1,Đại học chuyên ngành Hành chính hoặc Luật,Trong 30 ngày kể từ ngày thông báo
2,Công chức Địa chính - Xây dựng,1,Đại học chuyên ngành Quản lý đất đai,Trong 30 ngày kể từ ngày thông báo
`;

const year = (today: string) => Number(today.slice(0, 4));

function items(unit: 'Hòa Vinh' | 'Hòa Tâm', today: string): DemoItem[] {
  const y = year(today);
  const place = unit === 'Hòa Vinh' ? 'phường Hòa Vinh' : 'xã Hòa Tâm';
  const list: DemoItem[] = [
    {
      category: 'poor_households',
      title: `Danh sách hộ nghèo, hộ cận nghèo năm ${y} của ${place}`,
      summary: `Kết quả rà soát hộ nghèo, hộ cận nghèo năm ${y} đã được thống nhất tại các cuộc họp thôn, khu phố.`,
      body: `Ủy ban nhân dân ${place} niêm yết công khai kết quả rà soát hộ nghèo, hộ cận nghèo năm ${y}.\n\nMọi ý kiến, khiếu nại về kết quả rà soát xin gửi về Ủy ban nhân dân ${place} (bộ phận Lao động - Thương binh và Xã hội) trong thời gian niêm yết.`,
      csv: unit === 'Hòa Vinh' ? POOR_HOA_VINH : POOR_HOA_TAM,
      days: 60,
    },
    {
      category: 'budget',
      title: `Công khai tình hình thực hiện dự toán thu, chi ngân sách quý III năm ${y}`,
      summary: `Số liệu thu, chi ngân sách ${place} đến hết quý III năm ${y}.`,
      body: `Thực hiện quy định về công khai ngân sách nhà nước, Ủy ban nhân dân ${place} công khai tình hình thực hiện dự toán thu, chi ngân sách quý III năm ${y} như bảng dưới đây (đơn vị tính: đồng).`,
      csv: budget(unit === 'Hòa Vinh' ? 1 : 0.8),
      days: 120,
    },
    {
      category: 'land',
      title: `Kế hoạch sử dụng đất năm ${y} và bảng giá đất trên địa bàn ${place}`,
      summary: 'Kế hoạch sử dụng đất được phê duyệt và giá đất ở theo tuyến đường.',
      body: `Ủy ban nhân dân ${place} công khai kế hoạch sử dụng đất năm ${y} đã được phê duyệt và bảng giá đất áp dụng trên địa bàn. Bản đồ kế hoạch sử dụng đất được niêm yết tại trụ sở Ủy ban nhân dân.`,
      csv: LAND,
      days: 365 * 5,
    },
    {
      category: 'procedures',
      title: `Danh mục thủ tục hành chính thuộc thẩm quyền giải quyết của ${place}`,
      summary: 'Các thủ tục hộ tịch, chứng thực thường gặp: thời hạn giải quyết, phí, lệ phí.',
      body: 'Hồ sơ được tiếp nhận và trả kết quả tại Bộ phận Một cửa. Người dân có thể tra cứu tiến độ hồ sơ bằng mã hồ sơ trên cổng này.',
      csv: PROCEDURES,
      days: null,
    },
    {
      category: 'anti_corruption',
      title: `Báo cáo kết quả công tác phòng, chống tham nhũng năm ${y - 1}`,
      summary: `Kết quả công tác phòng, chống tham nhũng, tiêu cực năm ${y - 1} của ${place}.`,
      body: `Trong năm ${y - 1}, Ủy ban nhân dân ${place} đã quán triệt, triển khai các văn bản về phòng, chống tham nhũng; thực hiện công khai, minh bạch trong hoạt động; không phát hiện vụ việc tham nhũng.`,
      csv: ANTI_CORRUPTION,
      days: 60,
    },
    {
      category: 'recruitment',
      title: `Thông báo tuyển dụng công chức ${place} năm ${y}`,
      summary: 'Tuyển dụng 02 công chức cấp xã; nhận hồ sơ trong 30 ngày kể từ ngày thông báo.',
      body: `Hồ sơ nộp trực tiếp tại Bộ phận Một cửa Ủy ban nhân dân ${place} trong giờ hành chính.`,
      csv: RECRUITMENT,
      days: 45,
    },
  ];
  if (unit === 'Hòa Vinh') {
    list.push(
      {
        category: 'budget',
        title: `Dự thảo dự toán ngân sách năm ${y + 1} của phường Hòa Vinh`,
        summary: 'Bản nháp, chưa trình phê duyệt.',
        body: 'Bản nháp nội bộ: không công khai.',
        days: 90,
        state: 'draft',
      },
      {
        category: 'anti_corruption',
        title: `Kế hoạch phòng, chống tham nhũng năm ${y + 1} của phường Hòa Vinh`,
        summary: 'Đang chờ phê duyệt.',
        body: 'Chờ lãnh đạo phê duyệt trước khi công khai.',
        days: 60,
        state: 'pending',
      },
    );
  } else {
    list.push({
      category: 'recruitment',
      title: `Thông báo tuyển dụng viên chức Trạm Y tế xã Hòa Tâm năm ${y}`,
      summary: 'Thông báo đã được gỡ xuống trước thời hạn niêm yết.',
      body: 'Thông báo được gỡ để sửa chỉ tiêu tuyển dụng.',
      csv: RECRUITMENT,
      days: 45,
      state: 'taken_down_early',
    });
  }
  return list;
}

export async function loadDisclosureDemo(services: Services): Promise<void> {
  const actor = SYSTEM_ACTOR;
  const units = await services.units.list(actor);
  const today = vnDate(services.clock.now());
  for (const [code, name] of [
    ['DH.HV', 'Hòa Vinh'],
    ['DH.HTA', 'Hòa Tâm'],
  ] as const) {
    const unit = units.find((u) => u.code === code);
    if (!unit) continue;
    const existing = new Set((await services.disclosures.list(actor, { unitId: unit.id })).map((d) => d.title));
    for (const item of items(name, today)) {
      if (existing.has(item.title)) continue;
      const created = await services.disclosures.create(actor, { unitId: unit.id, category: item.category, title: item.title, summary: item.summary, body: item.body });
      if (item.csv) {
        await services.disclosures.importTable(actor, created.id, { bytes: new TextEncoder().encode(item.csv), name: `${item.category}.csv` });
      }
      if (item.state === 'draft') continue;
      await services.disclosures.submit(actor, created.id);
      if (item.state === 'pending') continue;
      await services.disclosures.approve(actor, created.id, { publishDate: today, postingEnd: item.days === null ? null : addDays(today, item.days - 1) });
      await services.disclosures.recordPosting(actor, created.id, { channel: 'notice_board', postedOn: today, description: 'Đã niêm yết tại bảng tin trụ sở Ủy ban nhân dân.' });
      if (item.state === 'taken_down_early') await services.disclosures.takeDown(actor, created.id, 'Gỡ để sửa chỉ tiêu tuyển dụng theo ý kiến của cấp trên.');
    }
  }
}
