/**
 * The server of the portal load bench, in its own process (bench/portal-load.bench.ts starts it), so the
 * load generator does not share its event loop: as `dondoc serve` does, the database migrated, the services,
 * buildApp with the production logger (pino, info level, a line per request, to the log file the parent
 * gives as stdout), listening on the given port. No background jobs: they would only add noise.
 *
 *   node --import tsx bench/support/portal-server.ts <database url> <port>
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDatabase } from '../../src/db/connection.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { buildApp } from '../../src/server/app.js';
import { createServices } from '../../src/services/index.js';

const [url, port] = process.argv.slice(2);
if (!url || !port) throw new Error('usage: portal-server.ts <database url> <port>');
const handle = await openDatabase(url);
await migrateToLatest(handle);
const app = await buildApp(createServices(handle), { port: Number(port), host: '127.0.0.1' });
// The event loop's delay over the run, written to the log at the end (a long turn of the loop delays every socket).
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
const close = async () => {
  loopDelay.disable();
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  console.log(JSON.stringify({ msg: 'event loop delay', p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) }));
  setTimeout(() => process.exit(0), 5_000).unref();
  await app.close();
  await handle.close();
  process.exit(0);
};
process.once('SIGTERM', close);
process.once('SIGINT', close);
await app.listen({ port: Number(port), host: '127.0.0.1', ...(process.env.PORTAL_BACKLOG ? { backlog: Number(process.env.PORTAL_BACKLOG) } : {}) });
