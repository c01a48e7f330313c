import { html, type SafeHtml } from './html.js';

/**
 * The "Theo dõi" box: one plain form (no JavaScript) that asks for an e-mail address to follow a plan or a
 * unit, and the Atom feed of the same thing. Shown on the plan page, the unit page and the disclosures list
 * filtered by a unit; the form posts to /theo-doi (routes/follow.ts).
 */

export interface FollowBoxOptions {
  /** What is followed, as the form names it. */
  kind: 'ke-hoach' | 'don-vi';
  id: number;
  /** Its Atom feed. */
  feedHref: string;
  /** The address typed before, when the box is shown again after a mistake (escaped like everything). */
  email?: string;
  /** The mistake, shown above the field and tied to it. */
  error?: string;
}

export const planFeedHref = (planId: number) => `/ke-hoach/${planId}/atom.xml`;
export const unitFeedHref = (code: string) => `/don-vi/${encodeURIComponent(code)}/atom.xml`;

export function followBox(o: FollowBoxOptions): SafeHtml {
  const what = o.kind === 'ke-hoach' ? 'khi có báo cáo tiến độ của kế hoạch này được duyệt' : 'khi đơn vị có báo cáo tiến độ được duyệt hoặc có nội dung công khai mới';
  return html`<section class="card" aria-labelledby="theo-doi"><h2 id="theo-doi">Theo dõi</h2>
<p>Nhận thư điện tử ${what}. Địa chỉ thư của bạn không hiển thị ở bất cứ đâu và chỉ dùng để gửi các thư này; mỗi thư đều có đường dẫn ngừng nhận.</p>
<form class="search" method="post" action="/theo-doi">
<input type="hidden" name="loai" value="${o.kind}"><input type="hidden" name="id" value="${String(o.id)}">
<label for="theo-doi-email">Địa chỉ thư điện tử</label>
${o.error ? html`<p id="theo-doi-loi" class="error" role="alert">${o.error}</p>` : ''}
<input id="theo-doi-email" name="email" type="email" required maxlength="254" autocomplete="email" spellcheck="false" value="${o.email ?? ''}"${o.error ? html` aria-invalid="true" aria-describedby="theo-doi-loi"` : ''}>
<p hidden><label for="theo-doi-web">Để trống ô này</label><input id="theo-doi-web" name="website" type="text" tabindex="-1" autocomplete="off"></p>
<button type="submit">Theo dõi</button>
</form>
<p class="small">Hoặc theo dõi qua <a href="${o.feedHref}">nguồn tin Atom</a> (không cần để lại địa chỉ thư).</p>
</section>`;
}
