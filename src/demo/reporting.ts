import { SYSTEM_ACTOR } from '../domain/accounts/actor.js';
import { createServices, type Services } from '../services/index.js';
import type { EntryChange, Narrative, ReportView } from '../services/reporting-service.js';

/**
 * Demo history of the reporting cycle (issue 5): two quarters of 2025 of the seed plan, so the public plan
 * pages have accepted results, over more than one period, to show. Quý II/2025: two communes and two
 * agencies report and are accepted. Quý III/2025: the same four again (accepted), and one report in each of
 * the states the public must never see — submitted (awaiting review), draft, returned — whose every text
 * carries DEMO_UNPUBLISHED_MARK, so tests can assert it reaches no public page, feed or file.
 *
 * The writes go through the reporting service on a clock of their own, set to the day each step would have
 * happened (a report of Quý III/2025 submitted in September 2025, not on the day the demo is loaded): dates,
 * on-time marks and the audit log then tell one consistent story. Nothing is written in the future of the
 * services' clock: when it reads a day before the history ends (tests set in 2021), no history is loaded.
 */

/** In every text of the draft, submitted and returned demo reports; never on a public page. */
export const DEMO_UNPUBLISHED_MARK = 'NỘI DUNG NHÁP KHÔNG ĐƯỢC CÔNG KHAI';

/** After the last step of the history (the acceptances of Quý III/2025); no history before this instant. */
export const DEMO_HISTORY_END = new Date('2025-09-26T06:00:00Z');

type Fate = 'accepted' | 'submitted' | 'draft' | 'returned';

interface RoundPlan {
  periodKey: string;
  /** The quarter's label, used in the texts. */
  label: string;
  /** Index of the period in the story (figures grow from one quarter to the next). */
  step: number;
  openedAt: string;
  /** Day a unit's work was completed (completedOn of its done entries). */
  doneOn: string;
  submittedAt: string;
  returnedAt: string;
  acceptedAt: string;
  reports: Array<{ unit: string; fate: Fate }>;
}

const ACCEPTED_UNITS = ['DH.HTA', 'DH.HHB', 'DH.TP', 'DH.LDTBXH'];

const ROUNDS: RoundPlan[] = [
  {
    periodKey: '2025-Q2',
    label: 'Quý II/2025',
    step: 0,
    openedAt: '2025-06-02T01:30:00Z',
    doneOn: '2025-06-06',
    submittedAt: '2025-06-12T02:00:00Z',
    returnedAt: '2025-06-13T02:00:00Z',
    acceptedAt: '2025-06-20T03:00:00Z',
    reports: ACCEPTED_UNITS.map((unit) => ({ unit, fate: 'accepted' as const })),
  },
  {
    periodKey: '2025-Q3',
    label: 'Quý III/2025',
    step: 1,
    openedAt: '2025-09-01T01:30:00Z',
    doneOn: '2025-09-05',
    submittedAt: '2025-09-11T02:00:00Z',
    returnedAt: '2025-09-15T02:00:00Z',
    acceptedAt: '2025-09-26T02:00:00Z',
    reports: [
      ...ACCEPTED_UNITS.map((unit) => ({ unit, fate: 'accepted' as const })),
      { unit: 'DH.HTH', fate: 'submitted' },
      { unit: 'DH.HXD', fate: 'draft' },
      { unit: 'DH.TCKH', fate: 'returned' },
    ],
  },
];

const RETURN_COMMENT = 'Đề nghị bổ sung số liệu cụ thể và số, ngày văn bản minh chứng cho từng nhiệm vụ.';

/** A clock the history moves from step to step. */
function storyClock(start: string) {
  let now = new Date(start);
  return {
    now: () => now,
    set(iso: string) {
      now = new Date(iso);
    },
  };
}

