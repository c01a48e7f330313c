import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import {
  assignmentStatus,
  dueEndsAt,
  isPastDue,
  latestReport,
  STATUS_LABEL_VI,
  validateProgressReport,
  type ProgressReport,
} from '../../src/domain/reporting/index.js';

const DUE = '2022-09-30';
const at = (iso: string) => new Date(iso);
const report = (reportedAt: string, status: ProgressReport['status'], extra: Partial<ProgressReport> = {}): ProgressReport => ({
  reportedAt,
  status,
  ...extra,
});

describe('each status', () => {
  it('not_due: the schedule asks nothing yet', () => {
    const s = assignmentStatus({ active: false, dues: [], reports: [], now: at('2022-08-01T00:00:00Z') });
    expect(s).toMatchObject({ status: 'not_due', label: 'Chưa đến hạn', overdue: false, due: null });
  });

  it('not_started: active, nothing reported', () => {
    const s = assignmentStatus({ active: true, dues: [DUE], reports: [], now: at('2022-09-01T00:00:00Z') });
    expect(s).toMatchObject({ status: 'not_started', label: 'Chưa thực hiện', overdue: false, reportedAt: null });
    expect(s.explanation).toBe('Chưa thực hiện (hạn 30/09/2022)');
  });

  it('not_started when "chưa thực hiện" is reported', () => {
    const s = assignmentStatus({
      active: true,
      dues: [DUE],
      reports: [report('2022-09-02T01:00:00Z', 'not_started')],
      now: at('2022-09-05T00:00:00Z'),
    });
    expect(s.status).toBe('not_started');
  });

  it('in_progress with its progress', () => {
    const s = assignmentStatus({
      active: true,
      dues: [DUE],
      reports: [report('2022-09-02T01:00:00Z', 'in_progress', { progress: 60 })],
      now: at('2022-09-05T00:00:00Z'),
    });
    expect(s).toMatchObject({ status: 'in_progress', progress: 60, explanation: 'Đang thực hiện (60%) (hạn 30/09/2022)' });
  });

  it('done on time, by the completion date rather than the report date', () => {
    const s = assignmentStatus({
      active: true,
      dues: [DUE],
      reports: [report('2022-10-03T02:00:00Z', 'done', { completedOn: '2022-09-29' })],
      now: at('2022-10-10T00:00:00Z'),
    });
    expect(s).toMatchObject({ status: 'done', label: 'Hoàn thành', completedOn: '2022-09-29', progress: 100, overdue: false });
  });

  it('done_late when completed after the due', () => {
    const s = assignmentStatus({
      active: true,
      dues: [DUE],
      reports: [report('2022-10-05T02:00:00Z', 'done')],
      now: at('2022-10-10T00:00:00Z'),
    });
    expect(s).toMatchObject({ status: 'done_late', label: 'Hoàn thành chậm', completedOn: '2022-10-05', lateAgainstOriginal: true });
    expect(s.explanation).toBe('Hoàn thành ngày 05/10/2022, chậm 5 ngày (hạn 30/09/2022)');
  });

  it('a completion date later than the report is capped at the report day', () => {
    const s = assignmentStatus({
      active: true,
      dues: [DUE],
      reports: [report('2022-09-20T02:00:00Z', 'done', { completedOn: '2022-10-20' })],
      now: at('2022-10-25T00:00:00Z'),
    });
    expect(s).toMatchObject({ status: 'done', completedOn: '2022-09-20' });
  });

  it('overdue, counted in whole Vietnamese days', () => {
    const s = assignmentStatus({
      active: true,
      dues: [DUE],
      reports: [report('2022-09-02T01:00:00Z', 'in_progress', { progress: 40 })],
      now: at('2022-10-03T02:00:00Z'),
    });
    expect(s).toMatchObject({ status: 'overdue', label: 'Quá hạn', overdue: true, daysOverdue: 3, progress: 40 });
    expect(s.explanation).toBe('Quá hạn 3 ngày (hạn 30/09/2022)');
  });

  it('blocked, with its reason', () => {
    const s = assignmentStatus({
      active: true,
      dues: [DUE],
      reports: [report('2022-09-02T01:00:00Z', 'blocked', { blockedReason: 'Chưa có kinh phí' })],
      now: at('2022-09-05T00:00:00Z'),
    });
    expect(s).toMatchObject({ status: 'blocked', label: 'Vướng mắc', blockedReason: 'Chưa có kinh phí', overdue: false });
  });

  it('a task without dues (continuous) is never overdue', () => {
    const s = assignmentStatus({ active: true, dues: [], reports: [], now: at('2030-01-01T00:00:00Z') });
    expect(s).toMatchObject({ status: 'not_started', overdue: false, lateAgainstOriginal: false });
  });

  it('labels every status', () => {
    expect(Object.keys(STATUS_LABEL_VI).sort()).toEqual(['blocked', 'done', 'done_late', 'in_progress', 'not_due', 'not_started', 'overdue']);
  });
});

