import type { ExprOf } from './ast.ts';
import type { Pos } from './errors.ts';
import { fusePath } from './compile-path.ts';
import type { Ctx, Node } from './node.ts';
import { fold, konst, typeOf } from './node.ts';
import { canonInt, isInt } from './int64.ts';
import { CelTypeValue, CelUint } from './values.ts';
import { MISSING, fail, guardFor, isMapValue, kindOf, mapGet, showKey } from './runtime.ts';
import type { Activation, Eval } from './runtime.ts';
import { typeName } from './types.ts';
import type { CelType } from './types.ts';

/**
 * Data from the activation is checked against its declared type where it enters, so the operators downstream
 * can be specialised (int == int is `===`) without re-checking, and bad data fails instead of coercing.
 */
function entry(t: CelType, what: string, at: Pos): (v: unknown) => unknown {
  const ok = guardFor(t);
  return (v) => {
    if (!ok(v)) {
      if (v === undefined) fail('no_such_field', `${what} is missing`, at);
      fail('type_mismatch', `${what} is ${kindOf(v)}, declared ${typeName(t)}`, at);
    }
    // A host may pass an int as a bigint; inside, a safe one is always a number, so `===` stays equality.
    return typeof v === 'bigint' ? canonInt(v, at) : v;
  };
}

export function compileIdent(ctx: Ctx, e: ExprOf<'ident'>): Node {
  const b = ctx.checked.bindings.get(e);
  if (b?.kind === 'type') return konst(new CelTypeValue(b.name));
  if (b?.kind === 'iter') {
    const cell = ctx.cells.get(b.owner);
    if (cell === undefined) throw new Error(`internal: no cell for '${e.name}'`);
    return { fn: () => cell.v };
  }
  const name = e.name;
  const t = typeOf(ctx, e);
  const at = e.pos;
  const bad = (v: unknown): unknown =>
    v === undefined
      ? fail('no_such_variable', `variable '${name}' is not set`, at)
      : t.kind === 'int' && isInt(v)
        ? canonInt(BigInt(v), at)
        : fail('type_mismatch', `variable '${name}' is ${kindOf(v)}, declared ${typeName(t)}`, at);
  const scalar = scalarCheck(t);
  if (scalar !== undefined) {
    const [tag, intOnly] = scalar;
    return {
      fn: (a: Activation) => {
        const v = a[name];
        return typeof v === tag && (!intOnly || Number.isSafeInteger(v)) ? v : bad(v);
      },
    };
  }
  if (t.kind === 'object') {
    return {
      fn: (a: Activation) => {
        const v = a[name];
        // Only `typeof`: a list or Map passed for a message has no such fields, so the next read fails anyway.
        return typeof v === 'object' ? v : bad(v);
      },
    };
  }
  const ok = guardFor(t);
  return {
    fn: (a: Activation) => {
      const v = a[name];
      return ok(v) ? v : bad(v);
    },
  };
}

/**
 * The common leaf types are checked inline with `typeof` rather than through a guard closure: a field read is
 * the most frequent operation in a rule, and each avoided call counts on the hot path.
 */
function scalarCheck(t: CelType): [tag: 'number' | 'string' | 'boolean', intOnly: boolean] | undefined {
  switch (t.kind) {
    case 'int':
      return ['number', true];
    case 'double':
      return ['number', false];
    case 'string':
      return ['string', false];
    case 'bool':
      return ['boolean', false];
    default:
      return undefined;
  }
}

export function compileSelect(ctx: Ctx, e: ExprOf<'select'>): Node {
  const operand = ctx.sub(e.operand);
  const opT = typeOf(ctx, e.operand);
  const field = e.field;
  const at = e.pos;
  const check = entry(typeOf(ctx, e), `field '${field}'`, at);
  const of = operand.fn;
  if (opT.kind === 'object') {
    const nullFail = (): never => fail('no_such_field', `cannot read field '${field}' of null`, at);
    const scalar = scalarCheck(typeOf(ctx, e));
    let slow: Eval;
    if (scalar !== undefined) {
      const [tag, intOnly] = scalar;
      const bad = (v: unknown): unknown => check(v);
      slow = (a) => {
        const o = of(a) as Record<string, unknown> | null;
        if (o === null) return nullFail();
        const v = o[field];
        return typeof v === tag && (!intOnly || Number.isSafeInteger(v)) ? v : bad(v);
      };
    } else {
      slow = (a) => {
        const o = of(a) as Record<string, unknown> | null;
        return o === null ? nullFail() : check(o[field]);
      };
    }
    return { fn: fusePath(ctx, e, slow) ?? slow };
  }
  if (opT.kind === 'map') {
    return fold(
      {
        fn: (a) => {
          const v = mapGet(of(a) as Record<string, unknown>, field);
          return v === MISSING ? fail('no_such_key', `no such key '${field}'`, at) : check(v);
        },
      },
      [operand],
    );
  }
  return {
    fn: (a) => {
      const o = of(a);
      if (!isMapValue(o)) return fail('type_mismatch', `cannot read field '${field}' of ${kindOf(o)}`, at);
      const v = mapGet(o, field);
      return v === MISSING ? fail('no_such_field', `no such field '${field}'`, at) : v;
    },
  };
}

export function compileIndex(ctx: Ctx, e: ExprOf<'index'>): Node {
  const operand = ctx.sub(e.operand);
  const index = ctx.sub(e.index);
  const of = operand.fn;
  const ix = index.fn;
  const at = e.pos;
  const check = entry(typeOf(ctx, e), 'element', at);
  const fn = (a: Activation): unknown => {
    const o = of(a);
    const i0 = ix(a);
    if (Array.isArray(o)) {
      const i = i0 instanceof CelUint ? Number(i0.v) : i0;
      if (typeof i !== 'number' || !Number.isInteger(i))
        return fail('type_mismatch', `a list index must be int, got ${kindOf(i)}`, at);
      if (i < 0 || i >= o.length)
        return fail('index_out_of_range', `index ${i} is out of range for a list of size ${o.length}`, at);
      return check(o[i]);
    }
    if (isMapValue(o)) {
      const v = mapGet(o, i0);
      return v === MISSING ? fail('no_such_key', `no such key ${showKey(i0)}`, at) : check(v);
    }
    return fail('type_mismatch', `cannot index into ${kindOf(o)}`, at);
  };
  return fold({ fn }, [operand, index]);
}

/** `has(x.f)`: absence (missing, undefined, or a null message field) is false, never an error. */
export function compileHas(ctx: Ctx, sel: ExprOf<'select'>): Node {
  const operand = ctx.sub(sel.operand);
  const of = operand.fn;
  const field = sel.field;
  const at = sel.pos;
  if (typeOf(ctx, sel.operand).kind === 'object') {
    return {
      fn: (a) => {
        const o = of(a) as Record<string, unknown> | null;
        return o !== null && o[field] !== undefined && o[field] !== null;
      },
    };
  }
  const fn = (a: Activation): boolean => {
    const o = of(a);
    if (o === null) return false;
    if (!isMapValue(o)) return fail('type_mismatch', `has() cannot test a field of ${kindOf(o)}`, at);
    return mapGet(o, field) !== MISSING;
  };
  return fold({ fn }, [operand]);
}
