import { SYSTEM_ACTOR } from '../domain/accounts/actor.js';
import type { DossierStatus } from '../domain/procedures/index.js';
import { addDays } from '../domain/schedule/calendar.js';
import { vnDate } from '../domain/time.js';
import type { Services } from '../services/index.js';

/**
 * Demo data of issue 5 (P3): the citizen reception schedule for the six weeks after the demo's creation
 * date (the chairman's periodic days, the desk's weekly days) for the town and two communes, one slot
 * cancelled and one left as a draft (never public); ~30 administrative procedures and ~40 dossiers in
 * Hòa Vinh and Hòa Tâm, in every state. Running it again adds nothing already there.
 */
interface DemoSchedule {
  unit: string;
  rule: string;
  startTime: string;
  endTime: string;
  place: string;
  officerName: string;
  officerTitle: string;
  officerPhone: string;
  kind: 'periodic' | 'regular';
  note?: string;
}

const SCHEDULES: DemoSchedule[] = [
  { unit: 'DH', rule: 'ngày 10 hằng tháng', startTime: '07:30', endTime: '11:00', place: 'Trụ sở tiếp công dân thị xã, 02 Trần Hưng Đạo, phường Hòa Vinh', officerName: 'Nguyễn Văn Hùng', officerTitle: 'Chủ tịch UBND thị xã', officerPhone: '0257 3530 101', kind: 'periodic', note: 'Người dân mang theo giấy tờ tùy thân và tài liệu liên quan (nếu có).' },
  { unit: 'DH', rule: 'thứ Ba hằng tuần', startTime: '07:30', endTime: '11:30', place: 'Trụ sở tiếp công dân thị xã, 02 Trần Hưng Đạo, phường Hòa Vinh', officerName: 'Trần Thị Mai', officerTitle: 'Chuyên viên Ban Tiếp công dân thị xã', officerPhone: '0257 3530 102', kind: 'regular' },
  { unit: 'DH', rule: 'thứ Năm hằng tuần', startTime: '13:30', endTime: '17:00', place: 'Trụ sở tiếp công dân thị xã, 02 Trần Hưng Đạo, phường Hòa Vinh', officerName: 'Trần Thị Mai', officerTitle: 'Chuyên viên Ban Tiếp công dân thị xã', officerPhone: '0257 3530 102', kind: 'regular' },
  { unit: 'DH.HV', rule: 'ngày 15 hằng tháng', startTime: '07:30', endTime: '11:00', place: 'Hội trường UBND phường Hòa Vinh, khu phố 1', officerName: 'Lê Văn Thành', officerTitle: 'Chủ tịch UBND phường Hòa Vinh', officerPhone: '0257 3531 201', kind: 'periodic' },
  { unit: 'DH.HV', rule: 'thứ Hai hằng tuần', startTime: '07:30', endTime: '11:00', place: 'Bộ phận tiếp nhận và trả kết quả, UBND phường Hòa Vinh', officerName: 'Phạm Thị Hoa', officerTitle: 'Công chức Văn phòng - Thống kê', officerPhone: '0257 3531 202', kind: 'regular' },
  { unit: 'DH.HV', rule: 'thứ Tư hằng tuần', startTime: '13:30', endTime: '16:30', place: 'Bộ phận tiếp nhận và trả kết quả, UBND phường Hòa Vinh', officerName: 'Phạm Thị Hoa', officerTitle: 'Công chức Văn phòng - Thống kê', officerPhone: '0257 3531 202', kind: 'regular' },
  { unit: 'DH.HTA', rule: 'ngày 20 hằng tháng', startTime: '08:00', endTime: '11:00', place: 'Phòng họp UBND xã Hòa Tâm, thôn Phú Khê', officerName: 'Võ Minh Tâm', officerTitle: 'Chủ tịch UBND xã Hòa Tâm', officerPhone: '0257 3532 301', kind: 'periodic' },
  { unit: 'DH.HTA', rule: 'thứ Sáu hằng tuần', startTime: '07:30', endTime: '11:00', place: 'Bộ phận một cửa UBND xã Hòa Tâm', officerName: 'Đỗ Văn Lợi', officerTitle: 'Công chức Tư pháp - Hộ tịch', officerPhone: '0257 3532 302', kind: 'regular' },
];

