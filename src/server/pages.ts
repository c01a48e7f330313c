/** Minimal server-rendered pages until the public portal exists: Vietnamese, no JavaScript. */
const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} — Dondoc</title>
<style>body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1b1e}a{color:#1864ab}h1{font-size:1.5rem}</style>
</head><body>${body}</body></html>`;
}

export function homePage(): string {
  return page(
    'Trang chủ',
    `<h1>Dondoc — theo dõi, đôn đốc kế hoạch cải thiện Chỉ số PAPI</h1>
<p>Cổng thông tin công khai dành cho người dân đang được xây dựng.</p>
<p><a href="/app/">Đăng nhập dành cho cán bộ</a></p>`,
  );
}

export function notFoundPage(path: string): string {
  return page(
    'Không tìm thấy trang',
    `<h1>Không tìm thấy trang</h1><p>Trang <code>${escape(path)}</code> không tồn tại hoặc đã được chuyển đi.</p><p><a href="/">Về trang chủ</a></p>`,
  );
}

export function webNotBuiltPage(): string {
  return page(
    'Chưa biên dịch',
    '<h1>Giao diện cán bộ chưa được biên dịch</h1><p>Chạy <code>npm run build</code> rồi khởi động lại máy chủ.</p>',
  );
}
