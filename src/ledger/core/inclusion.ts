/**
 * Inclusion proofs: PATH(m, D[n]) of RFC 6962 §2.1.1 / RFC 9162 §2.1.3, generated from perfect nodes
 * (transparency-dev/merkle `proof.Inclusion`) and verified with the RFC 9162 §2.1.3.2 algorithm.
 */
import { HASH_SIZE, accept, badProofReason, bytesEqual, hashChildren, isHash, reject } from './hash.ts';
import type { Verdict } from './hash.ts';
import { rangeHash, rangeNodes } from './compact-range.ts';
import { bitLength, isIndex, shl, shr, xor } from './bits.ts';
import type { NodeReader } from './tree.ts';

/**
 * Proof hashes that lead from the perfect node (level, index) to the root of the tree of `size`
 * leaves, bottom up: the siblings on the path up to the "fork" node (where the path parts from the
 * right edge of the tree), then the ephemeral hash of the incomplete right part if there is one
 * (folded from its perfect nodes), then the perfect nodes left of the fork. O(log size) node reads.
 * Requires the node to lie fully inside the tree and not to be its root.
 */
export function proofPath(reader: NodeReader, index: number, level: number, size: number): Uint8Array[] {
  const inner = bitLength(xor(index, shr(size, level))) - 1;
  const forkLevel = level + inner;
  const forkIndex = shr(index, inner);
  const begin = shl(forkIndex, forkLevel);
  const end = shl(forkIndex + 1, forkLevel);
  const proof: Uint8Array[] = [];
  for (let i = 0; i < inner; i++) {
    proof.push(reader.node(level + i, xor(shr(index, i), 1)));
  }
  if (end < size) proof.push(rangeHash(reader, end, size));
  const left = rangeNodes(0, begin);
  for (let i = left.length - 1; i >= 0; i--) {
    const n = left[i];
    if (n !== undefined) proof.push(reader.node(n.level, n.index));
  }
  return proof;
}

/**
 * PATH(index, D[size]): the audit path of leaf `index` in the tree of `size` leaves.
 * Throws RangeError unless 0 ≤ index < size (a caller bug, not bad input from a peer).
 */
export function inclusionProof(reader: NodeReader, index: number, size: number): Uint8Array[] {
  if (!isIndex(index) || !isIndex(size) || index >= size) {
    throw new RangeError(`leaf index ${index} out of range for tree size ${size}`);
  }
  return proofPath(reader, index, 0, size);
}

/**
 * Root hash implied by an inclusion proof (RFC 9162 §2.1.3.2 steps 1–5), or the reason it is malformed.
 */
export function rootFromInclusionProof(
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
): { ok: true; root: Uint8Array } | { ok: false; reason: string } {
  if (!isIndex(index) || !isIndex(treeSize))
    return { ok: false, reason: 'index and tree size must be non-negative safe integers' };
  if (index >= treeSize) return { ok: false, reason: `leaf index ${index} >= tree size ${treeSize}` };
  if (!isHash(leafHash)) return { ok: false, reason: `leaf hash must be ${HASH_SIZE} bytes` };
  const bad = badProofReason(proof);
  if (bad !== undefined) return { ok: false, reason: bad };
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return { ok: false, reason: 'proof too long' };
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return { ok: false, reason: 'proof too short' };
  return { ok: true, root: r };
}

/** RFC 9162 §2.1.3.2: does `proof` show leaf `leafHash` at `index` in the tree of `treeSize` with `root`? */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  treeSize: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): Verdict {
  const computed = rootFromInclusionProof(leafHash, index, treeSize, proof);
  if (!computed.ok) return reject(computed.reason);
  if (!(root instanceof Uint8Array) || !bytesEqual(computed.root, root)) return reject('root hash mismatch');
  return accept;
}
