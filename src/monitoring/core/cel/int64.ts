import type { Pos } from './errors.ts';
import { fail } from './errors.ts';
import { CelUint } from './values.ts';

/**
 * CEL's int is int64 and its uint is uint64. An int is a JS number while it is a safe integer (the hot path:
 * amounts in minor units, counts, times in ms) and a bigint beyond, always in that canonical form so `===`
 * stays CEL equality. Arithmetic runs on numbers and moves to bigint only when the result leaves ±2^53-1.
 */
export type Int = number | bigint;

export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;
export const UINT64_MAX = 2n ** 64n - 1n;
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The canonical form of an int64 value, or an overflow error. */
export function canonInt(r: bigint, at: Pos): Int {
  if (r > INT64_MAX || r < INT64_MIN) fail('overflow', 'integer overflow', at);
  return r >= -SAFE && r <= SAFE ? Number(r) : r;
}

export const isInt = (v: unknown): v is Int =>
  (typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'bigint' && v >= INT64_MIN && v <= INT64_MAX);

export const isSafe = (r: number): boolean => r <= Number.MAX_SAFE_INTEGER && r >= -Number.MAX_SAFE_INTEGER;

export function addInt(x: Int, y: Int, at: Pos): Int {
  if (typeof x === 'number' && typeof y === 'number') {
    const r = x + y;
    if (isSafe(r)) return r + 0;
  }
  return canonInt(BigInt(x) + BigInt(y), at);
}

export function subInt(x: Int, y: Int, at: Pos): Int {
  if (typeof x === 'number' && typeof y === 'number') {
    const r = x - y;
    if (isSafe(r)) return r + 0;
  }
  return canonInt(BigInt(x) - BigInt(y), at);
}

export function mulInt(x: Int, y: Int, at: Pos): Int {
  if (typeof x === 'number' && typeof y === 'number') {
    // Exact whenever the true product is a safe integer; anything larger is redone in bigint.
    const r = x * y;
    if (isSafe(r)) return r + 0;
  }
  return canonInt(BigInt(x) * BigInt(y), at);
}

export function divInt(x: Int, y: Int, at: Pos): Int {
  if (y === 0) fail('division_by_zero', 'division by zero', at);
  // Exact for all safe ints, unlike Math.trunc(x / y) whose rounding can land on the next integer.
  if (typeof x === 'number' && typeof y === 'number') return (x - (x % y)) / y + 0;
  return canonInt(BigInt(x) / BigInt(y), at); // only MIN / -1 overflows
}

export function modInt(x: Int, y: Int, at: Pos): Int {
  if (y === 0) fail('division_by_zero', 'modulus by zero', at);
  if (typeof x === 'number' && typeof y === 'number') return (x % y) + 0;
  return canonInt(BigInt(x) % BigInt(y), at);
}

export const negInt = (x: Int, at: Pos): Int => (typeof x === 'number' ? 0 - x : canonInt(-x, at));

export function uint(r: bigint, at: Pos): CelUint {
  if (r < 0n || r > UINT64_MAX) fail('overflow', 'unsigned integer overflow', at);
  return new CelUint(r);
}

export const addUint = (x: CelUint, y: CelUint, at: Pos): CelUint => uint(x.v + y.v, at);
export const subUint = (x: CelUint, y: CelUint, at: Pos): CelUint => uint(x.v - y.v, at);
export const mulUint = (x: CelUint, y: CelUint, at: Pos): CelUint => uint(x.v * y.v, at);
export function divUint(x: CelUint, y: CelUint, at: Pos): CelUint {
  if (y.v === 0n) fail('division_by_zero', 'division by zero', at);
  return new CelUint(x.v / y.v);
}
export function modUint(x: CelUint, y: CelUint, at: Pos): CelUint {
  if (y.v === 0n) fail('division_by_zero', 'modulus by zero', at);
  return new CelUint(x.v % y.v);
}

/** A number-like CEL value (int, uint or double) as something JS can compare: number or bigint. */
export const numeric = (v: unknown): number | bigint => (v instanceof CelUint ? v.v : (v as number | bigint));

/** int/uint/double ordering across types, as CEL defines it since heterogeneous comparison: by numeric value. */
export function compareNum(a: unknown, b: unknown): number {
  const x = numeric(a);
  const y = numeric(b);
  if (x < y) return -1;
  if (x > y) return 1;
  return x == y ? 0 : NaN; // `==` compares a bigint with a number by value
}

/** A double truncated to int64, or an error when it has no int64 value (NaN, ±Inf, out of range). */
export function doubleToInt(v: number, at: Pos): Int {
  // ±2^63 are exactly representable; cel-go and the conformance tests treat both as out of range.
  if (!Number.isFinite(v) || v >= 9223372036854775808 || v <= -9223372036854775808)
    fail('overflow', `double ${v} is out of int range`, at);
  const t = Math.trunc(v) + 0;
  return isSafe(t) ? t : canonInt(BigInt(t), at);
}

export function doubleToUint(v: number, at: Pos): CelUint {
  if (!Number.isFinite(v) || v >= 18446744073709551616 || v <= -1)
    fail('overflow', `double ${v} is out of uint range`, at);
  return new CelUint(BigInt(Math.trunc(v)));
}
