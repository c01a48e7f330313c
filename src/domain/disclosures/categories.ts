/**
 * The categories of disclosures (công khai) the PAPI plan asks communes to publish, with what the law
 * says about each: its legal basis, the channels it must go through, how long it stays posted, the window
 * for citizens' objections and the columns a table of it may have.
 *
 * Legal bases come from /work/shared/reference/vn-rules.md where it has them; the rest is what we know of
 * the texts without having the article at hand. Each basis carries a confidence mark:
 *   confirmed — retrieved from a source (vn-rules.md gives the URL);
 *   memory    — from memory of the legal text, consistent with secondary sources: check the article
 *               on vbpl.vn / thuvienphapluat.vn before treating it as a hard rule;
 *   uncertain — a configurable default, not a legal figure.
 * We never cite an article number we could not check.
 */

export type DisclosureCategory = 'poor_households' | 'budget' | 'land' | 'procedures' | 'anti_corruption' | 'recruitment';
export const DISCLOSURE_CATEGORIES: readonly DisclosureCategory[] = ['poor_households', 'budget', 'land', 'procedures', 'anti_corruption', 'recruitment'];

/** Where a disclosure must be posted. */
export type DisclosureChannel = 'notice_board' | 'loudspeaker' | 'village_meeting' | 'website';
export const DISCLOSURE_CHANNELS: readonly DisclosureChannel[] = ['notice_board', 'loudspeaker', 'village_meeting', 'website'];

export const CHANNEL_LABELS: Record<DisclosureChannel, string> = {
  notice_board: 'Niêm yết tại trụ sở UBND xã, phường',
  loudspeaker: 'Thông báo trên hệ thống truyền thanh',
  village_meeting: 'Thông báo tại cuộc họp thôn, khu phố',
  website: 'Đăng trên trang thông tin điện tử',
};

export type Confidence = 'confirmed' | 'memory' | 'uncertain';

export interface LegalBasis {
  text: string;
  confidence: Confidence;
}

export type ColumnType = 'text' | 'number' | 'money';

export interface ColumnSpec {
  key: string;
  /** The header shown on the public page and in downloads. */
  label: string;
  type: ColumnType;
  /** Folded headers (domain/text/normalize searchKey) that mean this column. */
  aliases: readonly string[];
  /** A table of the category must have this column. */
  required?: boolean;
}

export interface CategorySpec {
  category: DisclosureCategory;
  label: string;
  /** One line for citizens: what this is. */
  description: string;
  legalBasis: readonly LegalBasis[];
  channels: readonly DisclosureChannel[];
  /**
   * Days a disclosure must stay posted from its publish date; null when it stays for as long as what it
   * publishes is in force (a land-use plan, a procedure list): then the item's own posting end decides.
   */
  minPostingDays: number | null;
  postingRule: string;
  /** Days citizens have to object, counted from the publish date; null when no window is set by law. */
  objectionDays: number | null;
  objectionRule: string;
  /** The table a disclosure of this category may carry. */
  columns: readonly ColumnSpec[];
  /**
   * Strict: only the columns above are kept (lists of people: the law allows the minimum fields only).
   * Lenient: other columns are kept too, unless they are personal data.
   */
  strictColumns: boolean;
  /** A list of people: dates in cells are refused too (a date of birth is personal data). */
  personalList: boolean;
}

const STT: ColumnSpec = { key: 'stt', label: 'STT', type: 'text', aliases: ['stt', 'tt', 'so thu tu', 'so tt'] };
const NOTE: ColumnSpec = { key: 'note', label: 'Ghi chú', type: 'text', aliases: ['ghi chu'] };

