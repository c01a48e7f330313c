import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/index.js';

/** One entry of sitemap.xml: a path of the portal (absolute URL built from the request's host). */
export interface SitemapEntry {
  path: string;
  /** ISO date or date-time of the last change, when known. */
  lastModified?: string;
}

/**
 * One area of the public portal (plans, disclosures, reception…): its routes, every one with
 * `config: { public: true }`, and the pages it contributes to sitemap.xml.
 */
export interface PortalArea {
  name: string;
  routes(app: FastifyInstance, services: Services): Promise<void>;
  sitemap?(services: Services): Promise<SitemapEntry[]>;
}
