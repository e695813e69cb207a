import { createRequire } from 'node:module';
import { expand_message_xmd } from '@noble/curves/abstract/hash-to-curve.js';
import { sha512 } from '@noble/hashes/sha2.js';
import type Sodium from 'libsodium-wrappers-sumo';

/**
 * RFC 9497 VOPRF (mode 0x01), ristretto255-SHA512, on libsodium's constant-time ristretto255 (WebAssembly):
 * a scalar multiplication costs about a tenth of the pure-JavaScript one, which is what a check is made of
 * (about thirteen of them). The protocol steps are written out here, section by section of the RFC; the
 * group and scalar arithmetic is libsodium's. Checked against the RFC's test vectors and against
 * @noble/curves' implementation on random inputs (test/supervision/lending-oprf.test.ts).
 */
// The ESM entry of libsodium-wrappers-sumo 0.7 points at a file it does not ship; the CommonJS one works.
const sodium = createRequire(import.meta.url)('libsodium-wrappers-sumo') as typeof Sodium;
await sodium.ready;

const te = new TextEncoder();
const cat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const i2osp2 = (n: number): Uint8Array => Uint8Array.of(n >> 8, n & 0xff);
/** I2OSP(len(x), 2) || x */
const lp = (x: Uint8Array): Uint8Array => cat(i2osp2(x.length), x);

const context = cat(te.encode('OPRFV1-'), Uint8Array.of(0x01), te.encode('-ristretto255-SHA512'));
const dst = {
  group: cat(te.encode('HashToGroup-'), context),
  scalar: cat(te.encode('HashToScalar-'), context),
  derive: cat(te.encode('DeriveKeyPair'), context),
  seed: cat(te.encode('Seed-'), context),
};
const label = { composite: te.encode('Composite'), challenge: te.encode('Challenge'), finalize: te.encode('Finalize') };

/** The group order L. */
const order = 2n ** 252n + 27742317777372353535851937790883648493n;
const identity = new Uint8Array(32);

const hashToGroup = (x: Uint8Array): Uint8Array =>
  sodium.crypto_core_ristretto255_from_hash(expand_message_xmd(x, dst.group, 64, sha512));
const hashToScalar = (x: Uint8Array, d: Uint8Array = dst.scalar): Uint8Array =>
  sodium.crypto_core_ristretto255_scalar_reduce(expand_message_xmd(x, d, 64, sha512));
const mul = (s: Uint8Array, p: Uint8Array): Uint8Array => sodium.crypto_scalarmult_ristretto255(s, p);
const add = (p: Uint8Array, q: Uint8Array): Uint8Array => sodium.crypto_core_ristretto255_add(p, q);
const equal = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

const leToBig = (b: Uint8Array): bigint => {
  let x = 0n;
  for (let i = b.length - 1; i >= 0; i--) x = (x << 8n) | BigInt(b[i]!);
  return x;
};
const bigToLe32 = (x: bigint): Uint8Array => {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++, x >>= 8n) out[i] = Number(x & 0xffn);
  return out;
};
/** A canonical scalar (little-endian, below L). */
const canonical = (s: Uint8Array): boolean => s.length === 32 && leToBig(s) < order;

/**
 * A random non-zero scalar. Given an rng, drawn as @noble/curves draws it — (LE(rng(48)) mod (L − 1)) + 1 —
 * so that the RFC's vectors (fixed blinds) and noble's outputs can be reproduced exactly.
 */
export function randomScalar(rng?: (n?: number) => Uint8Array): Uint8Array {
  if (!rng) return sodium.crypto_core_ristretto255_scalar_random();
  return bigToLe32((leToBig(rng(48)) % (order - 1n)) + 1n);
}

/** A ristretto255 element other than the identity (what a blinded or evaluated element must be). */
export function isElement(bytes: Uint8Array): boolean {
  return bytes.length === 32 && !equal(bytes, identity) && sodium.crypto_core_ristretto255_is_valid_point(bytes);
}

