import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.js';
import type { PortalArea } from './area.js';
import { sendFile, sendNotFound } from './respond.js';
import { plansArea } from './routes/plans.js';
import { planDataArea } from './routes/plan-data.js';
import { disclosuresArea } from './routes/disclosures.js';
import { receptionArea } from './routes/reception.js';
import { lookupArea } from './routes/lookup.js';
import { followArea } from './routes/follow.js';
import { feedbackArea } from './routes/feedback.js';
import { surveysArea } from './routes/surveys.js';
import { campaignsArea } from './routes/campaigns.js';

/**
 * The areas of the public portal. Each area is one file under routes/ exporting a PortalArea;
 * add one line here to register its routes and its sitemap entries.
 */
export const PORTAL_AREAS: PortalArea[] = [
  plansArea,
  planDataArea,
  disclosuresArea,
  receptionArea,
  lookupArea,
  followArea,
  feedbackArea,
  surveysArea,
  campaignsArea,
];

/** The public portal: server-rendered Vietnamese pages without JavaScript, plus sitemap.xml and robots.txt. */
export function portalRoutes(services: Services, areas: PortalArea[] = PORTAL_AREAS) {
  return async (app: FastifyInstance): Promise<void> => {
    for (const area of areas) await area.routes(app, services);

    app.get('/sitemap.xml', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const base = `${request.protocol}://${request.host}`;
      const lists = await Promise.all(areas.map((a) => (a.sitemap ? a.sitemap(services) : Promise.resolve([]))));
      const seen = new Set<string>();
      const urls: string[] = [];
      for (const entry of lists.flat()) {
        if (seen.has(entry.path)) continue;
        seen.add(entry.path);
        const loc = xmlEscape(base + entry.path);
        urls.push(`<url><loc>${loc}</loc>${entry.lastModified ? `<lastmod>${xmlEscape(entry.lastModified.slice(0, 10))}</lastmod>` : ''}</url>`);
      }
      const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
      return sendFile(request, reply, body, { contentType: 'application/xml; charset=utf-8', maxAge: 300 });
    });

    app.get('/robots.txt', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
      const base = `${request.protocol}://${request.host}`;
      const body = `User-agent: *\nDisallow: /app/\nDisallow: /api/\nAllow: /\n\nSitemap: ${base}/sitemap.xml\n`;
      return sendFile(request, reply, body, { contentType: 'text/plain; charset=utf-8', maxAge: 3600 });
    });
  };
}

/** The portal's 404 for any unknown non-API path. */
export { sendNotFound as portalNotFound };

function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}
