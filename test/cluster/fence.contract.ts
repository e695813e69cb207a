/**
 * The commit fence (PostgreSQL, beside the decisions) over a lease store: every LeaseStore adapter runs
 * it. Leases come from the store as the nodes take them; the fence must refuse what a stale owner commits
 * late, whichever store the leases are in.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgCommitFence } from '../../src/cluster/adapters.ts';
import type { LeaseStore } from '../../src/cluster/index.ts';
import { until } from './cluster-support.ts';

export function fenceContract(name: string, open: () => Promise<{ leases: LeaseStore; pool: pg.Pool }>): void {
  describe(`commit fence with leases in ${name}`, () => {
    let leases: LeaseStore;
    let pool: pg.Pool;
    const fence = (node: string) => pgCommitFence(pool, node);
    beforeAll(async () => {
      ({ leases, pool } = await open());
      await leases.migrate();
      await fence('x').migrate();
      await fence('x').migrate(); // idempotent
    });
    afterAll(async () => {
      await leases?.close();
      await pool?.end().catch(() => undefined); // the PostgreSQL lease store ends it itself
    });

    it("refuses a stale owner's late commit after a takeover — that decision only, not the others of its batch", async () => {
      const a1 = await leases.acquire(1, 'n-a', 1000, 10_000);
      const a2 = await leases.acquire(2, 'n-a', 1000, 10_000);
      expect(await fence('n-a').advance([a1!, a2!])).toEqual(new Set([1, 2]));
      // n-a stops renewing; n-b takes partition 1 once the lease has expired, and records it in the fence.
      const b1 = await leases.acquire(1, 'n-b', 1000, 11_001);
      expect(b1).toMatchObject({ owner: 'n-b', epoch: a1!.epoch + 1 });
      expect(await fence('n-b').advance([b1!])).toEqual(new Set([1]));
      const late = await fence('n-a').hold(
        [[{ partition: 1, epoch: a1!.epoch, own: true }], [{ partition: 2, epoch: a2!.epoch, own: true }]],
        11_002,
      );
      expect([...late.refused]).toEqual([0]);
      await late.release(true);
      // The new owner commits under its epoch; n-a cannot claim partition 1 even under the new epoch.
      const now = await fence('n-b').hold([[{ partition: 1, epoch: b1!.epoch, own: true }]], 11_003);
      expect(now.refused.size).toBe(0);
      await now.release(true);
      const other = await fence('n-a').hold([[{ partition: 1, epoch: b1!.epoch, own: true }]], 11_004);
      expect([...other.refused]).toEqual([0]);
      await other.release(false);
    });

    it('does not let a stale lease move the fence back', async () => {
      const a = await leases.acquire(3, 'n-a', 1000, 10_000);
      const b = await leases.acquire(3, 'n-b', 1000, 11_001);
      expect(await fence('n-b').advance([b!])).toEqual(new Set([3]));
      expect(await fence('n-a').advance([a!])).toEqual(new Set()); // n-a got here late
      const held = await fence('n-a').hold([[{ partition: 3, epoch: a!.epoch, own: true }]], 11_002);
      expect([...held.refused]).toEqual([0]);
      await held.release(false);
    });

    it('refuses a decision whose counterparty read was answered under an older epoch', async () => {
      const c = await leases.acquire(4, 'n-c', 1000, 10_000);
      const a = await leases.acquire(5, 'n-a', 1000, 10_000);
      await fence('n-c').advance([c!]);
      await fence('n-a').advance([a!]);
      const claims = (cp: number) => [
        [
          { partition: 5, epoch: a!.epoch, own: true },
          { partition: 4, epoch: cp, own: false },
        ],
      ];
      const good = await fence('n-a').hold(claims(c!.epoch), 10_100);
      expect(good.refused.size).toBe(0);
      await good.release(false);
      const stale = await fence('n-a').hold(claims(c!.epoch - 1), 10_100);
      expect([...stale.refused]).toEqual([0]);
      await stale.release(false);
    });

    it('makes a node taking a partition over wait until the held commit is done', async () => {
      const a = await leases.acquire(6, 'n-a', 1000, 10_000);
      await fence('n-a').advance([a!]);
      const held = await fence('n-a').hold([[{ partition: 6, epoch: a!.epoch, own: true }]], 10_900);
      expect(held.refused.size).toBe(0);
      const b = await leases.acquire(6, 'n-b', 1000, 12_000);
      expect(b).toMatchObject({ owner: 'n-b', epoch: a!.epoch + 1 });
      let advanced = false;
      const takeover = fence('n-b')
        .advance([b!])
        .then((s) => {
          advanced = true;
          return s;
        });
      // The takeover's upsert of the fence row waits on the held commit's lock.
      await until(
        async () =>
          Number(
            (
              await pool.query(
                `SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'
                 AND datname = current_database() AND query LIKE 'INSERT INTO cluster_fence AS f%'`,
              )
            ).rows[0]?.n,
          ) > 0,
        10_000,
        'the takeover waits on the held commit',
      );
      expect(advanced).toBe(false);
      await held.release(true);
      expect(await takeover).toEqual(new Set([6]));
    });

    it('lets a takeover through once a held commit has been idle past the hold limit (its node cut off)', async () => {
      const a = await leases.acquire(9, 'n-a', 1000, 10_000);
      await fence('n-a').advance([a!]);
      const held = await pgCommitFence(pool, 'n-a', 300).hold([[{ partition: 9, epoch: a!.epoch, own: true }]], 10_100);
      expect(held.refused.size).toBe(0);
      const b = await leases.acquire(9, 'n-b', 1000, 12_000);
      // Never released by n-a: the server ends its transaction, and the takeover goes ahead.
      expect(await fence('n-b').advance([b!])).toEqual(new Set([9]));
      // n-a learns it when it tries to finish: its commit is reported failed, not acknowledged.
      await expect(held.release(true)).rejects.toThrow();
    });

    it('voids a counterparty read never claimed, and then refuses the late commit that claims it', async () => {
      const a = await leases.acquire(7, 'n-a', 1000, 10_000);
      const c = await leases.acquire(8, 'n-c', 1000, 10_000);
      await fence('n-a').advance([a!]);
      await fence('n-c').advance([c!]);
      const claims = (read: string) => [
        [
          { partition: 7, epoch: a!.epoch, own: true },
          { partition: 8, epoch: c!.epoch, own: false, read },
        ],
        [{ partition: 7, epoch: a!.epoch, own: true }],
      ];
      // Claimed by a commit that succeeded: it cannot be voided.
      const ok = await fence('n-a').hold(claims('read-ok'), 10_100);
      expect(ok.refused.size).toBe(0);
      await ok.release(true);
      expect(await fence('n-c').voidRead('read-ok', 10_200)).toBe(false);
      // Claimed by a commit that failed: free again, so voided.
      const failed = await fence('n-a').hold(claims('read-failed'), 10_100);
      await failed.release(false);
      expect(await fence('n-c').voidRead('read-failed', 10_200)).toBe(true);
      // Voided before its decider came to commit (it died, or stalled past the bound): refused, that decision only.
      expect(await fence('n-c').voidRead('read-late', 10_200)).toBe(true);
      const late = await fence('n-a').hold(claims('read-late'), 10_300);
      expect([...late.refused]).toEqual([0]);
      await late.release(true);
      expect(await fence('n-c').voidRead('read-late', 10_400)).toBe(true);
      await fence('n-c').sweep(10_150); // read-ok was claimed at 10_100, the others voided at 10_200
      const left = await pool.query<{ read_id: string }>('SELECT read_id FROM cluster_reads ORDER BY read_id');
      expect(left.rows.map((r) => r.read_id)).toEqual(['read-failed', 'read-late']);
    });
  });
}