describe('a due date ends at 23:59:59 in Vietnam (16:59:59Z)', () => {
  const status = (now: string) => assignmentStatus({ active: true, dues: [DUE], reports: [], now: at(now) }).status;

  it('the last second of the due day is on time, the next one is late', () => {
    expect(dueEndsAt(DUE).toISOString()).toBe('2022-09-30T16:59:59.999Z');
    expect(status('2022-09-30T16:59:59Z')).toBe('not_started');
    expect(status('2022-09-30T16:59:59.999Z')).toBe('not_started');
    expect(status('2022-09-30T17:00:00Z')).toBe('overdue');
    // 23:59 on the 30th in Hà Nội is still the 30th; 00:00 on 01/10 is not.
    expect(status('2022-09-30T23:59:00+07:00')).toBe('not_started');
    expect(status('2022-10-01T00:00:00+07:00')).toBe('overdue');
    // Midnight UTC on the 1st is already 07:00 in Vietnam: overdue.
    expect(status('2022-10-01T00:00:00Z')).toBe('overdue');
    expect(isPastDue(DUE, at('2022-09-30T16:59:59Z'))).toBe(false);
  });

  it('work finished at 23:30 on the due day, Vietnam time, is on time', () => {
    const s = assignmentStatus({
      active: true,
      dues: [DUE],
      reports: [report('2022-09-30T16:30:00Z', 'done')],
      now: at('2022-10-02T00:00:00Z'),
    });
    expect(s).toMatchObject({ status: 'done', completedOn: '2022-09-30' });
    const next = assignmentStatus({
      active: true,
      dues: [DUE],
      reports: [report('2022-09-30T17:30:00Z', 'done')],
      now: at('2022-10-02T00:00:00Z'),
    });
    expect(next).toMatchObject({ status: 'done_late', completedOn: '2022-10-01' });
  });
});

