/**
 * Deadline grammar benchmark: parse 10,000 deadline texts — every deadline of the seed
 * (test/fixtures/seed/deadlines.gold.jsonl) and variants generated from the families real plans use
 * (dates in every form, quarters, halves, months, ranges, rhythms, events, "theo …", with and without
 * diacritics, odd spacing). Target: under 1 s for the 10,000.
 *   npx tsx bench/deadlines.bench.ts [count] [runs]
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDeadline, type Window } from '../src/domain/schedule/index.js';

const count = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 5);
const TARGET_MS = 1000;

const here = dirname(fileURLToPath(import.meta.url));
const GOLD = [join(here, '../test/fixtures/seed/deadlines.gold.jsonl')].find(existsSync);

const seedTexts: string[] = GOLD
  ? readFileSync(GOLD, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { text: string }).text)
  : ['Quý III/2021', 'Định kỳ hàng quý', 'Thường xuyên (2021-2025)', 'Theo kế hoạch', 'Sau khi UBND tỉnh phê duyệt'];

/** A small deterministic generator (mulberry32), so every run parses the same texts. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROMAN = ['I', 'II', 'III', 'IV'];
const TEMPLATES: Array<(r: () => number) => string> = [
  (r) => `Quý ${ROMAN[Math.floor(r() * 4)]}/${2021 + Math.floor(r() * 5)}`,
  (r) => `quý ${1 + Math.floor(r() * 4)} năm ${2021 + Math.floor(r() * 5)}`,
  (r) => `Trước ngày ${1 + Math.floor(r() * 28)}/${1 + Math.floor(r() * 12)}/${2021 + Math.floor(r() * 5)}`,
  (r) => `Chậm nhất ngày ${1 + Math.floor(r() * 28)} tháng ${1 + Math.floor(r() * 12)} năm ${2021 + Math.floor(r() * 5)}`,
  (r) => `Hoàn thành trong tháng ${1 + Math.floor(r() * 12)}/${2021 + Math.floor(r() * 5)}`,
  (r) => `6 tháng ${r() < 0.5 ? 'đầu' : 'cuối'} năm ${2021 + Math.floor(r() * 5)}`,
  (r) => `Trước ngày ${5 + Math.floor(r() * 20)} hằng tháng`,
  (r) => `Chậm nhất ngày ${5 + Math.floor(r() * 20)} của tháng ${r() < 0.5 ? 'đầu' : 'cuối'} quý`,
  (r) => `Quý ${ROMAN[Math.floor(r() * 4)]} hàng năm (2021-${2022 + Math.floor(r() * 4)})`,
  (r) => `Thường xuyên (2021- ${2022 + Math.floor(r() * 4)})`,
  (r) => `Giai đoạn 2021 - ${2022 + Math.floor(r() * 4)}`,
  (r) => `Thực hiện liên tục đến năm ${2022 + Math.floor(r() * 4)}`,
  (r) => `Hằng năm, trước ngày ${1 + Math.floor(r() * 28)}/${1 + Math.floor(r() * 12)}`,
  (r) => `Tháng ${1 + Math.floor(r() * 6)}, tháng ${7 + Math.floor(r() * 6)} năm ${2021 + Math.floor(r() * 5)}`,
  (r) => `Ban hành kế hoạch trong quý ${ROMAN[Math.floor(r() * 2)]}/2022; kiểm tra trong quý ${ROMAN[2 + Math.floor(r() * 2)]}/2022`,
  (r) => `Sau khi ${['UBND tỉnh phê duyệt', 'có văn bản hướng dẫn của Sở Nội vụ', 'Đề án được thông qua'][Math.floor(r() * 3)]}`,
  (r) => `Theo ${['kế hoạch', 'quy định', 'chỉ đạo của UBND tỉnh', 'nhiệm kỳ', 'lộ trình'][Math.floor(r() * 5)]}`,
  (r) => `Kiểm tra ít nhất 0${1 + Math.floor(r() * 4)} đợt trong năm ${2021 + Math.floor(r() * 5)}`,
  (r) => `Định kỳ ${['hằng quý', '6 tháng', 'hằng năm', 'hàng tháng'][Math.floor(r() * 4)]}`,
  (r) => `Trong vòng ${5 + Math.floor(r() * 25)} ngày làm việc kể từ ngày nhận được phản ánh`,
];

function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

export function deadlineTexts(n: number, seed = 2021): string[] {
  const r = random(seed);
  const texts: string[] = [];
  while (texts.length < n) {
    let text = r() < 0.2 ? seedTexts[Math.floor(r() * seedTexts.length)]! : TEMPLATES[Math.floor(r() * TEMPLATES.length)]!(r);
    if (r() < 0.15) text = fold(text); // typed without diacritics
    if (r() < 0.1) text = text.replace(/ /g, '  ').replace(/-/g, ' - '); // odd spacing
    if (r() < 0.05) text = text.toUpperCase();
    texts.push(text);
  }
  return texts;
}

const texts = deadlineTexts(count);
const window: Window = { from: '2021-01-01', to: '2025-12-31' };

let t0 = performance.now();
const kinds: Record<string, number> = {};
let review = 0;
let dues = 0;
for (const text of texts) {
  const s = parseDeadline(text, window);
  kinds[s.kind] = (kinds[s.kind] ?? 0) + 1;
  if (s.needsReview) review++;
  dues += s.dues.length;
}
const cold = performance.now() - t0;

const samples: number[] = [];
for (let run = 0; run < runs; run++) {
  t0 = performance.now();
  for (const text of texts) parseDeadline(text, window);
  samples.push(performance.now() - t0);
}
samples.sort((a, b) => a - b);
const median = samples[Math.floor(samples.length / 2)] ?? cold;

console.log(`dondoc deadline benchmark — node ${process.version}, ${count} texts, window ${window.from}…${window.to}`);
console.log(`first run (cold): ${cold.toFixed(0)} ms; ${runs} warm runs: min ${samples[0]?.toFixed(0)} ms, median ${median.toFixed(0)} ms, max ${samples[samples.length - 1]?.toFixed(0)} ms`);
console.log(`per text (median run): ${((median / count) * 1000).toFixed(1)} µs; ${dues} due dates; kinds ${JSON.stringify(kinds)}; needs review ${review}`);
const ok = cold < TARGET_MS && median < TARGET_MS;
console.log(ok ? `Under the ${TARGET_MS} ms target.` : `Over the ${TARGET_MS} ms target!`);
if (!ok) process.exitCode = 1;
