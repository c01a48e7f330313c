import { API_BASE, http } from './client';
import type {
  ApiToken,
  ImportPreview,
  PlanDraft,
  ImportRequest,
  ImportResult,
  ParsedDeadlines,
  PlanDetail,
  PlanSummary,
  TaskQuery,
  TaskWithAssignments,
  AuditEntry,
  CreatedApiToken,
  NewUnit,
  NewUser,
  Session,
  ReportSummary,
  ReportView,
  RoundView,
  EntryView,
  EvidenceView,
  Narrative,
  Unit,
  UnitChanges,
  User,
  UserChanges,
  AppNotification,
  AssignmentPage,
  AssignmentQuery,
  DashboardView,
  Extension,
  ExtensionStatus,
  MyReport,
} from './types';

export type PeriodType = 'quarter' | 'half' | 'year';

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
  plans: {
    list: () => http.get<PlanSummary[]>('/plans'),
    get: (id: number) => http.get<PlanDetail>(`/plans/${id}`),
    tasks: (id: number, query: TaskQuery = {}) => http.get<TaskWithAssignments[]>(`/plans/${id}/tasks`, { ...query }),
    /** The original document, downloaded by the browser with the session cookie. */
    fileUrl: (id: number) => `${API_BASE}/plans/${id}/file`,
    // The dry run answers the PlanDraft with the review beside it; the screens want them the other way round.
    preview: async (request: Omit<ImportRequest, 'dryRun'>): Promise<ImportPreview> => {
      const { review, ...draft } = await http.postForm<PlanDraft & { review: Omit<ImportPreview, 'draft'> }>(
        '/plans/import',
        importForm({ ...request, dryRun: true }),
      );
      return { ...review, draft };
    },
    import: (request: Omit<ImportRequest, 'dryRun'>) => http.postForm<ImportResult>('/plans/import', importForm({ ...request, dryRun: false })),
  },
  deadlines: {
    /** The deadline grammar over HTTP: how the server would read each text inside the window. */
    parse: (texts: string[], from: string, to: string) => http.post<ParsedDeadlines>('/deadlines/parse', { texts, from, to }),
  },
  reporting: {
    rounds: (planId: number) => http.get<RoundView[]>(`/plans/${planId}/rounds`),
    round: (id: number) => http.get<RoundView & { reports: ReportSummary[] }>(`/rounds/${id}`),
    openRound: (planId: number, period: { type: PeriodType; year: number; index: number }, dueDate: string) =>
      http.post<RoundView & { reports: ReportSummary[] }>('/rounds', { planId, period, dueDate }),
    report: (id: number) => http.get<ReportView>(`/reports/${id}`),
    save: (id: number, version: number, changes: { entries: Partial<EntryView>[]; narrative: Narrative }) =>
      http.putIfMatch<ReportView>(`/reports/${id}`, changes, version),
    submit: (id: number, version: number) => http.postIfMatch<ReportView>(`/reports/${id}/submit`, {}, version),
    returnReport: (id: number, version: number, comment: string, entryComments: Array<{ taskId: number; comment: string }> = []) =>
      http.postIfMatch<ReportView>(`/reports/${id}/return`, entryComments.length ? { comment, entryComments } : { comment }, version),
    /** An evidence file (PDF, DOCX, XLSX, JPEG, PNG, checked by content) for one entry of the report. */
    uploadEvidence: (reportId: number, taskId: number, file: File, meta: { docNumber?: string; docDate?: string | null; summary?: string }) => {
      const form = new FormData();
      form.append('taskId', String(taskId));
      if (meta.docNumber) form.append('docNumber', meta.docNumber);
      if (meta.docDate) form.append('docDate', meta.docDate);
      if (meta.summary) form.append('summary', meta.summary);
      form.append('file', file, file.name);
      return http.postForm<EvidenceView>(`/reports/${reportId}/evidence`, form);
    },
    evidenceFileUrl: (id: number) => `${API_BASE}/evidence/${id}/file`,
    accept: (id: number, version: number) => http.postIfMatch<ReportView>(`/reports/${id}/accept`, {}, version),
  },
  dashboard: {
    get: (planId: number) => http.get<DashboardView>('/dashboard', { planId }),
    /** The unit assignments behind a number, filtered, a page at a time. */
    assignments: (planId: number, query: AssignmentQuery) => http.get<AssignmentPage>('/dashboard/assignments', { planId, ...query }),
  },
  myReports: {
    /** The reports of the signed-in officer's own unit (GET /reports?mine=1). */
    list: async (): Promise<MyReport[]> => (await http.get<{ items: MyReport[] }>('/reports', { mine: 1 })).items,
  },
  notifications: {
    list: (unread?: boolean) => http.get<{ items: AppNotification[]; unread: number }>('/notifications', unread ? { unread: 1 } : undefined),
    read: (id: number) => http.post<unknown>(`/notifications/${id}/read`),
    readAll: () => http.post<{ unread: number }>('/notifications/read-all'),
  },
  extensions: {
    list: (query: { planId?: number; status?: ExtensionStatus; unitId?: number } = {}) => http.get<{ items: Extension[] }>('/extensions', query),
    request: (body: { assignmentId: number; dueDate: string; requestedDate: string; reason: string }) => http.post<Extension>('/extensions', body),
    approve: (id: number, comment?: string) => http.post<Extension>(`/extensions/${id}/approve`, comment ? { comment } : {}),
    refuse: (id: number, comment: string) => http.post<Extension>(`/extensions/${id}/refuse`, { comment }),
  },
  tasks: {
    trigger: (taskId: number, date: string, note: string) => http.post<unknown>(`/tasks/${taskId}/trigger`, { date, note }),
    setDates: (taskId: number, dates: string[], note?: string) => http.put<unknown>(`/tasks/${taskId}/dates`, note ? { dates, note } : { dates }),
  },
  audit: {
    list: (query: { entity?: string; beforeSeq?: number; limit?: number } = {}) => http.get<AuditEntry[]>('/audit', query),
  },
};

/** The multipart form of POST /plans/import: the file, then the text fields (objects as JSON). */
function importForm(request: ImportRequest): FormData {
  const form = new FormData();
  if (request.dryRun) form.append('dryRun', 'true');
  if (request.planId !== undefined) form.append('planId', String(request.planId));
  if (request.issuerUnitId !== undefined) form.append('issuerUnitId', String(request.issuerUnitId));
  if (request.partyFixes && Object.keys(request.partyFixes).length) form.append('partyFixes', JSON.stringify(request.partyFixes));
  if (request.deadlineFixes && Object.keys(request.deadlineFixes).length) form.append('deadlineFixes', JSON.stringify(request.deadlineFixes));
  // Fields before the file: the server reads the parts in order and the file is the big one.
  form.append('file', request.file, request.file.name);
  return form;
}
