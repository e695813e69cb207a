/**
 * Consistency proofs: PROOF(m, D[n]) of RFC 6962 §2.1.2 / RFC 9162 §2.1.4, generated from perfect
 * nodes (transparency-dev/merkle `proof.Consistency`) and verified with the RFC 9162 §2.1.4.2 algorithm.
 */
import { accept, badProofReason, bytesEqual, hashChildren, reject } from './hash.ts';
import type { Verdict } from './hash.ts';
import { isIndex, isPowerOfTwo, shr, trailingZeros } from './bits.ts';
import { proofPath } from './inclusion.ts';
import type { NodeReader } from './tree.ts';

/**
 * PROOF(size1, D[size2]): shows that the tree of `size1` leaves is a prefix of the tree of `size2`.
 * Empty when size1 = size2 or size1 = 0. O(log size2) node reads.
 * Throws RangeError unless 0 ≤ size1 ≤ size2 (a caller bug, not bad input from a peer).
 */
export function consistencyProof(reader: NodeReader, size1: number, size2: number): Uint8Array[] {
  if (!isIndex(size1) || !isIndex(size2) || size1 > size2) {
    throw new RangeError(`invalid consistency range ${size1} → ${size2}`);
  }
  if (size1 === size2 || size1 === 0) return [];
  // The largest perfect subtree that ends at size1, and the path from it to the root of size2.
  const level = trailingZeros(size1);
  const index = shr(size1 - 1, level);
  const path = proofPath(reader, index, level, size2);
  // When size1 is a power of two that node is the old root, which the verifier already has.
  return index === 0 ? path : [reader.node(level, index), ...path];
}

/**
 * RFC 9162 §2.1.4.2: is the tree of `size2` with `root2` an append-only extension of the tree of
 * `size1` with `root1`? Rejects size1 = 0 (nothing to prove: any tree extends the empty one), which
 * the transparency-dev vectors require; for size1 = size2 the proof must be empty and roots equal.
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): Verdict {
  if (!isIndex(size1) || !isIndex(size2)) return reject('tree sizes must be non-negative safe integers');
  if (size1 > size2) return reject(`size1 ${size1} > size2 ${size2}`);
  if (size1 === 0) return reject('consistency with the empty tree is meaningless (size1 = 0)');
  if (!(root1 instanceof Uint8Array) || !(root2 instanceof Uint8Array)) return reject('roots must be byte arrays');
  const bad = badProofReason(proof);
  if (bad !== undefined) return reject(bad);
  if (size1 === size2) {
    if (proof.length !== 0) return reject('size1 = size2 but the proof is not empty');
    return bytesEqual(root1, root2) ? accept : reject('size1 = size2 but the roots differ');
  }
  if (proof.length === 0) return reject('empty proof');

  // Step 2: a power-of-two size1 is its own largest subtree; its hash (root1) starts the chain.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : proof;
  // Steps 3–4.
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = (fn - 1) / 2;
    sn = Math.floor(sn / 2);
  }
  // Step 5.
  let fr = path[0] as Uint8Array;
  let sr = fr;
  // Step 6.
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Uint8Array;
    if (sn === 0) return reject('proof too long');
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  // Step 7.
  if (sn !== 0) return reject('proof too short');
  if (!bytesEqual(fr, root1)) return reject('root1 mismatch');
  if (!bytesEqual(sr, root2)) return reject('root2 mismatch');
  return accept;
}
