import { describe, expect, it } from 'vitest';
import {
  deadlineWindow,
  normaliseEmail,
  reminderEvents,
  reminderSettings,
  reminderText,
  type ReminderReport,
  type ReminderRound,
} from '../../src/domain/reminders/index.js';

const round: ReminderRound = { id: 12, submissionDeadline: '2021-09-30', closedAt: null };
const report = (id: number, unitId: number, status: ReminderReport['status'] = 'draft'): ReminderReport => ({
  id,
  roundId: 12,
  unitId,
  status,
  submittedAt: status === 'submitted' || status === 'accepted' ? '2021-09-20T01:00:00.000Z' : null,
});
const keysOn = (today: string, reports = [report(70, 7)], settings = reminderSettings()) =>
  reminderEvents([round], reports, today, settings).map((e) => e.key);

describe('reminder events', () => {
  it('reminds 3 days and 1 day before the deadline, and not earlier', () => {
    expect(keysOn('2021-09-26')).toEqual([]);
    expect(keysOn('2021-09-27')).toEqual(['round:12:unit:7:before:3']);
    expect(keysOn('2021-09-28')).toEqual(['round:12:unit:7:before:3']); // catches up, same key: sent once
    expect(keysOn('2021-09-29')).toEqual(['round:12:unit:7:before:1']);
    expect(keysOn('2021-09-30')).toEqual(['round:12:unit:7:before:1']); // the deadline day itself
  });

  it('carries the days left and the report', () => {
    const [e] = reminderEvents([round], [report(70, 7)], '2021-09-27');
    expect(e).toEqual({ key: 'round:12:unit:7:before:3', kind: 'due_soon', roundId: 12, reportId: 70, unitId: 7, deadline: '2021-09-30', daysLeft: 3 });
  });

  it('reminds the day after the deadline, then every 3 days, at most 3 times', () => {
    expect(keysOn('2021-10-01')).toEqual(['round:12:unit:7:overdue:2021-10-01']);
    expect(keysOn('2021-10-03')).toEqual(['round:12:unit:7:overdue:2021-10-01']);
    expect(keysOn('2021-10-04')).toEqual(['round:12:unit:7:overdue:2021-10-04']);
    expect(keysOn('2021-10-07')).toEqual(['round:12:unit:7:overdue:2021-10-07']);
    expect(keysOn('2021-10-09')).toEqual(['round:12:unit:7:overdue:2021-10-07']);
    expect(keysOn('2021-10-10')).toEqual([]);
    const [e] = reminderEvents([round], [report(70, 7)], '2021-10-05');
    expect(e).toMatchObject({ kind: 'overdue', daysOverdue: 5 });
  });

  it('follows the settings', () => {
    const s = reminderSettings({ daysBefore: [7], overdueEveryDays: 2, overdueMaxTimes: 1 });
    expect(keysOn('2021-09-22', undefined, s)).toEqual([]);
    expect(keysOn('2021-09-23', undefined, s)).toEqual(['round:12:unit:7:before:7']);
    expect(keysOn('2021-10-01', undefined, s)).toEqual(['round:12:unit:7:overdue:2021-10-01']);
    expect(keysOn('2021-10-03', undefined, s)).toEqual([]);
    expect(keysOn('2021-10-01', undefined, reminderSettings({ overdueMaxTimes: 0 }))).toEqual([]);
    // Thresholds in any order, as written in the defaults ([3, 1]) or by hand.
    expect(reminderEvents([round], [report(70, 7)], '2021-09-29', { daysBefore: [3, 1], overdueEveryDays: 3, overdueMaxTimes: 3 })[0]!.key).toBe('round:12:unit:7:before:1');
  });

  it('reminds only reports still draft or returned, and never on a closed round', () => {
    const reports = [report(70, 7), report(71, 8, 'returned'), report(72, 9, 'submitted'), report(73, 10, 'accepted')];
    expect(keysOn('2021-09-29', reports)).toEqual(['round:12:unit:7:before:1', 'round:12:unit:8:before:1']);
    expect(reminderEvents([{ ...round, closedAt: '2021-09-28T00:00:00Z' }], reports, '2021-09-29')).toEqual([]);
  });

  it('gives a window of deadlines that can matter today', () => {
    expect(deadlineWindow('2021-10-01', reminderSettings())).toEqual({ from: '2021-09-24', to: '2021-10-04' });
  });
});

