#!/usr/bin/env node
// The `dondoc` command. Runs the compiled CLI; `npm run build` produces it.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const entry = join(root, 'dist', 'cli', 'index.js');
if (!existsSync(entry)) {
  console.error('Chưa biên dịch Dondoc: hãy chạy "npm run build" trước. / Dondoc is not built yet: run "npm run build" first.');
  process.exit(1);
}
const { main } = await import(pathToFileURL(entry).href);
await main(process.argv);
