import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import {
  applyExtensions,
  assignmentStatus,
  currentDue,
  decideExtension,
  onTimeOutcome,
  onTimeRate,
  requestExtension,
  type ExtensionContext,
  type ExtensionRequest,
  type NewExtensionRequest,
  type OnTimeInput,
  type ProgressReport,
} from '../../src/domain/reporting/index.js';
import { addDays, toIso } from '../../src/domain/schedule/calendar.js';

const DUE = '2022-09-30';
const ctx = (extra: Partial<ExtensionContext> = {}): ExtensionContext => ({
  assignment: { id: 7, unitId: 42 },
  dues: [DUE],
  existing: [],
  done: false,
  ...extra,
});
const ask = (extra: Partial<NewExtensionRequest> = {}): NewExtensionRequest => ({
  requestedByUnitId: 42,
  reason: 'Chờ UBND tỉnh phê duyệt quy hoạch sử dụng đất',
  originalDate: DUE,
  newDate: '2022-10-31',
  requestedAt: '2022-09-20T02:00:00.000Z',
  ...extra,
});
const approve = { decision: 'approve' as const, decidedByUserId: 3, decidedAt: '2022-09-22T02:00:00.000Z' };
const refuse = { decision: 'refuse' as const, decidedByUserId: 3, decidedAt: '2022-09-22T02:00:00.000Z', note: 'Thời hạn đã được UBND thị xã ấn định' };

function expectError(fn: () => unknown, kind: string, code: string, message: RegExp) {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).kind).toBe(kind);
    expect((e as DomainError).code).toBe(code);
    expect((e as DomainError).message).toMatch(message);
    return;
  }
  throw new Error('expected a DomainError');
}

describe('asking for an extension', () => {
  it('makes a pending request that keeps the original and the date in force', () => {
    const r = requestExtension(ask(), ctx());
    expect(r).toEqual({
      assignmentId: 7,
      requestedByUnitId: 42,
      reason: 'Chờ UBND tỉnh phê duyệt quy hoạch sử dụng đất',
      originalDate: DUE,
      previousDate: DUE,
      newDate: '2022-10-31',
      requestedAt: '2022-09-20T02:00:00.000Z',
      state: 'pending',
      decidedByUserId: null,
      decidedAt: null,
      decisionNote: null,
    });
  });

  it('refuses a new date that is not after the current one', () => {
    expectError(() => requestExtension(ask({ newDate: DUE }), ctx()), 'validation', 'extension_not_later', /phải sau thời hạn hiện tại \(30\/09\/2022\)/);
    expectError(() => requestExtension(ask({ newDate: '2022-09-01' }), ctx()), 'validation', 'extension_not_later', /phải sau/);
    // After one approved extension to 31/10, the current due is 31/10.
    const first = decideExtension(requestExtension(ask(), ctx()), approve);
    expectError(
      () => requestExtension(ask({ newDate: '2022-10-15', requestedAt: '2022-10-20T00:00:00Z' }), ctx({ existing: [first] })),
      'validation',
      'extension_not_later',
      /thời hạn hiện tại \(31\/10\/2022\)/,
    );
    const second = requestExtension(ask({ newDate: '2022-11-30', requestedAt: '2022-10-20T00:00:00Z' }), ctx({ existing: [first] }));
    expect(second).toMatchObject({ originalDate: DUE, previousDate: '2022-10-31', newDate: '2022-11-30' });
  });

  it('refuses a done task, a second pending request, another unit, a missing reason, a date that is not a due', () => {
    expectError(() => requestExtension(ask(), ctx({ done: true })), 'conflict', 'extension_task_done', /đã hoàn thành/);
    const pending = requestExtension(ask(), ctx());
    expectError(() => requestExtension(ask(), ctx({ existing: [pending] })), 'conflict', 'extension_pending', /đang chờ xử lý/);
    expectError(() => requestExtension(ask({ requestedByUnitId: 43 }), ctx()), 'forbidden', 'forbidden', /Chỉ đơn vị được giao/);
    expectError(() => requestExtension(ask({ reason: '   ' }), ctx()), 'validation', 'extension_reason_required', /Cần nêu lý do/);
    expectError(() => requestExtension(ask({ originalDate: '2022-09-29' }), ctx()), 'validation', 'extension_unknown_due', /không phải là thời hạn/);
    expectError(() => requestExtension(ask({ newDate: '31/10/2022' }), ctx()), 'validation', 'invalid_date', /Ngày gia hạn không hợp lệ/);
  });

  it('a refused request leaves room for a new one', () => {
    const refused = decideExtension(requestExtension(ask(), ctx()), refuse);
    expect(requestExtension(ask({ requestedAt: '2022-09-25T00:00:00Z' }), ctx({ existing: [refused] })).previousDate).toBe(DUE);
  });
});

