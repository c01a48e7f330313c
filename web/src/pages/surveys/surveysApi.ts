import type { Question } from '../../../../src/domain/surveys/model';
import type { CommentView, ResultsView, SurveyView, UnitSummary } from '../../../../src/services/survey-service';
import { API_BASE, http } from '../../api/client';
import type { Session } from '../../api/types';

export type { CommentView, Question, ResultsView, SurveyView, UnitSummary };

/** The staff API of surveys (src/server/routes/surveys.ts). */
export const surveysApi = {
  list: () => http.get<{ items: SurveyView[] }>('/surveys'),
  byUnit: () => http.get<{ items: UnitSummary[] }>('/surveys/by-unit'),
  get: (id: number) => http.get<SurveyView>(`/surveys/${id}`),
  create: (body: { unitId: number; template?: 'sipas'; title?: string; subjectKind?: string; serviceArea?: string | null; questions?: Question[] }) =>
    http.post<SurveyView>('/surveys', body),
  update: (id: number, body: { title?: string; description?: string | null; questions?: Question[] }) => http.patch<SurveyView>(`/surveys/${id}`, body),
  publish: (id: number, closesOn: string) => http.post<SurveyView>(`/surveys/${id}/publish`, { closesOn }),
  close: (id: number) => http.post<SurveyView>(`/surveys/${id}/close`),
  results: (id: number) => http.get<ResultsView>(`/surveys/${id}/results`),
  comments: (id: number) => http.get<{ items: CommentView[] }>(`/surveys/${id}/comments`),
  moderate: (commentId: number, decision: 'approved' | 'hidden') => http.post<CommentView>(`/survey-comments/${commentId}/moderate`, { decision }),
};

export const exportHref = (id: number, kind: 'csv' | 'xlsx') => `${API_BASE}/surveys/${id}/export.${kind}`;

/** The policy's answers (abilities from /auth/me); the server still checks each request. */
export const canBuildSurveys = (session: Session) => session.abilities.buildSurveys === true;
export const canModerateSurveys = (session: Session) => session.abilities.moderateSurveys === true;
