import type { FeedbackKind, FeedbackStatus, FeedbackTopic } from '../../api/feedback';
import type { MessageKey } from '../../i18n/vi';

export const FEEDBACK_STATUS_LIST: FeedbackStatus[] = ['received', 'assigned', 'in_progress', 'reopened', 'answered', 'closed', 'rejected'];
export const FEEDBACK_KIND_LIST: FeedbackKind[] = ['feedback', 'complaint', 'denunciation'];

export const STATUS_LABEL: Record<FeedbackStatus, MessageKey> = {
  received: 'feedback.status.received',
  assigned: 'feedback.status.assigned',
  in_progress: 'feedback.status.in_progress',
  answered: 'feedback.status.answered',
  closed: 'feedback.status.closed',
  rejected: 'feedback.status.rejected',
  reopened: 'feedback.status.reopened',
};

/** Dark shades under white text (WCAG AA contrast); the words alone carry the meaning. */
export const STATUS_COLOR: Record<FeedbackStatus, string> = {
  received: 'blue.8',
  assigned: 'indigo.8',
  in_progress: 'cyan.9',
  answered: 'teal.9',
  closed: 'gray.7',
  rejected: 'gray.7',
  reopened: 'grape.8',
};

export const KIND_LABEL: Record<FeedbackKind, MessageKey> = {
  feedback: 'feedback.kind.feedback',
  complaint: 'feedback.kind.complaint',
  denunciation: 'feedback.kind.denunciation',
};

export const TOPIC_LABEL: Record<FeedbackTopic, MessageKey> = {
  thu_tuc: 'feedback.topic.thu_tuc',
  dat_dai: 'feedback.topic.dat_dai',
  moi_truong: 'feedback.topic.moi_truong',
  dich_vu_cong: 'feedback.topic.dich_vu_cong',
  thai_do: 'feedback.topic.thai_do',
  khac: 'feedback.topic.khac',
};

export const feedbackPath = (id: number) => `/phan-anh/${id}`;
