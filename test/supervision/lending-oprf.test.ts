import { ristretto255_oprf } from '@noble/curves/ed25519.js';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  blindInput,
  bytesToHex,
  deriveKeyPair,
  evaluateBatch,
  finalizeBatch,
  hexToBytes,
  identityInput,
  isElement,
  normaliseIdNumber,
  tokenOf,
} from '../../src/supervision/lending/index.ts';

/**
 * noble draws a blind as (LE(rng(48)) mod (n−1)) + 1, so an rng that returns LE(s − 1) yields the
 * vector's scalar s exactly.
 */
const fixedScalar = (hex: string) => (): Uint8Array => {
  const s = BigInt(`0x${Buffer.from(hexToBytes(hex)).reverse().toString('hex')}`) - 1n;
  const out = new Uint8Array(48);
  let x = s;
  for (let i = 0; i < 48; i++, x >>= 8n) out[i] = Number(x & 0xffn);
  return out;
};

// RFC 9497 Appendix A.1.1 (OPRF) and A.1.2 (VOPRF), ristretto255-SHA512.
const seed = hexToBytes('a3'.repeat(32));
const testKey = hexToBytes('74657374206b6579');
const blindHex = '64d37aed22a27f5191de1c1d69fadb899d8862b58eb4220029e036ec4c1f6706';

