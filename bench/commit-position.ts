/**
 * What the gap-free commit position costs on PostgreSQL (docs/decisions/0007-commit-position.md):
 * group commits through the store (decisions, then positions assigned under the per-schema advisory
 * lock at the end of the transaction) against the former single autocommit INSERT (BIGSERIAL order
 * only), with 1, 2 and 4 concurrent writers (one pool each, as nodes have) and batches of 1 and 100
 * decisions. Prints one JSON object. Run: node --import tsx bench/commit-position.ts
 * (ZHILI_TEST_PG_URL, default postgres://postgres@127.0.0.1:5432/test; COMMIT_BENCH_COMMITS per writer).
 */
import type pg from 'pg';
import { openPostgresStore, postgresPool } from '../src/store/adapters.ts';
import type { DecisionRecord, Store } from '../src/store/index.ts';

const url = process.env.ZHILI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const COMMITS = Number(process.env.COMMIT_BENCH_COMMITS ?? 200);
const schema = `zhili_bench_commit_${process.pid}`;

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

// The statement the store used before positions: one autocommit INSERT, readers ordered by seq.
const OLD = `INSERT INTO decisions_old (tenant_id, event_id, type, occurred_at, body_hash, event, decision, outcome, rule_set_version, decided_at)
  SELECT t, e, ty, o, h, ev::jsonb, de::jsonb, ou, rv, da
  FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bigint[])
    WITH ORDINALITY AS x(t, e, ty, o, h, ev, de, ou, rv, da, n) ORDER BY n`;

function oldAppend(pool: pg.Pool) {
  return async (batch: DecisionRecord[]): Promise<void> => {
    const cols: unknown[][] = Array.from({ length: 10 }, () => []);
    for (const d of batch) {
      [d.tenantId, d.eventId, d.type, d.occurredAt, d.bodyHash, JSON.stringify(d.event), JSON.stringify(d.decision)]
        .concat([d.outcome, d.ruleSetVersion, d.decidedAt])
        .forEach((v, i) => cols[i]?.push(v));
    }
    await pool.query(OLD, cols);
  };
}

async function run(
  label: string,
  writers: number,
  batch: number,
  append: (w: number) => (b: DecisionRecord[]) => Promise<void>,
): Promise<Record<string, unknown>> {
  const t0 = process.hrtime.bigint();
  const lat: number[] = [];
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const write = append(w);
      for (let c = 0; c < COMMITS; c++) {
        const s = process.hrtime.bigint();
        await write(Array.from({ length: batch }, (_, i) => decision(`${label}-${writers}-${batch}-${w}-${c}-${i}`)));
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
    commitsPerSec: Math.round((writers * COMMITS) / secs),
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
  stores.push(first);
  for (let i = 1; i < 4; i++) stores.push(openPostgresStore(url, { schema, poolSize: 2 }));
  for (let i = 0; i < 4; i++) pools.push(postgresPool(url, schema, 2));
  await pools[0]!.query('CREATE TABLE decisions_old (LIKE decisions INCLUDING ALL)');
  const results = [];
  for (const batch of [1, 100]) {
    for (const writers of [1, 2, 4]) {
      results.push(await run('before: BIGSERIAL order', writers, batch, (w) => oldAppend(pools[w]!)));
      results.push(
        await run('positions under lock', writers, batch, (w) => async (b) => {
          await stores[w]!.appendDecisions(b);
        }),
      );
    }
  }
  console.log(JSON.stringify({ commitsPerWriter: COMMITS, results }, null, 2));
} finally {
  await pools[0]?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await Promise.all([...stores.map((s) => s.close()), ...pools.map((p) => p.end())]);
}