/** Small deterministic figures that differ by unit and grow by quarter. */
function figure(seed: string, step: number, base: number, spread: number): number {
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return base + (h % spread) + step * Math.ceil(spread / 3);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** What a unit reports on one task, by the task's subject: realistic text and figures. */
function resultOf(unitName: string, content: string, quarter: string, step: number, seed: string): Pick<EntryChange, 'status' | 'progress' | 'results' | 'difficulties'> {
  const n = (base: number, spread: number) => figure(seed, step, base, spread);
  // The subject is in the task's opening words; later clauses mention other subjects in passing.
  const c = content.slice(0, 160).toLocaleLowerCase('vi');
  const done = (results: string): Pick<EntryChange, 'status' | 'results' | 'difficulties'> => ({ status: 'done', results, difficulties: '' });
  const going = (progress: number, results: string, difficulties: string): Pick<EntryChange, 'status' | 'progress' | 'results' | 'difficulties'> => ({
    status: 'in_progress',
    progress: Math.min(90, progress + step * 20),
    results,
    difficulties,
  });
  if (/tham nhũng/.test(c)) {
    return done(`Tuyên truyền Luật Phòng, chống tham nhũng tại ${n(4, 5)} buổi sinh hoạt với ${n(150, 120)} lượt người nghe; ${n(12, 10)} cán bộ, công chức kê khai tài sản, thu nhập đúng hạn; chưa phát hiện hành vi tham nhũng.`);
  }
  if (/một cửa/.test(c)) {
    return done(`${unitName.startsWith('UBND') ? 'Bộ phận Một cửa' : 'Qua Bộ phận Một cửa, đơn vị'} tiếp nhận ${n(250, 200)} hồ sơ thủ tục hành chính, giải quyết đúng hạn ${Math.min(100, n(93, 4))}%, hồ sơ trễ hạn đều có văn bản xin lỗi và hẹn lại ngày trả kết quả; ${n(30, 20)} hồ sơ trả kết quả qua dịch vụ bưu chính công ích.`);
  }
  if (/rút ngắn|cải cách/.test(c)) {
    return going(50, `Rà soát ${n(8, 8)} thủ tục hành chính, đề xuất rút ngắn thời gian giải quyết ${n(2, 3)} thủ tục lĩnh vực hộ tịch, chứng thực.`, 'Một số thủ tục phụ thuộc quy trình liên thông với cấp trên.');
  }
  if (/trang thông tin|cổng/.test(c)) {
    return going(55, `Đăng ${n(30, 30)} tin, bài và ${n(8, 8)} văn bản chỉ đạo, điều hành lên trang thông tin điện tử; cập nhật đầy đủ chuyên mục công khai ngân sách, thủ tục hành chính.`, 'Cán bộ phụ trách trang thông tin kiêm nhiệm nhiều việc.');
  }
  if (/trực tuyến|dvc/.test(c)) {
    return going(45, `Tỷ lệ hồ sơ nộp trực tuyến đạt ${n(35, 20)}%; hướng dẫn ${n(60, 80)} lượt người dân tạo tài khoản định danh điện tử và nộp hồ sơ trên Cổng Dịch vụ công quốc gia.`, 'Người cao tuổi còn ngại sử dụng dịch vụ công trực tuyến.');
  }
  if (/hộ nghèo|cận nghèo|niêm yết danh sách/.test(c)) {
    return done(`Niêm yết công khai danh sách ${n(40, 30)} hộ nghèo và ${n(25, 20)} hộ cận nghèo tại trụ sở và ${n(5, 4)} nhà văn hóa thôn, khu phố trong 07 ngày; thông báo ${n(6, 4)} lượt trên hệ thống truyền thanh; không có ý kiến thắc mắc, khiếu nại.`);
  }
  if (/đóng góp/.test(c)) {
    return done(`Rà soát các khoản huy động đóng góp trong ${quarter}: ${n(3, 3)} khoản đều trên tinh thần tự nguyện, đã thông báo công khai mục đích, mức đóng góp và kết quả sử dụng tại các cuộc họp thôn, khu phố; cấp ${n(20, 30)} giấy xác nhận đã đóng góp theo yêu cầu của công dân.`);
  }
  if (/ngân sách|thu, chi|thu chi/.test(c)) {
    return done(`Công khai dự toán và tình hình thực hiện thu, chi ngân sách ${quarter} bằng niêm yết tại trụ sở và trên trang thông tin điện tử: thu đạt ${n(48, 20)}% dự toán năm, chi đạt ${n(42, 18)}% dự toán năm.`);
  }
  if (/đối thoại/.test(c)) {
    return done(`Tổ chức Hội nghị đối thoại giữa Chủ tịch UBND với Nhân dân ngày ${pad2(n(10, 15))}/${quarter === 'Quý II/2025' ? '05' : '08'}/2025, có ${n(80, 60)} người tham dự, ${n(12, 10)} ý kiến; đã trả lời trực tiếp ${n(9, 5)} ý kiến, các ý kiến còn lại được giao xử lý bằng văn bản.`);
  }
  if (/phổ biến|pháp luật|tài liệu/.test(c)) {
    return done(`Biên soạn, phát hành ${n(800, 700)} tờ gấp, ${n(150, 100)} cuốn tài liệu phổ biến pháp luật; tổ chức ${n(5, 5)} buổi tuyên truyền tại thôn, khu phố với ${n(300, 200)} lượt người tham dự.`);
  }
  if (/tập huấn|bồi dưỡng/.test(c)) {
    return going(40, `Mở ${n(1, 2)} lớp tập huấn cho ${n(25, 20)} Trưởng thôn, khu phố, Chi hội trưởng và thành viên Ban Thanh tra nhân dân về quy trình công khai và giám sát.`, 'Kinh phí tập huấn còn hạn chế.');
  }
  if (/tiếp công dân/.test(c)) {
    return done(`Niêm yết lịch tiếp công dân tại trụ sở và trên trang thông tin điện tử; trong ${quarter} tiếp ${n(10, 15)} lượt công dân, tiếp nhận ${n(4, 6)} đơn kiến nghị, phản ánh, đã giải quyết xong ${n(3, 3)} đơn.`);
  }
  if (/giám sát/.test(c)) {
    return going(50, `Ban Thanh tra nhân dân và Ban Giám sát đầu tư cộng đồng tổ chức ${n(2, 3)} cuộc giám sát (công trình đường bê tông nội đồng, chi trả chế độ chính sách); kiến nghị ${n(3, 4)} nội dung, đã được xem xét giải quyết.`, 'Thành viên Ban Thanh tra nhân dân còn kiêm nhiệm, kỹ năng giám sát chưa đồng đều.');
  }
  if (/thu hồi đất|quy hoạch|sử dụng đất/.test(c)) {
    return going(40, `Công khai kế hoạch sử dụng đất năm 2025 và phương án bồi thường, hỗ trợ của ${n(2, 3)} dự án; tổ chức ${n(3, 3)} cuộc họp lấy ý kiến ${n(40, 60)} hộ dân bị ảnh hưởng.`, 'Một số hộ chưa thống nhất đơn giá bồi thường, đang tiếp tục vận động.');
  }
  if (/tuyên truyền/.test(c)) {
    return done(`Tổ chức ${n(6, 6)} buổi tuyên truyền tại các thôn, khu phố với ${n(350, 250)} lượt người dân tham dự; phát ${n(20, 20)} tin, bài trên hệ thống truyền thanh.`);
  }
  return going(40, `${unitName} đã triển khai thực hiện theo kế hoạch; kết quả được tổng hợp trong báo cáo ${quarter}.`, 'Chưa có khó khăn đáng kể.');
}

function narrativeOf(unitName: string, quarter: string, done: number, total: number): Narrative {
  return {
    results: `Trong ${quarter}, ${unitName} hoàn thành ${done}/${total} nhiệm vụ được giao chủ trì; các nhiệm vụ còn lại đang được triển khai đúng tiến độ.`,
    shortcomings: 'Một số nhiệm vụ thường xuyên chưa có số liệu đo lường cụ thể.',
    causes: 'Cán bộ phụ trách kiêm nhiệm nhiều việc; kinh phí còn hạn chế.',
    proposals: 'Đề nghị UBND thị xã tiếp tục tổ chức tập huấn nghiệp vụ và bố trí kinh phí thực hiện.',
  };
}

/** The texts of a report the public must never see: every one carries the mark. */
function unpublishedOf(report: ReportView, fate: Fate): { entries: EntryChange[]; narrative: Narrative } {
  const mark = `${DEMO_UNPUBLISHED_MARK} (${fate === 'draft' ? 'bản nháp' : fate === 'submitted' ? 'chờ duyệt' : 'bị trả lại'})`;
  return {
    entries: report.entries.map((e, i) => ({
      taskId: e.taskId,
      status: i === 0 ? 'done' : 'in_progress',
      progress: i === 0 ? 100 : 30,
      results: `${mark}: số liệu ${report.unitName} chưa được thẩm định.`,
      difficulties: `${mark}: khó khăn đang tổng hợp.`,
    })),
    narrative: { results: mark, shortcomings: mark, causes: mark, proposals: mark },
  };
}

function acceptedOf(report: ReportView, round: RoundPlan): { entries: EntryChange[]; narrative: Narrative } {
  const entries = report.entries.map((e, i): EntryChange => {
    const said = resultOf(report.unitName, e.content ?? '', round.label, round.step, `${report.unitId}:${e.taskId}`);
    return {
      taskId: e.taskId,
      ...said,
      completedOn: said.status === 'done' ? round.doneOn : null,
      // The first result of each report cites its report as evidence (a document number, no file).
      evidence:
        i === 0
          ? [{ docNumber: `${figure(String(report.unitId), round.step, 20, 60)}/BC-UBND`, docDate: round.doneOn, summary: `Báo cáo kết quả thực hiện nhiệm vụ ${round.label} của ${report.unitName}` }]
          : [],
    };
  });
  const done = entries.filter((e) => e.status === 'done').length;
  return { entries, narrative: narrativeOf(report.unitName, round.label, done, entries.length) };
}

/**
 * Loads the history for the seed plan; rounds that exist already are left alone, so a second run adds
 * nothing. Returns the number of rounds written.
 */
export async function loadReportingHistory(services: Services, planId: number | null): Promise<number> {
  if (planId === null || services.clock.now().getTime() < DEMO_HISTORY_END.getTime()) return 0;
  const actor = SYSTEM_ACTOR;
  const existing = new Set((await services.reporting.listRounds(actor, planId)).map((r) => r.periodKey));
  const todo = ROUNDS.filter((r) => !existing.has(r.periodKey));
  if (todo.length === 0) return 0;
  const clock = storyClock(todo[0]!.openedAt);
  // The same database and services, on the story's clock (see the module comment).
  const past = createServices(services.database, { clock, mailer: services.mailer });
  const units = new Map((await services.units.list(actor)).map((u) => [u.code, u.id]));

  for (const round of todo) {
    clock.set(round.openedAt);
    const opened = await past.reporting.openRound(actor, planId, { periodKey: round.periodKey });
    const reportOf = new Map(opened.reports.map((r) => [r.unitId, r.id]));
    const written: Array<{ report: ReportView; fate: Fate }> = [];
    for (const { unit, fate } of round.reports) {
      const reportId = reportOf.get(units.get(unit) ?? -1);
      if (reportId === undefined) continue; // the unit has nothing due this quarter
      clock.set(round.openedAt);
      const draft = await past.reporting.getReport(actor, reportId);
      clock.set(`${round.doneOn}T09:00:00Z`);
      const content = fate === 'accepted' ? acceptedOf(draft, round) : unpublishedOf(draft, fate);
      let report = await past.reporting.saveReport(actor, reportId, content, draft.version);
      if (fate !== 'draft') {
        clock.set(round.submittedAt);
        report = await past.reporting.submit(actor, reportId, report.version);
      }
      written.push({ report, fate });
    }
    clock.set(round.returnedAt);
    for (const w of written.filter((x) => x.fate === 'returned')) {
      const first = w.report.entries[0];
      await past.reporting.returnReport(
        actor,
        w.report.id,
        { comment: RETURN_COMMENT, entryComments: first ? [{ taskId: first.taskId, comment: 'Ghi rõ số liệu và văn bản minh chứng.' }] : [] },
        w.report.version,
      );
    }
    // Accepted one after another through the morning, as a reviewer reads them.
    let at = new Date(round.acceptedAt).getTime();
    for (const w of written.filter((x) => x.fate === 'accepted')) {
      clock.set(new Date(at).toISOString());
      await past.reporting.accept(actor, w.report.id, w.report.version);
      at += 35 * 60_000;
    }
  }
  return todo.length;
}