describe('reminder text', () => {
  const ctx = {
    planTitle: 'Kế hoạch nâng cao Chỉ số PAPI năm 2021',
    roundLabel: 'Quý III/2021',
    unitName: 'UBND phường Hòa Vinh',
    reportStatus: 'draft' as const,
    link: '/bao-cao/so/70',
    url: 'https://dondoc.example.vn/app/bao-cao/so/70',
  };

  it('writes the due-soon e-mail in Vietnamese with the deadline as dd/mm/yyyy', () => {
    const [e] = reminderEvents([round], [report(70, 7)], '2021-09-27');
    const t = reminderText(e!, ctx);
    expect(t.subject).toBe('Nhắc hạn gửi báo cáo Quý III/2021 — còn 3 ngày');
    expect(t.text).toContain('Kính gửi: UBND phường Hòa Vinh');
    expect(t.text).toContain('chậm nhất ngày 30/09/2021');
    expect(t.text).toContain('Thực hiện Kế hoạch nâng cao Chỉ số PAPI năm 2021, ');
    expect(reminderText(e!, { ...ctx, planTitle: 'Góp phần cải thiện Chỉ số PAPI' }).text).toContain('Thực hiện Kế hoạch góp phần cải thiện Chỉ số PAPI, ');
    expect(t.text).toContain('https://dondoc.example.vn/app/bao-cao/so/70');
    expect(t.title).toBe('Báo cáo Quý III/2021: còn 3 ngày');
  });

  it('says so on the deadline day, when overdue, and when the report was returned', () => {
    const [today] = reminderEvents([round], [report(70, 7)], '2021-09-30');
    expect(reminderText(today!, ctx).subject).toBe('Nhắc hạn gửi báo cáo Quý III/2021 — hạn cuối là hôm nay');
    const [late] = reminderEvents([round], [report(70, 7, 'returned')], '2021-10-04');
    const t = reminderText(late!, { ...ctx, reportStatus: 'returned' });
    expect(t.subject).toBe('Báo cáo Quý III/2021 đã quá hạn 4 ngày');
    expect(t.text).toContain('trả lại');
    expect(t.body).toContain('30/09/2021');
  });
});

describe('e-mail addresses', () => {
  it('accepts plausible addresses and refuses the rest', () => {
    expect(normaliseEmail(' HoaVinh@DongHoa.example.vn ')).toBe('hoavinh@donghoa.example.vn');
    for (const bad of ['', 'hoavinh', 'hoa vinh@x.vn', 'a@b', 'a@@b.vn', 'a@b..vn', '<a@b.vn>']) expect(normaliseEmail(bad)).toBeNull();
  });
});

describe('reminder settings from the environment', () => {
  it('reads the thresholds, the overdue rhythm and the job interval; off with REMINDERS_DISABLED', async () => {
    const { reminderSettingsFromEnv } = await import('../../src/services/reminder-service.js');
    const { reminderIntervalMs } = await import('../../src/jobs/reminders.js');
    expect(reminderSettingsFromEnv({})).toEqual({ daysBefore: [1, 3], overdueEveryDays: 3, overdueMaxTimes: 3 });
    expect(reminderSettingsFromEnv({ REMINDER_DAYS_BEFORE: '7, 2,x', REMINDER_OVERDUE_EVERY_DAYS: '5', REMINDER_OVERDUE_MAX: '0' })).toEqual({
      daysBefore: [2, 7],
      overdueEveryDays: 5,
      overdueMaxTimes: 0,
    });
    expect(reminderIntervalMs({})).toBe(15 * 60_000);
    expect(reminderIntervalMs({ REMINDER_INTERVAL_MINUTES: '1' })).toBe(60_000);
    expect(reminderIntervalMs({ REMINDERS_DISABLED: '1', REMINDER_INTERVAL_MINUTES: '1' })).toBeNull();
  });
});
