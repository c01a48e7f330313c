/** The reception schedule, procedures and dossiers over /api/v1 (issue 5, staff side): shapes and calls. */
import { http } from './client';
import type { ReceptionSlotView } from '../../../src/services/reception-service';
import type { DossierView, ProcedureView } from '../../../src/services/dossier-service';
import type { DossierFileResult, ProcedureFileResult } from '../../../src/services/register-import-service';
import type { ReceptionKind, ReceptionStatus } from '../../../src/domain/reception/slot';
import type { DossierPublicStatus, DossierStatus } from '../../../src/domain/procedures/index';

export type { ReceptionSlotView, DossierView, ProcedureView, DossierFileResult, ProcedureFileResult, ReceptionKind, ReceptionStatus, DossierPublicStatus, DossierStatus };

/** One slot (`date`) or a recurrence (`recurrence`) of slots; dates YYYY-MM-DD, times HH:MM. */
export interface NewSlots {
  unitId: number;
  date?: string;
  recurrence?: { rule: string; from: string; to: string };
  startTime: string;
  endTime: string;
  place: string;
  officerName: string;
  officerTitle: string;
  officerPhone?: string | null;
  kind: ReceptionKind;
  note?: string | null;
  publish?: boolean;
}

export interface NewDossier {
  unitId: number;
  procedureId: number;
  code: string;
  receiptCode: string;
  applicantName: string;
  receivedDate: string;
  dueDate?: string | null;
  note?: string | null;
}

/** The import form: the receiving unit, then the file (the server reads the parts in order). */
const unitFile = (unitId: number, file: File) => {
  const form = new FormData();
  form.append('unitId', String(unitId));
  form.append('file', file, file.name);
  return form;
};

export const receptionApi = {
  slots: async (query: { unitId?: number; from?: string; to?: string; status?: ReceptionStatus } = {}) =>
    (await http.get<{ items: ReceptionSlotView[] }>('/reception-slots', { ...query })).items,
  schedule: async (body: NewSlots) => (await http.post<{ items: ReceptionSlotView[] }>('/reception-slots', body)).items,
  publish: (id: number) => http.post<ReceptionSlotView>(`/reception-slots/${id}/publish`),
  cancel: (id: number, reason: string) => http.post<ReceptionSlotView>(`/reception-slots/${id}/cancel`, { reason }),

  procedures: async (query: { unitId?: number; q?: string } = {}) => (await http.get<{ items: ProcedureView[] }>('/procedures', { ...query })).items,
  importProcedures: (unitId: number, file: File) => http.postForm<ProcedureFileResult>('/procedures/import/file', unitFile(unitId, file)),

  dossiers: async (query: { unitId?: number } = {}) => (await http.get<{ items: DossierView[] }>('/dossiers', { ...query })).items,
  createDossier: (body: NewDossier) => http.post<DossierView>('/dossiers', body),
  // Each change appends a step; the server refuses one to a dossier already returned.
  changeDossier: (id: number, change: { status: DossierStatus; date?: string | null; note?: string | null }) => http.patch<DossierView>(`/dossiers/${id}`, change),
  importDossiers: (unitId: number, file: File) => http.postForm<DossierFileResult>('/dossiers/import/file', unitFile(unitId, file)),
};
