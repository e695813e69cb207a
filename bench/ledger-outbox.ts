/**
 * Operator actions through the audit outbox (SQLite, WAL, synchronous=FULL): the time from
 * appendAudit to "in the ledger under a signed checkpoint" (outbox insert, append that deletes the
 * outbox row, checkpoint), one at a time and with CONCURRENCY actions in flight (they share appends
 * and checkpoints). Also the cost of an enqueueAudit row inside a caller's own transaction. JSON out.
 * Run: node --import tsx bench/ledger-outbox.ts
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../src/kernel/index.ts';
import { LedgerService, enqueueAudit } from '../src/ledger/index.ts';
import { openSqliteLedgerStore } from '../src/ledger/adapters.ts';
import { openSqliteStore, sqliteDriver } from '../src/store/adapters.ts';

const N = Number(process.env.OUTBOX_BENCH_N ?? 500);
const CONCURRENCY = Number(process.env.OUTBOX_BENCH_CONCURRENCY ?? 16);
const us = (): number => Number(process.hrtime.bigint()) / 1e3;
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! * 10) / 10;
};

const dir = mkdtempSync(join(tmpdir(), 'zhili-bench-outbox-'));
const file = join(dir, 'zhili.db');
const main = openSqliteStore(file, { writerThread: false });
const ledgerStore = openSqliteLedgerStore(file);
await main.migrate();
await ledgerStore.migrate();
const ledger = new LedgerService({
  store: main,
  ledger: ledgerStore,
  clock: systemClock,
  masterKey: { key: randomBytes(32), id: 'bench' },
  poll: false,
});
await ledger.init();
const action = (i: number) => ({
  tenantId: 'ten_bench',
  action: 'case.assign',
  actorId: `usr_${i % 7}`,
  subjectId: `case_${i}`,
  at: Date.now(),
});

const serial: number[] = [];
for (let i = 0; i < N; i++) {
  const t = us();
  await ledger.appendAudit(action(i));
  serial.push((us() - t) / 1000);
}

const concurrent: number[] = [];
const t0 = us();
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < N) {
      const i = N + next++;
      const t = us();
      await ledger.appendAudit(action(i));
      concurrent.push((us() - t) / 1000);
    }
  }),
);
const concurrentSeconds = (us() - t0) / 1e6;

const db = sqliteDriver(file);
const inTx: number[] = [];
for (let i = 0; i < N; i++) {
  const t = us();
  await db.tx(async (x) => {
    await x.run('CREATE TABLE IF NOT EXISTS bench_action (id INTEGER PRIMARY KEY, v TEXT)');
    await x.run('INSERT INTO bench_action (v) VALUES (?)', [`case_${i}`]);
    await enqueueAudit(x, action(i), Date.now());
  });
  inTx.push((us() - t) / 1000);
}
await db.close();
const t1 = us();
await ledger.catchUp();
const drainMs = (us() - t1) / 1000;
const checkpoints = (await ledgerStore.listCheckpoints(0, 1_000_000)).length;
await ledger.stop();
await ledgerStore.close();
await main.close();
rmSync(dir, { recursive: true, force: true });

console.log(
  JSON.stringify(
    {
      bench: 'ledger-outbox',
      store: 'sqlite (WAL, synchronous=FULL)',
      actions: N,
      appendAuditSerialMs: { p50: pct(serial, 50), p99: pct(serial, 99) },
      appendAuditConcurrent: {
        concurrency: CONCURRENCY,
        p50Ms: pct(concurrent, 50),
        p99Ms: pct(concurrent, 99),
        perSecond: Math.round(N / concurrentSeconds),
      },
      actionWithOutboxRowInOneTxMs: { p50: pct(inTx, 50), p99: pct(inTx, 99) },
      drainOfThoseRowsMs: Math.round(drainMs),
      checkpointsSigned: checkpoints,
    },
    null,
    2,
  ),
);
