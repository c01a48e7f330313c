import { http } from './client';
import type {
  ApiToken,
  AuditEntry,
  CreatedApiToken,
  NewUnit,
  NewUser,
  Session,
  Unit,
  UnitChanges,
  User,
  UserChanges,
} from './types';

/** Every /api/v1 call of the staff app, typed. */
export const api = {
  auth: {
    me: () => http.get<Session>('/auth/me', undefined, { quiet401: true }),
    login: (username: string, password: string) => http.post<Session>('/auth/login', { username, password }, { quiet401: true }),
    logout: () => http.post<void>('/auth/logout'),
    changePassword: (currentPassword: string, newPassword: string) =>
      http.post<void>('/auth/password', { currentPassword, newPassword }),
  },
  units: {
    list: (query: { q?: string; active?: boolean } = {}) => http.get<Unit[]>('/units', query),
    get: (id: number) => http.get<Unit>(`/units/${id}`),
    create: (unit: NewUnit) => http.post<Unit>('/units', unit),
    update: (id: number, changes: UnitChanges) => http.patch<Unit>(`/units/${id}`, changes),
    merge: (id: number, intoId: number, date: string) =>
      http.post<{ from: Unit; into: Unit }>(`/units/${id}/merge`, { intoId, date }),
  },
  users: {
    list: (q?: string) => http.get<User[]>('/users', { q }),
    get: (id: number) => http.get<User>(`/users/${id}`),
    create: (user: NewUser) => http.post<User>('/users', user),
    update: (id: number, changes: UserChanges) => http.patch<User>(`/users/${id}`, changes),
    resetPassword: (id: number, password: string) => http.post<void>(`/users/${id}/password`, { password }),
  },
  tokens: {
    list: () => http.get<ApiToken[]>('/tokens'),
    create: (name: string, expiresAt: string | null) =>
      http.post<CreatedApiToken>('/tokens', expiresAt ? { name, expiresAt } : { name }),
    revoke: (id: number) => http.delete<ApiToken>(`/tokens/${id}`),
  },
  audit: {
    list: (query: { entity?: string; beforeSeq?: number; limit?: number } = {}) => http.get<AuditEntry[]>('/audit', query),
  },
};
