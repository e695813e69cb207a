import type { Expr, ExprOf } from './ast.ts';
import type { Ctx } from './node.ts';
import { typeOf } from './node.ts';
import { guardFor } from './runtime.ts';
import type { Activation, Eval } from './runtime.ts';
import type { CelType } from './types.ts';

type Obj = Record<string, unknown>;

/** `event.amount.minor` as [event, amount, minor] when every hop is a declared message field; else undefined. */
function pathOf(ctx: Ctx, e: ExprOf<'select'>): { root: string; fields: string[] } | undefined {
  const fields = [e.field];
  let cur: Expr = e.operand;
  while (cur.kind === 'select' && typeOf(ctx, cur.operand).kind === 'object') {
    fields.unshift(cur.field);
    cur = cur.operand;
  }
  const b = ctx.checked.bindings.get(cur);
  if (cur.kind !== 'ident' || b?.kind !== 'var' || typeOf(ctx, cur).kind !== 'object') return undefined;
  return { root: cur.name, fields };
}

function tagOf(t: CelType): 'number' | 'string' | 'boolean' | undefined {
  if (t.kind === 'int' || t.kind === 'double') return 'number';
  if (t.kind === 'string') return 'string';
  return t.kind === 'bool' ? 'boolean' : undefined;
}

/**
 * A field path read as one closure instead of one per hop: the most common shape in a rule, and the one the
 * hot path spends most of its time in. It handles only well-formed data; anything unexpected (a missing or
 * null hop, a wrong type) is handed to `slow`, the hop-by-hop closure, which raises the precise error.
 */
export function fusePath(ctx: Ctx, e: ExprOf<'select'>, slow: Eval): Eval | undefined {
  const path = pathOf(ctx, e);
  if (path === undefined) return undefined;
  const { root, fields } = path;
  const leafT = typeOf(ctx, e);
  const tag = tagOf(leafT);
  const intOnly = leafT.kind === 'int';
  const [f1, f2, f3] = fields as [string, string, string];
  if (tag !== undefined && fields.length === 1) {
    return (a) => {
      const o = a[root];
      if (typeof o === 'object' && o !== null) {
        const v = (o as Obj)[f1];
        if (typeof v === tag && (!intOnly || Number.isSafeInteger(v))) return v;
      }
      return slow(a);
    };
  }
  if (tag !== undefined && fields.length === 2) {
    return (a) => {
      const o = a[root];
      if (typeof o === 'object' && o !== null) {
        const p = (o as Obj)[f1];
        if (typeof p === 'object' && p !== null) {
          const v = (p as Obj)[f2];
          if (typeof v === tag && (!intOnly || Number.isSafeInteger(v))) return v;
        }
      }
      return slow(a);
    };
  }
  if (tag !== undefined && fields.length === 3) {
    return (a) => {
      const o = a[root];
      if (typeof o === 'object' && o !== null) {
        const p = (o as Obj)[f1];
        if (typeof p === 'object' && p !== null) {
          const q = (p as Obj)[f2];
          if (typeof q === 'object' && q !== null) {
            const v = (q as Obj)[f3];
            if (typeof v === tag && (!intOnly || Number.isSafeInteger(v))) return v;
          }
        }
      }
      return slow(a);
    };
  }
  const ok = guardFor(leafT);
  const last = fields.length - 1;
  return (a: Activation) => {
    let o: unknown = a[root];
    for (let i = 0; i < last; i++) {
      if (typeof o !== 'object' || o === null) return slow(a);
      o = (o as Obj)[fields[i] as string];
    }
    if (typeof o !== 'object' || o === null) return slow(a);
    const v = (o as Obj)[fields[last] as string];
    return v !== undefined && ok(v) ? v : slow(a);
  };
}
