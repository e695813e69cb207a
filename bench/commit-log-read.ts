/**
 * What tailing the commit log costs per decision, read as stored (personal fields sealed: what the audit
 * ledger and the case projector now read) against read opened (every sealed part decrypted under its
 * subject's key, as before). Fills a fresh data directory through the batch API, then reads every row
 * both ways, alternating, and prints JSON: µs of this thread's CPU per decision read.
 *   node --import tsx bench/commit-log-read.ts [--events 20000] [--runs 3]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { decisionCommitted } from '../src/monitoring/index.ts';
import { createZhili, loadConfig } from '../src/runtime/index.ts';
import { openStores } from '../src/runtime/stores.ts';
import { personalDataOf } from '../src/runtime/personal-data.ts';
import { EventGenerator } from './events.ts';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const total = arg('--events', 20_000);
const runs = arg('--runs', 3);
const dataDir = mkdtempSync(join(tmpdir(), 'zhili-commit-log-'));
const config = loadConfig({ dataDir, port: 0, logger: false, backgroundThread: false });
const zhili = await createZhili(config);
const { apiKey } = await zhili.createTenant('Tailing bench 尾随基准');
const gen = new EventGenerator({ seed: 20261201, idPrefix: 'tail' });
for (let done = 0; done < total; done += 1000) {
  const events = Array.from({ length: 1000 }, () => gen.next());
  const r = await zhili.server.inject({
    method: 'POST',
    url: '/v1/events:batch',
    headers: { authorization: `Bearer ${apiKey}` },
    payload: { events },
  });
  if (r.statusCode !== 200) throw new Error(`batch refused: ${r.statusCode} ${r.body}`);
}
await zhili.close();

const stores = openStores(config, { writerThread: false, personal: personalDataOf(config, () => Date.now()) });
const PAGE = 500;
async function readAll(scan: (after: number, limit: number) => Promise<{ seq: number }[]>): Promise<number> {
  let after = 0;
  let n = 0;
  for (;;) {
    const page = await scan(after, PAGE);
    for (const row of page) decisionCommitted(row as Parameters<typeof decisionCommitted>[0]);
    n += page.length;
    const last = page[page.length - 1];
    if (!last || page.length < PAGE) return n;
    after = last.seq;
  }
}
const cpuUsPer = async (scan: (after: number, limit: number) => Promise<{ seq: number }[]>) => {
  const c0 = process.cpuUsage();
  const n = await readAll(scan);
  const c = process.cpuUsage(c0);
  return { rows: n, cpuUsPerDecision: Math.round(((c.user + c.system) / n) * 10) / 10 };
};
const sealed: number[] = [];
const opened: number[] = [];
let rows = 0;
for (let i = 0; i < runs; i++) {
  const a = await cpuUsPer((after, limit) => stores.main.scanDecisions(after, limit));
  const b = await cpuUsPer((after, limit) => stores.commitLog.scanDecisions(after, limit));
  opened.push(a.cpuUsPerDecision);
  sealed.push(b.cpuUsPerDecision);
  rows = b.rows;
}
await stores.close();
rmSync(dataDir, { recursive: true, force: true });
const best = (xs: number[]) => Math.min(...xs);
process.stdout.write(
  `${JSON.stringify(
    {
      benchmark: 'commit-log read per decision (one tailer)',
      rows,
      openedCpuUsPerDecision: opened,
      asStoredCpuUsPerDecision: sealed,
      bestOpened: best(opened),
      bestAsStored: best(sealed),
      loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    },
    null,
    2,
  )}\n`,
);