/** RFC 9497 §3.2.1 DeriveKeyPair. */
export function deriveKeys(seed: Uint8Array, info: Uint8Array): { secretKey: Uint8Array; publicKey: Uint8Array } {
  const input = cat(seed, lp(info));
  for (let counter = 0; counter < 256; counter++) {
    const sk = hashToScalar(cat(input, Uint8Array.of(counter)), dst.derive);
    if (!equal(sk, identity)) return { secretKey: sk, publicKey: sodium.crypto_scalarmult_ristretto255_base(sk) };
  }
  throw new Error('DeriveKeyPairError');
}

/** RFC 9497 §3.3.1 Blind. */
export function blind(input: Uint8Array, rng?: (n?: number) => Uint8Array): { blind: Uint8Array; blinded: Uint8Array } {
  const element = hashToGroup(input);
  if (equal(element, identity)) throw new Error('InvalidInputError');
  const b = randomScalar(rng);
  return { blind: b, blinded: mul(b, element) };
}

/** RFC 9497 §2.2.1 ComputeComposites; with the key, ComputeCompositesFast (Z = k·M). */
function composites(
  B: Uint8Array,
  C: readonly Uint8Array[],
  D: readonly Uint8Array[],
  k?: Uint8Array,
): { M: Uint8Array; Z: Uint8Array } {
  const seed = sha512(cat(lp(B), lp(dst.seed)));
  let M: Uint8Array = identity;
  let Z: Uint8Array = identity;
  for (let i = 0; i < C.length; i++) {
    const di = hashToScalar(cat(lp(seed), i2osp2(i), lp(C[i]!), lp(D[i]!), label.composite));
    M = add(mul(di, C[i]!), M);
    if (!k) Z = add(mul(di, D[i]!), Z);
  }
  return { M, Z: k ? mul(k, M) : Z };
}

const challenge = (B: Uint8Array, M: Uint8Array, Z: Uint8Array, t2: Uint8Array, t3: Uint8Array): Uint8Array =>
  hashToScalar(cat(lp(B), lp(M), lp(Z), lp(t2), lp(t3), label.challenge));

/** RFC 9497 §3.3.2 BlindEvaluate, batched, with §2.2.2 GenerateProof (A is the generator). */
export function evaluate(
  sk: Uint8Array,
  pk: Uint8Array,
  blinded: readonly Uint8Array[],
  rng?: (n?: number) => Uint8Array,
): { evaluated: Uint8Array[]; proof: Uint8Array } {
  const evaluated = blinded.map((b) => mul(sk, b));
  const { M, Z } = composites(pk, blinded, evaluated, sk);
  const r = randomScalar(rng);
  const c = challenge(pk, M, Z, sodium.crypto_scalarmult_ristretto255_base(r), mul(r, M));
  const s = sodium.crypto_core_ristretto255_scalar_sub(r, sodium.crypto_core_ristretto255_scalar_mul(c, sk));
  return { evaluated, proof: cat(c, s) };
}

/** RFC 9497 §2.2.3 VerifyProof (A is the generator). */
export function verify(
  pk: Uint8Array,
  blinded: readonly Uint8Array[],
  evaluated: readonly Uint8Array[],
  proof: Uint8Array,
): boolean {
  if (proof.length !== 64 || !isElement(pk)) return false;
  const c = proof.subarray(0, 32);
  const s = proof.subarray(32);
  if (!canonical(c) || !canonical(s) || !evaluated.every(isElement)) return false;
  try {
    const { M, Z } = composites(pk, blinded, evaluated);
    const t2 = add(sodium.crypto_scalarmult_ristretto255_base(s), mul(c, pk));
    const t3 = add(mul(s, M), mul(c, Z));
    return equal(challenge(pk, M, Z, t2, t3), c);
  } catch {
    // libsodium refuses a zero scalar or an identity result: such a proof is not a valid one.
    return false;
  }
}

/** RFC 9497 §3.3.2 Finalize, after the batch's proof was verified. */
export function unblind(input: Uint8Array, b: Uint8Array, evaluated: Uint8Array): Uint8Array {
  const n = mul(sodium.crypto_core_ristretto255_scalar_invert(b), evaluated);
  return sha512(cat(lp(input), lp(n), label.finalize));
}
