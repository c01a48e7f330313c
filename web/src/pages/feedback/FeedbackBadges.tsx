import { Badge } from '@mantine/core';
import type { FeedbackStatus } from '../../api/feedback';
import { useT } from '../../i18n/I18nProvider';
import { STATUS_COLOR, STATUS_LABEL } from './labels';

export function FeedbackStatusBadge({ status }: { status: FeedbackStatus }) {
  const t = useT();
  return (
    <Badge color={STATUS_COLOR[status]} variant="filled" tt="none" data-testid="feedback-status">
      {t(STATUS_LABEL[status])}
    </Badge>
  );
}

/** Red and in words: colour alone would not reach everyone. */
export function OverdueBadge() {
  const t = useT();
  return (
    <Badge color="red.9" variant="filled" tt="none" data-testid="feedback-overdue">
      {t('feedback.overdueBadge')}
    </Badge>
  );
}
