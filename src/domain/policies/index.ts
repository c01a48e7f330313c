import { inScope, type Actor } from '../accounts/actor.js';
import type { Role } from '../accounts/roles.js';
import { PolicySet } from './engine.js';

/**
 * Every permission of Dondoc, in one place. Read each line as a sentence:
 * "allow a User to update a Unit when the actor is an admin".
 */
export type Action =
  | 'list'
  | 'read'
  | 'create'
  | 'update'
  | 'merge'
  | 'resetPassword'
  | 'changePassword'
  | 'revoke'
  | 'submit'
  | 'review';

/** The states of a unit's report in a round. */
export type ReportState = 'draft' | 'submitted' | 'returned' | 'accepted';

export interface Subjects extends Record<string, unknown> {
  Unit: { id: number | null; parentId: number | null };
  User: { id: number | null; unitId: number | null; role?: Role };
  ApiToken: { userId: number };
  AuditLog: Record<string, never>;
  Plan: { issuerUnitId: number | null };
  /** A round is opened on a plan: the plan's issuer decides who may open it. */
  Round: { planIssuerUnitId: number | null };
  Report: { unitId: number; status: ReportState };
  /** The standing of a plan across its units: the dashboard and the consolidation of a round. */
  PlanOverview: { planIssuerUnitId: number };
  /** An in-app notification belongs to one user. */
  Notification: { userId: number };
  /** A deadline extension asked by the unit of an assignment on a plan. */
  Extension: { unitId: number; planIssuerUnitId: number };
  /** The schedule events of a task (event recorded, dates set): the plan's issuer decides. */
  TaskSchedule: { planIssuerUnitId: number };
  /** A disclosure (công khai) of a unit: drafted by the unit, approved by the government that oversees it. */
  Disclosure: { unitId: number; status: 'draft' | 'pending' | 'published' | 'taken_down' };
  /** A slot of a unit's citizen reception schedule (lịch tiếp công dân). */
  ReceptionSlot: { unitId: number };
  /** The administrative procedures a unit handles. */
  Procedure: { unitId: number };
  /** A dossier received at a unit's one-stop desk. */
  Dossier: { unitId: number };
  /** The working calendar: the days off and make-up working days that deadlines count with. */
  WorkingCalendar: Record<string, never>;
  /** A citizen's feedback, complaint or denunciation, handled by a unit (the reception desk for the last two). */
  Feedback: { unitId: number };
  /** A commune's voluntary-contribution campaign (cuộc vận động đóng góp tự nguyện). */
  Campaign: { unitId: number };
  /** A satisfaction survey (khảo sát) of a unit. */
  Survey: { unitId: number };
}

const policies = new PolicySet<Subjects, Action>();
function allow<S extends keyof Subjects & string>(
  subject: S,
  actions: Action | readonly Action[],
  condition: (actor: Actor, resource: Subjects[S]) => boolean,
): void {
  policies.allow(subject, actions, condition);
}

const isAdmin = (actor: Actor) => actor.role === 'admin';
const isSelf = (actor: Actor, userId: number | null) => actor.id !== null && actor.id === userId;
const overseesUnits = (actor: Actor) => actor.role === 'coordinator' || actor.role === 'leader';

// Units: the organisation chart is read by every signed-in user; only IT staff change it.
allow('Unit', ['list', 'read'], () => true);
allow('Unit', ['create', 'update', 'merge'], isAdmin);

// Accounts: admins manage them; coordinators and leaders see the accounts inside their scope.
allow('User', 'list', (actor) => isAdmin(actor) || overseesUnits(actor));
allow('User', 'read', (actor, user) => isAdmin(actor) || isSelf(actor, user.id) || (overseesUnits(actor) && inScope(actor, user.unitId)));
allow('User', ['create', 'update', 'resetPassword'], isAdmin);
allow('User', 'changePassword', (actor, user) => isSelf(actor, user.id));

// Personal API tokens belong to their owner.
allow('ApiToken', ['list', 'create'], (actor, token) => isSelf(actor, token.userId));
allow('ApiToken', 'revoke', (actor, token) => isSelf(actor, token.userId) || isAdmin(actor));

