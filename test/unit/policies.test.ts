import { describe, expect, it } from 'vitest';
import { scopeFor, type Actor } from '../../src/domain/accounts/actor.js';
import type { Role } from '../../src/domain/accounts/roles.js';
import { can, declaredPermissions } from '../../src/domain/policies/index.js';
import { UnitTree } from '../../src/domain/units/tree.js';

// Phú Yên (1) ⊃ Sở Nội vụ (2, external); Đông Hòa (3) ⊃ Phòng Nội vụ (4), MTTQ (5), Hòa Vinh (6), Hòa Tâm (7).
const tree = new UnitTree([
  { id: 1, parentId: null, kind: 'province' },
  { id: 2, parentId: 1, kind: 'external' },
  { id: 3, parentId: 1, kind: 'district' },
  { id: 4, parentId: 3, kind: 'agency' },
  { id: 5, parentId: 3, kind: 'mass_org' },
  { id: 6, parentId: 3, kind: 'ward' },
  { id: 7, parentId: 3, kind: 'commune' },
]);

function actor(id: number, role: Role, unitId: number | null): Actor {
  return { kind: 'user', id, username: role, role, unitId, scope: scopeFor(role, unitId, tree) };
}
const people = {
  admin: actor(1, 'admin', null),
  noivu: actor(2, 'coordinator', 4),
  hoavinh: actor(3, 'unit_officer', 6),
  chutich: actor(4, 'leader', 3),
  mattran: actor(5, 'supervisor', 5),
};

describe('scopes', () => {
  it('gives a coordinator of Phòng Nội vụ the whole thị xã, and a ward officer only the ward', () => {
    expect([...people.noivu.scope!].sort()).toEqual([3, 4, 5, 6, 7]);
    expect([...people.mattran.scope!].sort()).toEqual([3, 4, 5, 6, 7]);
    expect([...people.hoavinh.scope!]).toEqual([6]);
    expect(people.admin.scope).toBeNull();
  });
});

