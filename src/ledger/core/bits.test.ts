import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bitCeil, bitLength, isPowerOfTwo, popCount, shl, shr, trailingOnes, trailingZeros, xor } from './bits.ts';

const safe = fc.nat({ max: Number.MAX_SAFE_INTEGER });
const big = (x: number): bigint => BigInt(x);

describe('bit helpers agree with BigInt on all safe integers', () => {
  it('bitLength, popCount, trailingOnes, xor, shr', () => {
    fc.assert(
      fc.property(safe, safe, fc.integer({ min: 0, max: 60 }), (x, y, k) => {
        expect(bitLength(x)).toBe(x === 0 ? 0 : big(x).toString(2).length);
        expect(popCount(x)).toBe([...big(x).toString(2)].filter((c) => c === '1').length);
        expect(trailingOnes(x)).toBe(/1*$/.exec(big(x).toString(2))?.[0].length ?? 0);
        expect(xor(x, y)).toBe(Number(big(x) ^ big(y)));
        expect(shr(x, k)).toBe(Number(big(x) >> BigInt(k)));
      }),
    );
  });

  it('trailingZeros, shl, bitCeil, isPowerOfTwo', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (x) => {
        expect(trailingZeros(x)).toBe(/0*$/.exec(big(x).toString(2))?.[0].length ?? 0);
        const k = 53 - bitLength(x);
        expect(shl(x, k)).toBe(Number(big(x) << BigInt(k)));
        const ceil = bitCeil(x);
        expect(ceil >= x && ceil / 2 < x && isPowerOfTwo(ceil)).toBe(true);
        expect(isPowerOfTwo(x)).toBe((big(x) & (big(x) - 1n)) === 0n);
      }),
    );
    expect(bitCeil(0)).toBe(1);
    expect(trailingZeros(2 ** 40)).toBe(40);
  });
});
