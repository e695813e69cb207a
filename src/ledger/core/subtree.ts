/**
 * Subtree proofs (draft-ietf-plants-merkle-tree-certs, formerly draft-davidben-tls-merkle-tree-certs,
 * appendix "subtree consistency"; as implemented by BoringSSL and transparency-dev/merkle).
 *
 * A subtree [start, end) is valid when start < end and start is a multiple of BIT_CEIL(end − start):
 * then MTH(D[start:end]) is a node (perfect or ephemeral) of every tree of size ≥ end. A subtree
 * inclusion proof shows a leaf inside a subtree; a subtree consistency proof shows a subtree hash is
 * part of a tree of `size` leaves. An inclusion proof (consistency proof) is the special case
 * [0, size) (resp. [0, size1) and a power-of-two size1).
 */
import { HASH_SIZE, accept, badProofReason, bytesEqual, emptyRoot, hashChildren, isHash, reject } from './hash.ts';
import type { Verdict } from './hash.ts';
import { rangeHash } from './compact-range.ts';
import { bitCeil, isIndex } from './bits.ts';
import type { NodeReader } from './tree.ts';

export function isValidSubtree(start: number, end: number): boolean {
  return isIndex(start) && isIndex(end) && start < end && start % bitCeil(end - start) === 0;
}

/** MTH(D[start:end]) of a valid subtree, from O(log(end − start)) perfect nodes. */
export function subtreeHash(reader: NodeReader, start: number, end: number): Uint8Array {
  if (!isValidSubtree(start, end)) throw new RangeError(`[${start}, ${end}) is not a valid subtree`);
  return rangeHash(reader, start, end);
}

const half = (x: number): number => Math.floor(x / 2);

/**
 * Evaluates a subtree consistency proof for the valid subtree [start, end) with hash `nodeHash` in a
 * tree of n ≥ end leaves; returns the implied root of that tree, or the reason the proof is bad.
 * Proof hashes must already be checked to be HASH_SIZE bytes.
 */
function evaluate(
  n: number,
  start: number,
  end: number,
  proof: readonly Uint8Array[],
  nodeHash: Uint8Array,
): { ok: true; root: Uint8Array } | { ok: false; reason: string } {
  // fn, sn, tn: paths to the subtree's first and last leaves and to the tree's last leaf.
  let fn = start;
  let sn = end - 1;
  let tn = n - 1;
  if (sn === tn) {
    // The subtree ends the tree: start at the subtree's own root.
    while (fn !== sn) {
      fn = half(fn);
      sn = half(sn);
      tn = half(tn);
    }
  } else {
    // Start at the highest right-edge node of the subtree that is also a node of the tree.
    while (fn !== sn && sn % 2 === 1) {
      fn = half(fn);
      sn = half(sn);
      tn = half(tn);
    }
  }
  let i = 0;
  let fr: Uint8Array;
  if (fn === sn) {
    fr = nodeHash; // the subtree is itself a node of the tree: its hash is not repeated in the proof
  } else {
    const first = proof[0];
    if (first === undefined) return { ok: false, reason: 'proof too short' };
    fr = first;
    i = 1;
  }
  let sr = fr;
  for (; i < proof.length; i++) {
    const p = proof[i] as Uint8Array;
    if (tn === 0) return { ok: false, reason: 'proof too long' };
    if (sn % 2 === 1 || sn === tn) {
      if (fn < sn) fr = hashChildren(p, fr);
      sr = hashChildren(p, sr);
      while (sn % 2 === 0 && sn !== 0) {
        fn = half(fn);
        sn = half(sn);
        tn = half(tn);
      }
    } else {
      sr = hashChildren(sr, p);
    }
    fn = half(fn);
    sn = half(sn);
    tn = half(tn);
  }
  if (tn !== 0) return { ok: false, reason: 'proof too short' };
  if (!bytesEqual(fr, nodeHash)) return { ok: false, reason: 'subtree hash mismatch' };
  return { ok: true, root: sr };
}

/**
 * Is `subtreeRoot` the hash of leaves [start, end) of the tree of `size` leaves with root `root`?
 * The empty subtree (start = end ≤ size) is accepted with an empty proof when `subtreeRoot` is the
 * empty-tree hash, whatever the tree root (as the transparency-dev vectors say).
 */
export function verifySubtreeConsistency(
  start: number,
  end: number,
  size: number,
  proof: readonly Uint8Array[],
  subtreeRoot: Uint8Array,
  root: Uint8Array,
): Verdict {
  if (!isIndex(start) || !isIndex(end) || !isIndex(size)) return reject('bounds must be non-negative safe integers');
  if (end > size) return reject(`subtree end ${end} > tree size ${size}`);
  if (!(subtreeRoot instanceof Uint8Array) || !(root instanceof Uint8Array)) return reject('roots must be byte arrays');
  const bad = badProofReason(proof);
  if (bad !== undefined) return reject(bad);
  if (start === end) {
    if (proof.length !== 0) return reject('empty subtree but the proof is not empty');
    return bytesEqual(subtreeRoot, emptyRoot()) ? accept : reject('empty subtree but its hash is not the empty hash');
  }
  if (!isValidSubtree(start, end)) return reject(`[${start}, ${end}) is not a valid subtree`);
  const result = evaluate(size, start, end, proof, subtreeRoot);
  if (!result.ok) return reject(result.reason);
  return bytesEqual(result.root, root) ? accept : reject('root hash mismatch');
}

/** Is leaf `leafHash` at `index` inside the valid subtree [start, end) whose hash is `subtreeRoot`? */
export function verifySubtreeInclusion(
  leafHash: Uint8Array,
  index: number,
  start: number,
  end: number,
  proof: readonly Uint8Array[],
  subtreeRoot: Uint8Array,
): Verdict {
  if (!isIndex(index) || !isIndex(start) || !isIndex(end)) return reject('bounds must be non-negative safe integers');
  if (!isValidSubtree(start, end)) return reject(`[${start}, ${end}) is not a valid subtree`);
  if (index < start || index >= end) return reject(`leaf index ${index} outside [${start}, ${end})`);
  if (!isHash(leafHash)) return reject(`leaf hash must be ${HASH_SIZE} bytes`);
  if (!(subtreeRoot instanceof Uint8Array)) return reject('root must be a byte array');
  const bad = badProofReason(proof);
  if (bad !== undefined) return reject(bad);
  const local = index - start;
  const result = evaluate(end - start, local, local + 1, proof, leafHash);
  if (!result.ok) return reject(result.reason);
  return bytesEqual(result.root, subtreeRoot) ? accept : reject('subtree root mismatch');
}