// Plans are public documents: every signed-in user reads them. A coordinator imports and revises
// the plans its government issues; IT staff may do it for anyone.
allow('Plan', ['list', 'read'], () => true);
allow('Plan', ['create', 'update'], (actor, plan) => isAdmin(actor) || (actor.role === 'coordinator' && inScope(actor, plan.issuerUnitId)));

// Rounds: a coordinator opens a round for a plan its government issued (IT staff for any plan);
// every signed-in user may see that a round exists — which reports it shows is the Report rule's business.
allow('Round', 'create', (actor, round) => isAdmin(actor) || (actor.role === 'coordinator' && inScope(actor, round.planIssuerUnitId)));
allow('Round', ['list', 'read'], () => true);

// Reports: everyone whose scope holds the unit reads its report (the unit's own officer; the coordinator,
// leader and supervisor of its government). Only the unit's officer fills in and submits it, and only
// while it is a draft or has been returned; supervisors and leaders never edit. The coordinator reviews
// (returns or accepts) a submitted report of a unit in its scope.
const editable = (report: Subjects['Report']) => report.status === 'draft' || report.status === 'returned';
allow('Report', ['list', 'read'], (actor, report) => isAdmin(actor) || inScope(actor, report.unitId));
allow('Report', ['update', 'submit'], (actor, report) => editable(report) && (isAdmin(actor) || (actor.role === 'unit_officer' && inScope(actor, report.unitId))));
allow('Report', 'review', (actor, report) => report.status === 'submitted' && (isAdmin(actor) || (actor.role === 'coordinator' && inScope(actor, report.unitId))));

// A unit's officer adds the unit's contribution to a round (a report of its coordinating tasks).
allow('Report', 'create', (actor, report) => isAdmin(actor) || (actor.role === 'unit_officer' && inScope(actor, report.unitId)));

// Deadline extensions (gia hạn): the officer of the assignment's unit asks; the coordinator of the plan's
// issuing government (or IT staff) approves or refuses; whoever reads the unit's reports, and those who
// follow the plan (coordinator, leader, supervisor of the issuer's government), read them.
allow('Extension', 'create', (actor, ext) => isAdmin(actor) || (actor.role === 'unit_officer' && inScope(actor, ext.unitId)));
allow('Extension', 'review', (actor, ext) => isAdmin(actor) || (actor.role === 'coordinator' && inScope(actor, ext.planIssuerUnitId)));
allow('Extension', ['list', 'read'], (actor, ext) =>
  isAdmin(actor) || inScope(actor, ext.unitId) || ((overseesUnits(actor) || actor.role === 'supervisor') && inScope(actor, ext.planIssuerUnitId)),
);

// A task's schedule events (its event happened; the dates of an unspecified task) are set by the
// coordinator of the plan's issuing government, or IT staff.
allow('TaskSchedule', 'update', (actor, t) => isAdmin(actor) || (actor.role === 'coordinator' && inScope(actor, t.planIssuerUnitId)));

// Citizen reception: the unit's officer or the coordinator of its government schedules, publishes and
// cancels slots (IT staff anywhere); whoever's scope holds the unit reads them (the public reads only
// published slots, through the portal). Procedures are imported by the same people; dossiers are entered
// and moved on by the unit's own officer.
allow('ReceptionSlot', ['list', 'read'], (actor, slot) => isAdmin(actor) || inScope(actor, slot.unitId));
allow('ReceptionSlot', ['create', 'update'], (actor, slot) => isAdmin(actor) || ((actor.role === 'unit_officer' || actor.role === 'coordinator') && inScope(actor, slot.unitId)));
allow('Procedure', 'create', (actor, p) => isAdmin(actor) || ((actor.role === 'unit_officer' || actor.role === 'coordinator') && inScope(actor, p.unitId)));
allow('Dossier', ['list', 'read'], (actor, d) => isAdmin(actor) || inScope(actor, d.unitId));
allow('Dossier', ['create', 'update'], (actor, d) => isAdmin(actor) || (actor.role === 'unit_officer' && inScope(actor, d.unitId)));

