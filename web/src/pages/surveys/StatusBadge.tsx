import { Badge } from '@mantine/core';
import { useT } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/vi';
import type { SurveyView } from './surveysApi';

const LABEL: Record<SurveyView['status'], MessageKey> = { draft: 'surveys.status.draft', published: 'surveys.status.published', closed: 'surveys.status.closed' };
const COLOR: Record<SurveyView['status'], string> = { draft: 'gray', published: 'green', closed: 'blue' };

export function StatusBadge({ status }: { status: SurveyView['status'] }) {
  const t = useT();
  return <Badge color={COLOR[status]}>{t(LABEL[status])}</Badge>;
}
