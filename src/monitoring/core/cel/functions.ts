import type { Pos } from './errors.ts';
import { compileRegex } from './regex.ts';
import { MAX_INT, checkedInt, codePointLength, fail, intDiv, intMod, mapSize } from './runtime.ts';
import { T } from './types.ts';
import type { CelType } from './types.ts';

export type Impl = (...args: unknown[]) => unknown;

export interface Overload {
  readonly params: readonly CelType[];
  readonly result: CelType;
  /**
   * Builds the implementation once per call site: errors then carry the site's position at no runtime cost,
   * and arguments already known at compile time (`consts[i]`, e.g. a regex pattern) can be prepared once.
   */
  readonly make: (at: Pos, consts: readonly ({ value: unknown } | undefined)[]) => Impl;
  /** Safe to run at compile time when every argument is a constant. */
  readonly pure: boolean;
}

// Implementations are written against the types the checker guarantees; the cast is that guarantee.
const impl = <F extends (...args: never[]) => unknown>(f: F): Impl => f as unknown as Impl;

const ov = (params: CelType[], result: CelType, make: (at: Pos) => Impl): Overload => ({
  params,
  result,
  make: (at) => make(at),
  pure: true,
});

const { int: I, double: D, string: S, bool: B, dyn } = T;
const anyList = T.list(T.dyn);
const anyMap = T.map(T.dyn, T.dyn);

const num2 = (f: (x: number, y: number) => unknown): Impl => impl(f);
const compare = (f: (x: number, y: number) => boolean, g: (x: string, y: string) => boolean): Overload[] => [
  ...[I, D].flatMap((l) => [I, D].map((r) => ov([l, r], B, () => num2(f)))),
  ov([S, S], B, () => impl(g)),
  ov([B, B], B, () => impl(g)),
];

/** Operators that resolve like functions; `==`, `!=`, `in`, `&&`, `||` and `?:` are compiled specially. */
export const OPERATORS: Record<string, Overload[]> = {
  '+': [
    ov([I, I], I, (at) => num2((x, y) => checkedInt(x + y, at))),
    ov([D, D], D, () => num2((x, y) => x + y)),
    ov([S, S], S, () => impl((x: string, y: string) => x + y)),
    ov([anyList, anyList], anyList, () => impl((x: unknown[], y: unknown[]) => x.concat(y))),
  ],
  '-': [ov([I, I], I, (at) => num2((x, y) => checkedInt(x - y, at))), ov([D, D], D, () => num2((x, y) => x - y))],
  '*': [ov([I, I], I, (at) => num2((x, y) => checkedInt(x * y, at))), ov([D, D], D, () => num2((x, y) => x * y))],
  '/': [ov([I, I], I, (at) => num2((x, y) => intDiv(x, y, at))), ov([D, D], D, () => num2((x, y) => x / y))],
  '%': [ov([I, I], I, (at) => num2((x, y) => intMod(x, y, at)))],
  neg: [ov([I], I, () => impl((x: number) => 0 - x)), ov([D], D, () => impl((x: number) => -x))],
  '!': [ov([B], B, () => impl((x: boolean) => !x))],
  '<': compare(
    (x, y) => x < y,
    (x, y) => x < y,
  ),
  '<=': compare(
    (x, y) => x <= y,
    (x, y) => x <= y,
  ),
  '>': compare(
    (x, y) => x > y,
    (x, y) => x > y,
  ),
  '>=': compare(
    (x, y) => x >= y,
    (x, y) => x >= y,
  ),
};

function toInt(v: number, at: Pos): number {
  if (!Number.isFinite(v) || Math.abs(v) > MAX_INT) fail('overflow', `double ${v} is out of int range`, at);
  return Math.trunc(v) + 0;
}

function parseIntStrict(s: string, at: Pos): number {
  const n = /^[+-]?\d+$/.test(s) ? Number(s) : NaN;
  if (Number.isNaN(n)) fail('invalid_argument', `cannot convert '${s}' to int`, at);
  if (!Number.isSafeInteger(n)) fail('overflow', `'${s}' is out of int range`, at);
  return n;
}

function parseDoubleStrict(s: string, at: Pos): number {
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
  const special = /^([+-]?)(inf|infinity|nan)$/i.exec(s);
  if (special === null) fail('invalid_argument', `cannot convert '${s}' to double`, at);
  if ((special[2] ?? '').toLowerCase() === 'nan') return NaN;
  return special[1] === '-' ? -Infinity : Infinity;
}

const sizeOverloads = (): Overload[] => [
  ov([S], I, () => impl(codePointLength)),
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
    let lastRe: RegExp | string = '';
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

/** Global functions: `size(x)`, `int(x)`, ... */
export const GLOBALS: Record<string, Overload[]> = {
  size: sizeOverloads(),
  int: [
    ov([I], I, () => impl((x: number) => x)),
    ov([D], I, (at) => impl((x: number) => toInt(x, at))),
    ov([S], I, (at) => impl((s: string) => parseIntStrict(s, at))),
  ],
  double: [
    ov([I], D, () => impl((x: number) => x)),
    ov([D], D, () => impl((x: number) => x)),
    ov([S], D, (at) => impl((s: string) => parseDoubleStrict(s, at))),
  ],
  string: [
    ov([I], S, () => impl((x: number) => String(x))),
    ov([D], S, () => impl((x: number) => String(x))),
    ov([S], S, () => impl((x: string) => x)),
    ov([B], S, () => impl((x: boolean) => String(x))),
  ],
  dyn: [ov([dyn], dyn, () => impl((x: unknown) => x))],
  matches: [matches],
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
};
