import type { Role } from './roles.js';

/** An account as the rest of the system sees it: never the password hash. */
export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number | null;
  active: boolean;
  passwordChangedAt: string;
  /** Where reminders go; null: none. */
  email: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}
