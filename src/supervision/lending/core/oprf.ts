import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { sha256Hex } from '../../../kernel/index.ts';
import { blind, deriveKeys, evaluate, isElement, unblind, verify } from './voprf.ts';

/**
 * RFC 9497 VOPRF, ristretto255-SHA512 (./voprf.ts). The verifiable mode rather than the base one: the
 * key holder proves (DLEQ) that it evaluated with the key whose public half every platform has pinned,
 * so it cannot give one platform tokens under another key (which would split an applicant's loans
 * across tokens, or tag one platform's queries).
 */

export const suiteName = 'ristretto255-SHA512';
/** keyInfo of DeriveKeyPair: names the key's purpose and generation. */
export const keyInfo = new TextEncoder().encode('zhili multi-lending key v1');

export { bytesToHex, hexToBytes, isElement };

export interface KeyPair {
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

/** The key holder's key pair from a 32-byte seed it alone keeps. */
export function deriveKeyPair(seed: Uint8Array, info: Uint8Array = keyInfo): KeyPair {
  if (seed.length < 32) throw new RangeError('the OPRF seed must have at least 32 bytes');
  return deriveKeys(seed, info);
}

export interface Blinded {
  readonly input: Uint8Array;
  readonly blind: Uint8Array;
  readonly blinded: Uint8Array;
}

/** Platform side: hides the input behind a fresh random blind. */
export function blindInput(input: Uint8Array, rng?: (n?: number) => Uint8Array): Blinded {
  const b = blind(input, rng);
  return { input, blind: b.blind, blinded: b.blinded };
}

/** Key holder side: one batch, one proof. Throws on a malformed or identity element. */
export function evaluateBatch(
  keys: KeyPair,
  blinded: readonly Uint8Array[],
  rng?: (n?: number) => Uint8Array,
): { evaluated: Uint8Array[]; proof: Uint8Array } {
  return evaluate(keys.secretKey, keys.publicKey, blinded, rng);
}

/** Platform side: verifies the batch proof against the pinned key, then unblinds. Throws if the proof fails. */
export function finalizeBatch(
  items: readonly Blinded[],
  evaluated: readonly Uint8Array[],
  proof: Uint8Array,
  publicKey: Uint8Array,
): Uint8Array[] {
  if (evaluated.length !== items.length) throw new Error('the key holder returned a different number of elements');
  if (
    !verify(
      publicKey,
      items.map((it) => it.blinded),
      evaluated,
      proof,
    )
  )
    throw new Error('the proof of the key holder does not verify against the pinned key');
  return items.map((it, i) => unblind(it.input, it.blind, evaluated[i]!));
}

const tokenLabel = new TextEncoder().encode('zhili/multi-lending/v1/token');

/**
 * The registry's pseudonym for a person: SHA-256 of a label and the 64-byte OPRF output, hex. Only a
 * holder of the OPRF key (or of an evaluation for that very input) can compute it from an identity number.
 */
export function tokenOf(output: Uint8Array): string {
  const m = new Uint8Array(tokenLabel.length + output.length);
  m.set(tokenLabel);
  m.set(output, tokenLabel.length);
  return sha256Hex(m);
}

/** What audit rows keep of a token: enough to link queries about one person, not the token itself. */
export function tokenDigest(token: string): string {
  return sha256Hex(`zhili/multi-lending/v1/audit/${token}`);
}

/** One digest of a batch of blinded elements, for the key holder's audit row. */
export function blindedDigest(blinded: readonly Uint8Array[]): string {
  const all = new Uint8Array(blinded.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of blinded) {
    all.set(b, at);
    at += b.length;
  }
  return sha256Hex(all);
}
