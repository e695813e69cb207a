/**
 * RFC 6962 §2.1 / RFC 9162 §2.1.1 hashing with SHA-256:
 *   leaf  = SHA-256(0x00 ‖ data)
 *   node  = SHA-256(0x01 ‖ left ‖ right)
 *   empty = SHA-256("")
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** Size in bytes of every hash in the tree. */
export const HASH_SIZE = 32;

const LEAF_PREFIX = new Uint8Array([0x00]);
const NODE_PREFIX = new Uint8Array([0x01]);

/** The root of the empty tree: SHA-256 of the empty string. */
export function emptyRoot(): Uint8Array {
  return createHash('sha256').digest();
}

/** Hash of a log entry's bytes (a leaf). */
export function hashLeaf(data: Uint8Array | string): Uint8Array {
  return createHash('sha256').update(LEAF_PREFIX).update(data).digest();
}

/** Hash of an interior node from its two children. */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** Byte equality (constant time when the lengths match). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** True when `h` is a byte array of exactly HASH_SIZE bytes. */
export function isHash(h: unknown): h is Uint8Array {
  return h instanceof Uint8Array && h.length === HASH_SIZE;
}

/** Result of a verifier: never thrown, always returned. */
export type Verdict = { ok: true } | { ok: false; reason: string };

export const accept: Verdict = Object.freeze({ ok: true });

export function reject(reason: string): Verdict {
  return { ok: false, reason };
}

/** Checks that a proof is an array of HASH_SIZE-byte hashes; returns the reason when it is not. */
export function badProofReason(proof: unknown): string | undefined {
  if (!Array.isArray(proof)) return 'proof is not an array';
  for (let i = 0; i < proof.length; i++) {
    if (!isHash(proof[i])) return `proof[${i}] is not a ${HASH_SIZE}-byte hash`;
  }
  return undefined;
}
