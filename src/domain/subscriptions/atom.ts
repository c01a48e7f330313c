import { formatDateVi, vnDate } from '../time.js';
import { ENTRY_STATUS_LABEL_VI, type FollowChange } from './index.js';
import type { FollowTarget } from './letters.js';

/**
 * The Atom feed (RFC 4287) of a followed plan or unit: one entry per task line of an accepted report
 * (task, unit, date, the accepted result text) and one per disclosure made public. Built only from the
 * changes the service hands in, which come from accepted reports and public disclosures alone.
 */

/** Entries a feed holds at most (the newest). */
export const FEED_ENTRIES = 100;

export function xmlEscape(s: string): string {
  // Characters XML 1.0 cannot carry at all are dropped rather than escaped.
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

interface FeedEntry {
  id: string;
  title: string;
  link: string;
  at: string;
  author: string;
  summary: string;
}

function entriesOf(changes: readonly FollowChange[], base: string): FeedEntry[] {
  const out: FeedEntry[] = [];
  for (const c of changes) {
    if (c.kind === 'disclosure') {
      out.push({
        id: `${base}/cong-khai/${c.id}`,
        title: `Công khai: ${c.title}`,
        link: `${base}/cong-khai/${c.id}`,
        at: c.at,
        author: c.unitName,
        summary: `${c.categoryLabel} — công khai ngày ${formatDateVi(c.publishDate)}${c.postingEnd ? `, niêm yết đến ${formatDateVi(c.postingEnd)}` : ''}. ${c.summary}`.trim(),
      });
      continue;
    }
    for (const l of c.lines) {
      const status = `${ENTRY_STATUS_LABEL_VI[l.status]}${l.progress !== null && l.status !== 'done' ? ` ${l.progress}%` : ''}`;
      out.push({
        id: `${base}/ke-hoach/${c.planId}/nhiem-vu/${l.taskId}#bao-cao-${l.entryId}`,
        title: `Nhiệm vụ ${l.taskNo} — ${c.unitName}: ${status}`,
        link: `${base}/ke-hoach/${c.planId}/nhiem-vu/${l.taskId}`,
        at: c.at,
        author: c.unitName,
        summary: `Báo cáo ${c.roundLabel}, được duyệt ngày ${formatDateVi(vnDate(new Date(c.at)))}. ${l.results.trim() || status}`,
      });
    }
  }
  return out.sort((a, b) => b.at.localeCompare(a.at) || a.id.localeCompare(b.id)).slice(0, FEED_ENTRIES);
}

/** The whole feed document; the same changes give the same bytes (the ETag holds). */
export function followFeed(target: FollowTarget, changes: readonly FollowChange[], base: string, selfPath: string): string {
  const entries = entriesOf(changes, base);
  // With no entry, a fixed date: the feed's bytes must not depend on the clock.
  const updated = entries[0]?.at ?? '2021-01-01T00:00:00.000Z';
  const title = target.kind === 'plan' ? `Tiến độ: ${target.name}` : `${target.name}: tiến độ và thông tin công khai`;
  const body = entries
    .map(
      (e) =>
        `<entry><id>${xmlEscape(e.id)}</id><title>${xmlEscape(e.title)}</title><link rel="alternate" type="text/html" href="${xmlEscape(e.link)}"/><published>${xmlEscape(e.at)}</published><updated>${xmlEscape(e.at)}</updated><author><name>${xmlEscape(e.author)}</name></author><summary>${xmlEscape(e.summary)}</summary></entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi"><id>${xmlEscape(base + target.path)}</id><title>${xmlEscape(title)}</title><link rel="self" href="${xmlEscape(base + selfPath)}"/><link rel="alternate" type="text/html" href="${xmlEscape(base + target.path)}"/><updated>${xmlEscape(updated)}</updated><author><name>Cổng thông tin công khai Dondoc</name></author>\n${body}\n</feed>\n`;
}
