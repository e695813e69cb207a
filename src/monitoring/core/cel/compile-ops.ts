import type { Expr, ExprOf } from './ast.ts';
import type { Overload } from './functions.ts';
import type { Ctx, Node } from './node.ts';
import { absorb, fold, konst, typeOf } from './node.ts';
import { MISSING, celEquals, fail, guardFor, isMapValue, kindOf, mapGet } from './runtime.ts';
import type { Activation, Eval } from './runtime.ts';
import { isNumeric, isPrimitive } from './types.ts';
import type { CelType } from './types.ts';

/**
 * `&&` and `||` are commutative over errors, as in CEL: `false && error` and `error && false` are both false.
 * A dyn operand that is not a bool is an error of the same kind, absorbed the same way.
 */
export function compileLogic(ctx: Ctx, e: ExprOf<'binary'>): Node {
  const l = ctx.sub(e.left);
  const r = ctx.sub(e.right);
  const decisive = e.op === '||';
  if (l.k?.value === decisive || r.k?.value === decisive) return konst(decisive);
  const at = e.pos;
  const op = e.op;
  const notBool = (v: unknown): never => fail('type_mismatch', `'${op}' needs bool operands, got ${kindOf(v)}`, at);
  const lf = l.fn;
  const rf = r.fn;
  const fn = (a: Activation): unknown => {
    let x: unknown;
    try {
      x = lf(a);
      if (typeof x !== 'boolean') notBool(x);
    } catch (err) {
      const first = absorb(err);
      let y: unknown;
      try {
        y = rf(a);
      } catch (err2) {
        absorb(err2);
        throw first;
      }
      if (y === decisive) return decisive;
      throw first;
    }
    if (x === decisive) return decisive;
    const y = rf(a);
    return typeof y === 'boolean' ? y : notBool(y);
  };
  return fold({ fn }, [l, r]);
}

export function compileEquality(ctx: Ctx, e: ExprOf<'binary'>): Node {
  const l = ctx.sub(e.left);
  const r = ctx.sub(e.right);
  const lf = l.fn;
  const rf = r.fn;
  const neg = e.op === '!=';
  let fn: Eval;
  if (isPrimitive(typeOf(ctx, e.left)) && isPrimitive(typeOf(ctx, e.right))) {
    // Both sides are scalars whose types the checker proved comparable: identity is CEL equality.
    if (r.k !== undefined) {
      const k = r.k.value;
      fn = neg ? (a) => lf(a) !== k : (a) => lf(a) === k;
    } else if (l.k !== undefined) {
      const k = l.k.value;
      fn = neg ? (a) => rf(a) !== k : (a) => rf(a) === k;
    } else {
      fn = neg ? (a) => lf(a) !== rf(a) : (a) => lf(a) === rf(a);
    }
  } else {
    fn = neg ? (a) => !celEquals(lf(a), rf(a)) : (a) => celEquals(lf(a), rf(a));
  }
  return fold({ fn }, [l, r]);
}

const isScalar = (v: unknown): boolean =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && !Number.isNaN(v));

export function compileIn(ctx: Ctx, e: ExprOf<'binary'>): Node {
  const l = ctx.sub(e.left);
  const r = ctx.sub(e.right);
  const lf = l.fn;
  const rf = r.fn;
  const at = e.pos;
  const list = r.k?.value;
  // A constant list of scalars becomes a Set: `x in ['a', 'b', ...]` is one hash lookup per evaluation.
  if (Array.isArray(list) && list.every(isScalar)) {
    const set = new Set<unknown>(list);
    // A uint (an object) equals a number of the same value: the Set cannot see that, so it takes the slow path.
    const slow = (x: unknown): boolean => list.some((y) => celEquals(x, y));
    return fold(
      {
        fn: (a) => {
          const x = lf(a);
          return typeof x === 'object' && x !== null ? slow(x) : set.has(x);
        },
      },
      [l, r],
    );
  }
  const scalar = isPrimitive(typeOf(ctx, e.left));
  const fn = (a: Activation): boolean => {
    const x = lf(a);
    const c = rf(a);
    if (Array.isArray(c)) {
      if (scalar) return c.includes(x) && x === x; // includes() finds NaN; CEL equality does not
      for (let i = 0; i < c.length; i++) if (celEquals(x, c[i])) return true;
      return false;
    }
    if (isMapValue(c)) return mapGet(c, x) !== MISSING;
    return fail('type_mismatch', `'in' needs a list or map, got ${kindOf(c)}`, at);
  };
  return fold({ fn }, [l, r]);
}

