import type { NewUser, Role, User, UserChanges } from '../../api/types';

export interface UserFormValues {
  username: string;
  displayName: string;
  role: Role | null;
  unitId: number | null;
  password: string;
  active: boolean;
}

export const MIN_PASSWORD = 8;
export const USERNAME = /^[a-z0-9._-]{3,40}$/;

export function userFormValues(user: User | null): UserFormValues {
  return {
    username: user?.username ?? '',
    displayName: user?.displayName ?? '',
    role: user?.role ?? null,
    unitId: user?.unitId ?? null,
    password: '',
    active: user?.active ?? true,
  };
}

export function toNewUser(v: UserFormValues): NewUser {
  return { username: v.username.trim().toLowerCase(), displayName: v.displayName.trim(), role: v.role!, unitId: v.unitId, password: v.password };
}

/** Only what changed, with the version the form was loaded from; null when nothing changed. */
export function toUserChanges(v: UserFormValues, user: User): UserChanges | null {
  const changes: UserChanges = { version: user.version };
  if (v.displayName.trim() !== user.displayName) changes.displayName = v.displayName.trim();
  if (v.role && v.role !== user.role) changes.role = v.role;
  if (v.unitId !== user.unitId) changes.unitId = v.unitId;
  if (v.active !== user.active) changes.active = v.active;
  return Object.keys(changes).length > 1 ? changes : null;
}
