import { CelRuntimeError } from './errors.ts';
import type { Pos } from './errors.ts';
import type { Impl, Overload } from './functions.ts';
import { canonInt } from './int64.ts';
import { fail, guardFor, kindOf } from './runtime.ts';
import { typeName } from './types.ts';
import type { CelType } from './types.ts';

/** A function the host provides, called as `name(args)`. Several declarations under one name are overloads. */
export interface CelFunction {
  readonly params: readonly CelType[];
  readonly result: CelType;
  readonly impl: (...args: never[]) => unknown;
  /** Deterministic and side-effect free: a call with constant arguments is then evaluated once, at compile time. */
  readonly pure?: boolean;
}

export interface CelEnv {
  readonly variables: Readonly<Record<string, CelType>>;
  readonly functions?: Readonly<Record<string, CelFunction | readonly CelFunction[]>>;
}

/** The JS value a CEL type arrives as, so `defineFunction` can type the implementation's parameters. */
export type JsOf<T extends CelType> = T extends { kind: 'int' | 'double' }
  ? number
  : T extends { kind: 'string' }
    ? string
    : T extends { kind: 'bool' }
      ? boolean
      : T extends { kind: 'null' }
        ? null
        : T extends { kind: 'list' }
          ? readonly unknown[]
          : unknown;

/** Declares a host function with its implementation typed from the parameter types. */
export function defineFunction<const P extends readonly CelType[], R extends CelType>(
  params: P,
  result: R,
  impl: (...args: { [K in keyof P]: JsOf<P[K]> }) => JsOf<R>,
  opts: { pure?: boolean } = {},
): CelFunction {
  return { params, result, impl, pure: opts.pure ?? false };
}

export function hostOverloads(name: string, decl: CelFunction | readonly CelFunction[]): Overload[] {
  const decls: readonly CelFunction[] = Array.isArray(decl) ? decl : [decl as CelFunction];
  return decls.map((d) => ({
    params: d.params,
    result: d.result,
    pure: d.pure === true,
    make: (at: Pos) => wrapHost(name, d, at),
  }));
}

/**
 * Host code is outside CEL's guarantees: a throw becomes a CelRuntimeError (so the decision fails closed) and a
 * result of the wrong type is refused rather than flowing into specialised operators. Arity-specialised to
 * keep the hot path free of rest-argument arrays.
 */
function wrapHost(name: string, d: CelFunction, at: Pos): Impl {
  const raw = d.impl as unknown as Impl;
  // Host code takes ints as JS numbers (JsOf): an int beyond ±2^53-1 (a bigint inside CEL) is refused, not
  // rounded on its way in.
  const intArgs = d.params.flatMap((p, i) => (p.kind === 'int' ? [i] : []));
  const f: Impl =
    intArgs.length === 0
      ? raw
      : (...args) => {
          for (const i of intArgs) {
            if (typeof args[i] === 'bigint')
              fail('overflow', `${name}() takes ints within ±2^53-1, got ${String(args[i])}`, at);
          }
          return raw(...args);
        };
  const ok = guardFor(d.result);
  const done = (r: unknown): unknown => {
    if (!ok(r)) {
      fail('type_mismatch', `${name}() returned ${kindOf(r)} but is declared to return ${typeName(d.result)}`, at);
    }
    return typeof r === 'bigint' ? canonInt(r, at) : r;
  };
  const failed = (e: unknown): never => {
    if (e instanceof CelRuntimeError) throw e;
    return fail('function_error', `${name}() failed: ${e instanceof Error ? e.message : String(e)}`, at, e);
  };
  switch (d.params.length) {
    case 0:
      return () => {
        try {
          return done(f());
        } catch (e) {
          return failed(e);
        }
      };
    case 1:
      return (x) => {
        try {
          return done(f(x));
        } catch (e) {
          return failed(e);
        }
      };
    case 2:
      return (x, y) => {
        try {
          return done(f(x, y));
        } catch (e) {
          return failed(e);
        }
      };
    default:
      return (...args) => {
        try {
          return done(f(...args));
        } catch (e) {
          return failed(e);
        }
      };
  }
}
