import { isInt } from './int64.ts';
import type { CelType } from './types.ts';
import { CelDuration, CelTimestamp, CelTypeValue, CelUint } from './values.ts';

/**
 * Runtime representation: int is a JS number while safe and a bigint beyond (see int64.ts), double is a JS
 * number (an integral number counts as an int when only the value is known), uint, timestamp, duration and
 * type values are classes (values.ts), bytes are Uint8Array, lists are arrays, maps are plain objects (string
 * keys) or `Map`s, objects are plain objects.
 */
export type Activation = Readonly<Record<string, unknown>>;
export type Eval = (a: Activation) => unknown;

export { fail } from './errors.ts';

// Class instances (uint, bytes, timestamps, ...) are values, not maps: only plain and null-prototype objects are.
export const isPlainObject = (v: unknown): v is Record<string, unknown> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

export const isMapValue = (v: unknown): v is Record<string, unknown> | Map<unknown, unknown> =>
  v instanceof Map || isPlainObject(v);

export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  if (v instanceof Map) return 'map';
  if (v instanceof CelUint) return 'uint';
  if (v instanceof Uint8Array) return 'bytes';
  if (v instanceof CelTimestamp) return 'google.protobuf.Timestamp';
  if (v instanceof CelDuration) return 'google.protobuf.Duration';
  if (v instanceof CelTypeValue) return 'type';
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) ? 'int' : 'double';
    case 'bigint':
      return 'int';
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

/**
 * CEL map keys compare by numeric value across int, uint and double (`{1u: x}[1]` finds x): a Map stores a
 * uint key as the int of the same value, and a lookup by an integral double or a uint reads it the same way.
 */
export function mapKey(k: unknown): unknown {
  if (k instanceof CelUint) return k.v <= SAFE_BIG ? Number(k.v) : k.v;
  return k;
}
const SAFE_BIG = BigInt(Number.MAX_SAFE_INTEGER);

export function mapGet(m: Record<string, unknown> | Map<unknown, unknown>, k: unknown): unknown {
  if (m instanceof Map) {
    const kk = mapKey(k);
    return m.has(kk) ? m.get(kk) : MISSING;
  }
  // Own properties only: `m['constructor']` must not reach Object.prototype.
  return typeof k === 'string' && Object.hasOwn(m, k) && m[k] !== undefined ? m[k] : MISSING;
}

export const mapSize = (m: Record<string, unknown> | Map<unknown, unknown>): number =>
  m instanceof Map ? m.size : Object.keys(m).length;

export const mapKeys = (m: Record<string, unknown> | Map<unknown, unknown>): unknown[] =>
  m instanceof Map ? [...m.keys()] : Object.keys(m);

const isNum = (v: unknown): boolean => typeof v === 'number' || typeof v === 'bigint' || v instanceof CelUint;

/** Equality of the class-represented values; undefined when `a` and `b` are not such a pair. */
function valueEquals(a: object, b: object): boolean | undefined {
  if (a instanceof CelTimestamp) return b instanceof CelTimestamp && a.ns === b.ns;
  if (a instanceof CelDuration) return b instanceof CelDuration && a.ns === b.ns;
  if (a instanceof CelTypeValue) return b instanceof CelTypeValue && a.name === b.name;
  if (a instanceof Uint8Array) return b instanceof Uint8Array && a.length === b.length && a.every((x, i) => b[i] === x);
  return undefined;
}

/**
 * CEL equality: numeric across int, uint and double (by value), deep on lists and maps, false (not an error)
 * across types.
 */
export function celEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isNum(a) && isNum(b)) {
    const x = a instanceof CelUint ? a.v : (a as number | bigint);
    const y = b instanceof CelUint ? b.v : (b as number | bigint);
    return x == y; // `==` compares a bigint with a number by value
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const v = valueEquals(a, b) ?? valueEquals(b, a);
  if (v !== undefined) return v;
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
      return isInt;
    case 'uint':
      return (v) => v instanceof CelUint;
    case 'double':
      return (v) => typeof v === 'number';
    case 'bytes':
      return (v) => v instanceof Uint8Array;
    case 'timestamp':
      return (v) => v instanceof CelTimestamp;
    case 'duration':
      return (v) => v instanceof CelDuration;
    case 'type':
      return (v) => v instanceof CelTypeValue;
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
  // Bytes cannot be frozen; no CEL operation writes to them, and a host function must not either.
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v) && !ArrayBuffer.isView(v)) {
    Object.freeze(v);
    if (Array.isArray(v)) for (const x of v as unknown[]) deepFreeze(x);
  }
  return v;
}

/** A map key or similar scalar as CEL source would write it, for error messages. */
export function showKey(k: unknown): string {
  if (typeof k === 'bigint') return String(k);
  if (k instanceof CelUint) return `${k.v}u`;
  if (typeof k === 'string' || typeof k === 'number' || typeof k === 'boolean' || k === null) return JSON.stringify(k);
  return kindOf(k);
}
