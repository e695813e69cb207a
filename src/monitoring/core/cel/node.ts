import type { Expr } from './ast.ts';
import type { Checked } from './checked.ts';
import { CelRuntimeError } from './errors.ts';
import { deepFreeze } from './runtime.ts';
import type { Eval } from './runtime.ts';
import { T } from './types.ts';
import type { CelType } from './types.ts';

/** A compiled subexpression; `k` is set when its value is known at compile time. */
export interface Node {
  readonly fn: Eval;
  readonly k?: { readonly value: unknown };
}

/** Holds the current element of one comprehension; closures inside its predicate read it directly. */
export interface Cell {
  v: unknown;
}

export interface Ctx {
  readonly checked: Checked;
  readonly cells: Map<Expr, Cell>;
  readonly sub: (e: Expr) => Node;
}

export const typeOf = (ctx: Ctx, e: Expr): CelType => ctx.checked.types.get(e) ?? T.dyn;

export const konst = (value: unknown): Node => ({ fn: () => value, k: { value } });

const NO_VARIABLES = Object.freeze({});

/**
 * Evaluates a node whose inputs are all constants once, now. A runtime error is not reported here: it stays
 * in the program, because `false && 1 / 0` must still be false.
 */
export function fold(node: Node, inputs: readonly Node[]): Node {
  if (node.k !== undefined || !inputs.every((n) => n.k !== undefined)) return node;
  try {
    // Frozen: the one folded value is shared by every evaluation, so no caller may change it.
    return konst(deepFreeze(node.fn(NO_VARIABLES)));
  } catch (e) {
    if (e instanceof CelRuntimeError) return node;
    throw e;
  }
}

/** Rethrows anything that is not a CEL evaluation error: those are bugs, not rule outcomes to absorb. */
export function absorb(e: unknown): CelRuntimeError {
  if (e instanceof CelRuntimeError) return e;
  throw e;
}
