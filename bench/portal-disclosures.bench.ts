/**
 * The public disclosures (issue 5, "Speed"): server time and size of /cong-khai (all, filtered, searched),
 * an item page with its table, its CSV and XLSX, the Atom feed and the open data, through the app (inject, no
 * session), on the demo and at province scale (bench/support/province.ts, plus for each of its 100 communes
 * one published item of every category — a poor-household list of 150 households, a budget table — that is
 * 600 items, loaded through the service: import, submit, approve).
 *
 *   npx tsx bench/portal-disclosures.bench.ts [runs]
 *   DATABASE_URL_TEST=postgres://postgres@127.0.0.1:5432/test npx tsx bench/portal-disclosures.bench.ts [runs]
 *
 * Targets: p95 under 50 ms on the demo and under 150 ms at province scale, every page under 60 KB; exits 1 when over.
 */
import { SYSTEM_ACTOR } from '../src/domain/accounts/actor.js';
import { DISCLOSURE_CATEGORIES } from '../src/domain/disclosures/index.js';
import { openDatabase } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadDemo } from '../src/demo/load.js';
import { buildApp } from '../src/server/app.js';
import { createServices, type Services } from '../src/services/index.js';
import { loadAverage, measureUrls } from './support/measure.js';
import { benchTargets, COMMUNES, generateProvince } from './support/province.js';

const runs = Number(process.argv[2] ?? 50);
let failed = false;
console.log(`load average ${loadAverage()}`);

async function paths(services: Services): Promise<string[]> {
  const items = (await services.disclosures.publicList({ pageSize: 1000 })).items;
  const poor = items.find((i) => i.category === 'poor_households')!;
  const budget = items.find((i) => i.category === 'budget')!;
  return [
    '/cong-khai',
    `/cong-khai?loai=budget&don-vi=${budget.unitId}`,
    '/cong-khai?q=ho+ngheo',
    `/cong-khai/${poor.id}`,
    `/cong-khai/${poor.id}.csv`,
    `/cong-khai/${poor.id}.xlsx`,
    `/cong-khai/${budget.id}`,
    '/cong-khai/atom.xml',
    '/du-lieu/cong-khai.json',
    '/du-lieu/cong-khai.csv',
  ];
}

const POOR = ['STT,Họ và tên chủ hộ,Thôn,Phân loại', ...Array.from({ length: 150 }, (_, i) => `${i + 1},Nguyễn Văn Hộ ${i + 1},Thôn ${(i % 6) + 1},${i % 3 ? 'Hộ cận nghèo' : 'Hộ nghèo'}`)].join('\n');
const TABLES: Record<string, string> = {
  poor_households: POOR,
  budget: ['Nội dung,Dự toán năm,Thực hiện quý,Lũy kế', ...Array.from({ length: 30 }, (_, i) => `Khoản mục ${i + 1},${(i + 1) * 125_000_000},${(i + 1) * 31_000_000},${(i + 1) * 90_000_000}`)].join('\n'),
  land: ['Tuyến đường,Loại đất,Giá đất', ...Array.from({ length: 40 }, (_, i) => `Đường số ${i + 1},Đất ở,${(i + 2) * 350_000}`)].join('\n'),
  procedures: ['Tên thủ tục,Lĩnh vực,Thời hạn giải quyết', ...Array.from({ length: 60 }, (_, i) => `Thủ tục ${i + 1},Hộ tịch,${(i % 10) + 1} ngày làm việc`)].join('\n'),
  anti_corruption: ['Nội dung,Số liệu', ...Array.from({ length: 10 }, (_, i) => `Chỉ tiêu ${i + 1},${i}`)].join('\n'),
  recruitment: ['Vị trí tuyển dụng,Số lượng', 'Công chức Văn phòng - Thống kê,1', 'Công chức Tư pháp - Hộ tịch,1'].join('\n'),
};

for (const url of benchTargets()) {
  const engine = url.startsWith('sqlite') ? 'sqlite' : 'postgres';
  const handle = await openDatabase(url.startsWith('sqlite') ? url : url.replace(/schema=bench_/, 'schema=bench_ddemo_'));
  await migrateToLatest(handle);
  const services = createServices(handle);
  await loadDemo(services, 'P');
  const app = await buildApp(services, { logger: false, webRoot: null });
  await app.ready();
  if (await measureUrls(`${engine} demo`, app, await paths(services), { runs, targetMs: 50, pageLimitKb: 60 })) failed = true;
  await app.close();
  await handle.close();

  const p = await generateProvince(url);
  const s = p.services;
  const t0 = performance.now();
  const communes = p.unitIds.slice(-COMMUNES);
  for (const unitId of communes) {
    for (const category of DISCLOSURE_CATEGORIES) {
      const d = await s.disclosures.create(SYSTEM_ACTOR, { unitId, category, title: `${category} của đơn vị ${unitId}`, summary: 'Số liệu thử tải' });
      await s.disclosures.importTable(SYSTEM_ACTOR, d.id, { bytes: new TextEncoder().encode(TABLES[category]!), name: `${category}.csv` });
      await s.disclosures.submit(SYSTEM_ACTOR, d.id);
      await s.disclosures.approve(SYSTEM_ACTOR, d.id, {});
    }
  }
  console.log(`${engine}: ${communes.length * DISCLOSURE_CATEGORIES.length} disclosures in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const papp = await buildApp(s, { logger: false, webRoot: null });
  await papp.ready();
  if (await measureUrls(`${engine} province`, papp, await paths(s), { runs, targetMs: 150, pageLimitKb: 60 })) failed = true;
  await papp.close();
  await p.close();
}

process.exit(failed ? 1 : 0);