describe('RFC 9497 test vectors, ristretto255-SHA512', () => {
  it('OPRF mode, test vectors 1 and 2', () => {
    const oprf = ristretto255_oprf.oprf;
    const keys = oprf.deriveKeyPair(seed, testKey);
    expect(bytesToHex(keys.secretKey)).toBe('5ebcea5ee37023ccb9fc2d2019f9d7737be85591ae8652ffa9ef0f4d37063b0e');
    const vectors = [
      {
        input: '00',
        blinded: '609a0ae68c15a3cf6903766461307e5c8bb2f95e7e6550e1ffa2dc99e412803c',
        evaluated: '7ec6578ae5120958eb2db1745758ff379e77cb64fe77b0b2d8cc917ea0869c7e',
        output:
          '527759c3d9366f277d8c6020418d96bb393ba2afb20ff90df23fb7708264e2f3ab9135e3bd69955851de4b1f9fe8a0973396719b7912ba9ee8aa7d0b5e24bcf6',
      },
      {
        input: '5a'.repeat(17),
        blinded: 'da27ef466870f5f15296299850aa088629945a17d1f5b7f5ff043f76b3c06418',
        evaluated: 'b4cbf5a4f1eeda5a63ce7b77c7d23f461db3fcab0dd28e4e17cecb5c90d02c25',
        output:
          'f4a74c9c592497375e796aa837e907b1a045d34306a749db9f34221f7e750cb4f2a6413a6bf6fa5e19ba6348eb673934a722a7ede2e7621306d18951e7cf2c73',
      },
    ];
    for (const v of vectors) {
      const b = oprf.blind(hexToBytes(v.input), fixedScalar(blindHex));
      expect(bytesToHex(b.blind)).toBe(blindHex);
      expect(bytesToHex(b.blinded)).toBe(v.blinded);
      const ev = oprf.blindEvaluate(keys.secretKey, b.blinded);
      expect(bytesToHex(ev)).toBe(v.evaluated);
      expect(bytesToHex(oprf.finalize(hexToBytes(v.input), b.blind, ev))).toBe(v.output);
    }
  });

  it('VOPRF mode, test vector 1: the key pair, the evaluation, the proof and the output (the mode used here)', () => {
    const keys = deriveKeyPair(seed, testKey);
    expect(bytesToHex(keys.secretKey)).toBe('e6f73f344b79b379f1a0dd37e07ff62e38d9f71345ce62ae3a9bc60b04ccd909');
    expect(bytesToHex(keys.publicKey)).toBe('c803e2cc6b05fc15064549b5920659ca4a77b2cca6f04f6b357009335476ad4e');
    const b = blindInput(hexToBytes('00'), fixedScalar(blindHex));
    expect(bytesToHex(b.blinded)).toBe('863f330cc1a1259ed5a5998a23acfd37fb4351a793a5b3c090b642ddc439b945');
    const ev = evaluateBatch(
      keys,
      [b.blinded],
      fixedScalar('222a5e897cf59db8145db8d16e597e8facb80ae7d4e26d9881aa6f61d645fc0e'),
    );
    expect(bytesToHex(ev.evaluated[0]!)).toBe('aa8fa048764d5623868679402ff6108d2521884fa138cd7f9c7669a9a014267e');
    expect(bytesToHex(ev.proof)).toBe(
      'ddef93772692e535d1a53903db24367355cc2cc78de93b3be5a8ffcc6985dd066d4346421d17bf5117a2a1ff0fcb2a759f58a539dfbe857a40bce4cf49ec600d',
    );
    const [out] = finalizeBatch([b], ev.evaluated, ev.proof, keys.publicKey);
    expect(bytesToHex(out!)).toBe(
      'b58cfbe118e0cb94d79b5fd6a6dafb98764dff49c14e1770b566e42402da1a7da4d8527693914139caee5bd03903af43a491351d23b430948dd50cde10d32b3c',
    );
  });

  it('refuses an evaluation made with another key (the proof does not verify)', () => {
    const pinned = deriveKeyPair(seed);
    const other = deriveKeyPair(hexToBytes('b4'.repeat(32)));
    const b = blindInput(identityInput('11010519491231002X'));
    const ev = evaluateBatch(other, [b.blinded]);
    expect(() => finalizeBatch([b], ev.evaluated, ev.proof, pinned.publicKey)).toThrow();
  });

  it('equals @noble/curves on random inputs, batches and blinds (key, blinded, evaluated, proof, outputs)', () => {
    const rnd = (n = 48) => new Uint8Array(randomBytes(n));
    const noble = ristretto255_oprf.voprf;
    for (let run = 0; run < 8; run++) {
      const seedBytes = rnd(32);
      const keys = deriveKeyPair(seedBytes);
      expect(keys).toEqual(noble.deriveKeyPair(seedBytes, new TextEncoder().encode('zhili multi-lending key v1')));
      const inputs = Array.from({ length: 1 + (run % 3) }, () => rnd(1 + run * 5));
      const blinds = inputs.map(() => rnd());
      const ours = inputs.map((x, i) => blindInput(x, () => blinds[i]!));
      const theirs = inputs.map((x, i) => noble.blind(x, () => blinds[i]!));
      expect(ours.map((b) => bytesToHex(b.blinded))).toEqual(theirs.map((b) => bytesToHex(b.blinded)));
      const r = rnd();
      const ev = evaluateBatch(
        keys,
        ours.map((b) => b.blinded),
        () => r,
      );
      const ref = noble.blindEvaluateBatch(
        keys.secretKey,
        keys.publicKey,
        theirs.map((b) => b.blinded),
        () => r,
      );
      expect(bytesToHex(ev.proof)).toBe(bytesToHex(ref.proof));
      expect(ev.evaluated.map(bytesToHex)).toEqual(ref.evaluated.map(bytesToHex));
      const out = finalizeBatch(ours, ev.evaluated, ev.proof, keys.publicKey);
      const refOut = noble.finalizeBatch(
        theirs.map((b, i) => ({ input: inputs[i]!, blind: b.blind, blinded: b.blinded, evaluated: ref.evaluated[i]! })),
        keys.publicKey,
        ref.proof,
      );
      expect(out.map(bytesToHex)).toEqual(refOut.map(bytesToHex));
    }
  });

  it('refuses a proof with one bit flipped, a non-canonical scalar, or an identity element', () => {
    const keys = deriveKeyPair(seed);
    const b = blindInput(identityInput('11010519491231002X'));
    const ev = evaluateBatch(keys, [b.blinded]);
    const flipped = new Uint8Array(ev.proof);
    flipped[40]! ^= 1;
    expect(() => finalizeBatch([b], ev.evaluated, flipped, keys.publicKey)).toThrow();
    const nonCanonical = new Uint8Array(ev.proof);
    nonCanonical.fill(0xff, 32);
    expect(() => finalizeBatch([b], ev.evaluated, nonCanonical, keys.publicKey)).toThrow();
    expect(() => finalizeBatch([b], [new Uint8Array(32)], ev.proof, keys.publicKey)).toThrow();
    expect(isElement(new Uint8Array(32))).toBe(false);
    expect(isElement(b.blinded)).toBe(true);
  });

  it('gives one token per person whatever the blind, and different tokens for different people', () => {
    const keys = deriveKeyPair(seed);
    const tokenFor = (id: string) => {
      const b = blindInput(identityInput(id));
      const ev = evaluateBatch(keys, [b.blinded]);
      return tokenOf(finalizeBatch([b], ev.evaluated, ev.proof, keys.publicKey)[0]!);
    };
    expect(tokenFor('11010519491231002X')).toBe(tokenFor('11010519491231002X'));
    expect(tokenFor('11010519491231002X')).not.toBe(tokenFor('110105194912310029'.slice(0, 17) + '1'));
  });
});

describe('identity number normalisation', () => {
  it('folds full-width digits, spaces and lower-case x; widens 15-digit numbers; checks date and check digit', () => {
    expect(normaliseIdNumber('11010519491231002X')).toEqual({ ok: true, value: '11010519491231002X' });
    expect(normaliseIdNumber(' １１０１０５ １９４９１２３１００２x ')).toEqual({
      ok: true,
      value: '11010519491231002X',
    });
    expect(normaliseIdNumber('110105491231002')).toEqual({ ok: true, value: '11010519491231002X' });
    expect(normaliseIdNumber('110105194912310021').ok).toBe(false);
    expect(normaliseIdNumber('110105194902300028').ok).toBe(false);
    expect(normaliseIdNumber('1101051949').ok).toBe(false);
  });
});
