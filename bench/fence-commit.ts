/**
 * What the commit fence costs a group commit on PostgreSQL (docs/decisions/0008, fencing at commit):
 * the fence checked inside the decisions' own transaction (the store's `inTx` hook, as now) against the
 * former two transactions on two connections (fence rows held FOR SHARE on one, decisions on another,
 * re-created here) and against no fence (baseline), measured in the same run; 1 and 2 writers (one pool
 * each, as nodes have), batches of 1 and 100 decisions over 4 partitions. Prints one JSON object.
 * Run: node --import tsx bench/fence-commit.ts (ZHILI_TEST_PG_URL, default
 * postgres://postgres@127.0.0.1:5432/test; FENCE_BENCH_COMMITS per writer, default 200).
 */
import type pg from 'pg';
import { pgCommitFence } from '../src/cluster/adapters.ts';
import type { Claim, CommitFence } from '../src/cluster/index.ts';
import { openPostgresStore, postgresPool } from '../src/store/adapters.ts';
import type { DecisionRecord, Store } from '../src/store/index.ts';

const url = process.env.ZHILI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const COMMITS = Number(process.env.FENCE_BENCH_COMMITS ?? 200);
const schema = `zhili_bench_fence_${process.pid}`;
const PARTITIONS = 4;

const decision = (id: string): DecisionRecord => ({
  tenantId: 'ten_bench',
  eventId: id,
  type: 'cash_withdrawal',
  occurredAt: 1_764_000_000_000,
  bodyHash: `h-${id}`,
  event: { id, type: 'cash_withdrawal', amount: { value: '1000.00', currency: 'CNY' }, debtor: { partyId: 'p' } },
  decision: { eventId: id, outcome: 'allow', score: 0, reasons: [] },
  outcome: 'allow',
  ruleSetVersion: 'v1',
  decidedAt: 1_764_000_000_001,
});

type Append = (batch: DecisionRecord[], claims: Claim[][]) => Promise<void>;

const none =
  (store: Store): Append =>
  async (batch) =>
    void (await store.appendDecisions(batch));

const oneTx =
  (store: Store, fence: CommitFence): Append =>
  async (batch, claims) => {
    const r = await store.appendDecisions(batch, [], { inTx: (tx) => fence.check(tx, claims, Date.now()) });
    if ((r.refused ?? []).length > 0) throw new Error('bench: a decision was refused');
  };

// The former scheme: a second connection holds the fence rows FOR SHARE around the decisions' commit.
const twoTx =
  (store: Store, pool: pg.Pool, fence: CommitFence): Append =>
  async (batch, claims) => {
    const c = await pool.connect();
    try {
      await c.query('BEGIN; SET LOCAL idle_in_transaction_session_timeout = 30000');
      const refused = await fence.check(c, claims, Date.now());
      if (refused.size > 0) throw new Error('bench: a decision was refused');
      await store.appendDecisions(batch);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  };

async function run(label: string, writers: number, batch: number, append: (w: number) => Append, epoch: number) {
  const t0 = process.hrtime.bigint();
  const lat: number[] = [];
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const write = append(w);
      for (let c = 0; c < COMMITS; c++) {
        const ids = Array.from({ length: batch }, (_, i) => `${label}-${writers}-${batch}-${w}-${c}-${i}`);
        const claims = ids.map((_, i) => [{ partition: i % PARTITIONS, epoch, own: true }]);
        const s = process.hrtime.bigint();
        await write(ids.map(decision), claims);
        lat.push(Number(process.hrtime.bigint() - s) / 1e6);
      }
    }),
  );
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  lat.sort((a, b) => a - b);
  const q = (p: number): number => Number((lat[Math.floor(p * (lat.length - 1))] ?? 0).toFixed(2));
  return {
    scheme: label,
    writers,
    batch,
    decisionsPerSec: Math.round((writers * COMMITS * batch) / secs),
    commitMsP50: q(0.5),
    commitMsP99: q(0.99),
  };
}

const stores: Store[] = [];
const pools: pg.Pool[] = [];
try {
  const first = openPostgresStore(url, { schema, poolSize: 2 });
  await first.migrate();
  stores.push(first, openPostgresStore(url, { schema, poolSize: 2 }));
  pools.push(postgresPool(url, schema, 2), postgresPool(url, schema, 2));
  const fence = pgCommitFence(pools[0]!, 'bench-node');
  await fence.migrate();
  const epoch = 1;
  const parts = Array.from({ length: PARTITIONS }, (_, p) => p);
  await fence.advance(parts.map((partition) => ({ partition, owner: 'bench-node', epoch, expiresAt: 0 })));
  const results = [];
  for (const batch of [1, 100]) {
    for (const writers of [1, 2]) {
      results.push(await run('no fence', writers, batch, (w) => none(stores[w]!), epoch));
      results.push(await run('fence in commit tx', writers, batch, (w) => oneTx(stores[w]!, fence), epoch));
      results.push(await run('fence, second tx', writers, batch, (w) => twoTx(stores[w]!, pools[w]!, fence), epoch));
    }
  }
  console.log(JSON.stringify({ commitsPerWriter: COMMITS, partitions: PARTITIONS, results }, null, 2));
} finally {
  await pools[0]?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await Promise.all([...stores.map((s) => s.close()), ...pools.map((p) => p.end())]);
}
