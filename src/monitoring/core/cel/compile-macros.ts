import type { ExprOf } from './ast.ts';
import type { MacroInfo } from './checked.ts';
import { CelRuntimeError } from './errors.ts';
import type { Pos } from './errors.ts';
import type { Cell, Ctx, Node } from './node.ts';
import { absorb, typeOf } from './node.ts';
import { fail, guardFor, isMapValue, kindOf, mapKeys } from './runtime.ts';
import type { Activation, Eval } from './runtime.ts';
import { T, typeName } from './types.ts';

type ComprehensionInfo = Exclude<MacroInfo, { macro: 'has' }>;

/**
 * Compiles `range.all(x, p)` and friends to a plain loop. The iteration variable lives in a cell that the
 * predicate's closures read directly; it is restored afterwards so nothing of the activation is retained.
 */
export function compileComprehension(ctx: Ctx, e: ExprOf<'call'>, info: ComprehensionInfo): Node {
  const cell: Cell = { v: undefined };
  ctx.cells.set(e, cell);
  const range = ctx.sub(info.range).fn;
  const rangeT = typeOf(ctx, info.range);
  const pred = info.pred === undefined ? undefined : ctx.sub(info.pred).fn;
  const body = info.body === undefined ? undefined : ctx.sub(info.body).fn;
  const at = e.pos;
  const items = itemsOf(range, rangeT.kind, at, info.macro);
  const elemT = rangeT.kind === 'list' ? rangeT.elem : rangeT.kind === 'map' ? rangeT.key : T.dyn;
  const ok = guardFor(elemT);
  const bind = (v: unknown): void => {
    if (!ok(v)) fail('type_mismatch', `${info.macro}() element is ${kindOf(v)}, declared ${typeName(elemT)}`, at);
    cell.v = v;
  };
  const notBool = (v: unknown): CelRuntimeError =>
    new CelRuntimeError('type_mismatch', `the predicate of ${info.macro}() returned ${kindOf(v)}, not bool`, at);

  const loop =
    (run: (a: Activation, xs: readonly unknown[]) => unknown): Eval =>
    (a) => {
      const xs = items(a);
      const saved = cell.v;
      try {
        return run(a, xs);
      } finally {
        cell.v = saved;
      }
    };

  const p = pred ?? (() => true);
  switch (info.macro) {
    case 'all':
    case 'exists': {
      // Like `&&`/`||` across elements: a decisive element wins over an error seen elsewhere.
      const decisive = info.macro === 'exists';
      return {
        fn: loop((a, xs) => {
          let err: CelRuntimeError | undefined;
          for (let i = 0; i < xs.length; i++) {
            let r: unknown;
            try {
              bind(xs[i]);
              r = p(a);
            } catch (ex) {
              err ??= absorb(ex);
              continue;
            }
            if (r === decisive) return decisive;
            if (typeof r !== 'boolean') err ??= notBool(r);
          }
          if (err !== undefined) throw err;
          return !decisive;
        }),
      };
    }
    case 'exists_one':
      return {
        fn: loop((a, xs) => {
          let n = 0;
          for (let i = 0; i < xs.length; i++) {
            bind(xs[i]);
            const r = p(a);
            if (typeof r !== 'boolean') throw notBool(r);
            if (r) n++;
          }
          return n === 1;
        }),
      };
    case 'filter':
    case 'map': {
      const f = body ?? ((): unknown => cell.v);
      return {
        fn: loop((a, xs) => {
          const out: unknown[] = [];
          for (let i = 0; i < xs.length; i++) {
            bind(xs[i]);
            const r = p(a);
            if (typeof r !== 'boolean') throw notBool(r);
            if (r) out.push(f(a));
          }
          return out;
        }),
      };
    }
  }
}

function itemsOf(range: Eval, kind: string, at: Pos, macro: string): (a: Activation) => readonly unknown[] {
  if (kind === 'list') return (a) => range(a) as unknown[];
  if (kind === 'map') return (a) => mapKeys(range(a) as Record<string, unknown>);
  return (a) => {
    const r = range(a);
    if (Array.isArray(r)) return r as unknown[];
    if (isMapValue(r)) return mapKeys(r);
    return fail('type_mismatch', `${macro}() needs a list or map, got ${kindOf(r)}`, at);
  };
}