// Citizens' feedback: whoever's scope holds the handling unit reads it; the unit's officer or the coordinator
// of its government files on behalf of a citizen, works, answers, closes, rejects and reopens it; only the
// coordinator (or IT staff) moves it to another unit ('review'). Which status allows which step: domain/feedback.
allow('Feedback', ['list', 'read'], (actor, f) => isAdmin(actor) || inScope(actor, f.unitId));
allow('Feedback', ['create', 'update'], (actor, f) => isAdmin(actor) || ((actor.role === 'unit_officer' || actor.role === 'coordinator') && inScope(actor, f.unitId)));
allow('Feedback', 'review', (actor, f) => isAdmin(actor) || (actor.role === 'coordinator' && inScope(actor, f.unitId)));

// Voluntary contributions: the commune's own officer opens and closes its campaigns and records
// contributions and spending (IT staff anywhere); whoever's scope holds the commune reads the full ledger
// (supervisors too: the Front oversees contributions). The public sees totals through the portal.
allow('Campaign', ['create', 'update'], (actor, c) => isAdmin(actor) || (actor.role === 'unit_officer' && inScope(actor, c.unitId)));
allow('Campaign', ['list', 'read'], (actor, c) => isAdmin(actor) || inScope(actor, c.unitId));

// Disclosures (công khai): the unit's officer drafts, imports the table, attaches files, submits and records
// posting evidence; the coordinator or leader of its government (or IT staff) approves or returns; the
// officer, coordinator or leader takes a published item down. Whoever's scope holds the unit reads it
// (supervisors too) and sees the register. Which state allows which step is the service's business (409).
allow('Disclosure', ['create', 'update', 'submit'], (actor, d) => isAdmin(actor) || (actor.role === 'unit_officer' && inScope(actor, d.unitId)));
allow('Disclosure', 'review', (actor, d) => isAdmin(actor) || (overseesUnits(actor) && inScope(actor, d.unitId)));
allow('Disclosure', 'revoke', (actor, d) => isAdmin(actor) || ((actor.role === 'unit_officer' || overseesUnits(actor)) && inScope(actor, d.unitId)));
allow('Disclosure', ['list', 'read'], (actor, d) => isAdmin(actor) || inScope(actor, d.unitId));

// Satisfaction surveys: the coordinator of the unit's government (or IT staff) builds, publishes and closes
// them; the coordinator or leader moderates free-text answers ('review'); whoever's scope holds the unit reads
// the survey and its full results. Which state allows which step is the service's business (409).
allow('Survey', ['create', 'update'], (actor, s) => isAdmin(actor) || (actor.role === 'coordinator' && inScope(actor, s.unitId)));
allow('Survey', 'review', (actor, s) => isAdmin(actor) || (overseesUnits(actor) && inScope(actor, s.unitId)));
allow('Survey', ['list', 'read'], (actor, s) => isAdmin(actor) || inScope(actor, s.unitId));

// The working calendar: every signed-in user sees which days count (deadlines depend on it); only IT staff
// record the days off and make-up days the government announces each year.
allow('WorkingCalendar', ['list', 'read'], () => true);
allow('WorkingCalendar', 'update', isAdmin);

// A plan's overview (dashboard, consolidated round) is for those who follow the plan for its government:
// its coordinators, leaders and supervisors, and IT staff.
allow('PlanOverview', 'read', (actor, overview) => isAdmin(actor) || ((overseesUnits(actor) || actor.role === 'supervisor') && inScope(actor, overview.planIssuerUnitId)));

// Notifications are their owner's alone: nobody else lists, reads or marks them, not even IT staff.
allow('Notification', ['list', 'read', 'update'], (actor, notification) => isSelf(actor, notification.userId));

// The audit log is read by IT staff and by supervisors, whose job is to check.
allow('AuditLog', 'read', (actor) => isAdmin(actor) || actor.role === 'supervisor');

export function can<S extends keyof Subjects & string>(actor: Actor, action: Action, subject: S, resource: Subjects[S]): boolean {
  return policies.can(actor, action, subject, resource);
}

/** Throws a 403-kind DomainError unless some rule allows the action. */
export function authorize<S extends keyof Subjects & string>(actor: Actor, action: Action, subject: S, resource: Subjects[S]): void {
  policies.authorize(actor, action, subject, resource);
}

export const declaredPermissions = (): Array<{ subject: string; action: string }> => policies.declared();