export function compileCond(ctx: Ctx, e: ExprOf<'cond'>): Node {
  const c = ctx.sub(e.cond);
  const t = ctx.sub(e.then);
  const f = ctx.sub(e.else);
  if (c.k?.value === true) return t;
  if (c.k?.value === false) return f;
  const cf = c.fn;
  const tf = t.fn;
  const ef = f.fn;
  const at = e.pos;
  return {
    fn: (a) => {
      const v = cf(a);
      if (v === true) return tf(a);
      if (v === false) return ef(a);
      return fail('type_mismatch', `the condition of ?: must be bool, got ${kindOf(v)}`, at);
    },
  };
}

// Strings and bools order with the same JS operators; the `number` casts only satisfy the compiler.
const COMPARE: Record<string, [(l: Eval, r: Eval) => Eval, (l: Eval, k: number) => Eval]> = {
  '<': [(l, r) => (a) => (l(a) as number) < (r(a) as number), (l, k) => (a) => (l(a) as number) < k],
  '<=': [(l, r) => (a) => (l(a) as number) <= (r(a) as number), (l, k) => (a) => (l(a) as number) <= k],
  '>': [(l, r) => (a) => (l(a) as number) > (r(a) as number), (l, k) => (a) => (l(a) as number) > k],
  '>=': [(l, r) => (a) => (l(a) as number) >= (r(a) as number), (l, k) => (a) => (l(a) as number) >= k],
};

/** Ordering on statically known scalars, inlined instead of going through the overload table. */
export function compileCompare(ctx: Ctx, e: ExprOf<'binary'>): Node | undefined {
  const lt = typeOf(ctx, e.left);
  const rt = typeOf(ctx, e.right);
  const same =
    (isNumeric(lt) && isNumeric(rt)) || (lt.kind === rt.kind && (lt.kind === 'string' || lt.kind === 'bool'));
  const make = COMPARE[e.op];
  if (!same || make === undefined) return undefined;
  const l = ctx.sub(e.left);
  const r = ctx.sub(e.right);
  const k = r.k?.value;
  const fn = k !== undefined ? make[1](l.fn, k as number) : make[0](l.fn, r.fn);
  return fold({ fn }, [l, r]);
}

/**
 * A call to a builtin, operator or host function. With static types the single overload is called directly;
 * only where a dyn argument meets a typed parameter is the value checked, or the overload chosen, at run time.
 */
export function compileCall(ctx: Ctx, e: Expr, args: readonly Node[], argTypes: readonly CelType[]): Node {
  const overloads = ctx.checked.calls.get(e);
  if (overloads === undefined || overloads.length === 0) throw new Error('internal: call was not resolved');
  const fns = args.map((n) => n.fn);
  const consts = args.map((n) => n.k);
  const at = e.pos;
  let fn: Eval;
  const only = overloads.length === 1 ? (overloads[0] as Overload) : undefined;
  if (only !== undefined && only.params.every((p, i) => p.kind === 'dyn' || argTypes[i]?.kind !== 'dyn')) {
    fn = direct(only.make(at, consts), fns);
  } else {
    const candidates = overloads.map((o) => ({ guards: o.params.map(guardFor), impl: o.make(at, consts) }));
    fn = (a) => {
      const vals = fns.map((g) => g(a));
      for (const c of candidates) if (c.guards.every((ok, i) => ok(vals[i]))) return c.impl(...vals);
      return fail('no_matching_overload', `no overload accepts (${vals.map(kindOf).join(', ')})`, at);
    };
  }
  return overloads.every((o) => o.pure) ? fold({ fn }, args) : { fn };
}

function direct(f: (...args: unknown[]) => unknown, fns: readonly Eval[]): Eval {
  // Arity-specialised so the hot path builds no argument arrays; the tuple cast is guarded by the switch.
  const [x, y, z] = fns as [Eval, Eval, Eval];
  switch (fns.length) {
    case 0:
      return () => f();
    case 1:
      return (a) => f(x(a));
    case 2:
      return (a) => f(x(a), y(a));
    case 3:
      return (a) => f(x(a), y(a), z(a));
    default:
      return (a) => f(...fns.map((g) => g(a)));
  }
}
