/** The one page outside the public portal: the staff app's shell when it has not been built. */
import { html } from './portal/html.js';
import { renderPage } from './portal/layout.js';

export function webNotBuiltPage(): string {
  return renderPage({
    title: 'Chưa biên dịch',
    current: '',
    body: html`<h1>Giao diện cán bộ chưa được biên dịch</h1><p>Chạy <code>npm run build</code> rồi khởi động lại máy chủ.</p>`,
  });
}
