/**
 * List fetch and start-up load, measured: `zhili lists fetch` against a local HTTP server serving the
 * shared OFAC SDN and UN files (download, parse, checks, store into a fresh SQLite file), then what a
 * starting server does with them (read the stored versions, parse, build the index). Then a reload of the
 * same lists while a 1 ms timer measures the event loop's delay: parsed and indexed on the main thread
 * (ScreeningService.replace) against in a worker thread with the result taken in parts
 * (buildListsInThread, what the server does). Prints JSON.
 *
 *   node --import tsx bench/lists.ts [--runs 3]
 */
import { createReadStream, existsSync, mkdtempSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { systemClock } from '../src/kernel/index.ts';
import { fetchLists, ScreeningService } from '../src/screening/index.ts';
import { buildListsInThread, sqlListStore, type StoredListVersion } from '../src/screening/adapters.ts';
import { sqliteDriver } from '../src/store/adapters.ts';

const sanctions = resolve(process.cwd(), '../shared/testdata/sanctions');
if (!existsSync(join(sanctions, 'un-consolidated.xml'))) {
  console.error(`${sanctions} is absent`);
  process.exit(1);
}
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1] || 3);

const server = createServer((req, res) => {
  const m = /^\/ofac\/([a-z_]+\.csv)$/.exec(req.url ?? '');
  const path = m ? join(sanctions, 'ofac-sdn-2021', m[1]!) : join(sanctions, 'un-consolidated.xml');
  res.writeHead(200, { 'content-length': String(statSync(path).size) });
  createReadStream(path).pipe(res);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const fetchMs: number[] = [];
const loadMs: number[] = [];
let entries = 0;
let stored: StoredListVersion[] = [];
for (let i = 0; i < runs; i++) {
  const store = sqlListStore(sqliteDriver(join(mkdtempSync(join(tmpdir(), 'zhili-bench-lists-')), 'zhili.db')));
  await store.migrate();
  let t0 = performance.now();
  await fetchLists({
    store,
    sources: { ofacBaseUrl: `${base}/ofac/`, unUrl: `${base}/un/consolidated.xml` },
    actor: 'bench',
    now: () => Date.now(),
  });
  fetchMs.push(performance.now() - t0);
  t0 = performance.now();
  stored = await store.current();
  const versions = new ScreeningService({ clock: systemClock }).replace(stored, []);
  loadMs.push(performance.now() - t0);
  entries = versions.reduce((n, v) => n + v.counts.entries, 0);
  await store.close();
}
server.close();

/** Runs `reload` while the event loop's delay is recorded (1 ms resolution): the longest stall and p99. */
async function underWatch(reload: () => Promise<unknown>) {
  const h = monitorEventLoopDelay({ resolution: 1 });
  let longest = 0;
  let last = performance.now();
  const tick = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  await new Promise((r) => setTimeout(r, 50));
  h.enable();
  const t0 = performance.now();
  await reload();
  const ms = performance.now() - t0;
  // One more tick after a synchronous reload, so the stall it caused is seen.
  await new Promise((r) => setTimeout(r, 5));
  h.disable();
  clearInterval(tick);
  const round = (x: number) => Math.round(x * 10) / 10;
  return { reloadMs: Math.round(ms), longestStallMs: round(longest), loopDelayP99Ms: round(h.percentile(99) / 1e6) };
}
const mainThread = [];
const workerThread = [];
// The baseline: the same watch over 3 s of doing nothing (on a shared machine the loop stalls anyway).
const idle = [];
for (let i = 0; i < runs; i++) {
  idle.push(await underWatch(() => new Promise((r) => setTimeout(r, 3000))));
  const service = new ScreeningService({ clock: systemClock });
  mainThread.push(await underWatch(async () => service.replace(stored, [])));
  workerThread.push(
    await underWatch(async () =>
      service.install(await buildListsInThread({ stored, specs: [], now: systemClock.now() })),
    ),
  );
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
console.log(
  JSON.stringify(
    {
      runs,
      entries,
      fetchCheckStoreMs: { median: Math.round(median(fetchMs)), all: fetchMs.map(Math.round) },
      loadStoredAtStartMs: { median: Math.round(median(loadMs)), all: loadMs.map(Math.round) },
      reloadEventLoop: {
        lists: stored.map((v) => `${v.listId} (${v.entries} entries)`),
        idle,
        mainThread,
        workerThread,
        loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
      },
    },
    null,
    2,
  ),
);
