import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Frontier } from './frontier.ts';
import { MemoryTree } from './memory-tree.ts';
import { hashLeaf } from './hash.ts';
import { inclusionProof, verifyInclusion } from './inclusion.ts';
import { consistencyProof } from './consistency.ts';
import { MapReader, nodesNeeded } from './prefetch.ts';

const hex = (h: Uint8Array): string => Buffer.from(h).toString('hex');

describe('Frontier', () => {
  it('emits exactly the perfect nodes MemoryTree keeps, and the same roots', () => {
    const tree = new MemoryTree();
    const f = new Frontier();
    const stored = new Map<string, string>();
    for (let i = 0; i < 300; i++) {
      const leaf = hashLeaf(`e${i}`);
      tree.append(leaf);
      const { index, nodes } = f.append(leaf);
      expect(index).toBe(i);
      for (const n of nodes) {
        expect(hex(n.hash)).toBe(hex(tree.node(n.level, n.index)));
        stored.set(`${n.level}/${n.index}`, hex(n.hash));
      }
      expect(hex(f.root())).toBe(hex(tree.root()));
    }
    // Every perfect node of level ≥ 1 was emitted once: 300 leaves make 300 − popcount(300) of them.
    expect(stored.size).toBe(300 - 4);
  });

  it('resumes from the compact range of any size and continues identically', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 50 }), (size, more) => {
        const tree = new MemoryTree();
        for (let i = 0; i < size + more; i++) tree.appendEntry(`x${i}`);
        const resumed = Frontier.fromRange(
          size,
          Frontier.needed(size).map((n) => tree.node(n.level, n.index)),
        );
        expect(resumed.size).toBe(size);
        for (let i = size; i < size + more; i++) {
          for (const n of resumed.append(hashLeaf(`x${i}`)).nodes)
            expect(hex(n.hash)).toBe(hex(tree.node(n.level, n.index)));
        }
        expect(hex(resumed.root())).toBe(hex(tree.root()));
      }),
    );
  });

  it('rejects a wrong number of range hashes and bad leaf hashes', () => {
    expect(() => Frontier.fromRange(3, [hashLeaf('a')])).toThrow(RangeError);
    expect(() => new Frontier().append(new Uint8Array(31))).toThrow(TypeError);
  });
});

describe('prefetch', () => {
  it('names the O(log n) nodes a proof reads, and the proof over them verifies', () => {
    const tree = new MemoryTree();
    for (let i = 0; i < 1000; i++) tree.appendEntry(`p${i}`);
    const ids = nodesNeeded((r) => inclusionProof(r, 437, 1000));
    expect(ids.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(1000)));
    const reader = new MapReader(
      ids,
      ids.map((n) => tree.node(n.level, n.index)),
    );
    const proof = inclusionProof(reader, 437, 1000);
    expect(verifyInclusion(hashLeaf('p437'), 437, 1000, proof, tree.root()).ok).toBe(true);
    const cids = nodesNeeded((r) => consistencyProof(r, 300, 1000));
    const creader = new MapReader(
      cids,
      cids.map((n) => tree.node(n.level, n.index)),
    );
    expect(consistencyProof(creader, 300, 1000).map(hex)).toEqual(consistencyProof(tree, 300, 1000).map(hex));
    expect(() => reader.node(0, 1)).toThrow(RangeError);
  });
});
