/** Disclosures (công khai) and the disclosure register over /api/v1: shapes and calls. */
import { API_BASE, http } from './client';
import type { AttachmentView, DisclosureView, ImportResult, PostingView, RegisterView } from '../../../src/services/disclosure-service';
import type { DisclosureCategory, DisclosureChannel, DisclosureStatus, PostingState, RegisterStatus } from '../../../src/domain/disclosures/index';

export type { AttachmentView, DisclosureView, ImportResult, PostingView, RegisterView, DisclosureCategory, DisclosureChannel, DisclosureStatus, PostingState, RegisterStatus };
export type { DisclosureTable, DroppedColumn } from '../../../src/domain/disclosures/index';

export interface DisclosureDraft {
  unitId: number;
  category: DisclosureCategory;
  title: string;
  summary?: string | null;
  body?: string | null;
  legalBasis?: string | null;
  channels?: DisclosureChannel[];
  /** The proposed posting period (YYYY-MM-DD); the approver confirms or changes it. */
  publishDate?: string | null;
  postingEnd?: string | null;
}

export type DisclosureChanges = Partial<Omit<DisclosureDraft, 'unitId' | 'category'>>;

export interface DisclosureListQuery {
  unitId?: number;
  category?: DisclosureCategory;
  status?: DisclosureStatus;
}

const oneFile = (file: File, fields: Record<string, string> = {}) => {
  const form = new FormData();
  // Fields before the file: the server reads the parts in order.
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', file, file.name);
  return form;
};

export const disclosuresApi = {
  list: async (query: DisclosureListQuery = {}): Promise<DisclosureView[]> => (await http.get<{ items: DisclosureView[] }>('/disclosures', { ...query })).items,
  get: (id: number) => http.get<DisclosureView>(`/disclosures/${id}`),
  create: (draft: DisclosureDraft) => http.post<DisclosureView>('/disclosures', draft),
  update: (id: number, changes: DisclosureChanges) => http.patch<DisclosureView>(`/disclosures/${id}`, changes),
  submit: (id: number) => http.post<DisclosureView>(`/disclosures/${id}/submit`),
  approve: (id: number, period: { publishDate: string | null; postingEnd: string | null }) => http.post<DisclosureView>(`/disclosures/${id}/approve`, period),
  returnToDraft: (id: number, comment: string) => http.post<DisclosureView>(`/disclosures/${id}/return`, { comment }),
  takeDown: (id: number, reason: string) => http.post<DisclosureView>(`/disclosures/${id}/take-down`, { reason }),
  /** An XLSX or UTF-8 CSV table; personal-data columns come back in `dropped`. */
  importTable: (id: number, file: File) => http.postForm<ImportResult>(`/disclosures/${id}/table`, oneFile(file)),
  attach: (id: number, file: File) => http.postForm<AttachmentView>(`/disclosures/${id}/attachments`, oneFile(file)),
  /** Evidence of posting on a channel; the file (photo, minutes) is optional. */
  recordPosting: (id: number, posting: { channel: DisclosureChannel; postedOn: string; description: string }, file: File | null) => {
    const fields = { channel: posting.channel, postedOn: posting.postedOn, description: posting.description };
    if (file) return http.postForm<PostingView>(`/disclosures/${id}/postings`, oneFile(file, fields));
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return http.postForm<PostingView>(`/disclosures/${id}/postings`, form);
  },
  fileUrl: (id: number, hash: string) => `${API_BASE}/disclosures/${id}/files/${hash}`,
  register: (unitId: number) => http.get<RegisterView>('/disclosures/register', { unitId }),
};

/** The citizens' page of a published item (the public portal, outside /app). */
export const publicDisclosureUrl = (id: number) => `/cong-khai/${id}`;
