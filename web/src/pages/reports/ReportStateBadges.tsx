import { Badge, Group } from '@mantine/core';
import { useT } from '../../i18n/I18nProvider';
import { STATE_COLOR, STATE_LABEL, type ReportState } from './reportLabels';

/** The report's state, "Nộp muộn" when it came after the deadline, "Chưa nộp" when overdue and missing. */
export function ReportStateBadges({ status, late, submission }: { status: ReportState; late: boolean; submission?: string }) {
  const t = useT();
  return (
    <Group gap={6} wrap="wrap">
      <Badge variant="light" color={STATE_COLOR[status]} data-testid="report-status">
        {t(STATE_LABEL[status])}
      </Badge>
      {late && (
        <Badge variant="filled" color="red" data-testid="report-late">
          {t('reports.late')}
        </Badge>
      )}
      {submission === 'missing' && (
        <Badge variant="outline" color="red">
          {t('reports.missing')}
        </Badge>
      )}
    </Group>
  );
}
