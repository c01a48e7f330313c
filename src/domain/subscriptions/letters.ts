import { formatDateVi, vnDate } from '../time.js';
import { ENTRIES_PER_REPORT, ENTRY_STATUS_LABEL_VI, type FollowChange, type ProgressChange, type TargetKind } from './index.js';

/**
 * The letters to citizens, in Vietnamese, as plain text. Every one names what is followed, carries the
 * unsubscribe link in its text and in a List-Unsubscribe header (RFC 2369; one-click per RFC 8058), and
 * never quotes the subscriber's own address.
 */

export interface FollowTarget {
  kind: TargetKind;
  id: number;
  /** "Kế hoạch số 118/KH-UBND …" or "UBND phường Hòa Vinh". */
  name: string;
  /** Path of its public page ("/ke-hoach/1", "/don-vi/DH.HV"). */
  path: string;
}

export interface Letter {
  subject: string;
  text: string;
  headers: Record<string, string>;
}

/** Links a letter needs, absolute (built from PUBLIC_URL). */
export interface LetterLinks {
  base: string;
  /** Raw token of this letter's unsubscribe link. */
  unsubscribeToken: string;
  /** Raw token of the confirmation link (confirmation letters only). */
  confirmToken?: string;
}

const FOOTER = 'Thư này do hệ thống Dondoc gửi tự động; vui lòng không trả lời thư này.';

const instantVi = (instant: string) => formatDateVi(vnDate(new Date(instant)));

function what(target: FollowTarget): string {
  return target.kind === 'plan' ? `tiến độ thực hiện ${target.name}` : `tiến độ và thông tin công khai của ${target.name}`;
}

function unsubscribeUrl(links: LetterLinks): string {
  return `${links.base}/theo-doi/huy?ma=${links.unsubscribeToken}`;
}

function headers(links: LetterLinks): Record<string, string> {
  return { 'List-Unsubscribe': `<${unsubscribeUrl(links)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/** `following`: false in the confirmation letter, where nothing is followed yet. */
function closing(target: FollowTarget, links: LetterLinks, following = true): string[] {
  return [
    following
      ? `Quý ông/bà nhận thư này vì địa chỉ thư điện tử này đã được đăng ký theo dõi ${what(target)} trên Cổng thông tin công khai.`
      : 'Nếu không phải Quý ông/bà yêu cầu, có thể hủy yêu cầu này bằng đường dẫn dưới đây.',
    `Ngừng nhận thư: ${unsubscribeUrl(links)}`,
    '',
    FOOTER,
  ];
}

/** The double opt-in letter: nothing is sent until the link is followed and the button pressed. */
export function confirmationLetter(target: FollowTarget, links: LetterLinks, expiresAt: string): Letter {
  if (!links.confirmToken) throw new Error('confirmationLetter needs a confirmation token');
  return {
    subject: `Xác nhận đăng ký theo dõi: ${target.name}`,
    text: [
      'Kính gửi Quý ông/bà,',
      '',
      `Cổng thông tin công khai vừa nhận được yêu cầu gửi thông báo về ${what(target)} đến địa chỉ thư điện tử này.`,
      '',
      'Để xác nhận, vui lòng mở đường dẫn sau và bấm nút «Xác nhận theo dõi»:',
      `${links.base}/theo-doi/xac-nhan?ma=${links.confirmToken}`,
      '',
      `Đường dẫn có hiệu lực đến hết ngày ${instantVi(expiresAt)}. Nếu Quý ông/bà không yêu cầu, xin bỏ qua thư này: sẽ không có thư nào khác được gửi.`,
      `Trang theo dõi: ${links.base}${target.path}`,
      '',
      ...closing(target, links, false),
    ].join('\n'),
    headers: headers(links),
  };
}

/** The answer to a second request for an address already following: says so to the mailbox, nobody else. */
export function alreadyFollowingLetter(target: FollowTarget, links: LetterLinks): Letter {
  return {
    subject: `Quý ông/bà đã theo dõi: ${target.name}`,
    text: [
      'Kính gửi Quý ông/bà,',
      '',
      `Cổng thông tin công khai vừa nhận được yêu cầu đăng ký theo dõi ${what(target)} cho địa chỉ thư điện tử này. Địa chỉ này đã đăng ký và xác nhận từ trước, nên không cần làm gì thêm: mỗi khi có thay đổi, Quý ông/bà sẽ nhận được thư thông báo.`,
      '',
      `Trang theo dõi: ${links.base}${target.path}`,
      '',
      ...closing(target, links),
    ].join('\n'),
    headers: headers(links),
  };
}

function progressLines(c: ProgressChange, target: FollowTarget, base: string): string[] {
  const heading =
    target.kind === 'plan'
      ? `- ${instantVi(c.at)}: báo cáo ${c.roundLabel} của ${c.unitName} đã được duyệt.`
      : `- ${instantVi(c.at)}: báo cáo ${c.roundLabel} (${c.planTitle}) đã được duyệt.`;
  const shown = c.lines.slice(0, ENTRIES_PER_REPORT).map((l) => {
    const status = `${ENTRY_STATUS_LABEL_VI[l.status]}${l.progress !== null && l.status !== 'done' ? ` ${l.progress}%` : ''}`;
    const results = l.results.replace(/\s+/g, ' ').trim();
    return `    Nhiệm vụ ${l.taskNo} — ${status}${results ? `: ${results.length > 300 ? `${results.slice(0, 300)}…` : results}` : ''}`;
  });
  const more = c.lines.length - shown.length;
  return [
    heading,
    ...shown,
    ...(more > 0 ? [`    … và ${more} nhiệm vụ khác.`] : []),
    `    Xem: ${base}/ke-hoach/${c.planId}?donVi=${encodeURIComponent(c.unitCode)}`,
  ];
}

/** One letter listing every change a subscription has not heard of, oldest first. */
export function digestLetter(target: FollowTarget, changes: readonly FollowChange[], links: LetterLinks): Letter {
  const progress = changes.filter((c) => c.kind === 'progress').length;
  const disclosures = changes.length - progress;
  const counts = [progress ? `${progress} báo cáo được duyệt` : '', disclosures ? `${disclosures} nội dung công khai mới` : ''].filter(Boolean).join(', ');
  const body = changes.flatMap((c) =>
    c.kind === 'progress'
      ? progressLines(c, target, links.base)
      : [
          `- ${instantVi(c.at)}: công khai mới — ${c.title} (${c.categoryLabel}, ${c.unitName}), niêm yết từ ${formatDateVi(c.publishDate)}${c.postingEnd ? ` đến ${formatDateVi(c.postingEnd)}` : ''}.`,
          `    Xem: ${links.base}/cong-khai/${c.id}`,
        ],
  );
  return {
    subject: `Cập nhật mới: ${target.name} (${counts})`,
    text: ['Kính gửi Quý ông/bà,', '', `Từ thư thông báo trước, ${what(target)} có các thay đổi sau:`, '', ...body, '', `Trang theo dõi: ${links.base}${target.path}`, '', ...closing(target, links)].join('\n'),
    headers: headers(links),
  };
}
