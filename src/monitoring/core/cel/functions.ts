import { CONVERSIONS } from './functions-conv.ts';
import { TIME_MEMBERS } from './functions-time.ts';
import { addInt, addUint, compareNum, divInt, divUint, modInt, modUint, mulInt, mulUint, negInt } from './int64.ts';
import { subInt, subUint } from './int64.ts';
import type { Int } from './int64.ts';
import { impl, ov } from './overload.ts';
import type { Impl, Overload } from './overload.ts';
import type { Pos } from './errors.ts';
import { compileRegex, type Pattern } from './regex.ts';
import { codePointLength, fail, mapSize } from './runtime.ts';
import { addTime, durationOf, subTimes, timestampOf } from './time.ts';
import { T } from './types.ts';
import type { CelDuration, CelTimestamp, CelUint } from './values.ts';

export type { Impl, Overload } from './overload.ts';

const { int: I, uint: U, double: D, string: S, bool: B, bytes: Y, timestamp: TS, duration: DU, dyn } = T;
const anyList = T.list(T.dyn);
const anyMap = T.map(T.dyn, T.dyn);

const num2 = (f: (x: number, y: number) => unknown): Impl => impl(f);
const int2 =
  (f: (x: Int, y: Int, at: Pos) => unknown) =>
  (at: Pos): Impl =>
    impl((x: Int, y: Int) => f(x, y, at));
const uint2 =
  (f: (x: CelUint, y: CelUint, at: Pos) => unknown) =>
  (at: Pos): Impl =>
    impl((x: CelUint, y: CelUint) => f(x, y, at));

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}
const byNs = (a: { ns: bigint }, b: { ns: bigint }): number => (a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0);

/**
 * int/uint/double in every pairing (CEL orders numbers across types by value), and like-typed others. int and
 * double are JS numbers or bigints, which JS operators order correctly between themselves.
 */
