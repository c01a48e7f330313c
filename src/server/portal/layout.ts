import { html, raw, type SafeHtml } from './html.js';
import { PORTAL_CSS } from './styles.js';

export interface Breadcrumb {
  label: string;
  href?: string;
}

export interface PageOptions {
  /** The page's own title (the site name is appended in <title>). */
  title: string;
  description?: string;
  /** Trail from the home page; the last item is the current page (no href needed). */
  breadcrumbs?: Breadcrumb[];
  body: SafeHtml;
  lang?: string;
  /** The nav entry to mark as current (its href, e.g. '/ke-hoach'); else the second breadcrumb's href, else '/' without breadcrumbs. */
  current?: string;
}

export const SITE_NAME = 'Cổng thông tin công khai Dondoc';

/** The portal's main navigation (PRODUCT.md §6 paths). */
export const NAV: ReadonlyArray<{ href: string; label: string }> = [
  { href: '/', label: 'Trang chủ' },
  { href: '/ke-hoach', label: 'Kế hoạch' },
  { href: '/cong-khai', label: 'Công khai' },
  { href: '/lich-tiep-cong-dan', label: 'Lịch tiếp công dân' },
  { href: '/tra-cuu', label: 'Tra cứu' },
  { href: '/khao-sat', label: 'Khảo sát' },
  { href: '/dong-gop', label: 'Đóng góp' },
];

/**
 * A whole public page: Vietnamese, mobile first, one inline stylesheet, no JavaScript; landmarks
 * (header/nav/main/footer), a skip link and a breadcrumb trail.
 */
export function renderPage(options: PageOptions): string {
  const { title, description, breadcrumbs, body, lang = 'vi' } = options;
  const current = options.current ?? breadcrumbs?.[1]?.href ?? (!breadcrumbs ? '/' : undefined);
  const trail =
    breadcrumbs && breadcrumbs.length > 1
      ? html`<nav class="crumbs" aria-label="Đường dẫn"><ol>${breadcrumbs.map((b, i) =>
          i === breadcrumbs.length - 1 || !b.href ? html`<li><span aria-current="${i === breadcrumbs.length - 1 ? 'page' : 'false'}">${b.label}</span></li>` : html`<li><a href="${b.href}">${b.label}</a></li>`,
        )}</ol></nav>`
      : '';
  const doc = html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} — ${SITE_NAME}</title>
${description ? html`<meta name="description" content="${description}">` : ''}
<style>${raw(PORTAL_CSS)}</style>
</head><body>
<a class="skip" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
<header class="site"><div class="wrap"><a class="brand" href="/">${SITE_NAME}</a>
<nav aria-label="Điều hướng chính"><ul>${NAV.map((n) => html`<li><a href="${n.href}"${n.href === current ? raw(' aria-current="page"') : ''}>${n.label}</a></li>`)}</ul></nav></div></header>
<div class="wrap">${trail}
<main id="noi-dung" tabindex="-1">${body}</main></div>
<footer class="site"><div class="wrap"><p>Thông tin trên cổng chỉ gồm nội dung đã được cơ quan có thẩm quyền duyệt, công bố. Ngày giờ theo giờ Việt Nam (GMT+7).</p>
<p><a href="/sitemap.xml">Sơ đồ trang</a> · <a href="/app/">Đăng nhập dành cho cán bộ</a></p></div></footer>
</body></html>`;
  return doc.value;
}

/** The friendly Vietnamese 404 page (unknown path, unknown id or code). */
export function notFoundPage(options: { path?: string; message?: string } = {}): string {
  return renderPage({
    title: 'Không tìm thấy trang',
    breadcrumbs: [{ label: 'Trang chủ', href: '/' }, { label: 'Không tìm thấy trang' }],
    current: '',
    body: html`<h1>Không tìm thấy trang</h1>
<p>${options.message ?? 'Trang bạn tìm không tồn tại hoặc đã được chuyển đi.'}</p>
${options.path ? html`<p class="muted small">Đường dẫn: <code>${options.path.slice(0, 200)}</code></p>` : ''}
<ul><li><a href="/">Về trang chủ</a></li><li><a href="/ke-hoach">Xem các kế hoạch</a></li><li><a href="/tim-kiem">Tìm kiếm</a></li></ul>`,
  });
}
