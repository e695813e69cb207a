import type { Pos } from './errors.ts';

export type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | '+' | '-' | '*' | '/' | '%';
export type UnaryOp = '!' | '-';

/**
 * The parsed expression. `pos` points at the token a diagnostic should blame: the operator of a binary
 * expression, the field name of a select, the function name of a call.
 */
export type Expr =
  | { kind: 'int'; value: number | bigint; pos: Pos }
  | { kind: 'uint'; value: bigint; pos: Pos }
  | { kind: 'double'; value: number; pos: Pos }
  | { kind: 'bytes'; value: Uint8Array; pos: Pos }
  | { kind: 'string'; value: string; pos: Pos }
  | { kind: 'bool'; value: boolean; pos: Pos }
  | { kind: 'null'; pos: Pos }
  | { kind: 'ident'; name: string; pos: Pos }
  | { kind: 'select'; operand: Expr; field: string; pos: Pos }
  | { kind: 'index'; operand: Expr; index: Expr; pos: Pos }
  | { kind: 'call'; fn: string; target: Expr | undefined; args: Expr[]; pos: Pos }
  | { kind: 'unary'; op: UnaryOp; operand: Expr; pos: Pos }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr; pos: Pos }
  | { kind: 'cond'; cond: Expr; then: Expr; else: Expr; pos: Pos }
  | { kind: 'list'; elems: Expr[]; pos: Pos }
  | { kind: 'map'; entries: { key: Expr; value: Expr }[]; pos: Pos };

export type ExprOf<K extends Expr['kind']> = Extract<Expr, { kind: K }>;

/** Binding strength, loosest first; shared by the parser and the printer so they cannot disagree. */
export const PRECEDENCE: Record<BinaryOp, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 3,
  '<=': 3,
  '>': 3,
  '>=': 3,
  in: 3,
  '+': 4,
  '-': 4,
  '*': 5,
  '/': 5,
  '%': 5,
};

export const RESERVED = new Set([
  'as',
  'break',
  'const',
  'continue',
  'else',
  'for',
  'function',
  'if',
  'import',
  'let',
  'loop',
  'package',
  'namespace',
  'return',
  'var',
  'void',
  'while',
]);

/** Children in evaluation order; used by passes that do not care about node shape. */
export function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'select':
    case 'unary':
      return [e.operand];
    case 'index':
      return [e.operand, e.index];
    case 'call':
      return e.target === undefined ? e.args : [e.target, ...e.args];
    case 'binary':
      return [e.left, e.right];
    case 'cond':
      return [e.cond, e.then, e.else];
    case 'list':
      return e.elems;
    case 'map':
      return e.entries.flatMap((en) => [en.key, en.value]);
    default:
      return [];
  }
}
