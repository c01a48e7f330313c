import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { UnitKind } from '../domain/units/unit.js';
import type { Role } from '../domain/accounts/roles.js';
import type { AuditEntry } from '../domain/audit/chain.js';

/**
 * The database as Kysely sees it. Columns are snake_case in SQL and camelCase here
 * (CamelCasePlugin). Portable types only: integers, text; dates and times are ISO text,
 * JSON is text, booleans are 0/1 integers — the same bytes on SQLite and PostgreSQL.
 */
export interface UnitTable {
  id: Generated<number>;
  code: string;
  name: string;
  shortName: string | null;
  kind: UnitKind;
  parentId: number | null;
  /** JSON array of strings. */
  aliases: string;
  /** Folded search key of name, short name, aliases and code (see domain/text/normalize). */
  searchText: string;
  validFrom: string | null;
  validTo: string | null;
  successorId: number | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Where reminders to the unit go (its official mailbox); null: none. */
  email: Generated<string | null>;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  unitId: number | null;
  active: number;
  searchText: string;
  passwordChangedAt: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  email: Generated<string | null>;
}

/** One e-mail to send; `key` (UNIQUE) makes queuing the same event twice a no-op. */
export interface OutboxTable {
  id: Generated<number>;
  key: string;
  kind: string;
  recipient: string;
  subject: string;
  body: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: Generated<number>;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  /** JSON object of extra mail headers (0009: List-Unsubscribe on citizens' letters); null for none. */
  headers: Generated<string | null>;
}

/** An in-app notification of one user; unique per (user, key). */
export interface NotificationTable {
  id: Generated<number>;
  userId: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  key: string;
  createdAt: string;
  readAt: string | null;
}

/** Who runs a background job now, until when (ISO instant). */
export interface JobLeaseTable {
  name: string;
  holder: string;
  expiresAt: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie value: a stolen database does not yield live sessions. */
  id: string;
  userId: number;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  userId: number;
  name: string;
  tokenHash: string;
  tokenPrefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  username: string;
  ip: string;
  at: string;
  success: number;
}

/** The hash-chained audit log: exactly the entries of domain/audit/chain.ts. */
export type AuditLogTable = AuditEntry;

/** One row: the head of the audit chain, locked by every append so the chain never forks. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  lastHash: string;
}

export interface FileTable {
  /** SHA-256 of the content: the same file is stored once. */
  hash: string;
  name: string;
  mime: string;
  size: number;
  content: Uint8Array;
  createdAt: string;
}

