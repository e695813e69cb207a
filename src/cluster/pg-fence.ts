import type pg from 'pg';
import type { Claim, CommitFence } from './port.ts';

const MIGRATE = `
CREATE TABLE IF NOT EXISTS cluster_fence (partition INT PRIMARY KEY, owner TEXT NOT NULL, epoch BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS cluster_reads (read_id TEXT PRIMARY KEY, state TEXT NOT NULL, at BIGINT NOT NULL);
CREATE INDEX IF NOT EXISTS cluster_reads_at ON cluster_reads (at)`;

// Rows in partition order, as `hold` locks them: a takeover and a held commit never deadlock.
// Only forward: a lease older than the one recorded (its holder slow to get here) changes nothing.
const ADVANCE = `INSERT INTO cluster_fence AS f (partition, owner, epoch)
  SELECT p, o, e FROM unnest($1::int[], $2::text[], $3::bigint[]) AS x(p, o, e) ORDER BY p
ON CONFLICT (partition) DO UPDATE SET owner = EXCLUDED.owner, epoch = EXCLUDED.epoch
  WHERE f.epoch < EXCLUDED.epoch OR (f.epoch = EXCLUDED.epoch AND f.owner = EXCLUDED.owner)
RETURNING partition`;

// A read already there keeps its state (the no-op update locks the row and returns it).
const CLAIM_READS = `INSERT INTO cluster_reads AS r (read_id, state, at)
  SELECT x, 'claimed', $2 FROM unnest($1::text[]) AS x ORDER BY x
ON CONFLICT (read_id) DO UPDATE SET state = r.state
RETURNING read_id, state`;

const VOID_READ = `INSERT INTO cluster_reads AS r (read_id, state, at) VALUES ($1, 'voided', $2)
ON CONFLICT (read_id) DO UPDATE SET state = r.state
RETURNING state`;

const field = (row: unknown, name: string): unknown => {
  if (typeof row !== 'object' || row === null || !(name in row))
    throw new TypeError(`cluster_fence: a row without ${name}`);
  return Reflect.get(row, name);
};

const text = (v: unknown): string => {
  if (typeof v !== 'string') throw new TypeError(`cluster_fence: not a text: ${String(v)}`);
  return v;
};

const integer = (v: unknown): number => {
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n))
    throw new TypeError(`cluster_fence: not an integer: ${String(v)}`);
  return n;
};

/**
 * The commit fence in PostgreSQL, for leases in PostgreSQL or in NATS KV alike. `check` runs first in
 * a decisions' group commit transaction and holds there the `cluster_fence` rows the batch depends on
 * FOR SHARE (and the counterparty reads it claims) until that transaction ends: a node taking one of
 * these partitions over (`advance`, an update of the row) waits for that commit, so the windows it
 * restores next include it, and a decision made under an epoch that has moved since is refused — that
 * decision only, not its batch. One transaction: the reads are claimed only if the decisions commit;
 * else they are free again (their reader may void them).
 */
export function pgCommitFence(pool: pg.Pool, node: string, holdLimitMs = 30_000): CommitFence {
  if (!Number.isSafeInteger(holdLimitMs) || holdLimitMs < 1) throw new RangeError('holdLimitMs: a positive integer');
  return {
    async migrate() {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query('SELECT pg_advisory_xact_lock(7310001)'); // the store's migration lock
        await c.query(MIGRATE);
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        c.release();
      }
    },
    async advance(leases) {
      if (leases.length === 0) return new Set();
      const r = await pool.query<{ partition: number }>(ADVANCE, [
        leases.map((l) => l.partition),
        leases.map((l) => l.owner),
        leases.map((l) => l.epoch),
      ]);
      return new Set(r.rows.map((x) => x.partition));
    },
    async check(tx, decisions, now) {
      // A node cut off from the database mid-commit must not hold a takeover back for the TCP timeout
      // (hours): the server ends this transaction after `holdLimitMs` idle, far beyond any healthy commit,
      // and with it the decisions' commit, which is then reported failed, never acknowledged.
      await tx.query(`SET LOCAL idle_in_transaction_session_timeout = ${holdLimitMs}`);
      const ps = [...new Set(decisions.flat().map((x) => x.partition))];
      const r = await tx.query(
        'SELECT partition, owner, epoch FROM cluster_fence WHERE partition = ANY($1::int[]) ORDER BY partition FOR SHARE',
        [ps],
      );
      const rows = new Map(
        r.rows.map((x) => [
          integer(field(x, 'partition')),
          { owner: text(field(x, 'owner')), epoch: integer(field(x, 'epoch')) },
        ]),
      );
      const current = (cl: Claim): boolean => {
        const row = rows.get(cl.partition);
        return row !== undefined && row.epoch === cl.epoch && (!cl.own || row.owner === node);
      };
      const refused = new Set<number>();
      decisions.forEach((claims, i) => {
        if (!claims.every(current)) refused.add(i);
      });
      const reads = [
        ...new Set(decisions.flatMap((claims, i) => (refused.has(i) ? [] : claims.flatMap((x) => x.read ?? [])))),
      ];
      if (reads.length > 0) {
        const got = await tx.query(CLAIM_READS, [reads, now]);
        const voided = new Set(
          got.rows.filter((x) => text(field(x, 'state')) === 'voided').map((x) => text(field(x, 'read_id'))),
        );
        decisions.forEach((claims, i) => {
          if (claims.some((x) => x.read !== undefined && voided.has(x.read))) refused.add(i);
        });
      }
      return refused;
    },
    async voidRead(read, now) {
      const r = await pool.query<{ state: string }>(VOID_READ, [read, now]);
      return r.rows[0]?.state === 'voided';
    },
    async sweep(before) {
      await pool.query('DELETE FROM cluster_reads WHERE at < $1', [before]);
    },
  };
}
