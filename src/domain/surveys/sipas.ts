import type { Question } from './model.js';

/**
 * The template: the questionnaire used nationally to measure satisfaction with administrative services —
 * SIPAS, "Chỉ số hài lòng về sự phục vụ hành chính", measured by Bộ Nội vụ (Ministry of Home Affairs).
 *
 * Source and how sure: the five groups (access to the service; administrative procedures; the officials who
 * handle the case; the result; receiving and handling feedback) and the 1–5 satisfaction scale are those of
 * the SIPAS method as published by Bộ Nội vụ (Đề án đo lường sự hài lòng…, Quyết định 2640/QĐ-BNV ngày
 * 10/10/2017, continued for 2021–2030) — sure of the groups and the scale. The wording of each question
 * below is ours, written from those criteria in plain administrative Vietnamese, not copied from the
 * ministry's printed form (which changes from year to year): a deployment should compare it with the form
 * of the year before using the figures for the official index.
 */
export const SIPAS_TITLE = 'Khảo sát sự hài lòng của người dân, tổ chức đối với sự phục vụ hành chính';
export const SIPAS_DESCRIPTION =
  'Phiếu khảo sát theo các tiêu chí của Chỉ số hài lòng về sự phục vụ hành chính (SIPAS) do Bộ Nội vụ triển khai. ' +
  'Phiếu không ghi tên người trả lời; ý kiến của Ông/Bà giúp cơ quan cải thiện chất lượng phục vụ.';

const scale = (id: string, text: string): Question => ({ id, kind: 'scale', text, required: true });

export function sipasQuestionnaire(): Question[] {
  return [
    {
      id: 'thu-tuc',
      kind: 'single',
      text: 'Ông/Bà đến giải quyết loại thủ tục hành chính nào?',
      required: true,
      options: ['Đất đai', 'Xây dựng', 'Hộ tịch', 'Chứng thực', 'Đăng ký kinh doanh', 'Bảo trợ xã hội', 'Khác'],
    },
    {
      id: 'kenh',
      kind: 'multiple',
      text: 'Ông/Bà tìm hiểu thông tin về thủ tục qua những kênh nào?',
      required: false,
      options: ['Niêm yết tại Bộ phận Một cửa', 'Cổng dịch vụ công', 'Hỏi trực tiếp công chức', 'Người thân, bạn bè', 'Loa truyền thanh, báo chí'],
    },
    // 1. Tiếp cận dịch vụ
    scale('tiep-can-1', 'Nơi ngồi chờ tại Bộ phận Một cửa có đủ chỗ ngồi, sạch sẽ, thoáng mát.'),
    scale('tiep-can-2', 'Trang thiết bị phục vụ người dân (bàn ghế, máy tra cứu, nước uống…) đầy đủ, dễ sử dụng.'),
    // 2. Thủ tục hành chính
    scale('thu-tuc-1', 'Thủ tục hành chính được niêm yết công khai, đầy đủ, chính xác.'),
    scale('thu-tuc-2', 'Thành phần hồ sơ, phí, lệ phí phải nộp đúng như quy định được niêm yết.'),
    scale('thu-tuc-3', 'Thời hạn giải quyết ghi trên giấy hẹn là hợp lý.'),
    // 3. Công chức trực tiếp giải quyết công việc
    scale('cong-chuc-1', 'Công chức có thái độ giao tiếp lịch sự, tôn trọng người dân.'),
    scale('cong-chuc-2', 'Công chức hướng dẫn kê khai hồ sơ tận tình, dễ hiểu, chỉ cần bổ sung hồ sơ một lần.'),
    scale('cong-chuc-3', 'Công chức tuân thủ đúng quy định, không gây phiền hà, nhũng nhiễu.'),
    // 4. Kết quả cung ứng dịch vụ
    scale('ket-qua-1', 'Kết quả được trả đúng hẹn.'),
    scale('ket-qua-2', 'Kết quả đúng quy định, thông tin trên kết quả đầy đủ, chính xác.'),
    // 5. Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị
    scale('gop-y-1', 'Cơ quan có bố trí hình thức tiếp nhận góp ý, phản ánh, kiến nghị (hộp thư, số điện thoại, cổng thông tin).'),
    scale('gop-y-2', 'Góp ý, phản ánh, kiến nghị được tiếp nhận, xử lý và trả lời kịp thời.'),
    // Chung
    scale('chung', 'Nhìn chung, Ông/Bà hài lòng với sự phục vụ của cơ quan hành chính ở mức nào?'),
    { id: 'y-kien', kind: 'text', text: 'Ông/Bà có góp ý gì để cơ quan phục vụ tốt hơn?', required: false },
  ];
}