export interface PlanTable {
  id: Generated<number>;
  number: string | null;
  title: string;
  issuerUnitId: number;
  issuedOn: string | null;
  year: number | null;
  periodFrom: string;
  periodTo: string;
  /** JSON array of the legal bases ("Căn cứ …", "Thực hiện …"). */
  bases: string;
  parentPlanId: number | null;
  sourceFileHash: string | null;
  searchText: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface AppendixTable {
  id: Generated<number>;
  planId: number;
  label: string;
  title: string;
  windowFrom: string;
  windowTo: string;
  position: number;
}

export interface TaskTable {
  id: Generated<number>;
  planId: number;
  appendixId: number;
  /** Stable across re-imports of a revised plan: appendix label + original number ("II/50"). */
  key: string;
  no: string;
  section: string | null;
  dimension: string | null;
  subgroup: string | null;
  content: string;
  leadText: string;
  coordinatingText: string;
  output: string;
  deadlineText: string;
  /** JSON: the parsed Schedule. */
  schedule: string;
  /** JSON: every party named in the lead and coordinating cells and what it resolved to. */
  parties: string;
  /** JSON object: extra columns ("Ghi chú", "Kinh phí"). */
  notes: string;
  searchText: string;
  position: number;
  retiredAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface AssignmentTable {
  id: Generated<number>;
  taskId: number;
  unitId: number;
  role: 'lead' | 'coordinating';
  /** The party text the assignment came from ("UBND các xã, phường"). */
  sourceText: string;
  createdAt: string;
  retiredAt: string | null;
}

export interface PlanImportTable {
  id: Generated<number>;
  planId: number;
  fileHash: string;
  actorId: number | null;
  /** JSON: counts added / changed / retired / unchanged. */
  summary: string;
  createdAt: string;
}

export interface RoundTable {
  id: Generated<number>;
  planId: number;
  /** "2021-Q3", "2022-H1", "2022-03-01..2022-04-15" (domain/reporting periodKey). */
  periodKey: string;
  periodKind: string;
  /** The data cut-off window (ND 09/2019). */
  periodFrom: string;
  periodTo: string;
  /** The calendar span: which dues the round asks about. */
  calendarFrom: string;
  calendarTo: string;
  label: string;
  /** YYYY-MM-DD; the day ends at 23:59:59 Vietnam time. */
  submissionDeadline: string;
  openedBy: number | null;
  openedAt: string;
  closedAt: string | null;
  version: Generated<number>;
}

export interface ReportTable {
  id: Generated<number>;
  roundId: number;
  unitId: number;
  status: 'draft' | 'submitted' | 'returned' | 'accepted';
  /** JSON: the four parts (results, shortcomings, causes, proposals). */
  narrative: string;
  /** The coordinator's comment on the whole report when it was last returned. */
  returnComment: string | null;
  submittedAt: string | null;
  /** 0/1: the last submission came after the round's deadline. */
  late: number;
  version: Generated<number>;
  createdAt: string;
  updatedAt: string;
}

export interface EntryTable {
  id: Generated<number>;
  reportId: number;
  taskId: number;
  assignmentId: number | null;
  role: 'lead' | 'coordinating';
  status: 'not_started' | 'in_progress' | 'done' | 'blocked';
  progress: number | null;
  results: Generated<string>;
  difficulties: Generated<string>;
  proposals: Generated<string>;
  blockedReason: string | null;
  completedOn: string | null;
  reviewComment: string | null;
  /** JSON array of the due dates inside the round's calendar span. */
  dues: Generated<string>;
  position: number;
}

export interface EvidenceTable {
  id: Generated<number>;
  entryId: number;
  docNumber: string | null;
  docDate: string | null;
  summary: string;
  fileHash: string | null;
  createdAt: string;
}

export interface ReportVersionTable {
  id: Generated<number>;
  reportId: number;
  version: number;
  status: string;
  /** create | save | submit | return | accept */
  action: string;
  /** JSON: the whole report (narrative, entries with evidence) at this version. */
  snapshot: string;
  actorId: number | null;
  createdAt: string;
}

/**
 * Where each unit stands on the tasks of a plan (0005), packed: per (plan, unit) one row about its tasks as
 * wholes (due '': latest listing report, latest word over all dues, dues reported done on time) and one per
 * due it has spoken about (its latest word on that due), each body a JSON array of tuples sorted by task
 * (domain/reporting/standing.ts). Kept up to date in the same transaction as every report submission,
 * return and acceptance, so the dashboard need not read the whole entry history. Statuses are never stored.
 */
export interface DashboardStandingTable {
  planId: number;
  unitId: number;
  /** A due date, or '' for the row about the tasks as wholes. */
  due: string;
  /** JSON: WholeTuple[] ('' row) or WordTuple[] (due row), by task id. */
  body: string;
}

/**
 * The public portal's standing (0010): the same packed shape as dashboard_standing, built from ACCEPTED
 * reports only, plus a '#' row per (plan, unit) with, per task, its two newest accepted words (text
 * included) and their count. Kept up to date in the transaction of every acceptance.
 */
export interface PublicStandingTable {
  planId: number;
  unitId: number;
  /** '', '*', '#' or a due date. */
  due: string;
  /** JSON, by task id (db/repositories/portal.ts). */
  body: string;
}

export interface ExtensionTable {
  id: Generated<number>;
  assignmentId: number;
  taskId: number;
  unitId: number;
  planId: number;
  /** The due this request moves, as first set (frozen: never changed by any extension). */
  originalDue: string;
  /** The due in force when the request was made. */
  previousDue: string;
  requestedDate: string;
  reason: string;
  status: 'pending' | 'approved' | 'refused';
  requestedBy: number | null;
  requestedAt: string;
  decidedBy: number | null;
  decidedAt: string | null;
  decisionComment: string | null;
}

export interface TaskScheduleEventTable {
  id: Generated<number>;
  taskId: number;
  planId: number;
  /** trigger: the day an event task's event happened; date: a day a coordinator set. */
  kind: 'trigger' | 'date';
  date: string;
  note: string | null;
  recordedBy: number | null;
  recordedAt: string;
  /** Set when a later setting of the dates replaced this one; such rows no longer count. */
  retiredAt: string | null;
}

/** One slot of a unit's citizen reception schedule (lịch tiếp công dân), migration 0008. */
export interface ReceptionSlotTable {
  id: Generated<number>;
  unitId: number;
  date: string;
  startTime: string;
  endTime: string;
  place: string;
  officerName: string;
  officerTitle: string;
  /** The officer's work phone (public by design); never a citizen's. */
  officerPhone: string | null;
  kind: 'periodic' | 'regular';
  note: string | null;
  status: 'draft' | 'published' | 'cancelled';
  publishedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  version: number;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

/** An administrative procedure a unit handles (thủ tục hành chính). */
export interface ProcedureTable {
  id: Generated<number>;
  unitId: number;
  code: string;
  name: string;
  field: string;
  processingDays: number | null;
  fee: string | null;
  searchText: string;
  createdAt: string;
  updatedAt: string;
}

/** A dossier received at a unit; no applicant phone or ID column, on purpose. */
export interface DossierTable {
  id: Generated<number>;
  code: string;
  receiptCode: string;
  procedureId: number;
  unitId: number;
  applicantName: string;
  receivedDate: string;
  dueDate: string;
  status: 'received' | 'processing' | 'supplement' | 'resolved' | 'returned';
  returnedDate: string | null;
  /** JSON array of {date, status, note}. */
  steps: string;
  version: number;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

/** A disclosure (công khai) of a commune in one category, migration 0007. */
export interface DisclosureTable {
  id: Generated<number>;
  unitId: number;
  category: string;
  title: string;
  summary: string;
  body: string;
  legalBasis: string;
  /** JSON array of channels (notice_board, loudspeaker, village_meeting, website). */
  channels: string;
  publishDate: string | null;
  postingEnd: string | null;
  status: 'draft' | 'pending' | 'published' | 'taken_down';
  searchText: string;
  returnComment: string | null;
  approvedBy: number | null;
  approvedAt: string | null;
  takenDownAt: string | null;
  takenDownOn: string | null;
  takenDownReason: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
  version: Generated<number>;
}

/** The table of a disclosure: columns and rows as JSON, already filtered of personal data. */
export interface DisclosureTableTable {
  disclosureId: number;
  columns: string;
  rows: string;
  sourceName: string | null;
  importedAt: string;
}

/** Evidence that a disclosure was posted on a channel (a photo of the notice board, minutes of a meeting). */
export interface DisclosurePostingTable {
  id: Generated<number>;
  disclosureId: number;
  channel: string;
  postedOn: string;
  description: string;
  evidenceFileHash: string | null;
  recordedBy: number | null;
  recordedAt: string;
}

/** A document attached to a disclosure, stored by content hash in `files`. */
export interface DisclosureAttachmentTable {
  id: Generated<number>;
  disclosureId: number;
  fileHash: string;
  name: string;
  mime: string;
  size: number;
  createdBy: number | null;
  createdAt: string;
}

/** A citizen following a plan or a unit by e-mail (0009); the address is NFC, lower case, never shown. */
export interface SubscriptionTable {
  id: Generated<number>;
  email: string;
  targetKind: 'plan' | 'unit';
  targetId: number;
  createdAt: string;
  requestedAt: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
  watermark: string | null;
  lastSentAt: string | null;
}

/** The SHA-256 of a token a subscription's link carries (purpose confirm | unsubscribe). */
export interface SubscriptionTokenTable {
  tokenHash: string;
  subscriptionId: number;
  purpose: 'confirm' | 'unsubscribe';
  createdAt: string;
  expiresAt: string | null;
}

/** A date an admin changed from the default working calendar (migration 0012); cleared rows stay, versioned. */
export interface CalendarDayTable {
  /** YYYY-MM-DD. */
  date: string;
  kind: 'off' | 'working';
  name: string;
  note: string | null;
  clearedAt: string | null;
  updatedBy: number | null;
  updatedAt: string;
  version: number;
}

/** A satisfaction survey (khảo sát) of a unit; questions as JSON (domain/surveys Question[]). */
export interface SurveyTable {
  id: Generated<number>;
  unitId: number;
  subjectKind: 'service' | 'unit';
  serviceArea: string | null;
  title: string;
  description: string;
  status: 'draft' | 'published' | 'closed';
  opensOn: string | null;
  closesOn: string | null;
  questions: string;
  template: string | null;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  closedAt: string | null;
  version: Generated<number>;
}

/** One answer to a survey; the browser session only as the SHA-256 of its cookie. */
export interface SurveyResponseTable {
  id: Generated<number>;
  surveyId: number;
  sessionHash: string;
  answers: string;
  submittedAt: string;
}

/** A free-text answer, public only once approved. */
export interface SurveyCommentTable {
  id: Generated<number>;
  surveyId: number;
  responseId: number;
  questionId: string;
  body: string;
  status: 'pending' | 'approved' | 'hidden';
  submittedAt: string;
  moderatedBy: number | null;
  moderatedAt: string | null;
}

/** A commune's voluntary-contribution campaign (0014); amounts in whole đồng. */
export interface CampaignTable {
  id: Generated<number>;
  unitId: number;
  purpose: string;
  purposeKey: string;
  description: string | null;
  targetAmount: number | string;
  inKindTarget: string | null;
  startDate: string;
  endDate: string;
  status: 'open' | 'closed';
  closedAt: string | null;
  version: number;
  createdBy: number | null;
  createdAt: string;
  updatedAt: string;
}

/** One voluntary contribution; `code` is the receipt's random verification code (bare symbols). */
export interface ContributionTable {
  id: Generated<number>;
  campaignId: number;
  contributorName: string;
  village: string;
  kind: 'money' | 'in_kind';
  amount: number | string;
  inKindDescription: string | null;
  date: string;
  receiptNo: string;
  code: string;
  recordedBy: number | null;
  createdAt: string;
}

/** Money spent from a campaign, with its evidence in `files` by hash. */
export interface SpendingTable {
  id: Generated<number>;
  campaignId: number;
  date: string;
  amount: number | string;
  purpose: string;
  overspendNote: string | null;
  evidenceFileHash: string | null;
  evidenceName: string | null;
  evidenceMime: string | null;
  recordedBy: number | null;
  createdAt: string;
}

/** A citizen's feedback, complaint or denunciation (0011); the sender is in feedback_senders. */
export interface FeedbackCaseTable {
  id: Generated<number>;
  code: string;
  kind: 'feedback' | 'complaint' | 'denunciation';
  topic: string;
  communeId: number;
  unitId: number;
  description: string;
  channel: string;
  status: 'received' | 'assigned' | 'in_progress' | 'answered' | 'closed' | 'rejected' | 'reopened';
  receivedAt: string;
  receivedOn: string;
  acceptedOn: string | null;
  complexity: 'normal' | 'complex' | 'very_complex';
  dueDate: string;
  dueExplanation: string;
  consent: number;
  duplicateOf: number | null;
  answer: string | null;
  answeredAt: string | null;
  answerPublic: number;
  publicQuestion: string | null;
  publishedAt: string | null;
  rejectReason: string | null;
  rating: number | null;
  ratedAt: string | null;
  closedAt: string | null;
  createdBy: number | null;
  version: number;
  updatedAt: string;
}

/** Who sent a case: never selected by a public query. */
export interface FeedbackSenderTable {
  caseId: number;
  name: string | null;
  contact: string | null;
}

export interface FeedbackMessageTable {
  id: Generated<number>;
  caseId: number;
  kind: 'status' | 'answer' | 'note' | 'rating';
  status: string;
  body: string | null;
  actorId: number | null;
  createdAt: string;
}

export interface FeedbackAttachmentTable {
  id: Generated<number>;
  caseId: number;
  fileHash: string;
  name: string;
  mime: string;
  size: number;
  createdAt: string;
}

/** One counted request of a rate limit; `key` is a hash (an address is never stored as is). */
export interface RateEventTable {
  id: Generated<number>;
  bucket: string;
  key: string;
  at: string;
}

export interface Database {
  units: UnitTable;
  users: UserTable;
  sessions: SessionTable;
  apiTokens: ApiTokenTable;
  loginAttempts: LoginAttemptTable;
  auditLog: AuditLogTable;
  auditHead: AuditHeadTable;
  files: FileTable;
  plans: PlanTable;
  appendices: AppendixTable;
  tasks: TaskTable;
  assignments: AssignmentTable;
  planImports: PlanImportTable;
  rounds: RoundTable;
  reports: ReportTable;
  entries: EntryTable;
  evidence: EvidenceTable;
  reportVersions: ReportVersionTable;
  outbox: OutboxTable;
  notifications: NotificationTable;
  jobLeases: JobLeaseTable;
  dashboardStanding: DashboardStandingTable;
  publicStanding: PublicStandingTable;
  extensions: ExtensionTable;
  taskScheduleEvents: TaskScheduleEventTable;
  disclosures: DisclosureTable;
  disclosureTables: DisclosureTableTable;
  disclosurePostings: DisclosurePostingTable;
  disclosureAttachments: DisclosureAttachmentTable;
  receptionSlots: ReceptionSlotTable;
  procedures: ProcedureTable;
  dossiers: DossierTable;
  subscriptions: SubscriptionTable;
  subscriptionTokens: SubscriptionTokenTable;
  calendarDays: CalendarDayTable;
  feedbackCases: FeedbackCaseTable;
  feedbackSenders: FeedbackSenderTable;
  feedbackMessages: FeedbackMessageTable;
  feedbackAttachments: FeedbackAttachmentTable;
  rateEvents: RateEventTable;
  campaigns: CampaignTable;
  contributions: ContributionTable;
  spendings: SpendingTable;
  surveys: SurveyTable;
  surveyResponses: SurveyResponseTable;
  surveyComments: SurveyCommentTable;
}

export type UnitRow = Selectable<UnitTable>;
export type NewUnitRow = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
export type UserRow = Selectable<UserTable>;
export type NewUserRow = Insertable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type ApiTokenRow = Selectable<ApiTokenTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
