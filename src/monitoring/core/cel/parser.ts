import { PRECEDENCE, RESERVED, children } from './ast.ts';
import type { BinaryOp, Expr } from './ast.ts';
import { diag } from './errors.ts';
import type { CelDiagnostic, Pos } from './errors.ts';
import { tokenize } from './lexer.ts';
import type { Token } from './lexer.ts';

// Deeply nested input would otherwise overflow the JS stack in the parser and every later pass.
const MAX_DEPTH = 200;

class Stop extends Error {}

/**
 * Long left-associative chains (`a + a + ...`, `a.b.c...`) nest as deeply as parentheses but are parsed by a
 * loop, so the tree depth is measured afterwards, without recursion, before later passes recurse on it.
 */
function tooDeep(root: Expr): Pos | undefined {
  const stack: [Expr, number][] = [[root, 1]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [e, d] = top;
    if (d > MAX_DEPTH) return e.pos;
    for (const c of children(e)) stack.push([c, d + 1]);
  }
  return undefined;
}

export function parse(source: string): { ok: true; expr: Expr } | { ok: false; errors: CelDiagnostic[] } {
  const { tokens, errors } = tokenize(source);
  if (errors.length > 0) return { ok: false, errors };
  const p = new Parser(tokens);
  try {
    const expr = p.expr();
    p.expectEnd();
    const deep = tooDeep(expr);
    if (deep !== undefined)
      return { ok: false, errors: [diag('syntax', deep, `expression is nested more than ${MAX_DEPTH} levels deep`)] };
    return { ok: true, expr };
  } catch (e) {
    if (e instanceof Stop) return { ok: false, errors: p.errors };
    throw e;
  }
}