describe('deciding', () => {
  it('approves, and the current due moves while the original stays', () => {
    const r = requestExtension(ask(), ctx());
    const approved = decideExtension(r, approve);
    expect(approved).toMatchObject({ state: 'approved', decidedByUserId: 3, decidedAt: approve.decidedAt, decisionNote: null });
    expect(r.state).toBe('pending'); // the input is not mutated
    expect(currentDue(DUE, [approved])).toEqual({ original: DUE, current: '2022-10-31' });
    expect(applyExtensions([DUE, '2022-12-31'], [approved])).toEqual([
      { original: DUE, current: '2022-10-31' },
      { original: '2022-12-31', current: '2022-12-31' },
    ]);
  });

  it('a pending or refused request moves nothing', () => {
    const r = requestExtension(ask(), ctx());
    expect(currentDue(DUE, [r])).toEqual({ original: DUE, current: DUE });
    expect(currentDue(DUE, [decideExtension(r, refuse)])).toEqual({ original: DUE, current: DUE });
  });

  it('refusing needs a reason', () => {
    const r = requestExtension(ask(), ctx());
    expectError(() => decideExtension(r, { ...refuse, note: '' }), 'validation', 'extension_refusal_reason_required', /lý do từ chối/);
    expect(decideExtension(r, refuse)).toMatchObject({ state: 'refused', decisionNote: 'Thời hạn đã được UBND thị xã ấn định' });
  });

  it('deciding twice is a conflict', () => {
    const approved = decideExtension(requestExtension(ask(), ctx()), approve);
    expectError(() => decideExtension(approved, approve), 'conflict', 'extension_already_decided', /đã được duyệt ngày 22\/09\/2022/);
    expectError(() => decideExtension(approved, refuse), 'conflict', 'extension_already_decided', /không thể quyết định lại/);
    const refused = decideExtension(requestExtension(ask(), ctx()), refuse);
    expectError(() => decideExtension(refused, approve), 'conflict', 'extension_already_decided', /đã bị từ chối/);
  });

  it('a decision before the request, or an approval overtaken by another one, is refused', () => {
    const r = requestExtension(ask(), ctx());
    expectError(() => decideExtension(r, { ...approve, decidedAt: '2022-09-19T00:00:00Z' }), 'validation', 'invalid_date', /không thể trước/);
    const other = { ...r, newDate: '2022-11-30', state: 'approved' as const };
    expectError(() => decideExtension(r, approve, [other]), 'conflict', 'extension_not_later', /không còn sau thời hạn hiện tại \(30\/11\/2022\)/);
  });
});

