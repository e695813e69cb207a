/**
 * Compact ranges (transparency-dev/merkle `compact`, RFC 9162 §2.1): the leaf range [begin, end) is
 * covered by at most 2·log2(end − begin) perfect nodes. Roots and the "ephemeral" right-edge nodes of
 * proofs are computed from them, so any of these costs O(log n) node reads whatever the log size.
 */
import { hashChildren, emptyRoot } from './hash.ts';
import { bitLength, isIndex, trailingZeros } from './bits.ts';
import type { NodeId, NodeReader } from './tree.ts';

/**
 * The perfect nodes covering [begin, end), left to right (levels first rising, then falling).
 * Throws RangeError when the bounds are not integers with 0 ≤ begin ≤ end ≤ 2^53 − 1.
 */
export function rangeNodes(begin: number, end: number): NodeId[] {
  if (!isIndex(begin) || !isIndex(end) || begin > end) {
    throw new RangeError(`invalid range [${begin}, ${end})`);
  }
  const nodes: NodeId[] = [];
  let pos = begin;
  while (pos < end) {
    const fit = bitLength(end - pos) - 1; // largest level that still fits before `end`
    const level = pos === 0 ? fit : Math.min(trailingZeros(pos), fit); // and that `pos` is aligned to
    const width = 2 ** level;
    nodes.push({ level, index: pos / width });
    pos += width;
  }
  return nodes;
}

/** Number of perfect nodes covering [begin, end). */
export function rangeSize(begin: number, end: number): number {
  return rangeNodes(begin, end).length;
}

/**
 * Merkle hash of the leaves [begin, end) when that range is a subtree of the RFC 6962 tree shape,
 * i.e. when its perfect nodes have strictly falling levels: the whole tree [0, n), or the right part
 * [begin, n) of a proof where begin is a multiple of a power of two larger than n − begin. The nodes
 * are folded right to left: MTH(D[begin:end]) = H(node_0, H(node_1, … node_k)).
 * An empty range hashes to the empty-tree root.
 */
export function rangeHash(reader: NodeReader, begin: number, end: number): Uint8Array {
  const nodes = rangeNodes(begin, end);
  for (let i = 1; i < nodes.length; i++) {
    const prev = nodes[i - 1];
    const cur = nodes[i];
    if (prev !== undefined && cur !== undefined && cur.level >= prev.level) {
      throw new RangeError(`[${begin}, ${end}) is not a subtree of the Merkle tree shape`);
    }
  }
  const last = nodes.pop();
  if (last === undefined) return emptyRoot();
  let hash = reader.node(last.level, last.index);
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i] as NodeId;
    hash = hashChildren(reader.node(n.level, n.index), hash);
  }
  return hash;
}

/** MTH(D[0:size]) computed from at most log2(size) + 1 perfect nodes. */
export function rootAt(reader: NodeReader, size: number): Uint8Array {
  return rangeHash(reader, 0, size);
}
