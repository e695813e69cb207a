import { CelRuntimeError } from './errors.ts';
import type { CelRuntimeCode, Pos } from './errors.ts';
import type { CelType } from './types.ts';

/**
 * Runtime representation: int and double are JS numbers (an integral number counts as an int when only the
 * value is known), lists are arrays, maps are plain objects (string keys) or `Map`s, objects are plain objects.
 */
export type Activation = Readonly<Record<string, unknown>>;
export type Eval = (a: Activation) => unknown;

export const MAX_INT = Number.MAX_SAFE_INTEGER;

export function fail(code: CelRuntimeCode, message: string, at: Pos, cause?: unknown): never {
  throw new CelRuntimeError(code, message, at, cause);
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Map);

export const isMapValue = (v: unknown): v is Record<string, unknown> | Map<unknown, unknown> =>
  v instanceof Map || isPlainObject(v);

export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (v instanceof Map) return 'map';
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) ? 'int' : 'double';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'object':
      return 'map';
    case 'undefined':
      return 'undefined';
    default:
      return typeof v;
  }
}

/** Sentinel for an absent key, since `undefined` may be a stored value in a JS Map. */
export const MISSING: unique symbol = Symbol('missing');

export function mapGet(m: Record<string, unknown> | Map<unknown, unknown>, k: unknown): unknown {
  if (m instanceof Map) return m.has(k) ? m.get(k) : MISSING;
  // Own properties only: `m['constructor']` must not reach Object.prototype.
  return typeof k === 'string' && Object.hasOwn(m, k) && m[k] !== undefined ? m[k] : MISSING;
}

export const mapSize = (m: Record<string, unknown> | Map<unknown, unknown>): number =>
  m instanceof Map ? m.size : Object.keys(m).length;

export const mapKeys = (m: Record<string, unknown> | Map<unknown, unknown>): unknown[] =>
  m instanceof Map ? [...m.keys()] : Object.keys(m);

/** CEL equality: numeric across int/double, deep on lists and maps, false (not an error) across types. */
export function celEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!celEquals(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b) || !isMapValue(a) || !isMapValue(b) || mapSize(a) !== mapSize(b)) return false;
  for (const k of mapKeys(a)) {
    const bv = mapGet(b, k);
    if (bv === MISSING || !celEquals(mapGet(a, k), bv)) return false;
  }
  return true;
}

/** A predicate for "this JS value may stand for a value of type t"; shallow for lists, maps and objects. */
export function guardFor(t: CelType): (v: unknown) => boolean {
  switch (t.kind) {
    case 'int':
      return (v) => typeof v === 'number' && Number.isSafeInteger(v);
    case 'double':
      return (v) => typeof v === 'number';
    case 'string':
      return (v) => typeof v === 'string';
    case 'bool':
      return (v) => typeof v === 'boolean';
    case 'null':
      return (v) => v === null;
    case 'dyn':
      return (v) => v !== undefined;
    case 'list':
      return Array.isArray;
    case 'map':
      return isMapValue;
    case 'object':
      // A null message reads as absent: `event.device == null` works, `event.device.id` then fails. Arrays
      // and Maps pass too: they have none of the declared fields, so the first field read fails instead.
      return (v) => typeof v === 'object';
  }
}

export function checkedInt(r: number, at: Pos): number {
  if (r > MAX_INT || r < -MAX_INT) fail('overflow', 'integer overflow', at);
  return r + 0; // folds -0 into 0: ints have no negative zero
}

export function intDiv(x: number, y: number, at: Pos): number {
  if (y === 0) fail('division_by_zero', 'division by zero', at);
  // Exact for all safe ints, unlike Math.trunc(x / y) whose rounding can land on the next integer.
  return checkedInt((x - (x % y)) / y, at);
}

export function intMod(x: number, y: number, at: Pos): number {
  if (y === 0) fail('division_by_zero', 'modulus by zero', at);
  return (x % y) + 0;
}

/** CEL counts string length in code points, not UTF-16 units. */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

export function deepFreeze<V>(v: V): V {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    if (Array.isArray(v)) for (const x of v as unknown[]) deepFreeze(x);
  }
  return v;
}
