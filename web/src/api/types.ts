/** Shapes of the /api/v1 resources the staff app uses (see src/server/schemas). */

// The resource shapes are the domain's own types (type-only imports: no server code reaches the bundle).
export { UNIT_KINDS, type Unit, type UnitKind } from '../../../src/domain/units/unit';
export { ROLES, type Role } from '../../../src/domain/accounts/roles';
export type { User } from '../../../src/domain/accounts/user';
export type { AuditEntry } from '../../../src/domain/audit/chain';
export { DIMENSIONS, type Appendix, type Assignment, type Dimension, type Plan, type Task } from '../../../src/domain/plans/plan';
export type { PartyMention } from '../../../src/domain/plans/assignments';
export type { Revision, ComparedField } from '../../../src/domain/plans/revision';
export type { Due, Schedule, ScheduleKind } from '../../../src/domain/schedule/types';
export type { GroupKey, Resolution } from '../../../src/domain/units/resolve';
export type { DraftTask, DraftWarning, PlanDraft } from '../../../src/import/draft';
export type { ImportPreview, PreviewTask, TaskWithAssignments } from '../../../src/services/plan-service';
export type { EntryStatus, EntryView, EvidenceView, Narrative, ReportSummary, ReportView, RoundView } from '../../../src/services/reporting-service';
import type { UnitKind } from '../../../src/domain/units/unit';
import type { Role } from '../../../src/domain/accounts/roles';
import type { User } from '../../../src/domain/accounts/user';
import type { Appendix, Plan } from '../../../src/domain/plans/plan';
import type { Revision } from '../../../src/domain/plans/revision';
import type { Schedule, ScheduleKind } from '../../../src/domain/schedule/types';
import type { ImportPreview } from '../../../src/services/plan-service';

export interface NewUnit {
  name: string;
  kind: UnitKind;
  parentId?: number | null;
  code?: string;
  shortName?: string | null;
  aliases?: string[];
  validFrom?: string | null;
  validTo?: string | null;
}

export type UnitChanges = Partial<NewUnit> & { version: number };

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  unitId: number | null;
  password: string;
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  unitId?: number | null;
  active?: boolean;
  version: number;
}

export interface Abilities {
  createUnit: boolean;
  updateUnit: boolean;
  mergeUnit: boolean;
  listUsers: boolean;
  createUser: boolean;
  updateUser: boolean;
  resetPassword: boolean;
  readAudit: boolean;
  importPlan: boolean;
  /** Not sent by the server yet: who may read a plan's dashboard (policy PlanOverview.read). */
  readDashboard?: boolean;
  decideExtensions?: boolean;
  scheduleReception?: boolean;
  importProcedures?: boolean;
  enterDossiers?: boolean;
  /** Open campaigns and record voluntary contributions and spending (policy Campaign.create). */
  recordContributions?: boolean;
  /** Surveys: build and publish (coordinators), moderate free-text answers (coordinators, leaders). */
  buildSurveys?: boolean;
  moderateSurveys?: boolean;
  /** Admins: record days off and make-up days in the working calendar. */
  editCalendar?: boolean;
  /** Citizens' feedback: file on behalf and work cases (policy Feedback.update); move to another unit (Feedback.review). */
  handleFeedback?: boolean;
  assignFeedback?: boolean;
  draftDisclosures?: boolean;
  approveDisclosures?: boolean;
  takeDownDisclosures?: boolean;
}

export interface Session {
  user: User;
  csrfToken: string | null;
  abilities: Abilities;
}

export interface ApiToken {
  id: number;
  userId: number;
  name: string;
  tokenPrefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiToken extends ApiToken {
  /** The secret: returned once, never again. */
  token: string;
}

/** A plan in the list: the plan and how many tasks it holds. */
export type PlanSummary = Plan & { taskCount: number };

/** A plan with its appendices (Phụ lục) and their windows. */
export type PlanDetail = Plan & { appendices: Appendix[] };

export interface TaskQuery {
  dimension?: string;
  unitId?: number;
  kind?: ScheduleKind;
  dueWithinDays?: number;
  q?: string;
}

/** What the import form sends besides the file. */
export interface ImportRequest {
  file: File;
  dryRun: boolean;
  planId?: number;
  issuerUnitId?: number;
  /** Party text → unit id, or null for "không phải đơn vị báo cáo". */
  partyFixes?: Record<string, number | null>;
  /** Task key ("I/12") → corrected deadline text. */
  deadlineFixes?: Record<string, string>;
}

/** 201 of a confirmed import. */
export interface ImportResult {
  plan: Plan;
  revision: Revision;
  unmatched: ImportPreview['unmatched'];
  needsReview: ImportPreview['needsReview'];
  warnings: ImportPreview['warnings'];
}

export interface ParsedDeadlines {
  results: Schedule[];
}

// Reporting follow-up (issue 4): dashboard, my reports, notifications, extensions — the server's own shapes.
export type { AssignmentStatusName, ReportedStatus } from '../../../src/domain/reporting/status';
export type { AssignmentLine, Dashboard as DashboardView, DimensionStatus, OverdueLine, StatusCounts, UnitRank, UpcomingLine } from '../../../src/domain/reporting/dashboard';
export type { ReportListItem as MyReport } from '../../../src/services/report-list-service';
export type { NotificationView as AppNotification } from '../../../src/services/notification-service';
export type { ExtensionView as Extension } from '../../../src/services/extension-service';
import type { AssignmentLine } from '../../../src/domain/reporting/dashboard';
import type { ExtensionView } from '../../../src/services/extension-service';

export type ExtensionStatus = ExtensionView['status'];

/** Filters of GET /dashboard/assignments. */
export interface AssignmentQuery {
  status?: string;
  unitId?: number;
  dimension?: string;
  taskId?: number;
  limit?: number;
  offset?: number;
}

export interface AssignmentPage {
  total: number;
  items: AssignmentLine[];
}
