import type { Expr, ExprOf } from './ast.ts';
import type { CelDiagnostic, CelDiagnosticCode, Pos } from './errors.ts';
import type { Overload } from './functions.ts';
import type { CelType } from './types.ts';

export type Comprehension = 'all' | 'exists' | 'exists_one' | 'map' | 'filter';

/** What the checker learned about a macro call, so the compiler need not re-derive it. */
export type MacroInfo =
  | { macro: 'has'; select: ExprOf<'select'> }
  | { macro: Comprehension; range: Expr; iterVar: string; pred: Expr | undefined; body: Expr | undefined };

/**
 * An identifier refers to a host variable, to the iteration variable of the comprehension `owner`, or (when
 * no variable has the name) to a type denotation such as `int`.
 */
export type Binding = { kind: 'var'; name: string } | { kind: 'iter'; owner: Expr } | { kind: 'type'; name: string };

/** Type denotations usable as values, e.g. `type(x) == int`. */
export const TYPE_NAMES = new Set([
  'int',
  'uint',
  'double',
  'bool',
  'string',
  'bytes',
  'list',
  'map',
  'null_type',
  'type',
]);

export interface Checked {
  readonly types: Map<Expr, CelType>;
  /** Overloads still possible for each operator or function call after static typing (several only under dyn). */
  readonly calls: Map<Expr, Overload[]>;
  readonly macros: Map<Expr, MacroInfo>;
  readonly bindings: Map<Expr, Binding>;
  readonly diagnostics: CelDiagnostic[];
}

export interface Scope {
  readonly name: string;
  readonly type: CelType;
  readonly owner: Expr;
  readonly parent: Scope | undefined;
}

export const COMPREHENSIONS = new Set<string>(['all', 'exists', 'exists_one', 'map', 'filter']);
// A subtree that already failed reads as dyn (a distinct instance, told apart by identity), so one mistake
// yields one diagnostic rather than a cascade.
export const FAILED: CelType = { kind: 'dyn' };

/** What the macro checks need from the checker that runs them. */
export interface CheckContext {
  readonly out: Checked;
  visit(e: Expr, scope: Scope | undefined): CelType;
  report(code: CelDiagnosticCode, at: Pos, message: string): CelType;
  needBool(e: Expr, t: CelType, what: string): boolean;
  select(e: ExprOf<'select'>, t: CelType): CelType;
}
