/**
 * Restoring a tenant's feature windows (issue 14, docs/cluster-scale.md): the whole decision log
 * replayed (the baseline, measured in the same run) against the latest window snapshot plus the 1%
 * of the log after it, as on start, a rule set going live or a partition takeover. SQLite store in a
 * temp directory, the bench rule pack (33 features), N decisions of 20,000 customers over 365 days.
 * Prints one JSON object. Run: node --import tsx bench/window-snapshot.ts [--n 1000000] [--tail 0.01]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { chinaCalendar, makeFxTable, type Clock } from '../src/kernel/index.ts';
import { compileRuleSet, DecisionEngine, fxTableData, snapshotKey } from '../src/monitoring/index.ts';
import { openSqliteStore, sqliteDriver, sqlWindowSnapshots } from '../src/store/adapters.ts';
import type { DecisionRecord, Store } from '../src/store/index.ts';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('n', 1_000_000);
const TAIL = arg('tail', 0.01);
const CUSTOMERS = 20_000;
const T0 = Date.parse('2025-11-30T00:00:00+08:00');
const YEAR = 365 * 86_400_000;

const fx = makeFxTable(fxTableData());
const doc = JSON.parse(readFileSync(new URL('./packs/bench-rules.json', import.meta.url), 'utf8')) as unknown;
const compiled = compileRuleSet(doc, { calendar: chinaCalendar(), defaultTimeZone: 'Asia/Shanghai' });
if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
const ruleSet = compiled.ruleSet;
const tenant = { id: 'ten_bench', name: 'Bench Pay', timeZone: 'Asia/Shanghai', createdAt: 1 };
const clock: Clock = { now: () => T0 + YEAR + 86_400_000 };
const types = ['transfer', 'payment', 'cash_withdrawal', 'cash_deposit', 'login'] as const;

/** Decision i: events in time order over the year, customers drawn by a fixed LCG. */
function record(i: number): DecisionRecord {
  const c = (i * 2_654_435_761) % CUSTOMERS;
  const p = (i * 40_503 + 17) % CUSTOMERS;
  const type = types[i % 5] ?? 'transfer';
  const t = T0 + Math.floor((i / N) * YEAR);
  const id = `evt_${i}`;
  const event = {
    id,
    type,
    occurredAt: new Date(t).toISOString(),
    ...(type === 'login' ? {} : { amount: { value: `${(i * 7919) % 80_000}.00`, currency: 'CNY' } }),
    debtor: { partyId: `p${c}`, partyType: 'person', accountId: `a${c}` },
    ...(type === 'login' ? {} : { creditor: { partyId: `p${p}`, partyType: 'person', accountId: `a${p}` } }),
    device: { id: `d${c % 5000}`, ip: `10.${c % 250}.0.1` },
  };
  return {
    tenantId: tenant.id,
    eventId: id,
    type,
    occurredAt: t,
    bodyHash: `h${i}`,
    event,
    decision: { eventId: id, outcome: 'allow', score: 0, reasons: [] },
    outcome: 'allow',
    ruleSetVersion: ruleSet.version,
    decidedAt: t,
  };
}

async function fill(store: Store, from: number, to: number): Promise<void> {
  for (let i = from; i < to; i += 5000) {
    const batch: DecisionRecord[] = [];
    for (let j = i; j < Math.min(to, i + 5000); j++) batch.push(record(j));
    await store.appendDecisions(batch);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'zhili-bench-snap-'));
const file = join(dir, 'zhili.db');
const store = openSqliteStore(file, { writerThread: false });
await store.migrate();
await store.createTenant(tenant, { keyHash: 'k', tenantId: tenant.id, prefix: 'zk', createdAt: 1 });
const snaps = sqlWindowSnapshots(sqliteDriver(file));
await snaps.migrate();
const source = { store: snaps, key: snapshotKey(Buffer.alloc(32, 3)), fxFingerprint: 'bench' };
const engine = (withSnapshots: boolean) =>
  new DecisionEngine({
    store,
    clock,
    fx,
    calendar: chinaCalendar(),
    maxCommitBatch: 500,
    exclusiveWriter: true,
    loadTenant: async () => ({ tenant, ruleSet }),
    ...(withSnapshots ? { snapshots: source } : {}),
  });
const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
const cut = Math.round(N * (1 - TAIL));

let t = process.hrtime.bigint();
await fill(store, 0, cut);
const fillMs = ms(t);
t = process.hrtime.bigint();
const writer = engine(true);
await writer.start([{ tenant, ruleSet }]);
const restoredBeforeWrite = ms(t);
t = process.hrtime.bigint();
const [written] = await writer.writeSnapshots();
const writeMs = ms(t);
await fill(store, cut, N);

const load1 = loadavg()[0];
t = process.hrtime.bigint();
const full = engine(false);
await full.start([{ tenant, ruleSet }]);
const fullMs = ms(t);
t = process.hrtime.bigint();
const fromSnapshot = engine(true);
await fromSnapshot.start([{ tenant, ruleSet }]);
const snapshotMs = ms(t);
const same =
  JSON.stringify(full.runtime(tenant.id)?.features.dump()) ===
  JSON.stringify(fromSnapshot.runtime(tenant.id)?.features.dump());

console.log(
  JSON.stringify(
    {
      bench: 'window-snapshot',
      store: 'sqlite',
      decisions: N,
      tail: N - cut,
      customers: CUSTOMERS,
      features: ruleSet.features.length,
      entities: full.runtime(tenant.id)?.features.entityCount,
      fillMs: Math.round(fillMs),
      snapshot: { bytes: written?.bytes, writeMsFromWholeLog: Math.round(writeMs), position: written?.position },
      restoreMs: {
        fullReplay: Math.round(fullMs),
        snapshotPlusTail: Math.round(snapshotMs),
        firstStartBeforeAnySnapshot: Math.round(restoredBeforeWrite),
      },
      replayed: { full: full.lastRestore[0]?.replayed, snapshotPlusTail: fromSnapshot.lastRestore[0]?.replayed },
      speedup: Math.round((fullMs / snapshotMs) * 10) / 10,
      windowsEqual: same,
      loadavg1: load1,
    },
    null,
    2,
  ),
);
await store.close();
rmSync(dir, { recursive: true, force: true });
