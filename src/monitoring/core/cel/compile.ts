import { children } from './ast.ts';
import type { Expr, ExprOf } from './ast.ts';
import { check } from './checker.ts';
import { compileHas, compileIdent, compileIndex, compileSelect } from './compile-access.ts';
import { compileComprehension } from './compile-macros.ts';
import { compileCall, compileCompare, compileCond, compileEquality, compileIn, compileLogic } from './compile-ops.ts';
import type { CelEnv } from './env.ts';
import { diag } from './errors.ts';
import type { CelDiagnostic, Pos } from './errors.ts';
import type { Cell, Ctx, Node } from './node.ts';
import { fold, konst, typeOf } from './node.ts';
import { parse } from './parser.ts';
import { isInt } from './int64.ts';
import { deepFreeze, fail, guardFor, kindOf, mapKey, showKey } from './runtime.ts';
import type { Activation } from './runtime.ts';
import { T, isAssignable, typeName } from './types.ts';
import type { CelType } from './types.ts';
import { CelUint } from './values.ts';

/** A compiled rule: call it with the variables. It throws CelRuntimeError when it cannot be evaluated. */
export interface CelProgram {
  (activation: Readonly<Record<string, unknown>>): unknown;
  readonly source: string;
  readonly type: CelType;
}

export interface CompileOptions {
  /** The type the expression must have, e.g. `T.bool` for a rule. A dyn result is then checked at run time. */
  readonly expect?: CelType;
}

export type CompileResult = { ok: true; program: CelProgram; type: CelType } | { ok: false; errors: CelDiagnostic[] };

/** Compiles once; the returned program is a tree of specialised closures, safe to call concurrently and often. */
export function compile(source: string, env: CelEnv, opts: CompileOptions = {}): CompileResult {
  const parsed = parse(source);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const root = parsed.expr;
  const checked = check(root, env);
  const errors = checked.diagnostics;
  const type = checked.types.get(root) ?? T.dyn;
  const expect = opts.expect;
  if (expect !== undefined && errors.length === 0 && !isAssignable(expect, type)) {
    errors.push(
      diag('type_mismatch', start(root), `the expression must be ${typeName(expect)}, but it is ${typeName(type)}`),
    );
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line || a.column - b.column) };

  const cells = new Map<Expr, Cell>();
  const ctx: Ctx = { checked, cells, sub: (e) => compileNode(ctx, e) };
  let fn = compileNode(ctx, root).fn;
  const resultType = expect !== undefined && type.kind === 'dyn' ? expect : type;
  if (expect !== undefined && type.kind === 'dyn') {
    const ok = guardFor(expect);
    const inner = fn;
    const at = start(root);
    fn = (a) => {
      const v = inner(a);
      return ok(v)
        ? v
        : fail('type_mismatch', `the expression returned ${kindOf(v)}, expected ${typeName(expect)}`, at);
    };
  }
  const program = Object.assign((a: Activation) => fn(a), { source, type: resultType });
  return { ok: true, program, type: resultType };
}

/** Where a whole-expression diagnostic points: the leftmost token, not the root operator. */
function start(e: Expr): Pos {
  let best = e.pos;
  for (const c of children(e)) {
    const p = start(c);
    if (p.offset < best.offset) best = p;
  }
  return best;
}

function compileNode(ctx: Ctx, e: Expr): Node {
  switch (e.kind) {
    case 'int':
    case 'double':
    case 'string':
    case 'bool':
      return konst(e.value);
    case 'uint':
      return konst(new CelUint(e.value));
    case 'bytes':
      return konst(e.value);
    case 'null':
      return konst(null);
    case 'ident':
      return compileIdent(ctx, e);
    case 'select':
      return compileSelect(ctx, e);
    case 'index':
      return compileIndex(ctx, e);
    case 'unary': {
      const operand = ctx.sub(e.operand);
      return compileCall(ctx, e, [operand], [typeOf(ctx, e.operand)]);
    }
    case 'binary':
      return compileBinary(ctx, e);
    case 'cond':
      return compileCond(ctx, e);
    case 'list':
      return compileList(ctx, e);
    case 'map':
      return compileMap(ctx, e);
    case 'call': {
      const macro = ctx.checked.macros.get(e);
      if (macro?.macro === 'has') return compileHas(ctx, macro.select);
      if (macro !== undefined) return compileComprehension(ctx, e, macro);
      const exprs = e.target === undefined ? e.args : [e.target, ...e.args];
      return compileCall(
        ctx,
        e,
        exprs.map(ctx.sub),
        exprs.map((x) => typeOf(ctx, x)),
      );
    }
  }
}

function compileBinary(ctx: Ctx, e: ExprOf<'binary'>): Node {
  switch (e.op) {
    case '&&':
    case '||':
      return compileLogic(ctx, e);
    case '==':
    case '!=':
      return compileEquality(ctx, e);
    case 'in':
      return compileIn(ctx, e);
    default: {
      const fast = compileCompare(ctx, e);
      if (fast !== undefined) return fast;
      const l = ctx.sub(e.left);
      const r = ctx.sub(e.right);
      return compileCall(ctx, e, [l, r], [typeOf(ctx, e.left), typeOf(ctx, e.right)]);
    }
  }
}

function compileList(ctx: Ctx, e: ExprOf<'list'>): Node {
  const elems = e.elems.map(ctx.sub);
  // Frozen when constant: the one array is shared by every evaluation, so no caller may change it.
  if (elems.every((n) => n.k !== undefined)) return konst(deepFreeze(elems.map((n) => n.k?.value)));
  const fns = elems.map((n) => n.fn);
  return { fn: (a) => fns.map((f) => f(a)) };
}

function compileMap(ctx: Ctx, e: ExprOf<'map'>): Node {
  const keys = e.entries.map((en) => ctx.sub(en.key));
  const values = e.entries.map((en) => ctx.sub(en.value));
  const at = e.pos;
  const fn = (a: Activation): Map<unknown, unknown> => {
    const m = new Map<unknown, unknown>();
    for (let i = 0; i < keys.length; i++) {
      const k = (keys[i] as Node).fn(a);
      if (typeof k !== 'string' && typeof k !== 'boolean' && !isInt(k) && !(k instanceof CelUint)) {
        fail('type_mismatch', `map keys must be int, uint, string or bool, got ${kindOf(k)}`, at);
      }
      const key = mapKey(k);
      if (m.has(key)) fail('invalid_argument', `duplicate map key ${showKey(k)}`, at);
      m.set(key, (values[i] as Node).fn(a));
    }
    return m;
  };
  return fold({ fn }, [...keys, ...values]);
}
