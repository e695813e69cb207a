/** The behaviour every LeaseStore adapter must have; `open` gives a fresh, empty store. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ownership, type LeaseStore } from '../../src/cluster/index.ts';

export function leaseStoreContract(name: string, open: () => Promise<LeaseStore>): void {
  describe(`LeaseStore contract: ${name}`, () => {
    let store: LeaseStore;
    beforeAll(async () => {
      store = await open();
      await store.migrate();
      await store.migrate(); // idempotent
    });
    afterAll(async () => store?.close());

    it('gives a free partition to the first node at epoch 1 and refuses it to another while it lives', async () => {
      const a = await store.acquire(1, 'n-a', 1000, 10_000);
      expect(a).toEqual({ partition: 1, owner: 'n-a', epoch: 1, expiresAt: 11_000 });
      expect(await store.acquire(1, 'n-b', 1000, 10_500)).toBeUndefined();
      expect((await store.leases()).find((l) => l.partition === 1)?.owner).toBe('n-a');
    });

    it('renews under the same epoch, and not once another node took the expired lease (epoch + 1)', async () => {
      const a = await store.acquire(2, 'n-a', 1000, 10_000);
      const renewed = await store.renew([a!], 1000, 10_900);
      expect(renewed).toEqual([{ partition: 2, owner: 'n-a', epoch: 1, expiresAt: 11_900 }]);
      const b = await store.acquire(2, 'n-b', 1000, 12_000);
      expect(b).toEqual({ partition: 2, owner: 'n-b', epoch: 2, expiresAt: 13_000 });
      expect(await store.renew(renewed, 1000, 12_100)).toEqual([]);
    });

    it('lets another node take a released partition at once, with a higher epoch', async () => {
      const a = await store.acquire(3, 'n-a', 1000, 10_000);
      await store.release(a!);
      expect(await store.acquire(3, 'n-b', 1000, 10_001)).toMatchObject({ owner: 'n-b', epoch: 2 });
    });

    it('gives a contested partition to exactly one of several nodes racing for it', async () => {
      const got = await Promise.all(['x', 'y', 'z', 'w'].map((n) => store.acquire(4, n, 1000, 10_000)));
      expect(got.filter((l) => l !== undefined)).toHaveLength(1);
    });

    it('lists members with their heartbeat expiry', async () => {
      await store.heartbeat('n-a', 1000, 20_000);
      await store.heartbeat('n-b', 1000, 20_500);
      const m = await store.members();
      expect(m.filter((x) => x.node.startsWith('n-')).sort((p, q) => p.node.localeCompare(q.node))).toEqual([
        { node: 'n-a', expiresAt: 21_000 },
        { node: 'n-b', expiresAt: 21_500 },
      ]);
    });
  });

  describe(`Ownership over ${name}: three nodes, then one dies`, () => {
    let store: LeaseStore;
    let now = 1_000_000;
    const clock = { now: () => now };
    const P = 16;
    beforeAll(async () => {
      store = await open();
      await store.migrate();
    });
    afterAll(async () => store?.close());

    const node = (id: string) => {
      const lost: number[] = [];
      const o = new Ownership(
        store,
        clock,
        { node: id, partitions: P, ttlMs: 5000, marginMs: 1000 },
        { acquired: () => undefined, lost: (ps) => lost.push(...ps), releasing: async () => undefined },
      );
      return { o, lost };
    };

    it('splits the partitions fairly, each owned by exactly one node with a lease; takes a dead one over after the TTL', async () => {
      const nodes = [node('m1'), node('m2'), node('m3')];
      for (let round = 0; round < 6; round++) {
        for (const n of nodes) await n.o.tick();
        now += 1000;
      }
      const owned = nodes.map((n) => n.o.owned());
      expect(owned.map((o) => o.length).sort()).toEqual([5, 5, 6]);
      expect(owned.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: P }, (_, i) => i));
      // m3 stops renewing; within TTL + one tick its partitions belong to the others, with higher epochs.
      const before = new Map((await store.leases()).map((l) => [l.partition, l]));
      const dead = owned[2] ?? [];
      const alive = nodes.slice(0, 2);
      for (let t = 0; t <= 6000; t += 1000) {
        for (const n of alive) await n.o.tick();
        now += 1000;
      }
      const after = alive.map((n) => n.o.owned());
      expect(after.map((o) => o.length)).toEqual([8, 8]);
      expect(after.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: P }, (_, i) => i));
      for (const l of await store.leases())
        if (dead.includes(l.partition)) expect(l.epoch).toBeGreaterThan(before.get(l.partition)?.epoch ?? 0);
    });
  });
}
