/** Property tests: MemoryTree proofs against its roots and against the literal RFC 6962 recursions. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryTree } from './memory-tree.ts';
import { hashChildren, hashLeaf } from './hash.ts';
import { inclusionProof, verifyInclusion } from './inclusion.ts';
import { consistencyProof, verifyConsistency } from './consistency.ts';
import { rangeNodes, rootAt } from './compact-range.ts';
import { isValidSubtree, subtreeHash, verifySubtreeConsistency, verifySubtreeInclusion } from './subtree.ts';
import { merkleTreeHash, referenceConsistencyProof, referenceInclusionProof } from './rfc6962-reference.ts';
import type { NodeReader } from './tree.ts';

const MAX = 300;
const leaves = Array.from({ length: MAX }, (_, i) => hashLeaf(`entry ${i}`));
const tree = new MemoryTree();
for (const leaf of leaves) tree.append(leaf);

/** A reader over `tree` that refuses nodes outside the first `size` leaves: proofs must not peek ahead. */
function bounded(size: number, reads?: { count: number }): NodeReader {
  return {
    node(level, index) {
      if ((index + 1) * 2 ** level > size) throw new Error(`read of node (${level}, ${index}) beyond size ${size}`);
      if (reads) reads.count++;
      return tree.node(level, index);
    },
  };
}

const hex = (hs: readonly Uint8Array[]): string[] => hs.map((h) => Buffer.from(h).toString('hex'));

function flipBit(proof: readonly Uint8Array[], at: number, bit: number): Uint8Array[] {
  const copy = proof.map((h) => h.slice());
  const target = copy[at % copy.length] as Uint8Array;
  target[(bit >> 3) % target.length] = (target[(bit >> 3) % target.length] as number) ^ (1 << (bit & 7));
  return copy;
}

/** (size, index) with 0 ≤ index < size ≤ MAX. */
const sizeAndIndex = fc.integer({ min: 1, max: MAX }).chain((n) => fc.tuple(fc.constant(n), fc.nat({ max: n - 1 })));
/** (m, n) with 1 ≤ m ≤ n ≤ MAX. */
const twoSizes = fc
  .integer({ min: 1, max: MAX })
  .chain((n) => fc.tuple(fc.integer({ min: 1, max: n }), fc.constant(n)));

describe('MemoryTree roots', () => {
  it('root(size) via compact range equals the recursive MTH for every size 0..300', () => {
    for (let n = 0; n <= MAX; n++) {
      expect(Buffer.from(tree.root(n)).toString('hex')).toBe(
        Buffer.from(merkleTreeHash(leaves.slice(0, n))).toString('hex'),
      );
    }
  });

  it('a tree built to exactly n leaves has the same root and nodes as the prefix of a larger one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX }), (n) => {
        const small = new MemoryTree();
        for (const leaf of leaves.slice(0, n)) small.append(leaf);
        expect(small.size).toBe(n);
        expect(hex([small.root()])).toEqual(hex([tree.root(n)]));
      }),
      { numRuns: 40 },
    );
  });

  it('stores perfect nodes: node(l, i) = H(node(l-1, 2i), node(l-1, 2i+1))', () => {
    for (let level = 1; 2 ** level <= MAX; level++) {
      for (let i = 0; (i + 1) * 2 ** level <= MAX; i++) {
        const want = hashChildren(tree.node(level - 1, 2 * i), tree.node(level - 1, 2 * i + 1));
        expect(hex([tree.node(level, i)])).toEqual(hex([want]));
      }
    }
    expect(() => tree.node(0, MAX)).toThrow(RangeError);
    expect(() => tree.node(9, 0)).toThrow(RangeError);
  });

  it('rejects leaf hashes of the wrong size', () => {
    expect(() => new MemoryTree().append(new Uint8Array(31))).toThrow(TypeError);
  });
});

