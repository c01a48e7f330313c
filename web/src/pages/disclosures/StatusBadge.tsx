import { Badge } from '@mantine/core';
import type { DisclosureView } from '../../api/disclosures';
import { useT } from '../../i18n/I18nProvider';
import { shownStatus, STATUS_COLOR, STATUS_LABEL } from './labels';

/** The item's status in words and colour (the words alone carry the meaning). */
export function StatusBadge({ d }: { d: Pick<DisclosureView, 'status' | 'returnComment'> }) {
  const t = useT();
  const s = shownStatus(d);
  return (
    <Badge color={STATUS_COLOR[s]} variant="light" tt="none" data-testid="disclosure-status">
      {t(STATUS_LABEL[s])}
    </Badge>
  );
}
