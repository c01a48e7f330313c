import type { Schedule } from '../schedule/index.js';
import type { PartyMention } from './assignments.js';

export const DIMENSIONS = [
  'participation',
  'transparency',
  'accountability',
  'corruption_control',
  'admin_procedures',
  'public_services',
  'environment',
  'e_governance',
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The Vietnamese names of the 8 PAPI dimensions (papi-structure.md §3). */
export const DIMENSION_LABEL_VI: Record<Dimension, string> = {
  participation: 'Tham gia của người dân ở cấp cơ sở',
  transparency: 'Công khai, minh bạch trong việc ra quyết định ở địa phương',
  accountability: 'Trách nhiệm giải trình với người dân',
  corruption_control: 'Kiểm soát tham nhũng trong khu vực công',
  admin_procedures: 'Thủ tục hành chính công',
  public_services: 'Cung ứng dịch vụ công',
  environment: 'Quản trị môi trường',
  e_governance: 'Quản trị điện tử',
};

export interface Plan {
  id: number;
  number: string | null;
  title: string;
  issuerUnitId: number;
  issuedOn: string | null;
  year: number | null;
  periodFrom: string;
  periodTo: string;
  bases: string[];
  parentPlanId: number | null;
  sourceFileHash: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Appendix {
  id: number;
  planId: number;
  label: string;
  title: string;
  windowFrom: string;
  windowTo: string;
  position: number;
}

export interface Task {
  id: number;
  planId: number;
  appendixId: number;
  key: string;
  no: string;
  section: string | null;
  dimension: Dimension | null;
  subgroup: string | null;
  content: string;
  leadText: string;
  coordinatingText: string;
  output: string;
  deadlineText: string;
  schedule: Schedule;
  parties: PartyMention[];
  notes: Record<string, string>;
  position: number;
  retiredAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Assignment {
  id: number;
  taskId: number;
  unitId: number;
  role: 'lead' | 'coordinating';
  sourceText: string;
  createdAt: string;
  retiredAt: string | null;
}
