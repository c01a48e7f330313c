#!/usr/bin/env node
// `npm start`: build when the build is missing or older than the sources, then serve with the demo
// loaded into ./data/dondoc.sqlite on first run.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const stamp = join(root, 'dist', '.build-stamp');

function newest(dir) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const built = existsSync(stamp) && existsSync(join(root, 'dist', 'cli', 'index.js')) && existsSync(join(root, 'dist', 'web', 'index.html'));
const sourcesChanged = built && Math.max(newest(join(root, 'src')), newest(join(root, 'web'))) > statSync(stamp).mtimeMs;
if (!built || sourcesChanged) {
  console.error(built ? 'Mã nguồn đã thay đổi, đang biên dịch lại…' : 'Đang biên dịch Dondoc lần đầu…');
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(stamp, new Date().toISOString());
}

const args = ['bin/dondoc.js', 'serve', '--demo-if-empty', ...process.argv.slice(2)];
const server = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
process.exit(server.status ?? 0);
