/** Voluntary-contribution campaigns over /api/v1 (issue 6, item 3, staff side): shapes and calls. */
import { API_BASE, http } from '../../api/client';
import type { CampaignDetail, CampaignView, ContributionView, SpendingView } from '../../../../src/services/campaign-service';

export type { CampaignDetail, CampaignView, ContributionView, SpendingView };

export interface NewCampaign {
  unitId: number;
  purpose: string;
  description?: string | null;
  targetAmount: number;
  inKindTarget?: string | null;
  startDate: string;
  endDate: string;
}

export interface NewContribution {
  contributorName: string;
  village: string;
  kind: 'money' | 'in_kind';
  amount: number;
  inKindDescription?: string | null;
  date: string;
  receiptNo: string;
}

export const campaignsApi = {
  list: async (query: { unitId?: number } = {}) => (await http.get<{ items: CampaignView[] }>('/campaigns', { ...query })).items,
  get: (id: number) => http.get<CampaignDetail>(`/campaigns/${id}`),
  open: (body: NewCampaign) => http.post<CampaignDetail>('/campaigns', body),
  close: (id: number, version: number) => http.post<CampaignDetail>(`/campaigns/${id}/close`, { version }),
  contribute: (id: number, body: NewContribution) => http.post<ContributionView>(`/campaigns/${id}/contributions`, body),
  spend: (id: number, fields: { date: string; amount: number; purpose: string; overspendNote?: string }, file: File | null) => {
    const form = new FormData();
    form.append('date', fields.date);
    form.append('amount', String(fields.amount));
    form.append('purpose', fields.purpose);
    if (fields.overspendNote) form.append('overspendNote', fields.overspendNote);
    if (file) form.append('file', file, file.name);
    return http.postForm<SpendingView>(`/campaigns/${id}/spendings`, form);
  },
  printUrl: (contributionId: number) => `${API_BASE}/campaign-contributions/${contributionId}/confirmation.html`,
  docxUrl: (contributionId: number) => `${API_BASE}/campaign-contributions/${contributionId}/confirmation.docx`,
};

/** 1500000 → "1.500.000 đ" (the staff app shows amounts the Vietnamese way in both languages). */
export const money = (n: number) => `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;

/** "1.500.000", "1 500 000", "1500000" → 1500000; anything else → null. */
export function parseAmount(text: string): number | null {
  const bare = text.replace(/[.\s,]/g, '');
  if (!/^\d{1,14}$/.test(bare)) return null;
  const n = Number(bare);
  return n > 0 ? n : null;
}
