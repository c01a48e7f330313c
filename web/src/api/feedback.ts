/** Citizens' feedback (phản ánh, kiến nghị) over /api/v1/feedback: shapes and calls. */
import { API_BASE, http } from './client';
import type { FeedbackView, FeedbackMessageView } from '../../../src/services/feedback-service';
import type { FeedbackKind, FeedbackStatus, FeedbackTopic } from '../../../src/domain/feedback/index';

export type { FeedbackView, FeedbackMessageView, FeedbackKind, FeedbackStatus, FeedbackTopic };

export interface FeedbackTopicInfo {
  topic: FeedbackTopic;
  label: string;
  answerDays: number;
  basis: string;
  /** The reply template an officer inserts and then edits. */
  template: string;
}

export interface OnBehalfDraft {
  topic: FeedbackTopic;
  kind?: FeedbackKind;
  communeId: number;
  description: string;
  name?: string;
  contact?: string;
  channel: 'desk' | 'phone';
  consent?: boolean;
}

const step = (id: number, name: string, body: unknown, version: number) => http.postIfMatch<FeedbackView>(`/feedback/${id}/${name}`, body, version);

export const feedbackApi = {
  topics: async (): Promise<FeedbackTopicInfo[]> => (await http.get<{ items: FeedbackTopicInfo[] }>('/feedback/topics')).items,
  list: async (query: { status?: string; kind?: string; unitId?: number } = {}): Promise<FeedbackView[]> =>
    (await http.get<{ items: FeedbackView[] }>('/feedback', { ...query })).items,
  get: (id: number) => http.get<FeedbackView>(`/feedback/${id}`),
  fileOnBehalf: (draft: OnBehalfDraft) => http.post<FeedbackView>('/feedback', draft),
  assign: (c: FeedbackView, unitId: number) => step(c.id, 'assign', { unitId }, c.version),
  /** `complexity` only for complaints and denunciations: it sets their legal time limit. */
  start: (c: FeedbackView, complexity?: 'normal' | 'complex' | 'very_complex') => step(c.id, 'start', complexity ? { complexity } : {}, c.version),
  answer: (c: FeedbackView, answer: string, isPublic: boolean) => step(c.id, 'answer', { answer, public: isPublic }, c.version),
  /** `question`: the wording shown publicly (the server anonymises it again); the sender's text when omitted. */
  publish: (c: FeedbackView, question?: string) => http.post<FeedbackView>(`/feedback/${c.id}/publish`, question?.trim() ? { question } : {}),
  unpublish: (c: FeedbackView) => http.post<FeedbackView>(`/feedback/${c.id}/unpublish`),
  close: (c: FeedbackView) => http.postIfMatch<FeedbackView>(`/feedback/${c.id}/close`, undefined, c.version),
  reject: (c: FeedbackView, reason: string) => step(c.id, 'reject', { reason }, c.version),
  reopen: (c: FeedbackView, reason: string) => step(c.id, 'reopen', { reason }, c.version),
  markDuplicate: (c: FeedbackView, of: number) => step(c.id, 'duplicate', { of }, c.version),
  fileUrl: (id: number, hash: string) => `${API_BASE}/feedback/${id}/files/${hash}`,
};
