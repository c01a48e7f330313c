/**
 * What citizens write about (topics) and what kind of submission it is in law (kinds). The kind decides the
 * time limit, the counting (working days or plain days) and who handles it; the topic only routes a
 * feedback and sets its answer days.
 */
export const FEEDBACK_TOPICS = ['thu_tuc', 'dat_dai', 'moi_truong', 'dich_vu_cong', 'thai_do', 'khac'] as const;
export type FeedbackTopic = (typeof FEEDBACK_TOPICS)[number];

export interface TopicSpec {
  label: string;
  /** Answer time for a feedback or recommendation, in working days. */
  answerDays: number;
  /** The basis of the default and how sure it is ([C] checked, [M] likely, [?] not found). */
  basis: string;
}

/**
 * Defaults. Nghị định 20/2008/NĐ-CP (amended by 48/2013 and 92/2017) governs feedback on administrative
 * regulations; the exact day counts were not retrieved ([?]), and provinces set their own in a quy chế —
 * so the days are configurable and these are a cautious 10 working days, 15 for land (site checks).
 */
export const DEFAULT_TOPICS: Record<FeedbackTopic, TopicSpec> = {
  thu_tuc: { label: 'Thủ tục hành chính', answerDays: 10, basis: 'NĐ 20/2008/NĐ-CP (sửa đổi bởi NĐ 48/2013, NĐ 92/2017) và quy chế của tỉnh; số ngày mặc định [?], cấu hình được' },
  dat_dai: { label: 'Đất đai', answerDays: 15, basis: 'Quy chế tiếp nhận, xử lý phản ánh, kiến nghị của tỉnh; mặc định 15 ngày làm việc vì thường phải kiểm tra thực địa [?]' },
  moi_truong: { label: 'Môi trường', answerDays: 10, basis: 'Quy chế tiếp nhận, xử lý phản ánh, kiến nghị của tỉnh; mặc định [?]' },
  dich_vu_cong: { label: 'Dịch vụ công', answerDays: 10, basis: 'QĐ 31/2021/QĐ-TTg, NĐ 61/2018/NĐ-CP và quy chế của tỉnh; mặc định [?]' },
  thai_do: { label: 'Thái độ, tác phong cán bộ', answerDays: 10, basis: 'Quy chế tiếp nhận, xử lý phản ánh, kiến nghị của tỉnh; mặc định [?]' },
  khac: { label: 'Khác', answerDays: 10, basis: 'Quy chế tiếp nhận, xử lý phản ánh, kiến nghị của tỉnh; mặc định [?]' },
};

export const FEEDBACK_KINDS = ['feedback', 'complaint', 'denunciation'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

export const KIND_LABELS: Record<FeedbackKind, string> = {
  feedback: 'Phản ánh, kiến nghị',
  complaint: 'Khiếu nại',
  denunciation: 'Tố cáo',
};

export const FEEDBACK_CHANNELS = ['web', 'desk', 'phone', 'open311'] as const;
export type FeedbackChannel = (typeof FEEDBACK_CHANNELS)[number];

export const CHANNEL_LABELS: Record<FeedbackChannel, string> = {
  web: 'Cổng thông tin',
  desk: 'Bộ phận một cửa',
  phone: 'Điện thoại',
  open311: 'Ứng dụng (Open311)',
};

export const isTopic = (v: unknown): v is FeedbackTopic => typeof v === 'string' && (FEEDBACK_TOPICS as readonly string[]).includes(v);
export const isKind = (v: unknown): v is FeedbackKind => typeof v === 'string' && (FEEDBACK_KINDS as readonly string[]).includes(v);
export const isChannel = (v: unknown): v is FeedbackChannel => typeof v === 'string' && (FEEDBACK_CHANNELS as readonly string[]).includes(v);

/** Reply templates per topic: a starting text the officer edits, never sent as is. */
export const REPLY_TEMPLATES: Record<FeedbackTopic, string> = {
  thu_tuc:
    'Ủy ban nhân dân {donVi} đã nhận phản ánh, kiến nghị của Ông/Bà về thủ tục hành chính. Sau khi kiểm tra, xin trả lời như sau: …\nThành phần hồ sơ và quy trình được niêm yết tại Bộ phận một cửa và trên Cổng Dịch vụ công.',
  dat_dai: 'Ủy ban nhân dân {donVi} đã nhận phản ánh, kiến nghị của Ông/Bà về đất đai. Qua kiểm tra hồ sơ địa chính và thực địa, xin trả lời như sau: …',
  moi_truong: 'Ủy ban nhân dân {donVi} đã nhận phản ánh của Ông/Bà về môi trường. Đơn vị đã kiểm tra hiện trường và xử lý như sau: …',
  dich_vu_cong: 'Ủy ban nhân dân {donVi} đã nhận phản ánh, kiến nghị của Ông/Bà về dịch vụ công. Xin trả lời như sau: …',
  thai_do:
    'Ủy ban nhân dân {donVi} đã nhận phản ánh của Ông/Bà về thái độ, tác phong của cán bộ. Đơn vị đã làm việc với cán bộ liên quan và xử lý như sau: … Xin cảm ơn Ông/Bà đã góp ý.',
  khac: 'Ủy ban nhân dân {donVi} đã nhận phản ánh, kiến nghị của Ông/Bà. Xin trả lời như sau: …',
};

/** Topic days with an override map (from settings), every value checked. */
export function answerDaysOf(topic: FeedbackTopic, overrides: Partial<Record<FeedbackTopic, number>> = {}): number {
  const v = overrides[topic];
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 90 ? v : DEFAULT_TOPICS[topic].answerDays;
}