function compare(test: (c: number) => boolean, f: (x: number, y: number) => boolean): Overload[] {
  const nums = [I, U, D];
  return [
    ...nums.flatMap((l) =>
      nums.map((r) =>
        l === U || r === U
          ? ov([l, r], B, () => impl((x: unknown, y: unknown) => test(compareNum(x, y))))
          : ov([l, r], B, () => num2(f)),
      ),
    ),
    ov([S, S], B, () => impl((x: string, y: string) => test(x < y ? -1 : x > y ? 1 : 0))),
    ov([B, B], B, () => impl((x: boolean, y: boolean) => test(Number(x) - Number(y)))),
    ov([Y, Y], B, () => impl((x: Uint8Array, y: Uint8Array) => test(compareBytes(x, y)))),
    ov([TS, TS], B, () => impl((x: CelTimestamp, y: CelTimestamp) => test(byNs(x, y)))),
    ov([DU, DU], B, () => impl((x: CelDuration, y: CelDuration) => test(byNs(x, y)))),
  ];
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Operators that resolve like functions; `==`, `!=`, `in`, `&&`, `||` and `?:` are compiled specially. */
export const OPERATORS: Record<string, Overload[]> = {
  '+': [
    ov([I, I], I, int2(addInt)),
    ov([U, U], U, uint2(addUint)),
    ov([D, D], D, () => num2((x, y) => x + y)),
    ov([S, S], S, () => impl((x: string, y: string) => x + y)),
    ov([Y, Y], Y, () => impl(concatBytes)),
    ov([anyList, anyList], anyList, () => impl((x: unknown[], y: unknown[]) => x.concat(y))),
    ov([TS, DU], TS, (at) => impl((t: CelTimestamp, d: CelDuration) => addTime(t, d, at))),
    ov([DU, TS], TS, (at) => impl((d: CelDuration, t: CelTimestamp) => addTime(t, d, at))),
    ov([DU, DU], DU, (at) => impl((a: CelDuration, b: CelDuration) => durationOf(a.ns + b.ns, at))),
  ],
  '-': [
    ov([I, I], I, int2(subInt)),
    ov([U, U], U, uint2(subUint)),
    ov([D, D], D, () => num2((x, y) => x - y)),
    ov([TS, TS], DU, (at) => impl((a: CelTimestamp, b: CelTimestamp) => subTimes(a, b, at))),
    ov([TS, DU], TS, (at) => impl((t: CelTimestamp, d: CelDuration) => timestampOf(t.ns - d.ns, at))),
    ov([DU, DU], DU, (at) => impl((a: CelDuration, b: CelDuration) => durationOf(a.ns - b.ns, at))),
  ],
  '*': [ov([I, I], I, int2(mulInt)), ov([U, U], U, uint2(mulUint)), ov([D, D], D, () => num2((x, y) => x * y))],
  '/': [ov([I, I], I, int2(divInt)), ov([U, U], U, uint2(divUint)), ov([D, D], D, () => num2((x, y) => x / y))],
  '%': [ov([I, I], I, int2(modInt)), ov([U, U], U, uint2(modUint))],
  neg: [
    ov([I], I, (at) => impl((x: Int) => negInt(x, at))),
    ov([D], D, () => impl((x: number) => -x)),
    ov([DU], DU, (at) => impl((d: CelDuration) => durationOf(-d.ns, at))),
  ],
  '!': [ov([B], B, () => impl((x: boolean) => !x))],
  '<': compare(
    (c) => c < 0,
    (x, y) => x < y,
  ),
  '<=': compare(
    (c) => c <= 0,
    (x, y) => x <= y,
  ),
  '>': compare(
    (c) => c > 0,
    (x, y) => x > y,
  ),
  '>=': compare(
    (c) => c >= 0,
    (x, y) => x >= y,
  ),
};

const sizeOverloads = (): Overload[] => [
  ov([S], I, () => impl(codePointLength)),
  ov([Y], I, () => impl((b: Uint8Array) => b.length)),
  ov([anyList], I, () => impl((l: unknown[]) => l.length)),
  ov([anyMap], I, () => impl(mapSize)),
];

const matches: Overload = {
  params: [S, S],
  result: B,
  pure: true,
  make: (at, consts) => {
    const prepared = consts[1]?.value;
    if (typeof prepared === 'string') {
      const re = compileRegex(prepared);
      if (typeof re === 'string') return () => fail('invalid_argument', `invalid regex: ${re}`, at);
      return impl((s: string) => re.test(s));
    }
    // A pattern known only at run time: remember the last one so a stable pattern is compiled once.
    let lastPattern: string | undefined;
    let lastRe: Pattern | string = '';
    return impl((s: string, p: string) => {
      if (p !== lastPattern) {
        lastRe = compileRegex(p);
        lastPattern = p;
      }
      if (typeof lastRe === 'string') return fail('invalid_argument', `invalid regex: ${lastRe}`, at);
      return lastRe.test(s);
    });
  },
};

/** Global functions: `size(x)`, `matches(s, re)`, `dyn(x)`; conversions such as `int(x)` are in functions-conv.ts. */
export const GLOBALS: Record<string, Overload[]> = {
  size: sizeOverloads(),
  dyn: [ov([dyn], dyn, () => impl((x: unknown) => x))],
  matches: [matches],
  ...CONVERSIONS,
};

/** Receiver-style functions; the receiver is the first parameter. */
export const MEMBERS: Record<string, Overload[]> = {
  size: sizeOverloads(),
  contains: [ov([S, S], B, () => impl((s: string, x: string) => s.includes(x)))],
  startsWith: [ov([S, S], B, () => impl((s: string, x: string) => s.startsWith(x)))],
  endsWith: [ov([S, S], B, () => impl((s: string, x: string) => s.endsWith(x)))],
  matches: [matches],
  lowerAscii: [ov([S], S, () => impl((s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase())))],
  upperAscii: [ov([S], S, () => impl((s: string) => s.replace(/[a-z]+/g, (m) => m.toUpperCase())))],
  ...TIME_MEMBERS,
};
