import type pg from 'pg';
import type { Lease, Member } from './ownership-core.ts';
import type { LeaseStore } from './port.ts';

type Row = Record<string, unknown>;

const num = (v: unknown): number => {
  const n = typeof v === 'string' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n))
    throw new TypeError(`cluster_leases: not an integer: ${String(v)}`);
  return n;
};
const str = (v: unknown): string => {
  if (typeof v !== 'string') throw new TypeError('cluster_leases: not a string');
  return v;
};
const leaseOf = (r: Row): Lease => ({
  partition: num(r.partition),
  owner: str(r.owner),
  epoch: num(r.epoch),
  expiresAt: num(r.expires_at),
});

const MIGRATE = `
CREATE TABLE IF NOT EXISTS cluster_leases (
  partition INT PRIMARY KEY, owner TEXT NOT NULL, epoch BIGINT NOT NULL, expires_at BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS cluster_members (node TEXT PRIMARY KEY, expires_at BIGINT NOT NULL)`;

// Taken when free or expired (epoch + 1) or already this node's and live (same epoch: a renewal).
const ACQUIRE = `INSERT INTO cluster_leases AS l (partition, owner, epoch, expires_at) VALUES ($1, $2, 1, $3::bigint + $4::bigint)
ON CONFLICT (partition) DO UPDATE SET
  owner = EXCLUDED.owner,
  epoch = CASE WHEN l.owner = EXCLUDED.owner AND l.expires_at > $3 THEN l.epoch ELSE l.epoch + 1 END,
  expires_at = EXCLUDED.expires_at
WHERE l.expires_at <= $3 OR l.owner = EXCLUDED.owner
RETURNING *`;

// Rows locked in partition order, as the commit fence locks them: the two never deadlock.
const RENEW = `UPDATE cluster_leases l SET expires_at = $3::bigint + $4::bigint
FROM (SELECT c.partition FROM cluster_leases c
  JOIN unnest($1::int[], $2::bigint[]) AS x(p, e) ON c.partition = x.p AND c.epoch = x.e
  WHERE c.owner = $5 AND c.expires_at > $3 ORDER BY c.partition FOR UPDATE) AS k
WHERE l.partition = k.partition
RETURNING l.*`;

/** Leases in the cluster's PostgreSQL schema; the commit fence (pg-fence.ts) reads the same rows. */
export function pgLeaseStore(pool: pg.Pool): LeaseStore {
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
    async leases() {
      return (await pool.query<Row>('SELECT * FROM cluster_leases ORDER BY partition')).rows.map(leaseOf);
    },
    async acquire(partition, node, ttlMs, now) {
      const r = await pool.query<Row>(ACQUIRE, [partition, node, now, ttlMs]);
      return r.rows[0] ? leaseOf(r.rows[0]) : undefined;
    },
    async renew(held, ttlMs, now) {
      if (held.length === 0) return [];
      const owner = held[0]?.owner ?? '';
      const r = await pool.query<Row>(RENEW, [
        held.map((l) => l.partition),
        held.map((l) => l.epoch),
        now,
        ttlMs,
        owner,
      ]);
      return r.rows.map(leaseOf);
    },
    async release(lease) {
      await pool.query('UPDATE cluster_leases SET expires_at = 0 WHERE partition = $1 AND owner = $2 AND epoch = $3', [
        lease.partition,
        lease.owner,
        lease.epoch,
      ]);
    },
    async heartbeat(node, ttlMs, now) {
      await pool.query(
        `INSERT INTO cluster_members (node, expires_at) VALUES ($1, $2::bigint + $3::bigint)
         ON CONFLICT (node) DO UPDATE SET expires_at = EXCLUDED.expires_at`,
        [node, now, ttlMs],
      );
    },
    async members() {
      return (await pool.query<Row>('SELECT * FROM cluster_members')).rows.map((r): Member => ({
        node: str(r.node),
        expiresAt: num(r.expires_at),
      }));
    },
    async close() {
      await pool.end();
    },
  };
}
