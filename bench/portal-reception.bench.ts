/**
 * The public reception schedule, dossier lookup and procedure pages (issue 5, "Speed"): server time and size
 * of /lich-tiep-cong-dan (all units and one unit), its .ics feed, /tra-cuu?ma= (found and unknown),
 * /thu-tuc-hanh-chinh (list and search) and the open-data files, through the app (inject, no session), on the
 * demo and at province scale (bench/support/province.ts: 120 units, each with 3 weekly desk days and a
 * monthly chairman's day over 6 weeks — about 2,500 slots —, 15 procedures and 20 dossiers per unit).
 *
 *   npx tsx bench/portal-reception.bench.ts [runs]
 *   DATABASE_URL_TEST=postgres://postgres@127.0.0.1:5432/test npx tsx bench/portal-reception.bench.ts [runs]
 *
 * Targets: p95 under 50 ms on the demo and under 150 ms at province scale, every page under 60 KB; exits 1 when over.
 */
import { SYSTEM_ACTOR } from '../src/domain/accounts/actor.js';
import { addDays } from '../src/domain/schedule/calendar.js';
import { vnDate } from '../src/domain/time.js';
import { openDatabase } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadDemo } from '../src/demo/load.js';
import { buildApp } from '../src/server/app.js';
import { createServices, type Services } from '../src/services/index.js';
import { loadAverage, measureUrls } from './support/measure.js';
import { benchTargets, generateProvince } from './support/province.js';

const runs = Number(process.argv[2] ?? 50);
let failed = false;
console.log(`load average ${loadAverage()}`);

/** The lookup of a code no dossier has answers 404. */
const expectedStatus = (url: string) => (url.includes('KHONG-CO') ? 404 : 200);

const anyDossier = async (services: Services) => (await services.dossiers.list(SYSTEM_ACTOR))[0]!.code;

const PATHS = (code: string, unit: string) => [
  '/lich-tiep-cong-dan',
  `/lich-tiep-cong-dan?donVi=${encodeURIComponent(unit)}`,
  '/lich-tiep-cong-dan.ics',
  `/lich-tiep-cong-dan.ics?donVi=${encodeURIComponent(unit)}`,
  `/tra-cuu?ma=${encodeURIComponent(code)}`,
  '/tra-cuu?ma=KHONG-CO-HO-SO',
  '/thu-tuc-hanh-chinh',
  '/thu-tuc-hanh-chinh?q=chung+thuc',
  '/du-lieu/lich-tiep-cong-dan.json',
  '/du-lieu/thu-tuc-hanh-chinh.csv',
];

for (const url of benchTargets()) {
  const engine = url.startsWith('sqlite') ? 'sqlite' : 'postgres';
  const handle = await openDatabase(url.startsWith('sqlite') ? url : url.replace(/schema=bench_/, 'schema=bench_rdemo_'));
  await migrateToLatest(handle);
  const services = createServices(handle);
  await loadDemo(services, 'P');
  const app = await buildApp(services, { logger: false, webRoot: null });
  await app.ready();
  if (await measureUrls(`${engine} demo`, app, PATHS(await anyDossier(services), 'DH.HV'), { runs, targetMs: 50, pageLimitKb: 60, expectedStatus })) failed = true;
  await app.close();
  if (handle.schema) await handle.db.schema.dropSchema(handle.schema).cascade().execute();
  await handle.close();

  // Province scale: every commune and agency of the generated province keeps a schedule, procedures, dossiers.
  const p = await generateProvince(url);
  const s = p.services;
  const today = vnDate(s.clock.now());
  const until = addDays(today, 41);
  const t0 = performance.now();
  const procedures = (await s.dossiers.publicProcedures({ unitCode: 'DH.HV' })).items.filter((x) => (x.processingDays ?? 0) > 0);
  for (const [i, unitId] of p.unitIds.entries()) {
    const base = { unitId, place: `Bộ phận một cửa, đơn vị ${unitId}`, officerName: 'Nguyễn Văn Bình', officerTitle: 'Công chức', officerPhone: '0257 3530 000', note: null, publish: true };
    for (const rule of ['thứ Hai hằng tuần', 'thứ Tư hằng tuần', 'thứ Sáu hằng tuần']) {
      await s.reception.schedule(SYSTEM_ACTOR, { ...base, kind: 'regular', startTime: '07:30', endTime: '11:00', recurrence: { rule, from: today, to: until } });
    }
    await s.reception.schedule(SYSTEM_ACTOR, { ...base, kind: 'periodic', startTime: '08:00', endTime: '11:00', recurrence: { rule: `ngày ${(i % 20) + 5} hằng tháng`, from: today, to: until } }).catch(() => []);
    await s.dossiers.importProcedures(
      SYSTEM_ACTOR,
      procedures.map((x) => ({ unitId, code: x.code, name: x.name, field: x.field, processingDays: x.processingDays, fee: x.fee })),
    );
    const own = (await s.dossiers.publicProcedures({ unitCode: (await s.units.get(SYSTEM_ACTOR, unitId)).code })).items;
    await s.dossiers.importDossiers(
      SYSTEM_ACTOR,
      unitId,
      Array.from({ length: 20 }, (_, k) => ({
        procedureId: own[k % own.length]!.id,
        code: `B${unitId}-${String(k).padStart(4, '0')}`,
        receiptCode: `R${unitId}X${k}`,
        applicantName: 'Trần Thị Bé',
        receivedDate: addDays(today, -k),
        steps: k % 2 ? [{ status: 'processing' as const, date: addDays(today, -k + 1 > 0 ? 0 : -k + 1) }] : [],
      })),
    );
  }
  console.log(`${engine}: reception data for ${p.unitIds.length} units in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const papp = await buildApp(s, { logger: false, webRoot: null });
  await papp.ready();
  const unit = (await s.units.get(SYSTEM_ACTOR, p.unitIds[p.unitIds.length - 1]!)).code;
  if (await measureUrls(`${engine} province`, papp, PATHS(`B${p.unitIds[0]}-0003`, unit), { runs, targetMs: 150, pageLimitKb: 60, expectedStatus })) failed = true;
  await papp.close();
  await p.close();
}

process.exit(failed ? 1 : 0);
