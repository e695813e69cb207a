import type pg from 'pg';
import type { Claim, CommitFence } from './port.ts';

/**
 * The fence on PostgreSQL, beside the leases it checks: in a transaction of its own, the claimed lease
 * rows are read FOR SHARE (in partition order, as renewals lock them) and held until the decisions'
 * commit is done. A node taking one of these partitions over updates its row, so it waits for that
 * commit, and the windows it restores next include it; a claim whose epoch has moved (the partition
 * changed hands since the decision was made) refuses the batch.
 */
export function pgCommitFence(pool: pg.Pool, node: string): CommitFence {
  return {
    async hold(claims, now) {
      const c = await pool.connect();
      let open = false;
      const release = async () => {
        try {
          if (open) await c.query('COMMIT');
        } finally {
          c.release();
        }
      };
      try {
        await c.query('BEGIN');
        open = true;
        const ps = [...new Set(claims.map((x) => x.partition))];
        const r = await c.query<{ partition: number; owner: string; epoch: string; expires_at: string }>(
          'SELECT partition, owner, epoch, expires_at FROM cluster_leases WHERE partition = ANY($1::int[]) ORDER BY partition FOR SHARE',
          [ps],
        );
        const rows = new Map(r.rows.map((x) => [x.partition, x]));
        const ok = claims.every((cl: Claim) => {
          const row = rows.get(cl.partition);
          if (!row || Number(row.epoch) !== cl.epoch) return false;
          return !cl.own || (row.owner === node && Number(row.expires_at) > now);
        });
        return { ok, release };
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        open = false;
        await release();
        throw e;
      }
    },
  };
}
