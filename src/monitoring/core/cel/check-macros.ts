import type { Expr, ExprOf } from './ast.ts';
import { FAILED } from './checked.ts';
import type { CheckContext, Comprehension, Scope } from './checked.ts';
import { T, typeName } from './types.ts';
import type { CelType } from './types.ts';

/** `has(x.f)`: the argument must be a field selection on something that has fields. */
export function checkHas(ctx: CheckContext, e: ExprOf<'call'>, scope: Scope | undefined): CelType {
  const arg = e.args[0] as Expr;
  if (arg.kind !== 'select')
    return ctx.report('invalid_argument', arg.pos, 'has() needs a field selection such as has(event.device)');
  const t = ctx.visit(arg.operand, scope);
  if (t === FAILED) return T.bool;
  if (t.kind === 'object' || t.kind === 'map' || t.kind === 'dyn') ctx.select(arg, t);
  else ctx.report('type_mismatch', arg.pos, `has() cannot test a field of ${typeName(t)}`);
  ctx.out.macros.set(e, { macro: 'has', select: arg });
  return T.bool;
}

/** `range.all(x, p)` and the other comprehensions: `x` is bound, in `p`, to each element (or map key). */
export function checkComprehension(
  ctx: CheckContext,
  e: ExprOf<'call'>,
  target: Expr,
  macro: Comprehension,
  scope: Scope | undefined,
): CelType {
  const rangeT = ctx.visit(target, scope);
  const [v, second, third] = e.args as [Expr, Expr, Expr | undefined];
  if (v.kind !== 'ident')
    return ctx.report('invalid_argument', v.pos, `the first argument of ${macro}() must be a variable name`);
  const iterT =
    rangeT.kind === 'list'
      ? rangeT.elem
      : rangeT.kind === 'map'
        ? rangeT.key
        : rangeT.kind === 'dyn'
          ? T.dyn
          : undefined;
  if (iterT === undefined)
    return ctx.report('type_mismatch', e.pos, `${macro}() needs a list or map, got ${typeName(rangeT)}`);
  const inner: Scope = { name: v.name, type: iterT, owner: e, parent: scope };
  const pred = macro === 'map' && third === undefined ? undefined : second;
  const body = macro === 'map' ? (third ?? second) : undefined;
  if (pred !== undefined) ctx.needBool(pred, ctx.visit(pred, inner), `the predicate of ${macro}()`);
  const bodyT = body === undefined ? undefined : ctx.visit(body, inner);
  ctx.out.macros.set(e, { macro, range: target, iterVar: v.name, pred, body });
  if (macro === 'map') return T.list(bodyT ?? T.dyn);
  return macro === 'filter' ? T.list(iterT) : T.bool;
}