describe('the permission matrix (role × unit × action)', () => {
  const insideUser = { id: 99, unitId: 7 };
  const outsideUser = { id: 98, unitId: 2 };
  // [who, action, subject, resource, allowed]
  const cases: Array<[keyof typeof people, string, 'Unit' | 'User' | 'ApiToken' | 'AuditLog' | 'Plan' | 'PlanOverview' | 'Round' | 'Report' | 'Extension' | 'TaskSchedule' | 'Notification' | 'Disclosure', unknown, boolean]> = [];
  const unitIn = { id: 7, parentId: 3 };
  const unitOut = { id: 2, parentId: 1 };
  for (const who of Object.keys(people) as Array<keyof typeof people>) {
    const isAdmin = who === 'admin';
    for (const unit of [unitIn, unitOut]) {
      cases.push([who, 'read', 'Unit', unit, true]);
      cases.push([who, 'create', 'Unit', unit, isAdmin]);
      cases.push([who, 'update', 'Unit', unit, isAdmin]);
      cases.push([who, 'merge', 'Unit', unit, isAdmin]);
    }
    const oversees = who === 'noivu' || who === 'chutich';
    cases.push([who, 'list', 'User', { id: null, unitId: null }, isAdmin || oversees]);
    cases.push([who, 'read', 'User', insideUser, isAdmin || oversees]);
    cases.push([who, 'read', 'User', outsideUser, isAdmin]);
    cases.push([who, 'create', 'User', insideUser, isAdmin]);
    cases.push([who, 'update', 'User', insideUser, isAdmin]);
    cases.push([who, 'resetPassword', 'User', insideUser, isAdmin]);
    cases.push([who, 'read', 'User', { id: people[who].id, unitId: people[who].unitId }, true]);
    cases.push([who, 'changePassword', 'User', { id: people[who].id, unitId: people[who].unitId }, true]);
    cases.push([who, 'changePassword', 'User', insideUser, false]);
    cases.push([who, 'create', 'ApiToken', { userId: people[who].id! }, true]);
    cases.push([who, 'revoke', 'ApiToken', { userId: 12345 }, isAdmin]);
    cases.push([who, 'read', 'AuditLog', {}, isAdmin || who === 'mattran']);
    cases.push([who, 'read', 'Plan', { issuerUnitId: 3 }, true]);
    cases.push([who, 'read', 'PlanOverview', { planIssuerUnitId: 3 }, who !== 'hoavinh']);
    cases.push([who, 'read', 'PlanOverview', { planIssuerUnitId: 1 }, isAdmin]);
    cases.push([who, 'create', 'Plan', { issuerUnitId: 3 }, isAdmin || who === 'noivu']);
    cases.push([who, 'update', 'Plan', { issuerUnitId: 3 }, isAdmin || who === 'noivu']);
    cases.push([who, 'create', 'Plan', { issuerUnitId: 1 }, isAdmin]);
    // Rounds: opened by the coordinator of the issuing government; seen by everyone.
    cases.push([who, 'create', 'Round', { planIssuerUnitId: 3 }, isAdmin || who === 'noivu']);
    cases.push([who, 'create', 'Round', { planIssuerUnitId: 1 }, isAdmin]);
    cases.push([who, 'read', 'Round', { planIssuerUnitId: 3 }, true]);
    // Reports: Hòa Vinh (6) is the officer's own ward; Hòa Tâm (7) another ward; Sở Nội vụ (2) outside the thị xã.
    const own = (status: string) => ({ unitId: 6, status });
    const other = (status: string) => ({ unitId: 7, status });
    const outside = (status: string) => ({ unitId: 2, status });
    cases.push([who, 'read', 'Report', own('draft'), true]);
    cases.push([who, 'read', 'Report', other('submitted'), who !== 'hoavinh']);
    cases.push([who, 'read', 'Report', outside('submitted'), isAdmin]);
    for (const status of ['draft', 'returned']) {
      cases.push([who, 'update', 'Report', own(status), isAdmin || who === 'hoavinh']);
      cases.push([who, 'submit', 'Report', own(status), isAdmin || who === 'hoavinh']);
      cases.push([who, 'update', 'Report', other(status), isAdmin]);
      cases.push([who, 'review', 'Report', own(status), false]);
    }
    for (const status of ['submitted', 'accepted']) {
      cases.push([who, 'update', 'Report', own(status), false]);
      cases.push([who, 'submit', 'Report', own(status), false]);
    }
    cases.push([who, 'review', 'Report', own('submitted'), isAdmin || who === 'noivu']);
    cases.push([who, 'review', 'Report', outside('submitted'), isAdmin]);
    cases.push([who, 'review', 'Report', own('accepted'), false]);
    // A contribution (a report of coordinating tasks) is created by the unit's own officer.
    cases.push([who, 'create', 'Report', own('draft'), isAdmin || who === 'hoavinh']);
    cases.push([who, 'create', 'Report', other('draft'), isAdmin]);
    cases.push([who, 'create', 'Report', outside('draft'), isAdmin]);
    // Extensions on a plan issued by Đông Hòa (3); one by the Province (1) for the outside unit.
    const extOwn = { unitId: 6, planIssuerUnitId: 3 };
    const extOther = { unitId: 7, planIssuerUnitId: 3 };
    const extOutside = { unitId: 2, planIssuerUnitId: 1 };
    cases.push([who, 'create', 'Extension', extOwn, isAdmin || who === 'hoavinh']);
    cases.push([who, 'create', 'Extension', extOther, isAdmin]);
    cases.push([who, 'create', 'Extension', extOutside, isAdmin]);
    cases.push([who, 'review', 'Extension', extOwn, isAdmin || who === 'noivu']);
    cases.push([who, 'review', 'Extension', extOutside, isAdmin]);
    cases.push([who, 'read', 'Extension', extOwn, true]);
    cases.push([who, 'read', 'Extension', extOther, who !== 'hoavinh']);
    cases.push([who, 'read', 'Extension', extOutside, isAdmin]);
    cases.push([who, 'list', 'Extension', extOther, who !== 'hoavinh']);
    // Schedule events of a task: the coordinator of the issuing government.
    cases.push([who, 'update', 'TaskSchedule', { planIssuerUnitId: 3 }, isAdmin || who === 'noivu']);
    cases.push([who, 'update', 'TaskSchedule', { planIssuerUnitId: 1 }, isAdmin]);
    // Disclosures: Hòa Vinh (6) drafts its own; the coordinator or leader of Đông Hòa approves; Sở Nội vụ (2) is outside.
    for (const status of ['draft', 'pending', 'published'] as const) {
      const own = { unitId: 6, status };
      const other = { unitId: 7, status };
      const outside = { unitId: 2, status };
      for (const action of ['create', 'update', 'submit']) {
        cases.push([who, action, 'Disclosure', own, isAdmin || who === 'hoavinh']);
        cases.push([who, action, 'Disclosure', other, isAdmin]);
        cases.push([who, action, 'Disclosure', outside, isAdmin]);
      }
      cases.push([who, 'review', 'Disclosure', own, isAdmin || who === 'noivu' || who === 'chutich']);
      cases.push([who, 'review', 'Disclosure', outside, isAdmin]);
      cases.push([who, 'revoke', 'Disclosure', own, isAdmin || who === 'hoavinh' || who === 'noivu' || who === 'chutich']);
      cases.push([who, 'revoke', 'Disclosure', other, isAdmin || who === 'noivu' || who === 'chutich']);
      cases.push([who, 'revoke', 'Disclosure', outside, isAdmin]);
      cases.push([who, 'read', 'Disclosure', own, true]);
      cases.push([who, 'read', 'Disclosure', other, who !== 'hoavinh']);
      cases.push([who, 'read', 'Disclosure', outside, isAdmin]);
      cases.push([who, 'list', 'Disclosure', other, who !== 'hoavinh']);
    }
  }
  // Notifications: only their owner lists, reads or marks them read — not even IT staff.
  for (const who of Object.keys(people) as Array<keyof typeof people>) {
    const mine = { userId: people[who].id! };
    const someoneElses = { userId: 12345 };
    for (const action of ['list', 'read', 'update']) {
      cases.push([who, action, 'Notification', mine, true]);
      cases.push([who, action, 'Notification', someoneElses, false]);
    }
  }

  // Reception slots, procedures, dossiers: Hòa Vinh (6) is the officer's ward, Hòa Tâm (7) another
  // commune of the thị xã, Sở Nội vụ (2) outside it.
  for (const who of Object.keys(people) as Array<keyof typeof people>) {
    const isAdmin = who === 'admin';
    const schedules = isAdmin || who === 'noivu';
    for (const [unitId, inHerWard, inTown] of [[6, true, true], [7, false, true], [2, false, false]] as const) {
      const inScope = who === 'hoavinh' ? inHerWard : isAdmin || inTown;
      cases.push([who, 'list', 'ReceptionSlot' as never, { unitId }, inScope]);
      cases.push([who, 'read', 'ReceptionSlot' as never, { unitId }, inScope]);
      for (const action of ['create', 'update']) {
        cases.push([who, action, 'ReceptionSlot' as never, { unitId }, isAdmin || (inTown && who === 'noivu') || (inHerWard && who === 'hoavinh')]);
        cases.push([who, action, 'Dossier' as never, { unitId }, isAdmin || (inHerWard && who === 'hoavinh')]);
      }
      cases.push([who, 'create', 'Procedure' as never, { unitId }, (schedules && (isAdmin || inTown)) || (inHerWard && who === 'hoavinh')]);
      cases.push([who, 'list', 'Dossier' as never, { unitId }, inScope]);
      cases.push([who, 'read', 'Dossier' as never, { unitId }, inScope]);
    }
  }

  // Campaigns (voluntary contributions): the ward's own officer opens and records; everyone whose scope holds it reads.
  for (const who of Object.keys(people) as Array<keyof typeof people>) {
    const isAdmin = who === 'admin';
    for (const [unitId, inHerWard, inTown] of [[6, true, true], [7, false, true], [2, false, false]] as const) {
      const reads = who === 'hoavinh' ? inHerWard : isAdmin || inTown;
      cases.push([who, 'list', 'Campaign' as never, { unitId }, reads]);
      cases.push([who, 'read', 'Campaign' as never, { unitId }, reads]);
      cases.push([who, 'create', 'Campaign' as never, { unitId }, isAdmin || (inHerWard && who === 'hoavinh')]);
      cases.push([who, 'update', 'Campaign' as never, { unitId }, isAdmin || (inHerWard && who === 'hoavinh')]);
    }
  }

  // Surveys: the coordinator of Đông Hòa builds them for any unit of the thị xã; the leader moderates too.
  for (const who of Object.keys(people) as Array<keyof typeof people>) {
    const isAdmin = who === 'admin';
    for (const [unitId, inHerWard, inTown] of [[6, true, true], [7, false, true], [2, false, false]] as const) {
      const reads = who === 'hoavinh' ? inHerWard : isAdmin || inTown;
      cases.push([who, 'read', 'Survey' as never, { unitId }, reads]);
      cases.push([who, 'list', 'Survey' as never, { unitId }, reads]);
      cases.push([who, 'create', 'Survey' as never, { unitId }, isAdmin || (inTown && who === 'noivu')]);
      cases.push([who, 'update', 'Survey' as never, { unitId }, isAdmin || (inTown && who === 'noivu')]);
      cases.push([who, 'review', 'Survey' as never, { unitId }, isAdmin || (inTown && (who === 'noivu' || who === 'chutich'))]);
    }
  }

  // Feedback: Hòa Vinh's officer works her ward's cases; the coordinator of Đông Hòa works and reassigns any in the thị xã.
  for (const who of Object.keys(people) as Array<keyof typeof people>) {
    const isAdmin = who === 'admin';
    for (const [unitId, inHerWard, inTown] of [[6, true, true], [7, false, true], [2, false, false]] as const) {
      const reads = who === 'hoavinh' ? inHerWard : isAdmin || inTown;
      const works = isAdmin || (who === 'hoavinh' && inHerWard) || (who === 'noivu' && inTown);
      cases.push([who, 'list', 'Feedback' as never, { unitId }, reads]);
      cases.push([who, 'read', 'Feedback' as never, { unitId }, reads]);
      cases.push([who, 'create', 'Feedback' as never, { unitId }, works]);
      cases.push([who, 'update', 'Feedback' as never, { unitId }, works]);
      cases.push([who, 'review', 'Feedback' as never, { unitId }, isAdmin || (who === 'noivu' && inTown)]);
    }
  }

  // The working calendar: read by all, changed by IT staff only.
  for (const who of Object.keys(people) as Array<keyof typeof people>) {
    cases.push([who, 'read', 'WorkingCalendar' as never, {}, true]);
    cases.push([who, 'list', 'WorkingCalendar' as never, {}, true]);
    cases.push([who, 'update', 'WorkingCalendar' as never, {}, who === 'admin']);
  }

  it.each(cases)('%s: %s %s %j → %s', (who, action, subject, resource, allowed) => {
    expect(can(people[who], action as never, subject, resource as never)).toBe(allowed);
  });

  it('covers every (subject, action) pair the policy declares', () => {
    const tested = new Set(cases.map(([, action, subject]) => `${subject}:${action}`));
    const untested = declaredPermissions().filter((p) => !tested.has(`${p.subject}:${p.action}`) && p.action !== 'list');
    expect(untested).toEqual([]);
  });

  it('denies what no rule allows', () => {
    expect(can(people.admin, 'delete' as never, 'Unit', unitIn)).toBe(false);
  });
});