/** Commune-level procedures (codes in the style of the national procedure database). */
const PROCEDURES: Array<{ code: string; name: string; field: string; days: number | null; fee: string | null }> = [
  { code: '1.001193', name: 'Đăng ký khai sinh', field: 'Hộ tịch', days: 0, fee: 'Miễn lệ phí' },
  { code: '1.000656', name: 'Đăng ký khai tử', field: 'Hộ tịch', days: 0, fee: 'Miễn lệ phí' },
  { code: '1.000894', name: 'Đăng ký kết hôn', field: 'Hộ tịch', days: 0, fee: 'Miễn lệ phí' },
  { code: '1.004746', name: 'Cấp Giấy xác nhận tình trạng hôn nhân', field: 'Hộ tịch', days: 3, fee: '3.000 đồng' },
  { code: '1.000593', name: 'Đăng ký lại khai sinh', field: 'Hộ tịch', days: 5, fee: '5.000 đồng' },
  { code: '1.004873', name: 'Cấp bản sao trích lục hộ tịch', field: 'Hộ tịch', days: 0, fee: '8.000 đồng/bản' },
  { code: '2.000815', name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', field: 'Chứng thực', days: 0, fee: '2.000 đồng/trang' },
  { code: '2.000884', name: 'Chứng thực chữ ký trong các giấy tờ, văn bản', field: 'Chứng thực', days: 0, fee: '10.000 đồng/trường hợp' },
  { code: '2.001035', name: 'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất, nhà ở', field: 'Chứng thực', days: 2, fee: '50.000 đồng/hợp đồng' },
  { code: '1.001776', name: 'Thủ tục xét, công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm', field: 'Bảo trợ xã hội', days: 10, fee: null },
  { code: '1.001758', name: 'Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng', field: 'Bảo trợ xã hội', days: 15, fee: null },
  { code: '1.003005', name: 'Hòa giải tranh chấp đất đai', field: 'Đất đai', days: 45, fee: null },
  { code: '1.000775', name: 'Đăng ký hoạt động tín ngưỡng', field: 'Tôn giáo', days: 15, fee: null },
  { code: '1.003622', name: 'Công nhận gia đình văn hóa', field: 'Văn hóa cơ sở', days: 5, fee: null },
  { code: '2.002161', name: 'Giải quyết khiếu nại lần đầu', field: 'Giải quyết khiếu nại', days: 30, fee: null },
];

const APPLICANTS = [
  'Nguyễn Văn An', 'Trần Thị Bích', 'Lê Hoàng Cường', 'Phạm Thị Dung', 'Huỳnh Văn Em', 'Võ Thị Phượng', 'Đặng Minh Giang',
  'Bùi Thị Hạnh', 'Đỗ Văn Ích', 'Hồ Thị Kim', 'Ngô Văn Lâm', 'Dương Thị Mỹ', 'Lý Văn Nam', 'Mai Thị Oanh', 'Phan Văn Phúc',
  'Trương Thị Quyên', 'Đinh Văn Sang', 'Lâm Thị Thu', 'Tạ Văn Út', 'Châu Thị Vân',
];

/** What became of each demo dossier, by index (cycled). */
const FATES: Array<{ ago: number; path: DossierStatus[] }> = [
  { ago: 2, path: [] },
  { ago: 4, path: ['processing'] },
  { ago: 20, path: ['processing'] },
  { ago: 8, path: ['processing', 'supplement'] },
  { ago: 12, path: ['processing', 'resolved'] },
  { ago: 25, path: ['processing', 'resolved', 'returned'] },
  { ago: 6, path: ['processing', 'resolved', 'returned'] },
  { ago: 30, path: ['processing'] },
];

const COMMUNES = [
  { unit: 'DH.HV', prefix: '000.31.14.H43', receipt: 'HV' },
  { unit: 'DH.HTA', prefix: '000.36.14.H43', receipt: 'HT' },
];

export async function loadReceptionDemo(services: Services): Promise<{ slots: number; procedures: number; dossiers: number }> {
  const actor = SYSTEM_ACTOR;
  const today = vnDate(services.clock.now());
  const until = addDays(today, 6 * 7 - 1);
  const units = new Map((await services.units.list(actor)).map((u) => [u.code, u]));
  const existingSlots = await services.reception.list(actor, { from: today });
  const haveSlots = new Set(existingSlots.map((s) => s.unitId));
  let slots = 0;
  for (const s of SCHEDULES) {
    const unit = units.get(s.unit);
    if (!unit || haveSlots.has(unit.id)) continue;
    const { unit: _code, rule, ...rest } = s;
    try {
      const created = await services.reception.schedule(actor, { ...rest, unitId: unit.id, note: s.note ?? null, recurrence: { rule, from: today, to: until }, publish: true });
      slots += created.length;
    } catch {
      // A rule with no date left in the window (e.g. "ngày 10" when the window starts on the 11th and is short): nothing to add.
    }
  }
  if (slots > 0) {
    // One desk day of Hòa Vinh is cancelled (it stays public, marked), and one extra slot stays a draft.
    const hv = units.get('DH.HV')!;
    const hvSlots = (await services.reception.list(actor, { unitId: hv.id, from: today })).filter((s) => s.kind === 'regular');
    const toCancel = hvSlots[1] ?? hvSlots[0];
    if (toCancel) await services.reception.cancel(actor, toCancel.id, 'Cán bộ tiếp công dân đi tập huấn; người dân vui lòng đến vào buổi tiếp kế tiếp.');
    await services.reception.schedule(actor, {
      unitId: hv.id,
      date: addDays(today, 13),
      startTime: '14:00',
      endTime: '16:00',
      place: 'Nhà văn hóa khu phố 3, phường Hòa Vinh',
      officerName: 'Lê Văn Thành',
      officerTitle: 'Chủ tịch UBND phường Hòa Vinh',
      officerPhone: '0257 3531 201',
      kind: 'periodic',
      note: 'Dự kiến, chưa công bố.',
    });
    slots++;
  }

  let procedures = 0;
  let dossiers = 0;
  for (const c of COMMUNES) {
    const unit = units.get(c.unit);
    if (!unit) continue;
    const result = await services.dossiers.importProcedures(
      actor,
      PROCEDURES.map((p) => ({ unitId: unit.id, code: p.code, name: p.name, field: p.field, processingDays: p.days, fee: p.fee })),
    );
    procedures += result.created;
    const procs = (await services.dossiers.publicProcedures({ unitCode: unit.code })).items;
    // Procedures that take some days: a dossier of a same-day procedure has no progress to follow.
    const slow = procs.filter((p) => (p.processingDays ?? 0) > 0);
    const notes: Record<DossierStatus, string | null> = {
      received: null,
      processing: 'Chuyển công chức chuyên môn thẩm định.',
      supplement: 'Đề nghị bổ sung bản sao giấy tờ còn thiếu; đã thông báo cho người nộp.',
      resolved: 'Đã có kết quả, chờ người nộp đến nhận.',
      returned: 'Đã trả kết quả cho người nộp.',
    };
    const items = [];
    for (let i = 0; i < 20; i++) {
      const fate = FATES[i % FATES.length]!;
      const received = addDays(today, -(fate.ago + Math.floor(i / FATES.length)));
      let day = received;
      const steps = fate.path.map((status) => {
        day = addDays(day, status === 'processing' ? 1 : 2);
        if (day > today) day = today;
        return { status, date: day, note: notes[status] };
      });
      items.push({
        procedureId: slow[i % slow.length]!.id,
        code: `${c.prefix}-${received.slice(2).replace(/-/g, '')}-${String(i + 1).padStart(4, '0')}`,
        receiptCode: `${c.receipt}${received.slice(2, 4)}${String(i + 1).padStart(4, '0')}`,
        applicantName: APPLICANTS[(i + (c.receipt === 'HT' ? 7 : 0)) % APPLICANTS.length]!,
        receivedDate: received,
        note: 'Hồ sơ đầy đủ, đã cấp giấy tiếp nhận và hẹn trả kết quả.',
        steps,
      });
    }
    dossiers += (await services.dossiers.importDossiers(actor, unit.id, items)).created;
  }
  return { slots, procedures, dossiers };
}
