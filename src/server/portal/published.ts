import type { Services } from '../../services/index.js';
import { newestDisclosures } from './routes/disclosures.js';
import { newestSurveys } from './routes/surveys.js';
import { newestCampaigns } from './routes/campaigns.js';

/** One item of the home page's "Mới công bố" list (an accepted report, a published disclosure…). */
export interface PublishedItem {
  /** What kind of item, shown before the title ("Báo cáo được duyệt", "Công khai"…). */
  kind: string;
  title: string;
  href: string;
  /** UTC instant or YYYY-MM-DD it was published or accepted. */
  date: string;
  publisher: string;
}

export type PublishedSource = (services: Services, limit: number) => Promise<PublishedItem[]>;

/** The plans' newest accepted reports. */
export const planUpdates: PublishedSource = async (services, limit) =>
  (await services.portal.latestUpdates(limit)).map((u) => ({
    kind: 'Báo cáo tiến độ được duyệt',
    title: `${u.roundLabel}: ${u.planTitle}`,
    href: `/ke-hoach/${u.planId}#cap-nhat`,
    date: u.acceptedAt,
    publisher: u.unit.name,
  }));

/**
 * Where the home page's newest published items come from: each portal area adds one line
 * (e.g. the disclosures' newest published items).
 */
export const PUBLISHED_SOURCES: PublishedSource[] = [
  planUpdates,
  newestDisclosures,
  newestSurveys,
  newestCampaigns,
];

/** The newest items over every source, newest first. */
export async function newestPublished(services: Services, limit = 8): Promise<PublishedItem[]> {
  const lists = await Promise.all(PUBLISHED_SOURCES.map((source) => source(services, limit)));
  return lists
    .flat()
    .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
    .slice(0, limit);
}