describe('on-time rates count against the original due', () => {
  const now = new Date('2022-12-01T00:00:00Z');
  const done = (on: string): ProgressReport => ({ reportedAt: `${on}T03:00:00.000Z`, status: 'done' });

  it('moving a deadline never improves a unit’s record', () => {
    // Hòa Vinh finished on 15/10, after its due of 30/09, inside an approved extension to 31/10.
    const reports = [done('2022-10-15')];
    const extended = applyExtensions([DUE], [decideExtension(requestExtension(ask(), ctx()), approve)]);
    expect(extended).toEqual([{ original: DUE, current: '2022-10-31' }]);

    // The displayed status honours the extension…
    expect(assignmentStatus({ active: true, dues: extended, reports, now }).status).toBe('done');
    expect(assignmentStatus({ active: true, dues: [DUE], reports, now }).status).toBe('done_late');
    // …the record does not.
    expect(onTimeOutcome({ dues: extended, reports }, now)).toBe('late');
    const withExtension = onTimeRate([{ dues: extended, reports }, { dues: [DUE], reports: [done('2022-09-29')] }], now);
    const without = onTimeRate([{ dues: [DUE], reports }, { dues: [DUE], reports: [done('2022-09-29')] }], now);
    expect(withExtension).toEqual({ rate: 0.5, onTime: 1, late: 1, pending: 0, unmeasured: 0 });
    expect(withExtension).toEqual(without);
  });

  it('outcomes', () => {
    expect(onTimeOutcome({ dues: [DUE], reports: [done('2022-09-30')] }, now)).toBe('on_time');
    expect(onTimeOutcome({ dues: [DUE], reports: [done('2022-10-01')] }, now)).toBe('late');
    expect(onTimeOutcome({ dues: [DUE], reports: [] }, now)).toBe('late'); // overdue counts
    expect(onTimeOutcome({ dues: [DUE], reports: [{ reportedAt: '2022-09-10T00:00:00Z', status: 'blocked', blockedReason: 'x' }] }, now)).toBe('late');
    expect(onTimeOutcome({ dues: ['2023-03-31'], reports: [] }, now)).toBe('pending');
    expect(onTimeOutcome({ dues: ['2023-03-31'], reports: [done('2022-11-01')] }, now)).toBe('on_time');
    expect(onTimeOutcome({ dues: [], reports: [] }, now)).toBe('unmeasured');
    expect(onTimeRate([], now).rate).toBeNull();
    expect(onTimeRate([{ dues: ['2023-03-31'], reports: [] }], now)).toEqual({ rate: null, onTime: 0, late: 0, pending: 1, unmeasured: 0 });
  });

  it('property: approving an extension never increases the on-time rate', () => {
    const day = fc.integer({ min: 0, max: 365 }).map((n) => addDays('2022-01-01', n));
    const reportArb: fc.Arbitrary<ProgressReport> = fc.record({
      reportedAt: fc.integer({ min: 0, max: 400 * 24 }).map((h) => new Date(Date.UTC(2022, 0, 1) + h * 3_600_000).toISOString()),
      status: fc.constantFrom('not_started', 'in_progress', 'done', 'blocked'),
      completedOn: fc.option(day, { nil: undefined }),
      blockedReason: fc.constant('Vướng mắc'),
    });
    const assignment = fc.record({
      dues: fc.uniqueArray(day, { minLength: 0, maxLength: 3 }),
      reports: fc.array(reportArb, { maxLength: 4 }),
      // Which of its dues get extended, and by how many days.
      moves: fc.array(fc.integer({ min: 1, max: 120 }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(assignment, { maxLength: 12 }), fc.integer({ min: 0, max: 450 }), (list, nowDay) => {
        const now = new Date(`${addDays('2022-01-01', nowDay)}T10:00:00Z`);
        const before: OnTimeInput[] = list.map((a) => ({ dues: a.dues, reports: a.reports }));
        const after: OnTimeInput[] = list.map((a, i) => {
          const existing: ExtensionRequest[] = [];
          a.dues.forEach((d, k) => {
            const by = a.moves[k];
            if (by === undefined) return;
            const c: ExtensionContext = { assignment: { id: i, unitId: 1 }, dues: a.dues, existing, done: false };
            const r = requestExtension(
              { requestedByUnitId: 1, reason: 'Lý do', originalDate: d, newDate: addDays(d, by), requestedAt: '2022-01-01T00:00:00Z' },
              c,
            );
            existing.push(decideExtension(r, { decision: 'approve', decidedByUserId: 1, decidedAt: '2022-01-02T00:00:00Z' }, existing));
          });
          return { dues: applyExtensions(a.dues, existing), reports: a.reports };
        });
        const r0 = onTimeRate(before, now);
        const r1 = onTimeRate(after, now);
        if (r0.rate !== null && r1.rate !== null) expect(r1.rate).toBeLessThanOrEqual(r0.rate);
        expect(r1).toEqual(r0);
      }),
    );
  });

  it('property: the displayed status may improve with an extension, the outcome never does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 300 }), (dueDay, by, doneDay) => {
        const due = addDays('2022-01-01', dueDay);
        const reports = [{ reportedAt: `${addDays('2022-01-01', doneDay)}T03:00:00Z`, status: 'done' as const }];
        const now = new Date(`${toIso(2023, 6, 1)}T00:00:00Z`);
        const extended = [{ original: due, current: addDays(due, by) }];
        expect(onTimeOutcome({ dues: extended, reports }, now)).toBe(onTimeOutcome({ dues: [due], reports }, now));
      }),
    );
  });
});