describe('precedence', () => {
  const late = at('2022-10-15T00:00:00Z');

  it('done beats overdue: the latest report decides, not the calendar', () => {
    const s = assignmentStatus({
      active: true,
      dues: [DUE],
      reports: [report('2022-09-02T01:00:00Z', 'in_progress'), report('2022-10-10T01:00:00Z', 'done')],
      now: late,
    });
    expect(s.status).toBe('done_late');
    expect(s.overdue).toBe(false);
  });

  it('blocked shows over overdue, but overdue stays counted', () => {
    const s = assignmentStatus({
      active: true,
      dues: [DUE],
      reports: [report('2022-09-20T01:00:00Z', 'blocked', { blockedReason: 'Chờ UBND tỉnh phê duyệt quy hoạch' })],
      now: late,
    });
    expect(s).toMatchObject({ status: 'blocked', overdue: true, daysOverdue: 15, lateAgainstOriginal: true });
    expect(s.explanation).toBe('Vướng mắc: Chờ UBND tỉnh phê duyệt quy hoạch; quá hạn 15 ngày (hạn 30/09/2022)');
  });

  it('overdue beats in_progress and not_started', () => {
    expect(assignmentStatus({ active: true, dues: [DUE], reports: [report('2022-09-01T00:00:00Z', 'in_progress')], now: late }).status).toBe('overdue');
    expect(assignmentStatus({ active: true, dues: [DUE], reports: [], now: late }).status).toBe('overdue');
  });

  it('done beats not_due (finished early); in_progress shows on a task not yet due', () => {
    expect(assignmentStatus({ active: false, dues: [], reports: [report('2022-05-01T00:00:00Z', 'done')], now: late }).status).toBe('done');
    expect(assignmentStatus({ active: false, dues: [], reports: [report('2022-05-01T00:00:00Z', 'in_progress')], now: late }).status).toBe('in_progress');
    expect(assignmentStatus({ active: false, dues: [], reports: [report('2022-05-01T00:00:00Z', 'not_started')], now: late }).status).toBe('not_due');
  });

  it('a later report undoes "done" (the unit reopened the task)', () => {
    const s = assignmentStatus({
      active: true,
      dues: [DUE],
      reports: [report('2022-09-10T00:00:00Z', 'done'), report('2022-09-12T00:00:00Z', 'in_progress', { progress: 80 })],
      now: at('2022-09-20T00:00:00Z'),
    });
    expect(s.status).toBe('in_progress');
  });

  it('reports after `now` are not seen: the status replays any past moment', () => {
    const reports = [report('2022-09-02T01:00:00Z', 'in_progress'), report('2022-10-10T01:00:00Z', 'done')];
    expect(assignmentStatus({ active: true, dues: [DUE], reports, now: at('2022-10-05T00:00:00Z') }).status).toBe('overdue');
    expect(assignmentStatus({ active: true, dues: [DUE], reports, now: at('2022-10-11T00:00:00Z') }).status).toBe('done_late');
  });

  it('the latest report wins whatever the order of the list; on a tie the later one in the list', () => {
    const a = report('2022-09-02T01:00:00Z', 'blocked', { blockedReason: 'x' });
    const b = report('2022-09-03T01:00:00Z', 'in_progress');
    expect(latestReport([b, a], at('2022-09-05T00:00:00Z'))).toBe(b);
    const c = report('2022-09-03T01:00:00Z', 'done');
    expect(latestReport([b, c], at('2022-09-05T00:00:00Z'))).toBe(c);
  });

  it('with several dues the earliest governs', () => {
    const s = assignmentStatus({ active: true, dues: ['2021-12-31', '2021-08-15'], reports: [], now: at('2021-09-01T00:00:00Z') });
    expect(s).toMatchObject({ status: 'overdue', due: { original: '2021-08-15', current: '2021-08-15' }, daysOverdue: 17 });
  });

  it('an extended due governs the display; the original is kept beside it', () => {
    const s = assignmentStatus({
      active: true,
      dues: [{ original: DUE, current: '2022-10-31' }],
      reports: [],
      now: late,
    });
    expect(s).toMatchObject({ status: 'not_started', overdue: false, lateAgainstOriginal: true });
    expect(s.explanation).toBe('Chưa thực hiện (hạn 31/10/2022, hạn ban đầu 30/09/2022)');
  });
});

describe('validating a progress statement', () => {
  it('accepts a sound one', () => {
    const r = report('2022-09-02T01:00:00Z', 'done', { completedOn: '2022-09-01', progress: 100 });
    expect(validateProgressReport(r)).toBe(r);
  });

  it('refuses in Vietnamese', () => {
    const bad: [ProgressReport, RegExp][] = [
      [report('2022-09-02T01:00:00Z', 'blocked'), /Cần nêu rõ vướng mắc/],
      [report('2022-09-02T01:00:00Z', 'blocked', { blockedReason: '   ' }), /Cần nêu rõ vướng mắc/],
      [report('2022-09-02T01:00:00Z', 'in_progress', { progress: 120 }), /Tiến độ phải là một số từ 0 đến 100/],
      [report('2022-09-02T01:00:00Z', 'in_progress', { completedOn: '2022-09-01' }), /Chỉ ghi ngày hoàn thành/],
      [report('2022-09-02T01:00:00Z', 'done', { completedOn: '2022-09-05' }), /không thể sau ngày báo cáo/],
      [report('2022-09-02T01:00:00Z', 'done', { completedOn: '01/09/2022' }), /Ngày hoàn thành không hợp lệ/],
      [report('hôm qua', 'done'), /Thời điểm báo cáo không hợp lệ/],
      [report('2022-09-02T01:00:00Z', 'finished' as 'done'), /Trạng thái phải là/],
    ];
    for (const [r, message] of bad) {
      expect(() => validateProgressReport(r)).toThrowError(DomainError);
      expect(() => validateProgressReport(r)).toThrowError(message);
    }
  });

  it('a bad due date is refused', () => {
    expect(() => assignmentStatus({ active: true, dues: ['30/09/2022'], reports: [], now: at('2022-09-01T00:00:00Z') })).toThrowError(DomainError);
  });
});