class Parser {
  readonly errors: CelDiagnostic[] = [];
  private i = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.i] ?? (this.tokens[this.tokens.length - 1] as Token);
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    return t;
  }

  private isOp(text: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.text === text;
  }

  private fail(at: Pos, message: string): never {
    this.errors.push(diag('syntax', at, message));
    throw new Stop();
  }

  private describe(t: Token): string {
    return t.kind === 'eof' ? 'end of input' : `'${t.text}'`;
  }

  private expectOp(text: string, context: string): Token {
    const t = this.peek();
    if (t.kind !== 'op' || t.text !== text)
      this.fail(t.pos, `expected '${text}' ${context}, found ${this.describe(t)}`);
    return this.next();
  }

  expectEnd(): void {
    const t = this.peek();
    if (t.kind !== 'eof') this.fail(t.pos, `unexpected ${this.describe(t)} after the end of the expression`);
  }

  expr(): Expr {
    if (++this.depth > MAX_DEPTH) this.fail(this.peek().pos, `expression is nested more than ${MAX_DEPTH} levels deep`);
    const cond = this.binary(1);
    let result = cond;
    if (this.isOp('?')) {
      const pos = this.next().pos;
      const then = this.binary(1);
      this.expectOp(':', "in a conditional 'c ? a : b'");
      result = { kind: 'cond', cond, then, else: this.expr(), pos };
    }
    this.depth--;
    return result;
  }

  /** Precedence climbing; every binary level in CEL is left-associative. */
  private binary(minPrec: number): Expr {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      const op = this.binaryOp(t);
      if (op === undefined || PRECEDENCE[op] < minPrec) return left;
      this.next();
      const right = this.binary(PRECEDENCE[op] + 1);
      left = { kind: 'binary', op, left, right, pos: t.pos };
    }
  }

  private binaryOp(t: Token): BinaryOp | undefined {
    if (t.kind === 'ident' && t.text === 'in') return 'in';
    if (t.kind !== 'op') return undefined;
    return Object.hasOwn(PRECEDENCE, t.text) ? (t.text as BinaryOp) : undefined;
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.kind === 'op' && (t.text === '!' || t.text === '-')) {
      this.next();
      const lit = t.text === '-' ? this.negativeLiteral(t) : undefined;
      if (lit !== undefined) return lit;
      if (++this.depth > MAX_DEPTH) this.fail(t.pos, `expression is nested more than ${MAX_DEPTH} levels deep`);
      const operand = this.unary();
      this.depth--;
      return { kind: 'unary', op: t.text, operand, pos: t.pos };
    }
    return this.member();
  }

  /**
   * `-9223372036854775808` is an int literal, not the negation of 2^63 (which has no int64 value): a minus
   * directly before an int literal that is not itself followed by a member access is folded into it.
   */
  private negativeLiteral(minus: Token): Expr | undefined {
    const lit = this.peek();
    const after = this.tokens[this.i + 1];
    if (lit.kind !== 'int' || (after?.kind === 'op' && (after.text === '.' || after.text === '['))) return undefined;
    this.next();
    const v = -BigInt(lit.value as number | bigint);
    const value = v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) + 0 : v;
    return { kind: 'int', value, pos: minus.pos };
  }

  private member(): Expr {
    let e = this.primary();
    for (;;) {
      if (this.isOp('.')) {
        this.next();
        const name = this.ident("after '.'");
        if (this.isOp('(')) {
          this.next();
          e = { kind: 'call', fn: name.text, target: e, args: this.list(')'), pos: name.pos };
        } else {
          e = { kind: 'select', operand: e, field: name.text, pos: name.pos };
        }
      } else if (this.isOp('[')) {
        const pos = this.next().pos;
        const index = this.expr();
        this.expectOp(']', 'to close the index');
        e = { kind: 'index', operand: e, index, pos };
      } else {
        return e;
      }
    }
  }

  private ident(context: string): Token {
    const t = this.peek();
    if (t.kind !== 'ident') this.fail(t.pos, `expected an identifier ${context}, found ${this.describe(t)}`);
    if (RESERVED.has(t.text)) this.fail(t.pos, `'${t.text}' is a reserved word`);
    if (t.text === 'in' || t.text === 'true' || t.text === 'false' || t.text === 'null') {
      this.fail(t.pos, `'${t.text}' is a keyword and cannot be used as a name`);
    }
    return this.next();
  }

  private primary(): Expr {
    const t = this.peek();
    const pos = t.pos;
    switch (t.kind) {
      case 'int':
        this.next();
        if (typeof t.value === 'bigint' && t.value > 9223372036854775807n)
          this.fail(pos, `integer literal ${t.text} is outside the range of int64 (-2^63 to 2^63-1)`);
        return { kind: 'int', value: t.value as number | bigint, pos };
      case 'uint':
        this.next();
        return { kind: 'uint', value: t.value as bigint, pos };
      case 'bytes':
        this.next();
        return { kind: 'bytes', value: t.value as Uint8Array, pos };
      case 'double':
        this.next();
        return { kind: 'double', value: t.value as number, pos };
      case 'string':
        this.next();
        return { kind: 'string', value: t.value as string, pos };
      case 'ident': {
        if (t.text === 'true' || t.text === 'false') {
          this.next();
          return { kind: 'bool', value: t.text === 'true', pos };
        }
        if (t.text === 'null') {
          this.next();
          return { kind: 'null', pos };
        }
        const name = this.ident('');
        if (this.isOp('(')) {
          this.next();
          return { kind: 'call', fn: name.text, target: undefined, args: this.list(')'), pos };
        }
        if (this.isOp('{')) this.fail(this.peek().pos, 'message construction (Type{...}) is not supported');
        return { kind: 'ident', name: name.text, pos };
      }
      case 'op':
        return this.primaryOp(t);
      case 'eof':
        return this.fail(pos, 'unexpected end of input, expected an expression');
    }
  }

  private primaryOp(t: Token): Expr {
    const pos = t.pos;
    if (t.text === '(') {
      this.next();
      const e = this.expr();
      this.expectOp(')', 'to close the parenthesis');
      return e;
    }
    if (t.text === '[') {
      this.next();
      return { kind: 'list', elems: this.list(']'), pos };
    }
    if (t.text === '{') {
      this.next();
      const entries: { key: Expr; value: Expr }[] = [];
      while (!this.isOp('}')) {
        const key = this.expr();
        this.expectOp(':', 'between a map key and its value');
        entries.push({ key, value: this.expr() });
        if (!this.isOp(',')) break;
        this.next();
      }
      this.expectOp('}', 'to close the map');
      return { kind: 'map', entries, pos };
    }
    if (t.text === '.') this.fail(pos, 'leading-dot (root scope) names are not supported');
    return this.fail(pos, `unexpected ${this.describe(t)}, expected an expression`);
  }

  /** Comma-separated expressions up to `close`; a trailing comma is allowed as in CEL. */
  private list(close: string): Expr[] {
    const out: Expr[] = [];
    while (!this.isOp(close)) {
      out.push(this.expr());
      if (!this.isOp(',')) break;
      this.next();
    }
    this.expectOp(close, close === ')' ? 'to close the argument list' : 'to close the list');
    return out;
  }
}
