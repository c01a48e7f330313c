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
}

export type UnitRow = Selectable<UnitTable>;
export type NewUnitRow = Insertable<UnitTable>;
export type UnitUpdate = Updateable<UnitTable>;
export type UserRow = Selectable<UserTable>;
export type NewUserRow = Insertable<UserTable>;
export type SessionRow = Selectable<SessionTable>;
export type ApiTokenRow = Selectable<ApiTokenTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
