/** Paths of the staff app, under /app (Vietnamese without diacritics, like the public portal). */
export const PATHS = {
  home: '/',
  units: '/don-vi',
  accounts: '/tai-khoan',
  audit: '/nhat-ky',
  profile: '/ca-nhan',
  plans: '/ke-hoach',
  planImport: '/ke-hoach/nhap',
  reports: '/bao-cao',
  extensions: '/bao-cao/gia-han',
  drill: '/tong-quan/nhiem-vu',
  disclosures: '/cong-khai',
  disclosureNew: '/cong-khai/moi',
  disclosureRegister: '/cong-khai/so-theo-doi',
  reception: '/lich-tiep',
  procedures: '/thu-tuc',
  dossiers: '/ho-so',
  campaigns: '/dong-gop',
  calendar: '/lich-lam-viec',
  feedback: '/phan-anh',
  feedbackNew: '/phan-anh/tiep-nhan',
} as const;

/** One disclosure: /cong-khai/5; its draft form: /cong-khai/5/sua. */
export const disclosurePath = (id: number) => `/cong-khai/${id}`;
export const disclosureEditPath = (id: number) => `/cong-khai/${id}/sua`;

/** One plan's page: /ke-hoach/12. */
export const planPath = (id: number) => `${PATHS.plans}/${id}`;

/** The import page, revising a saved plan when `planId` is given. */
export const planImportPath = (planId?: number) => (planId === undefined ? PATHS.planImport : `${PATHS.planImport}?planId=${planId}`);

/** One reporting round: /bao-cao/dot/3. */
export const roundPath = (id: number) => `/bao-cao/dot/${id}`;

/** One unit report: /bao-cao/so/7. */
export const reportPath = (id: number) => `/bao-cao/so/${id}`;

/** The reporting rounds of one plan: /bao-cao?planId=12. */
export const reportsOfPlanPath = (planId: number) => `/bao-cao?planId=${planId}`;

/** What a dashboard number stands for: the tasks (rolled up) or the unit assignments behind it. */
export interface DrillQuery {
  planId: number;
  view?: 'tasks' | 'assignments';
  status?: string;
  dimension?: string;
  unitId?: number;
  taskId?: number;
}

/** The list behind a dashboard number: /tong-quan/nhiem-vu?planId=1&view=tasks&status=overdue&dimension=… */
export function drillPath(query: DrillQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  return `${PATHS.drill}?${params.toString()}`;
}

/** The home page (dashboard) showing one plan: /?planId=12. */
export const homeOfPlanPath = (planId: number) => `/?planId=${planId}`;
