import type { Pos } from './errors.ts';
import { fail } from './errors.ts';
import { INT64_MAX, INT64_MIN, UINT64_MAX, canonInt, doubleToInt, doubleToUint, uint } from './int64.ts';
import type { Int } from './int64.ts';
import { impl, ov } from './overload.ts';
import type { Overload } from './overload.ts';
import { kindOf } from './runtime.ts';
import {
  NANOS_PER_SECOND,
  formatDuration,
  formatTimestamp,
  parseDuration,
  parseTimestamp,
  timestampOf,
} from './time.ts';
import { T } from './types.ts';
import { CelTypeValue, CelUint } from './values.ts';
import type { CelDuration, CelTimestamp } from './values.ts';

const { int: I, uint: U, double: D, string: S, bool: B, bytes: Y, timestamp: TS, duration: DU, dyn } = T;

function parseIntStrict(s: string, at: Pos): Int {
  if (!/^[+-]?\d+$/.test(s)) fail('invalid_argument', `cannot convert '${s}' to int`, at);
  const n = BigInt(s);
  if (n < INT64_MIN || n > INT64_MAX) fail('overflow', `'${s}' is out of int range`, at);
  return canonInt(n, at);
}

function parseUintStrict(s: string, at: Pos): CelUint {
  if (!/^\+?\d+$/.test(s)) fail('invalid_argument', `cannot convert '${s}' to uint`, at);
  const n = BigInt(s);
  if (n > UINT64_MAX) fail('overflow', `'${s}' is out of uint range`, at);
  return new CelUint(n);
}

function parseDoubleStrict(s: string, at: Pos): number {
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
  if (special === null) fail('invalid_argument', `cannot convert '${s}' to double`, at);
  if ((special[2] ?? '').toLowerCase() === 'nan') return NaN;
  return special[1] === '-' ? -Infinity : Infinity;
}

const BOOLS: Record<string, boolean> = {
  true: true,
  TRUE: true,
  True: true,
  t: true,
  '1': true,
  false: false,
  FALSE: false,
  False: false,
  f: false,
  '0': false,
};

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

function bytesToString(b: Uint8Array, at: Pos): string {
  try {
    return utf8.decode(b);
  } catch {
    return fail('invalid_argument', 'bytes are not valid UTF-8', at);
  }
}

/** Doubles print as CEL does: integral ones without a fraction (`1`), others in the shortest round-trip form. */
const doubleString = (x: number): string => (Number.isNaN(x) ? 'NaN' : String(x).replace('Infinity', '+Inf'));

/** The CEL type name of a runtime value, for `type(x)`. */
function typeOfValue(v: unknown): CelTypeValue {
  const k = kindOf(v);
  return new CelTypeValue(k === 'null' ? 'null_type' : k);
}

/** Conversions: `int(x)`, `uint(x)`, `double(x)`, `string(x)`, `bytes(x)`, `bool(x)`, `timestamp(x)`, ... */
export const CONVERSIONS: Record<string, Overload[]> = {
  int: [
    ov([I], I, () => impl((x: Int) => x)),
    ov([U], I, (at) => impl((x: CelUint) => canonInt(x.v, at))),
    ov([D], I, (at) => impl((x: number) => doubleToInt(x, at))),
    ov([S], I, (at) => impl((s: string) => parseIntStrict(s, at))),
    ov([TS], I, (at) =>
      impl((t: CelTimestamp) => canonInt(t.ns / NANOS_PER_SECOND - (t.ns % NANOS_PER_SECOND < 0n ? 1n : 0n), at)),
    ),
  ],
  uint: [
    ov([U], U, () => impl((x: CelUint) => x)),
    ov([I], U, (at) => impl((x: Int) => uint(BigInt(x), at))),
    ov([D], U, (at) => impl((x: number) => doubleToUint(x, at))),
    ov([S], U, (at) => impl((s: string) => parseUintStrict(s, at))),
  ],
  double: [
    ov([I], D, () => impl((x: Int) => Number(x))),
    ov([U], D, () => impl((x: CelUint) => Number(x.v))),
    ov([D], D, () => impl((x: number) => x)),
    ov([S], D, (at) => impl((s: string) => parseDoubleStrict(s, at))),
  ],
  string: [
    ov([I], S, () => impl((x: Int) => String(x))),
    ov([U], S, () => impl((x: CelUint) => String(x.v))),
    ov([D], S, () => impl(doubleString)),
    ov([S], S, () => impl((x: string) => x)),
    ov([B], S, () => impl((x: boolean) => String(x))),
    ov([Y], S, (at) => impl((b: Uint8Array) => bytesToString(b, at))),
    ov([TS], S, () => impl(formatTimestamp)),
    ov([DU], S, () => impl(formatDuration)),
  ],
  bytes: [ov([Y], Y, () => impl((b: Uint8Array) => b)), ov([S], Y, () => impl((s: string) => utf8Encoder.encode(s)))],
  bool: [
    ov([B], B, () => impl((b: boolean) => b)),
    ov([S], B, (at) => impl((s: string) => BOOLS[s] ?? fail('invalid_argument', `cannot convert '${s}' to bool`, at))),
  ],
  timestamp: [
    ov([TS], TS, () => impl((t: CelTimestamp) => t)),
    ov([S], TS, (at) => impl((s: string) => parseTimestamp(s, at))),
    ov([I], TS, (at) => impl((x: Int) => timestampOf(BigInt(x) * NANOS_PER_SECOND, at))),
  ],
  duration: [
    ov([DU], DU, () => impl((d: CelDuration) => d)),
    ov([S], DU, (at) => impl((s: string) => parseDuration(s, at))),
  ],
  // Typed overloads first: with a static double argument, `type(1.0)` is double although the value is
  // integral; under dyn only the value is known, and an integral double then reads as int.
  type: [
    ...(
      [
        [I, 'int'],
        [U, 'uint'],
        [D, 'double'],
        [S, 'string'],
        [B, 'bool'],
        [Y, 'bytes'],
        [TS, 'google.protobuf.Timestamp'],
        [DU, 'google.protobuf.Duration'],
      ] as const
    ).map(([t, name]) => {
      const v = new CelTypeValue(name);
      return ov([t], T.type, () => impl(() => v));
    }),
    ov([dyn], T.type, () => impl(typeOfValue)),
  ],
};
