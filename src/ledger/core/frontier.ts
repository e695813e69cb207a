/**
 * The right edge of an append-only Merkle tree: for each level, the last perfect node that still waits
 * for its right sibling. That is all an appender needs: each append hashes O(1) nodes amortised and
 * yields the perfect nodes it completes, which a store writes once and never changes.
 */
import { HASH_SIZE, emptyRoot, hashChildren, isHash } from './hash.ts';
import { rangeNodes } from './compact-range.ts';
import { isIndex } from './bits.ts';
import type { NodeId } from './tree.ts';

/** A perfect node with its hash. */
export interface NodeHash extends NodeId {
  readonly hash: Uint8Array;
}

export class Frontier {
  /** pending[level]: hash of the perfect node at that level with an even index and no sibling yet. */
  private readonly pending: (Uint8Array | undefined)[] = [];
  private count = 0;

  /** Number of leaves appended so far. */
  get size(): number {
    return this.count;
  }

  /** The perfect nodes whose hashes `fromRange` needs to resume a tree of `size` leaves. */
  static needed(size: number): NodeId[] {
    return rangeNodes(0, size);
  }

  /** Resumes a tree of `size` leaves from the hashes of `Frontier.needed(size)`, in that order. */
  static fromRange(size: number, hashes: readonly Uint8Array[]): Frontier {
    const ids = rangeNodes(0, size);
    if (ids.length !== hashes.length) throw new RangeError(`expected ${ids.length} hashes, got ${hashes.length}`);
    const f = new Frontier();
    ids.forEach((id, i) => {
      const h = hashes[i];
      if (!isHash(h)) throw new TypeError(`hash ${i} must be ${HASH_SIZE} bytes`);
      f.pending[id.level] = h;
    });
    f.count = size;
    return f;
  }

  /** Appends a leaf hash; returns its index and the perfect nodes of level ≥ 1 it completes. */
  append(leafHash: Uint8Array): { index: number; nodes: NodeHash[] } {
    if (!isHash(leafHash)) throw new TypeError(`leaf hash must be ${HASH_SIZE} bytes`);
    const index = this.count;
    if (!isIndex(index + 1)) throw new RangeError('tree is full');
    const nodes: NodeHash[] = [];
    let hash = leafHash;
    let level = 0;
    let i = index;
    while (i % 2 === 1) {
      const left = this.pending[level] as Uint8Array;
      this.pending[level] = undefined;
      hash = hashChildren(left, hash);
      level++;
      i = (i - 1) / 2;
      nodes.push({ level, index: i, hash });
    }
    this.pending[level] = hash;
    this.count++;
    return { index, nodes };
  }

  /** Root hash of the tree now: the pending nodes folded from the lowest level up. */
  root(): Uint8Array {
    let acc: Uint8Array | undefined;
    for (const h of this.pending) {
      if (h === undefined) continue;
      acc = acc === undefined ? h : hashChildren(h, acc);
    }
    return acc ?? emptyRoot();
  }
}
