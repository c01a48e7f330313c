/**
 * Who handles a case. Feedback goes to the commune's People's Committee (the commune unit itself) unless a
 * topic is routed elsewhere in settings; complaints and denunciations go to the citizen-reception desk of
 * the government above, and are never published (Luật Khiếu nại, Luật Tố cáo protect the person who
 * complains or denounces).
 */
import type { FeedbackKind, FeedbackTopic } from './topics.js';

export interface RoutingRules {
  /** Topic → unit id, overriding the commune for that topic. */
  topicUnits?: Partial<Record<FeedbackTopic, number>>;
  /** The reception desk's unit; by default the government above the commune (its parent). */
  deskUnitId?: number | null;
}

export interface Commune {
  id: number;
  parentId: number | null;
}

export function routeCase(kind: FeedbackKind, topic: FeedbackTopic, commune: Commune, rules: RoutingRules = {}): number {
  if (kind !== 'feedback') return rules.deskUnitId ?? commune.parentId ?? commune.id;
  return rules.topicUnits?.[topic] ?? commune.id;
}

/** Only feedback may be published; complaints and denunciations never are. */
export const mayPublish = (kind: FeedbackKind): boolean => kind === 'feedback';