export const CATEGORIES: Record<DisclosureCategory, CategorySpec> = {
  poor_households: {
    category: 'poor_households',
    label: 'Danh sách hộ nghèo, hộ cận nghèo',
    description: 'Kết quả rà soát hộ nghèo, hộ cận nghèo hằng năm của xã, phường.',
    legalBasis: [
      {
        text: 'Quyết định số 24/2021/QĐ-TTg của Thủ tướng Chính phủ quy định quy trình rà soát hộ nghèo, hộ cận nghèo hằng năm và quy trình xác định hộ làm nông, lâm, ngư nghiệp có mức sống trung bình giai đoạn 2022-2025 (bước niêm yết, thông báo công khai kết quả rà soát)',
        confidence: 'confirmed',
      },
      {
        text: 'Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 (hiệu lực từ 01/01/2026) và Nghị định số 13/2023/NĐ-CP: chỉ công khai thông tin tối thiểu (họ tên chủ hộ, thôn/khu phố, phân loại)',
        confidence: 'confirmed',
      },
    ],
    channels: ['notice_board', 'village_meeting', 'loudspeaker', 'website'],
    // Uncertain: the review procedure asks for public posting at the commune office and the village's
    // community house; the exact number of (working) days was not retrieved. 3 days is a default to set.
    minPostingDays: 3,
    postingRule: 'Niêm yết công khai tại trụ sở UBND xã, phường và nhà văn hóa thôn, khu phố; thời gian niêm yết mặc định 03 ngày (cần đối chiếu văn bản hướng dẫn hiện hành).',
    // Uncertain: objections are received while the list is posted; same default as the posting period.
    objectionDays: 3,
    objectionRule: 'Người dân có ý kiến, khiếu nại về kết quả rà soát trong thời gian niêm yết (mặc định 03 ngày, cần đối chiếu).',
    columns: [
      STT,
      {
        required: true,
        key: 'household_head',
        label: 'Họ và tên chủ hộ',
        type: 'text',
        aliases: ['ho va ten chu ho', 'ho ten chu ho', 'ten chu ho', 'chu ho', 'ho va ten', 'ho ten', 'ho ten chu ho gia dinh'],
      },
      {
        required: true,
        key: 'village',
        label: 'Thôn, khu phố',
        type: 'text',
        aliases: ['thon', 'khu pho', 'thon khu pho', 'thon to', 'to dan pho', 'thon buon', 'ap', 'buon', 'thon xom', 'thon ap'],
      },
      {
        required: true,
        key: 'classification',
        label: 'Phân loại',
        type: 'text',
        aliases: ['phan loai', 'loai ho', 'xep loai', 'ho ngheo ho can ngheo', 'ho ngheo can ngheo', 'ket qua ra soat', 'ket qua'],
      },
    ],
    strictColumns: true,
    personalList: true,
  },
  budget: {
    category: 'budget',
    label: 'Thu, chi ngân sách xã, phường',
    description: 'Dự toán và tình hình thực hiện thu, chi ngân sách theo quý, năm.',
    legalBasis: [
      { text: 'Luật Ngân sách nhà nước (quy định về công khai ngân sách)', confidence: 'memory' },
      { text: 'Thông tư số 343/2016/TT-BTC của Bộ Tài chính hướng dẫn thực hiện công khai ngân sách nhà nước đối với các cấp ngân sách', confidence: 'memory' },
    ],
    channels: ['notice_board', 'website', 'village_meeting'],
    // Memory: the commune budget is posted at the commune office for at least 90 days.
    minPostingDays: 90,
    postingRule: 'Niêm yết tại trụ sở UBND xã, phường ít nhất 90 ngày kể từ ngày niêm yết; tình hình thực hiện dự toán công khai theo quý.',
    objectionDays: null,
    objectionRule: 'Pháp luật không quy định thời hạn ý kiến riêng; người dân gửi ý kiến qua Ban Thanh tra nhân dân hoặc phản ánh, kiến nghị.',
    columns: [
      STT,
      { required: true, key: 'item', label: 'Nội dung', type: 'text', aliases: ['noi dung', 'chi tieu', 'khoan muc', 'noi dung thu chi', 'danh muc'] },
      { key: 'estimate', label: 'Dự toán năm (đồng)', type: 'money', aliases: ['du toan', 'du toan nam', 'du toan nam dong', 'du toan dong'] },
      { key: 'quarter', label: 'Thực hiện trong quý (đồng)', type: 'money', aliases: ['thuc hien quy', 'thuc hien trong quy', 'thuc hien trong quy dong', 'thuc hien quy dong', 'thuc hien'] },
      { key: 'cumulative', label: 'Lũy kế từ đầu năm (đồng)', type: 'money', aliases: ['luy ke', 'luy ke tu dau nam', 'luy ke tu dau nam dong', 'luy ke dong'] },
      { key: 'ratio', label: 'So với dự toán (%)', type: 'number', aliases: ['so voi du toan', 'ty le', 'so voi du toan', 'ti le'] },
    ],
    strictColumns: false,
    personalList: false,
  },
  land: {
    category: 'land',
    label: 'Quy hoạch, kế hoạch sử dụng đất và bảng giá đất',
    description: 'Quy hoạch, kế hoạch sử dụng đất được duyệt và bảng giá đất áp dụng trên địa bàn.',
    legalBasis: [
      { text: 'Luật Đất đai số 31/2024/QH15 (quy định về công khai quy hoạch, kế hoạch sử dụng đất và bảng giá đất)', confidence: 'memory' },
    ],
    channels: ['notice_board', 'website'],
    // Memory: a land-use plan stays public for its whole period; the item's posting end gives it.
    minPostingDays: null,
    postingRule: 'Công khai trong suốt thời kỳ quy hoạch, kế hoạch sử dụng đất hoặc thời gian áp dụng bảng giá đất.',
    objectionDays: null,
    objectionRule: 'Không có thời hạn ý kiến sau khi công bố; việc lấy ý kiến người dân diễn ra trước khi phê duyệt.',
    columns: [
      STT,
      { key: 'location', label: 'Vị trí, tuyến đường', type: 'text', aliases: ['vi tri', 'tuyen duong', 'ten duong', 'vi tri tuyen duong', 'ten duong pho'] },
      { key: 'segment', label: 'Đoạn', type: 'text', aliases: ['doan', 'doan tu den', 'tu den', 'doan duong'] },
      { key: 'land_type', label: 'Loại đất', type: 'text', aliases: ['loai dat', 'muc dich su dung', 'muc dich su dung dat'] },
      { key: 'area', label: 'Diện tích (m²)', type: 'number', aliases: ['dien tich', 'dien tich m2', 'dien tich ha'] },
      { key: 'price', label: 'Giá đất (đồng/m²)', type: 'money', aliases: ['gia dat', 'gia', 'gia dat dong m2', 'don gia', 'gia dong m2'] },
      NOTE,
    ],
    strictColumns: false,
    personalList: false,
  },
  procedures: {
    category: 'procedures',
    label: 'Danh mục thủ tục hành chính',
    description: 'Thủ tục hành chính thuộc thẩm quyền giải quyết của xã, phường: thời hạn, phí, lệ phí, nơi tiếp nhận.',
    legalBasis: [
      { text: 'Nghị định số 63/2010/NĐ-CP về kiểm soát thủ tục hành chính (được sửa đổi, bổ sung bởi Nghị định số 92/2017/NĐ-CP)', confidence: 'memory' },
      { text: 'Nghị định số 61/2018/NĐ-CP về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính', confidence: 'memory' },
    ],
    channels: ['notice_board', 'website'],
    minPostingDays: null,
    postingRule: 'Niêm yết thường xuyên tại nơi tiếp nhận hồ sơ (Bộ phận Một cửa) trong suốt thời gian thủ tục còn hiệu lực.',
    objectionDays: null,
    objectionRule: 'Phản ánh, kiến nghị về quy định hành chính được tiếp nhận bất cứ lúc nào.',
    columns: [
      STT,
      { key: 'code', label: 'Mã thủ tục', type: 'text', aliases: ['ma thu tuc', 'ma tthc', 'ma so'] },
      { required: true, key: 'name', label: 'Tên thủ tục', type: 'text', aliases: ['ten thu tuc', 'ten thu tuc hanh chinh', 'ten tthc', 'thu tuc'] },
      { key: 'field', label: 'Lĩnh vực', type: 'text', aliases: ['linh vuc'] },
      { key: 'time_limit', label: 'Thời hạn giải quyết', type: 'text', aliases: ['thoi han giai quyet', 'thoi han', 'thoi gian giai quyet'] },
      { key: 'fee', label: 'Phí, lệ phí', type: 'text', aliases: ['phi le phi', 'le phi', 'phi'] },
      { key: 'place', label: 'Nơi tiếp nhận', type: 'text', aliases: ['noi tiep nhan', 'dia diem tiep nhan', 'co quan tiep nhan'] },
    ],
    strictColumns: false,
    personalList: false,
  },
  anti_corruption: {
    category: 'anti_corruption',
    label: 'Báo cáo công tác phòng, chống tham nhũng hằng năm',
    description: 'Kết quả công tác phòng, chống tham nhũng, tiêu cực trong năm của xã, phường.',
    legalBasis: [
      { text: 'Luật Phòng, chống tham nhũng số 36/2018/QH14 (công khai, minh bạch trong hoạt động của cơ quan, tổ chức, đơn vị)', confidence: 'memory' },
      { text: 'Nghị định số 59/2019/NĐ-CP quy định chi tiết một số điều và biện pháp thi hành Luật Phòng, chống tham nhũng', confidence: 'memory' },
    ],
    channels: ['notice_board', 'website'],
    // Uncertain: no posting period retrieved; a default to set.
    minPostingDays: 30,
    postingRule: 'Công khai báo cáo hằng năm; thời gian niêm yết mặc định 30 ngày (cần đối chiếu quy định của địa phương).',
    objectionDays: null,
    objectionRule: 'Người dân phản ánh, tố cáo hành vi tham nhũng theo Luật Tố cáo, không giới hạn trong thời gian niêm yết.',
    columns: [
      STT,
      { key: 'item', label: 'Nội dung', type: 'text', aliases: ['noi dung', 'chi tieu', 'noi dung cong viec'] },
      { key: 'figure', label: 'Số liệu, kết quả', type: 'text', aliases: ['so lieu', 'ket qua', 'so lieu ket qua', 'so luong'] },
      NOTE,
    ],
    strictColumns: false,
    personalList: false,
  },
  recruitment: {
    category: 'recruitment',
    label: 'Thông báo tuyển dụng',
    description: 'Thông báo tuyển dụng công chức, viên chức, người lao động của xã, phường.',
    legalBasis: [
      { text: 'Quy định của Chính phủ về tuyển dụng, sử dụng và quản lý công chức (thông báo tuyển dụng công khai)', confidence: 'memory' },
      { text: 'Nghị định số 115/2020/NĐ-CP quy định về tuyển dụng, sử dụng và quản lý viên chức', confidence: 'memory' },
    ],
    channels: ['notice_board', 'website', 'loudspeaker'],
    // Memory: applications are received for 30 days from the notice.
    minPostingDays: 30,
    postingRule: 'Niêm yết tại trụ sở và đăng trên trang thông tin điện tử; nhận hồ sơ trong 30 ngày kể từ ngày thông báo.',
    objectionDays: null,
    objectionRule: 'Không có thời hạn ý kiến riêng; phản ánh về tuyển dụng theo quy định chung.',
    columns: [
      STT,
      { required: true, key: 'position', label: 'Vị trí tuyển dụng', type: 'text', aliases: ['vi tri', 'vi tri tuyen dung', 'vi tri viec lam', 'chuc danh'] },
      { key: 'count', label: 'Số lượng', type: 'number', aliases: ['so luong', 'chi tieu', 'so chi tieu'] },
      { key: 'qualification', label: 'Trình độ, chuyên môn', type: 'text', aliases: ['trinh do', 'trinh do chuyen mon', 'yeu cau trinh do', 'chuyen nganh'] },
      { key: 'deadline', label: 'Hạn nộp hồ sơ', type: 'text', aliases: ['han nop ho so', 'thoi han nop ho so', 'han nop'] },
      NOTE,
    ],
    strictColumns: false,
    personalList: false,
  },
};

export function isCategory(value: string): value is DisclosureCategory {
  return (DISCLOSURE_CATEGORIES as readonly string[]).includes(value);
}

export function isChannel(value: string): value is DisclosureChannel {
  return (DISCLOSURE_CHANNELS as readonly string[]).includes(value);
}
