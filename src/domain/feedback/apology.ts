/**
 * The apology letter for a case answered late (thư xin lỗi vì trả lời chậm), in the spirit of the seed's
 * rule that a body apologises to the citizen for late or wrong handling. Pure: the caller gives today's date.
 */
import { formatVi } from '../schedule/calendar.js';

export interface ApologyCase {
  code: string;
  /** The sender's name when given; the letter then addresses them by name. */
  senderName: string | null;
  unitName: string;
  /** YYYY-MM-DD. */
  receivedOn: string;
  dueDate: string;
  dueExplanation: string;
  /** YYYY-MM-DD the case was answered (in Vietnam), or null while open. */
  answeredOn: string | null;
  /** YYYY-MM-DD the unit promises an answer by, for a case still open after its due. */
  promisedOn?: string | null;
}

export interface ApologyLetter {
  addressee: string;
  /** YYYY-MM-DD: the date answered, or the date the unit set. */
  newDate: string;
  paragraphs: string[];
}

/**
 * The new date when the case is late: answered after its due, or still open after it (then the date the
 * unit set, and no letter until it sets one: a letter without a date would promise nothing). Null otherwise.
 */
export function apologyNewDate(c: ApologyCase, today: string): string | null {
  if (c.answeredOn !== null) return c.answeredOn > c.dueDate ? c.answeredOn : null;
  if (today <= c.dueDate) return null;
  return c.promisedOn && c.promisedOn > c.dueDate ? c.promisedOn : null;
}

export function apologyLetter(c: ApologyCase, today: string): ApologyLetter | null {
  const newDate = apologyNewDate(c, today);
  if (!newDate) return null;
  const name = c.senderName?.trim();
  const addressee = name ? `Ông/Bà ${name}` : 'Ông/Bà';
  const answered = c.answeredOn !== null;
  return {
    addressee,
    newDate,
    paragraphs: [
      `Ngày ${formatVi(c.receivedOn)}, ${c.unitName} tiếp nhận phản ánh, kiến nghị của ${addressee} (mã theo dõi ${c.code}). ` +
        `Theo quy định, hạn trả lời là ngày ${formatVi(c.dueDate)} (${c.dueExplanation}).`,
      answered
        ? `Do việc xem xét, giải quyết kéo dài, đến ngày ${formatVi(newDate)} ${c.unitName} mới trả lời ${addressee}, chậm so với thời hạn nêu trên.`
        : `Do việc xem xét, giải quyết kéo dài, ${c.unitName} chưa trả lời được ${addressee} đúng thời hạn nêu trên và sẽ trả lời chậm nhất vào ngày ${formatVi(newDate)}.`,
      `${c.unitName} thành thật xin lỗi ${addressee} vì việc trả lời chậm trễ này, đồng thời đã chấn chỉnh, rút kinh nghiệm để việc tiếp nhận, xử lý phản ánh, kiến nghị được kịp thời, đúng quy định.`,
      `Mọi thắc mắc, ${addressee} xem tiến độ và câu trả lời trên Cổng thông tin theo mã theo dõi ${c.code}. Trân trọng./.`,
    ],
  };
}