describe('inclusion proofs', () => {
  it('verify against the root, equal RFC 6962 PATH, and read O(log n) nodes', () => {
    fc.assert(
      fc.property(sizeAndIndex, ([n, i]) => {
        const reads = { count: 0 };
        const proof = inclusionProof(bounded(n, reads), i, n);
        expect(verifyInclusion(leaves[i] as Uint8Array, i, n, proof, tree.root(n))).toEqual({ ok: true });
        expect(hex(proof)).toEqual(hex(referenceInclusionProof(i, leaves.slice(0, n))));
        expect(reads.count).toBeLessThanOrEqual(3 * Math.ceil(Math.log2(n + 1)));
      }),
      { numRuns: 300 },
    );
  });

  it('fail with one flipped bit in the proof', () => {
    fc.assert(
      fc.property(sizeAndIndex, fc.nat(), fc.nat({ max: 255 }), ([n, i], at, bit) => {
        const proof = inclusionProof(tree, i, n);
        fc.pre(proof.length > 0);
        const verdict = verifyInclusion(leaves[i] as Uint8Array, i, n, flipBit(proof, at, bit), tree.root(n));
        expect(verdict.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('fail with a wrong index, a wrong leaf or a wrong root', () => {
    fc.assert(
      fc.property(sizeAndIndex, fc.nat({ max: 2 * MAX }), ([n, i], j) => {
        fc.pre(j !== i);
        const proof = inclusionProof(tree, i, n);
        const leaf = leaves[i] as Uint8Array;
        expect(verifyInclusion(leaf, j, n, proof, tree.root(n)).ok).toBe(false);
        expect(verifyInclusion(leaves[(i + 1) % MAX] as Uint8Array, i, n, proof, tree.root(n)).ok).toBe(false);
        expect(verifyInclusion(leaf, i, n, proof, tree.root(n === MAX ? n - 1 : n + 1)).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('never throw on garbage and explain the rejection', () => {
    const root = tree.root(5);
    const leaf = leaves[0] as Uint8Array;
    const proof = inclusionProof(tree, 0, 5);
    const cases: [Uint8Array, number, number, Uint8Array[], Uint8Array][] = [
      [leaf, 5, 5, proof, root], // index ≥ size
      [leaf, -1, 5, proof, root],
      [leaf, 0.5, 5, proof, root],
      [leaf, 0, Number.MAX_SAFE_INTEGER + 1, proof, root],
      [new Uint8Array(0), 0, 5, proof, root],
      [leaf, 0, 5, [...proof, new Uint8Array(0)], root],
      [leaf, 0, 5, proof.slice(1), root],
      [leaf, 0, 5, [...proof, leaf], root],
      [leaf, 0, 5, proof, new Uint8Array(0)],
      [leaf, 0, 5, null as unknown as Uint8Array[], root],
    ];
    for (const args of cases) {
      const verdict = verifyInclusion(...args);
      expect(verdict.ok).toBe(false);
      if (!verdict.ok) expect(verdict.reason).toMatch(/\w/);
    }
    expect(() => inclusionProof(tree, 5, 5)).toThrow(RangeError);
  });
});

describe('consistency proofs', () => {
  it('verify for random m ≤ n, equal RFC 6962 PROOF, and read O(log n) nodes', () => {
    fc.assert(
      fc.property(twoSizes, ([m, n]) => {
        const reads = { count: 0 };
        const proof = consistencyProof(bounded(n, reads), m, n);
        expect(verifyConsistency(m, n, proof, tree.root(m), tree.root(n))).toEqual({ ok: true });
        expect(hex(proof)).toEqual(hex(referenceConsistencyProof(m, leaves.slice(0, n))));
        expect(reads.count).toBeLessThanOrEqual(3 * Math.ceil(Math.log2(n + 1)) + 1);
      }),
      { numRuns: 300 },
    );
  });

  it('fail when root1 or root2 is altered, or a proof bit flipped', () => {
    fc.assert(
      fc.property(twoSizes, fc.nat(), fc.nat({ max: 255 }), ([m, n], at, bit) => {
        const proof = consistencyProof(tree, m, n);
        const [bad1] = flipBit([tree.root(m)], 0, bit);
        const [bad2] = flipBit([tree.root(n)], 0, bit);
        expect(verifyConsistency(m, n, proof, bad1 as Uint8Array, tree.root(n)).ok).toBe(false);
        expect(verifyConsistency(m, n, proof, tree.root(m), bad2 as Uint8Array).ok).toBe(false);
        if (proof.length > 0) {
          expect(verifyConsistency(m, n, flipBit(proof, at, bit), tree.root(m), tree.root(n)).ok).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('fail for another size pair', () => {
    fc.assert(
      fc.property(twoSizes, fc.integer({ min: 1, max: MAX }), ([m, n], m2) => {
        fc.pre(m2 !== m && m2 <= n);
        const proof = consistencyProof(tree, m, n);
        expect(verifyConsistency(m2, n, proof, tree.root(m2), tree.root(n)).ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('reject size1 = 0, size1 > size2 and non-empty proofs for equal sizes', () => {
    const r = tree.root(4);
    expect(verifyConsistency(0, 4, [], tree.root(0), r).ok).toBe(false);
    expect(verifyConsistency(5, 4, [], r, r).ok).toBe(false);
    expect(verifyConsistency(4, 4, [r], r, r).ok).toBe(false);
    expect(verifyConsistency(4, 4, [], r, r)).toEqual({ ok: true });
    expect(consistencyProof(tree, 0, 4)).toEqual([]);
    expect(() => consistencyProof(tree, 5, 4)).toThrow(RangeError);
  });
});

describe('very large logs', () => {
  // With every leaf equal, the perfect node at level l is P_l = H(P_{l-1}, P_{l-1}): a consistent
  // tree of any size whose nodes cost O(1), to exercise sizes beyond 2^32 and count node reads.
  const perfect: Uint8Array[] = [hashLeaf('same')];
  for (let l = 1; l <= 53; l++) perfect.push(hashChildren(perfect[l - 1] as Uint8Array, perfect[l - 1] as Uint8Array));
  const reads = { count: 0 };
  const uniform: NodeReader = {
    node(level) {
      reads.count++;
      return perfect[level] as Uint8Array;
    },
  };
  const big = fc.integer({ min: 2, max: Number.MAX_SAFE_INTEGER });

  it('inclusion and consistency proofs stay O(log n) and verify up to 2^53 − 1 leaves', () => {
    fc.assert(
      fc.property(
        big,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, a, b) => {
          const i = Math.min(n - 1, Math.floor(a * n));
          const m = Math.max(1, Math.min(n, Math.floor(b * n)));
          const root = rootAt(uniform, n);
          reads.count = 0;
          const proof = inclusionProof(uniform, i, n);
          expect(reads.count).toBeLessThanOrEqual(3 * 53);
          expect(verifyInclusion(perfect[0] as Uint8Array, i, n, proof, root)).toEqual({ ok: true });
          reads.count = 0;
          const cproof = consistencyProof(uniform, m, n);
          expect(reads.count).toBeLessThanOrEqual(3 * 53 + 1);
          expect(verifyConsistency(m, n, cproof, rootAt(uniform, m), root)).toEqual({ ok: true });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a 100-million-entry proof reads at most 3·log2(n) nodes', () => {
    const n = 100_000_000;
    reads.count = 0;
    inclusionProof(uniform, 12_345_678, n);
    expect(reads.count).toBeLessThanOrEqual(3 * 27);
  });
});

describe('compact ranges', () => {
  it('cover [begin, end) exactly with aligned perfect nodes, at most 2·log2 of them', () => {
    fc.assert(
      fc.property(fc.nat({ max: Number.MAX_SAFE_INTEGER }), fc.nat({ max: Number.MAX_SAFE_INTEGER }), (x, y) => {
        const [begin, end] = x <= y ? [x, y] : [y, x];
        const nodes = rangeNodes(begin, end);
        let pos = begin;
        for (const { level, index } of nodes) {
          expect(index * 2 ** level).toBe(pos);
          pos += 2 ** level;
        }
        expect(pos).toBe(end);
        expect(nodes.length).toBeLessThanOrEqual(2 * 54);
      }),
    );
    expect(() => rangeNodes(3, 2)).toThrow(RangeError);
  });
});

describe('subtrees', () => {
  it('subtreeHash of every valid subtree equals the recursive MTH of its leaves', () => {
    let count = 0;
    for (let start = 0; start < 64; start++) {
      for (let end = start + 1; end <= 64; end++) {
        if (!isValidSubtree(start, end)) continue;
        count++;
        expect(hex([subtreeHash(tree, start, end)])).toEqual(hex([merkleTreeHash(leaves.slice(start, end))]));
      }
    }
    expect(count).toBeGreaterThan(64);
    expect(() => subtreeHash(tree, 1, 3)).toThrow(RangeError);
  });

  it('inclusion and consistency proofs are the subtree proofs of [0, n) and [0, m)', () => {
    fc.assert(
      fc.property(twoSizes, fc.nat(), ([m, n], a) => {
        const i = a % n;
        expect(
          verifySubtreeInclusion(leaves[i] as Uint8Array, i, 0, n, inclusionProof(tree, i, n), tree.root(n)),
        ).toEqual({ ok: true });
        const proof = consistencyProof(tree, m, n);
        expect(verifySubtreeConsistency(0, m, n, proof, tree.root(m), tree.root(n))).toEqual({ ok: true });
        expect(verifySubtreeConsistency(0, m, n, proof, tree.root(m), tree.root(m === n ? n - 1 : m)).ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
