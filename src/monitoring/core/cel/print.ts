import { PRECEDENCE } from './ast.ts';
import type { Expr } from './ast.ts';

const COND = 0;
const UNARY = 6;
const MEMBER = 7;

/** Prints CEL source for an expression, with only the parentheses precedence requires; re-parses to the same tree. */
export function printExpr(e: Expr): string {
  return print(e, COND);
}

function print(e: Expr, min: number): string {
  switch (e.kind) {
    case 'int':
      // A negative literal prints as `-N`, which parses back to the same literal.
      return wrap(String(e.value), e.value < 0 ? UNARY : MEMBER, min);
    case 'uint':
      return `${e.value}u`;
    case 'bytes':
      return `b"${[...e.value].map((b) => `\\x${b.toString(16).padStart(2, '0')}`).join('')}"`;
    case 'double':
      return printDouble(e.value);
    case 'string':
      return JSON.stringify(e.value);
    case 'bool':
      return String(e.value);
    case 'null':
      return 'null';
    case 'ident':
      return e.name;
    case 'select':
      return `${print(e.operand, MEMBER)}.${e.field}`;
    case 'index':
      return `${print(e.operand, MEMBER)}[${print(e.index, COND)}]`;
    case 'call': {
      const args = e.args.map((a) => print(a, COND)).join(', ');
      return e.target === undefined ? `${e.fn}(${args})` : `${print(e.target, MEMBER)}.${e.fn}(${args})`;
    }
    case 'unary':
      // `-(5)`, not `-5`: the latter parses as the negative literal, a different tree.
      if (e.op === '-' && e.operand.kind === 'int' && e.operand.value >= 0)
        return wrap(`-(${print(e.operand, COND)})`, UNARY, min);
      return wrap(`${e.op}${print(e.operand, UNARY)}`, UNARY, min);
    case 'binary': {
      const p = PRECEDENCE[e.op];
      return wrap(`${print(e.left, p)} ${e.op} ${print(e.right, p + 1)}`, p, min);
    }
    case 'cond':
      return wrap(`${print(e.cond, 1)} ? ${print(e.then, 1)} : ${print(e.else, COND)}`, COND, min);
    case 'list':
      return `[${e.elems.map((x) => print(x, COND)).join(', ')}]`;
    case 'map':
      return `{${e.entries.map((en) => `${print(en.key, COND)}: ${print(en.value, COND)}`).join(', ')}}`;
  }
}

const wrap = (s: string, own: number, min: number): string => (own < min ? `(${s})` : s);

function printDouble(v: number): string {
  if (!Number.isFinite(v)) return `double(${JSON.stringify(String(v))})`;
  const s = String(v);
  // A double literal must keep its point or exponent, or it would re-parse as an int.
  return /[.eE]/.test(s) ? s : `${s}.0`;
}
