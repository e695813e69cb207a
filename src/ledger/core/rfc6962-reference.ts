/**
 * The RFC 6962 §2.1 definitions written literally as recursions over the leaf hashes: O(n) per call.
 * The reference the fast, node-store-based code is tested against; also handy for small audits.
 */
import { emptyRoot, hashChildren } from './hash.ts';

/** Largest power of two strictly smaller than n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) from the leaf hashes. */
export function merkleTreeHash(leafHashes: readonly Uint8Array[]): Uint8Array {
  const n = leafHashes.length;
  if (n === 0) return emptyRoot();
  if (n === 1) return leafHashes[0] as Uint8Array;
  const k = split(n);
  return hashChildren(merkleTreeHash(leafHashes.slice(0, k)), merkleTreeHash(leafHashes.slice(k)));
}

/** PATH(m, D[n]) (0 ≤ m < n). */
export function referenceInclusionProof(m: number, leafHashes: readonly Uint8Array[]): Uint8Array[] {
  const n = leafHashes.length;
  if (n <= 1) return [];
  const k = split(n);
  return m < k
    ? [...referenceInclusionProof(m, leafHashes.slice(0, k)), merkleTreeHash(leafHashes.slice(k))]
    : [...referenceInclusionProof(m - k, leafHashes.slice(k)), merkleTreeHash(leafHashes.slice(0, k))];
}

/** PROOF(m, D[n]) (0 < m ≤ n). */
export function referenceConsistencyProof(m: number, leafHashes: readonly Uint8Array[]): Uint8Array[] {
  return subproof(m, leafHashes, true);
}

function subproof(m: number, leafHashes: readonly Uint8Array[], complete: boolean): Uint8Array[] {
  const n = leafHashes.length;
  if (m === n) return complete ? [] : [merkleTreeHash(leafHashes)];
  const k = split(n);
  return m <= k
    ? [...subproof(m, leafHashes.slice(0, k), complete), merkleTreeHash(leafHashes.slice(k))]
    : [...subproof(m - k, leafHashes.slice(k), false), merkleTreeHash(leafHashes.slice(0, k))];
}
