import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgCommitFence, pgLeaseStore } from '../../src/cluster/adapters.ts';
import type { LeaseStore } from '../../src/cluster/index.ts';
import { postgresPool } from '../../src/store/adapters.ts';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../support/services.ts';

const available = await postgresAvailable();
const schema = uniqueSchema('zhili_fence');

/** The commit fence on PostgreSQL: a stale owner's late commit is refused; a takeover waits for a held commit. */
describe.runIf(available)('commit fence on the PostgreSQL lease rows', () => {
  const pool = postgresPool(pgUrl, schema, 6);
  let leases: LeaseStore;
  beforeAll(async () => {
    await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    leases = pgLeaseStore(pool);
    await leases.migrate();
  });
  afterAll(async () => {
    await pool.end();
    await dropSchema(schema);
  });

  it('refuses a commit under an epoch that has moved (the partition was taken over meanwhile)', async () => {
    const a = await leases.acquire(1, 'n-a', 1000, 10_000);
    const fenceA = pgCommitFence(pool, 'n-a');
    const ok = await fenceA.hold([{ partition: 1, epoch: a!.epoch, own: true }], 10_500);
    expect(ok.ok).toBe(true);
    await ok.release();
    expect(await leases.acquire(1, 'n-b', 1000, 11_001)).toMatchObject({ owner: 'n-b', epoch: 2 });
    const late = await fenceA.hold([{ partition: 1, epoch: a!.epoch, own: true }], 11_002);
    expect(late.ok).toBe(false);
    await late.release();
  });

  it('refuses a commit whose counterparty read was answered under an older epoch', async () => {
    await leases.acquire(2, 'n-c', 1000, 10_000);
    await leases.acquire(3, 'n-a', 1000, 10_000);
    const fence = pgCommitFence(pool, 'n-a');
    const claims = (cp: number) => [
      { partition: 3, epoch: 1, own: true },
      { partition: 2, epoch: cp, own: false },
    ];
    const good = await fence.hold(claims(1), 10_100);
    expect(good.ok).toBe(true);
    await good.release();
    const stale = await fence.hold(claims(0), 10_100);
    expect(stale.ok).toBe(false);
    await stale.release();
  });

  it('makes a node taking a partition over wait until the held commit is done', async () => {
    const a = await leases.acquire(4, 'n-a', 1000, 10_000);
    const held = await pgCommitFence(pool, 'n-a').hold([{ partition: 4, epoch: a!.epoch, own: true }], 10_900);
    expect(held.ok).toBe(true);
    let taken = false;
    const takeover = leases.acquire(4, 'n-b', 1000, 12_000).then((l) => {
      taken = true;
      return l;
    });
    // The takeover's upsert is blocked on the row lock: it shows up waiting on a lock, in this schema.
    const waiting = async () =>
      Number(
        (
          await pool.query(
            `SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'
             AND datname = current_database() AND query LIKE 'INSERT INTO cluster_leases AS l%'`,
          )
        ).rows[0]?.n,
      ) > 0;
    const deadline = Date.now() + 5000;
    while (!(await waiting())) if (Date.now() > deadline) throw new Error('takeover never waited');
    expect(taken).toBe(false);
    await held.release();
    expect(await takeover).toMatchObject({ owner: 'n-b', epoch: a!.epoch + 1 });
  });
});
