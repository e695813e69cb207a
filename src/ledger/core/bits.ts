/**
 * Bit arithmetic on non-negative safe integers (0 ≤ x ≤ 2^53 − 1).
 *
 * JavaScript's bitwise operators work on 32 bits only, and a log may outgrow 2^32 entries, so tree
 * math goes through these helpers, which split a number into a high and a low 32-bit word.
 */

const TWO_32 = 0x1_0000_0000;

/** True when `x` is an integer in [0, 2^53 − 1]: the domain of every size and index in this module. */
export function isIndex(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;
}

/** Number of bits needed to write x (bitLength(0) = 0, bitLength(1) = 1, bitLength(8) = 4). */
export function bitLength(x: number): number {
  const hi = Math.floor(x / TWO_32);
  return hi > 0 ? 64 - Math.clz32(hi) : 32 - Math.clz32(x >>> 0);
}

/** Number of trailing zero bits (x > 0). */
export function trailingZeros(x: number): number {
  let lo = x % TWO_32;
  if (lo === 0) {
    let hi = Math.floor(x / TWO_32);
    let n = 32;
    while (hi % 2 === 0) {
      hi /= 2;
      n++;
    }
    return n;
  }
  let n = 0;
  while (lo % 2 === 0) {
    lo /= 2;
    n++;
  }
  return n;
}

/** Number of trailing one bits. */
export function trailingOnes(x: number): number {
  let n = 0;
  while (x % 2 === 1) {
    x = (x - 1) / 2;
    n++;
  }
  return n;
}

/** Number of set bits. */
export function popCount(x: number): number {
  let n = 0;
  while (x > 0) {
    if (x % 2 === 1) n++;
    x = Math.floor(x / 2);
  }
  return n;
}

/** x >> k without the 32-bit truncation. */
export function shr(x: number, k: number): number {
  return Math.floor(x / 2 ** k);
}

/** x << k (the caller keeps the result below 2^53). */
export function shl(x: number, k: number): number {
  return x * 2 ** k;
}

/** x XOR y. */
export function xor(x: number, y: number): number {
  const hi = (Math.floor(x / TWO_32) ^ Math.floor(y / TWO_32)) >>> 0;
  const lo = ((x % TWO_32) ^ (y % TWO_32)) >>> 0;
  return hi * TWO_32 + lo;
}

/** Smallest power of two ≥ x (bitCeil(0) = 1, as in C++ std::bit_ceil). */
export function bitCeil(x: number): number {
  return x <= 1 ? 1 : 2 ** bitLength(x - 1);
}

/** True when x is a power of two (x > 0). */
export function isPowerOfTwo(x: number): boolean {
  return x > 0 && 2 ** (bitLength(x) - 1) === x;
}
