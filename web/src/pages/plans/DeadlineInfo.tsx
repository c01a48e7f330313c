import { Badge, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { Schedule } from '../../api/types';
import { LazyTooltip } from '../../components/LazyTooltip';
import { formatDate } from '../../i18n/dates';
import { useT } from '../../i18n/I18nProvider';

const KIND_COLOR: Record<Schedule['kind'], string> = {
  once: 'blue',
  recurring: 'violet',
  continuous: 'teal',
  event: 'orange',
  unspecified: 'gray',
};

/** The kind of a deadline in words: một lần, định kỳ, thường xuyên, theo sự kiện, chưa xác định. */
export function ScheduleKindBadge({ kind }: { kind: Schedule['kind'] }) {
  const t = useT();
  return (
    <Badge size="xs" variant="light" color={KIND_COLOR[kind]} tt="none" radius="sm">
      {t(`scheduleKind.${kind}`)}
    </Badge>
  );
}

interface Props {
  schedule: Schedule;
  /** The text as the document wrote it, when the schedule was read from a corrected text. */
  original?: string;
  /** Plan page: the next due date on or after today (null: none left). */
  nextDue?: string | null;
  /** Review screen: how many of the first due dates to show. */
  firstDues?: number;
}

/**
 * A deadline as written, how Dondoc read it (summary, kind) and its dates, each date explaining how it
 * was computed on hover ("Quý III/2021 → 30/09/2021, ngày cuối quý"). A text that was not understood
 * is flagged with the reason.
 */
export function DeadlineInfo({ schedule, original, nextDue, firstDues }: Props) {
  const t = useT();
  const shownText = original ?? schedule.text;
  // A deadline that was not understood shows why instead of its (empty) summary.
  const summaryDiffers = schedule.summary.trim() !== shownText.trim() && !schedule.needsReview;
  // "Thường xuyên" needs no "Thường xuyên" badge under it.
  const kindSaysIt = t(`scheduleKind.${schedule.kind}`).toLowerCase() === shownText.trim().toLowerCase();
  const next = nextDue ? schedule.dues.find((d) => d.date === nextDue) : undefined;
  // When the summary already states every date ("Hạn 31/12/2021"), the summary itself carries the
  // explanations on hover instead of repeating the dates as badges.
  const stated = schedule.dues.length > 0 && schedule.dues.every((d) => schedule.summary.includes(formatDate(d.date)));
  const dues = firstDues && !stated ? schedule.dues.slice(0, firstDues) : [];
  const more = firstDues && !stated ? schedule.dues.length - dues.length : 0;
  const explanations = (
    <Stack gap={2}>
      {schedule.dues.slice(0, 8).map((d) => (
        <span key={d.date}>{d.explanation}</span>
      ))}
      {schedule.dues.length > 8 && <span>{t('deadline.more', { count: schedule.dues.length - 8 })}</span>}
    </Stack>
  );

  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {shownText || t('common.none')}
      </Text>
      {original !== undefined && original.trim() !== schedule.text.trim() && (
        <Text size="xs" c="green.8">
          {t('deadline.correctedTo', { text: schedule.text })}
        </Text>
      )}
      {(summaryDiffers || !kindSaysIt) && (
        <Group gap={6} wrap="wrap">
          {!kindSaysIt && <ScheduleKindBadge kind={schedule.kind} />}
          {summaryDiffers &&
            (stated ? (
              <LazyTooltip label={explanations} withArrow multiline w={320} tabIndex={0} className="due-date">
                <Text size="xs" c="dimmed">
                  {schedule.summary}
                </Text>
              </LazyTooltip>
            ) : (
              <Text size="xs" c="dimmed">
                {schedule.summary}
              </Text>
            ))}
        </Group>
      )}
      {nextDue !== undefined && schedule.kind !== 'unspecified' &&
        (next ? (
          <LazyTooltip label={next.explanation} withArrow multiline w={300} tabIndex={0} className="due-date" data-testid="next-due">
            <Text size="xs">{t('deadline.next', { date: formatDate(next.date) })}</Text>
          </LazyTooltip>
        ) : (
          <Text size="xs" c="dimmed">
            {schedule.kind === 'event' && schedule.trigger
              ? t('deadline.whenEvent', { trigger: schedule.trigger })
              : schedule.dues.length
                ? t('deadline.noneLeft', { date: formatDate(schedule.dues.at(-1)!.date) })
                : schedule.end
                  ? t('deadline.until', { date: formatDate(schedule.end) })
                  : t('deadline.noDate')}
          </Text>
        ))}
      {dues.length > 0 && (
        <Group gap={4} wrap="wrap">
          {dues.map((d) => (
            <LazyTooltip key={d.date} label={d.explanation} withArrow multiline w={300} tabIndex={0} className="due-date">
              <Badge size="sm" variant="default" radius="sm" fw={500}>
                {formatDate(d.date)}
              </Badge>
            </LazyTooltip>
          ))}
          {more > 0 && (
            <Text size="xs" c="dimmed">
              {t('deadline.more', { count: more })}
            </Text>
          )}
        </Group>
      )}
      {firstDues !== undefined && dues.length === 0 && schedule.kind === 'event' && schedule.trigger && (
        <Text size="xs" c="dimmed">
          {t('deadline.whenEvent', { trigger: schedule.trigger })}
        </Text>
      )}
      {schedule.needsReview && (
        <Group gap={4} wrap="nowrap" align="flex-start">
          <IconAlertTriangle size={14} color="var(--mantine-color-orange-8)" aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
          <Text size="xs" c="orange.9">
            {schedule.reviewReason ?? t('deadline.notUnderstood')}
          </Text>
        </Group>
      )}
    </Stack>
  );
}
