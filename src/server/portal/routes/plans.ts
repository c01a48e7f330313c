import type { PortalArea } from '../area.js';
import { html } from '../html.js';
import { renderPage } from '../layout.js';
import { sendPage } from '../respond.js';

/** Home, plans, tasks, units and search (P1). */
export const plansArea: PortalArea = {
  name: 'plans',
  async routes(app) {
    app.get('/', { config: { public: true }, schema: { hide: true } }, async (request, reply) =>
      sendPage(request, reply, renderPage({ title: 'Trang chủ', body: html`<h1>Theo dõi kế hoạch cải thiện Chỉ số PAPI</h1>` })),
    );
  },
  async sitemap() {
    return [{ path: '/' }];
  },
};
