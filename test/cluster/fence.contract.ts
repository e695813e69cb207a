/**
 * The commit fence (PostgreSQL, beside the decisions) over a lease store: every LeaseStore adapter runs
 * it. Leases come from the store as the nodes take them; the fence must refuse what a stale owner commits
 * late, whichever store the leases are in. The fence runs inside the decisions' own transaction (the
 * PostgreSQL store's `appendDecisions` hook), so fence and commit are one: shown here with the real store.
 */
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgCommitFence } from '../../src/cluster/adapters.ts';
import type { Claim, LeaseStore } from '../../src/cluster/index.ts';
import { openPostgresStore } from '../../src/store/adapters.ts';
import type { Store, TxExecutor } from '../../src/store/index.ts';
import { until } from './cluster-support.ts';
import { decisionRecord, inTransaction, latch } from './fence-support.ts';

export function fenceContract(
  name: string,
  open: () => Promise<{ leases: LeaseStore; pool: pg.Pool; schema: string }>,
): void {
  describe(`commit fence with leases in ${name}`, () => {
    let leases: LeaseStore;
    let pool: pg.Pool;
    let store: Store;
    const fence = (node: string) => pgCommitFence(pool, node);
    const T = 'ten_fence';
    /** One group commit of these events, the fence of `node` checking their claims inside it. */
    const commit = (
      node: string,
      items: readonly [eventId: string, claims: readonly Claim[]][],
      now: number,
      after?: (tx: TxExecutor) => Promise<void>,
      f = fence(node),
    ) =>
      store.appendDecisions(
        items.map(([id]) => decisionRecord(T, id)),
        [],
        {
          inTx: async (tx) => {
            const refused = await f.check(
              tx,
              items.map(([, c]) => c),
              now,
            );
            await after?.(tx);
            return refused;
          },
        },
      );
    const stored = async (id: string) => (await store.getDecision(T, id)) !== undefined;
    const backendPid = async (tx: TxExecutor) =>
      Number(Reflect.get(Object((await tx.query('SELECT pg_backend_pid() AS p')).rows[0]), 'p'));
    /** Whether some session waits on a lock held by backend `pid`. */
    const blocking = async (pid: number) =>
      Number(
        (await pool.query('SELECT count(*) AS n FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))', [pid]))
          .rows[0]?.n,
      ) > 0;

    beforeAll(async () => {
      let schema: string;
      ({ leases, pool, schema } = await open());
      store = openPostgresStore(pool, { schema });
      await store.migrate();
      await leases.migrate();
      await fence('x').migrate();
      await fence('x').migrate(); // idempotent
    });
    afterAll(async () => {
      await leases?.close();
      await pool?.end().catch(() => undefined); // the PostgreSQL lease store ends it itself
    });

    it("refuses a stale owner's late commit after a takeover, in its own transaction — that decision only, not the others of its batch", async () => {
      const a1 = await leases.acquire(1, 'n-a', 1000, 10_000);
      const a2 = await leases.acquire(2, 'n-a', 1000, 10_000);
      expect(await fence('n-a').advance([a1!, a2!])).toEqual(new Set([1, 2]));
      // n-a stops renewing; n-b takes partition 1 once the lease has expired, and records it in the fence.
      const b1 = await leases.acquire(1, 'n-b', 1000, 11_001);
      expect(b1).toMatchObject({ owner: 'n-b', epoch: a1!.epoch + 1 });
      expect(await fence('n-b').advance([b1!])).toEqual(new Set([1]));
      const late = await commit(
        'n-a',
        [
          ['late-1', [{ partition: 1, epoch: a1!.epoch, own: true }]],
          ['late-2', [{ partition: 2, epoch: a2!.epoch, own: true }]],
        ],
        11_002,
      );
      expect(late).toEqual({ duplicates: [], refused: [0] });
      expect([await stored('late-1'), await stored('late-2')]).toEqual([false, true]);
      // The new owner commits under its epoch; n-a cannot claim partition 1 even under the new epoch.
      expect(await commit('n-b', [['now-1', [{ partition: 1, epoch: b1!.epoch, own: true }]]], 11_003)).toEqual({
        duplicates: [],
        refused: [],
      });
      expect(await commit('n-a', [['other-1', [{ partition: 1, epoch: b1!.epoch, own: true }]]], 11_004)).toEqual({
        duplicates: [],
        refused: [0],
      });
      expect([await stored('now-1'), await stored('other-1')]).toEqual([true, false]);
    });

    it('does not let a stale lease move the fence back', async () => {
      const a = await leases.acquire(3, 'n-a', 1000, 10_000);
      const b = await leases.acquire(3, 'n-b', 1000, 11_001);
      expect(await fence('n-b').advance([b!])).toEqual(new Set([3]));
      expect(await fence('n-a').advance([a!])).toEqual(new Set()); // n-a got here late
      const refused = await inTransaction(
        pool,
        (tx) => fence('n-a').check(tx, [[{ partition: 3, epoch: a!.epoch, own: true }]], 11_002),
        false,
      );
      expect([...refused]).toEqual([0]);
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
      const check = (cp: number) => inTransaction(pool, (tx) => fence('n-a').check(tx, claims(cp), 10_100), false);
      expect((await check(c!.epoch)).size).toBe(0);
      expect([...(await check(c!.epoch - 1))]).toEqual([0]);
    });

    it('makes a takeover wait for the in-flight commit transaction holding the fence rows, whose decision the new owner then sees', async () => {
      const a = await leases.acquire(6, 'n-a', 1000, 10_000);
      await fence('n-a').advance([a!]);
      const go = latch();
      let pid = 0;
      // The commit stalls inside its transaction, after the fence check, before its decision is inserted.
      const inflight = commit(
        'n-a',
        [['inflight-6', [{ partition: 6, epoch: a!.epoch, own: true }]]],
        10_900,
        async (tx) => {
          pid = await backendPid(tx);
          await go.wait;
        },
      );
      await until(() => pid > 0, 10_000, 'the commit has passed its fence check');
      const b = await leases.acquire(6, 'n-b', 1000, 12_000);
      expect(b).toMatchObject({ owner: 'n-b', epoch: a!.epoch + 1 });
      const order: string[] = [];
      const takeover = fence('n-b')
        .advance([b!])
        .then((s) => {
          order.push('takeover');
          return s;
        });
      // The takeover's update of the fence row waits on a lock of the decisions' own transaction.
      await until(() => blocking(pid), 10_000, 'the takeover waits on the commit transaction');
      expect(order).toEqual([]);
      go.open();
      expect(await inflight.then((r) => (order.push('commit'), r))).toEqual({ duplicates: [], refused: [] });
      expect(await takeover).toEqual(new Set([6]));
      expect(order).toEqual(['commit', 'takeover']);
      // What the new owner restores from the log (once advanced) includes the decision...
      expect(await stored('inflight-6')).toBe(true);
      // ...and the old owner's next commit is refused.
      expect(await commit('n-a', [['after-6', [{ partition: 6, epoch: a!.epoch, own: true }]]], 12_001)).toEqual({
        duplicates: [],
        refused: [0],
      });
    });

    it('stores nothing of a commit whose transaction was ended past the hold limit (its node cut off) while a takeover went through', async () => {
      const a = await leases.acquire(9, 'n-a', 1000, 10_000);
      await fence('n-a').advance([a!]);
      const go = latch();
      let checked = false;
      const inflight = commit(
        'n-a',
        [['cutoff-9', [{ partition: 9, epoch: a!.epoch, own: true }]]],
        10_100,
        async () => {
          checked = true;
          await go.wait;
        },
        pgCommitFence(pool, 'n-a', 300),
      );
      const failed = inflight.then(
        () => 'committed',
        (e: unknown) => (e instanceof Error ? 'failed' : 'odd'),
      );
      await until(() => checked, 10_000, 'the commit has passed its fence check');
      const b = await leases.acquire(9, 'n-b', 1000, 12_000);
      // Never finished by n-a: the server ends its transaction, and the takeover goes ahead.
      expect(await fence('n-b').advance([b!])).toEqual(new Set([9]));
      // n-a goes on with its commit: the one transaction is gone, so is its decision; reported failed.
      go.open();
      expect(await failed).toBe('failed');
      expect(await stored('cutoff-9')).toBe(false);
    });

    it('claims counterparty reads in the commit transaction: a read of a stored decision cannot be voided, one of a failed commit can, a voided one is refused', async () => {
      const a = await leases.acquire(7, 'n-a', 1000, 10_000);
      const c = await leases.acquire(8, 'n-c', 1000, 10_000);
      await fence('n-a').advance([a!]);
      await fence('n-c').advance([c!]);
      const items = (read: string): [string, Claim[]][] => [
        [
          `${read}-x`,
          [
            { partition: 7, epoch: a!.epoch, own: true },
            { partition: 8, epoch: c!.epoch, own: false, read },
          ],
        ],
        [`${read}-y`, [{ partition: 7, epoch: a!.epoch, own: true }]],
      ];
      // Claimed by a commit that succeeded: it cannot be voided.
      expect(await commit('n-a', items('read-ok'), 10_100)).toEqual({ duplicates: [], refused: [] });
      expect(await fence('n-c').voidRead('read-ok', 10_200)).toBe(false);
      // Claimed by a commit that failed after its check: rolled back with it, so free again and voided.
      await expect(
        commit('n-a', items('read-failed'), 10_100, async () => {
          throw new Error('the commit fails');
        }),
      ).rejects.toThrow('the commit fails');
      expect(await stored('read-failed-x')).toBe(false);
      expect(await fence('n-c').voidRead('read-failed', 10_200)).toBe(true);
      // Voided before its decider came to commit (it died, or stalled past the bound): refused, that decision only.
      expect(await fence('n-c').voidRead('read-late', 10_200)).toBe(true);
      expect(await commit('n-a', items('read-late'), 10_300)).toEqual({ duplicates: [], refused: [0] });
      expect([await stored('read-late-x'), await stored('read-late-y')]).toEqual([false, true]);
      expect(await fence('n-c').voidRead('read-late', 10_400)).toBe(true);
      await fence('n-c').sweep(10_150); // read-ok was claimed at 10_100, the others voided at 10_200
      const left = await pool.query<{ read_id: string }>('SELECT read_id FROM cluster_reads ORDER BY read_id');
      expect(left.rows.map((r) => r.read_id)).toEqual(['read-failed', 'read-late']);
    });
  });
}
