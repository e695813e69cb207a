import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Frontier, type NodeHash } from '../core/frontier.ts';
import { hashLeaf } from '../core/hash.ts';
import { MemoryTree } from '../core/memory-tree.ts';
import { inclusionProof, verifyInclusion } from '../core/inclusion.ts';
import { consistencyProof, verifyConsistency } from '../core/consistency.ts';
import { MapReader, nodesNeeded } from '../core/prefetch.ts';
import type { AppendBatch, LeafRow, LedgerStore } from './port.ts';

const hex = (h: Uint8Array): string => Buffer.from(h).toString('hex');

/** The behaviour every LedgerStore adapter must have; `open` gives a fresh, empty, migrated store. */
export function ledgerStoreContract(name: string, open: () => Promise<LedgerStore>): void {
  describe(`LedgerStore contract: ${name}`, () => {
    let store: LedgerStore;
    const mirror = new MemoryTree();
    const frontier = new Frontier();

    beforeAll(async () => {
      store = await open();
      await store.migrate(); // idempotent
    });
    afterAll(async () => {
      await store.close();
    });

    /** A batch of `n` entries continuing the mirror; event ids are unique unless given. */
    function batch(n: number, sourceSeq: number, eventId?: (i: number) => string | null): AppendBatch {
      const expected = { size: frontier.size, sourceSeq: sourceSeq - n };
      const leaves: LeafRow[] = [];
      const nodes: NodeHash[] = [];
      const f = Frontier.fromRange(
        frontier.size,
        Frontier.needed(frontier.size).map((x) => mirror.node(x.level, x.index)),
      );
      for (let k = 0; k < n; k++) {
        const index = f.size;
        const entry = JSON.stringify({ kind: 'decision', n: index });
        const leafHash = hashLeaf(entry);
        nodes.push(...f.append(leafHash).nodes);
        const ev = eventId ? eventId(index) : `evt-${index}`;
        leaves.push({ index, kind: 'decision', tenantId: index % 2 ? 'ten_b' : 'ten_a', eventId: ev, entry, leafHash });
      }
      return { expected, leaves, nodes, sourceSeq };
    }
    function commitMirror(b: AppendBatch): void {
      for (const l of b.leaves) {
        mirror.append(l.leafHash);
        frontier.append(l.leafHash);
      }
    }

    it('starts empty', async () => {
      expect(await store.state()).toEqual({ size: 0, sourceSeq: 0 });
      expect(await store.latestCheckpoint()).toBeUndefined();
      expect(await store.readLeaves(0, 10)).toEqual([]);
      expect(await store.keys()).toEqual([]);
    });

    it('appends batches with their perfect nodes and progress in one step', async () => {
      let seq = 0;
      for (const n of [1, 2, 5, 64, 100]) {
        seq += n;
        const b = batch(n, seq);
        await store.append(b);
        commitMirror(b);
      }
      expect(await store.state()).toEqual({ size: 172, sourceSeq: 172 });
      const leaves = await store.readLeaves(170, 10);
      expect(leaves.map((l) => l.index)).toEqual([170, 171]);
      expect(hex(leaves[0]!.leafHash)).toBe(hex(mirror.node(0, 170)));
      expect((await store.scanNodes(3, 0, 100)).map(hex)).toEqual(
        Array.from({ length: Math.floor(172 / 8) }, (_, i) => hex(mirror.node(3, i))),
      );
      expect((await store.scanNodes(0, 171, 5)).map(hex)).toEqual([hex(mirror.node(0, 171))]);
    });

    it('serves every node a proof needs, and proofs over them verify', async () => {
      for (const [index, size] of [
        [0, 1],
        [37, 172],
        [171, 172],
        [64, 100],
      ] as const) {
        const ids = nodesNeeded((r) => inclusionProof(r, index, size));
        const reader = new MapReader(ids, await store.readNodes(ids));
        const proof = inclusionProof(reader, index, size);
        expect(verifyInclusion(mirror.node(0, index), index, size, proof, mirror.root(size))).toEqual({ ok: true });
      }
      const ids = nodesNeeded((r) => consistencyProof(r, 77, 172));
      const proof = consistencyProof(new MapReader(ids, await store.readNodes(ids)), 77, 172);
      expect(verifyConsistency(77, 172, proof, mirror.root(77), mirror.root(172))).toEqual({ ok: true });
      await expect(store.readNodes([{ level: 0, index: 172 }])).rejects.toThrow(RangeError);
      await expect(store.readNodes([{ level: 8, index: 0 }])).rejects.toThrow(RangeError);
    });

    it('refuses a batch computed against an old state and writes nothing of it', async () => {
      const b = batch(3, 175);
      await expect(store.append({ ...b, expected: { size: 100, sourceSeq: 100 } })).rejects.toMatchObject({
        name: 'LedgerConflictError',
      });
      expect(await store.state()).toEqual({ size: 172, sourceSeq: 172 });
      expect(await store.readLeaves(172, 10)).toEqual([]);
    });

    it('refuses a decision already in the ledger (same tenant and event) as a whole batch', async () => {
      const b = batch(2, 174, (i) => (i === 173 ? 'evt-1' : `evt-${i}`));
      await expect(store.append(b)).rejects.toThrow();
      expect(await store.state()).toEqual({ size: 172, sourceSeq: 172 });
      // Audit entries carry no event id, any number of them.
      const audits = batch(2, 172 + 0, () => null);
      await store.append({ ...audits, expected: { size: 172, sourceSeq: 172 }, sourceSeq: 172 });
      commitMirror(audits);
      expect((await store.state()).size).toBe(174);
    });

    it('finds a decision entry by tenant and event id', async () => {
      const found = await store.findEvent('ten_b', 'evt-37');
      expect(found).toMatchObject({ index: 37, tenantId: 'ten_b', eventId: 'evt-37', kind: 'decision' });
      expect(await store.findEvent('ten_a', 'evt-37')).toBeUndefined();
    });

    it('keeps checkpoints in order and never lets the size go back', async () => {
      const a = await store.putCheckpoint({ size: 100, note: 'n100', keyId: 'k1', createdAt: 1 });
      const b = await store.putCheckpoint({ size: 174, note: 'n174', keyId: 'k1', createdAt: 2 });
      expect(await store.putCheckpoint({ size: 150, note: 'n150', keyId: 'k1', createdAt: 3 })).toBeUndefined();
      const c = await store.putCheckpoint({ size: 174, note: 'n174-k2', keyId: 'k2', createdAt: 4 });
      expect(a && b && c && a.id < b.id && b.id < c.id).toBe(true);
      expect(await store.latestCheckpoint()).toEqual(c);
      expect((await store.listCheckpoints(a!.id, 10)).map((x) => x.note)).toEqual(['n174', 'n174-k2']);
    });

    it('adds a first key once and rotates: one signing key, old ones kept', async () => {
      expect(
        await store.addKey(
          { verifierKey: 'k1', privateKey: 'p1', createdAt: 10, retiredAt: null },
          { onlyIfNone: true },
        ),
      ).toBe(true);
      expect(
        await store.addKey(
          { verifierKey: 'k1b', privateKey: 'p1b', createdAt: 11, retiredAt: null },
          { onlyIfNone: true },
        ),
      ).toBe(false);
      expect(await store.addKey({ verifierKey: 'k2', privateKey: 'p2', createdAt: 20, retiredAt: null })).toBe(true);
      expect(await store.keys()).toEqual([
        { verifierKey: 'k1', privateKey: 'p1', createdAt: 10, retiredAt: 20 },
        { verifierKey: 'k2', privateKey: 'p2', createdAt: 20, retiredAt: null },
      ]);
      await store.rewrapKey('k1', 'wrapped-p1');
      expect((await store.keys()).map((k) => k.privateKey)).toEqual(['wrapped-p1', 'p2']);
    });

    it('keeps outbox rows durably and moves them into the ledger in the append itself', async () => {
      const ids = await store.enqueue([
        { tenantId: 'ten_a', entry: '{"kind":"audit","n":1}', createdAt: 1 },
        { tenantId: 'ten_b', entry: '{"kind":"audit","n":2}', createdAt: 2 },
      ]);
      expect(ids).toHaveLength(2);
      expect(ids[0]! < ids[1]!).toBe(true);
      const rows = await store.readOutbox(10);
      expect(rows).toEqual([
        { id: ids[0], tenantId: 'ten_a', entry: '{"kind":"audit","n":1}' },
        { id: ids[1], tenantId: 'ten_b', entry: '{"kind":"audit","n":2}' },
      ]);
      const state = await store.state();
      const b = batch(1, state.sourceSeq + 1, () => null);
      // A row another writer already moved: the whole batch is refused, nothing written.
      await expect(
        store.append({ ...b, sourceSeq: state.sourceSeq, outboxIds: [ids[0]!, 999_999] }),
      ).rejects.toMatchObject({ name: 'LedgerConflictError' });
      expect(await store.state()).toEqual(state);
      expect(await store.stillQueued([ids[0]!, ids[1]!, 999_999])).toEqual([ids[0], ids[1]]);
      await store.append({ ...b, sourceSeq: state.sourceSeq, outboxIds: [ids[0]!] });
      commitMirror(b);
      expect(await store.stillQueued([ids[0]!, ids[1]!])).toEqual([ids[1]]);
      expect((await store.readOutbox(10)).map((r) => r.id)).toEqual([ids[1]]);
      expect((await store.state()).size).toBe(state.size + 1);
    });
  });
}
