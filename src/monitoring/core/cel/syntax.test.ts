import { describe, expect, it } from 'vitest';
import type { Expr } from './ast.ts';
import { tokenize } from './lexer.ts';
import { parse } from './parser.ts';
import { printExpr } from './print.ts';

/** Fully parenthesised rendering, so a test states the tree the parser built. */
function sx(e: Expr): string {
  switch (e.kind) {
    case 'int':
    case 'double':
    case 'bool':
      return String(e.value);
    case 'uint':
      return `${e.value}u`;
    case 'bytes':
      return `b[${[...e.value].join(',')}]`;
    case 'string':
      return JSON.stringify(e.value);
    case 'null':
      return 'null';
    case 'ident':
      return e.name;
    case 'select':
      return `${sx(e.operand)}.${e.field}`;
    case 'index':
      return `${sx(e.operand)}[${sx(e.index)}]`;
    case 'call':
      return `${e.target === undefined ? '' : `${sx(e.target)}.`}${e.fn}(${e.args.map(sx).join(', ')})`;
    case 'unary':
      return `(${e.op}${sx(e.operand)})`;
    case 'binary':
      return `(${sx(e.left)} ${e.op} ${sx(e.right)})`;
    case 'cond':
      return `(${sx(e.cond)} ? ${sx(e.then)} : ${sx(e.else)})`;
    case 'list':
      return `[${e.elems.map(sx).join(', ')}]`;
    case 'map':
      return `{${e.entries.map((en) => `${sx(en.key)}: ${sx(en.value)}`).join(', ')}}`;
  }
}

function tree(src: string): string {
  const r = parse(src);
  if (!r.ok) throw new Error(`parse failed: ${JSON.stringify(r.errors)}`);
  return sx(r.expr);
}

function syntaxError(src: string): { line: number; column: number; message: string } {
  const r = parse(src);
  if (r.ok) throw new Error(`expected a syntax error for ${src}`);
  const first = r.errors[0];
  if (first === undefined) throw new Error('no error reported');
  expect(first.code).toBe('syntax');
  return first;
}

describe('lexer', () => {
  it('reads numbers, strings, identifiers and operators with positions', () => {
    const { tokens, errors } = tokenize("a.b >= 0x1F && 1.5e3\n  != 'x'");
    expect(errors).toEqual([]);
    expect(tokens.map((t) => [t.kind, t.value])).toEqual([
      ['ident', 'a'],
      ['op', '.'],
      ['ident', 'b'],
      ['op', '>='],
      ['int', 31],
      ['op', '&&'],
      ['double', 1500],
      ['op', '!='],
      ['string', 'x'],
      ['eof', ''],
    ]);
    const ne = tokens[7];
    expect([ne?.pos.line, ne?.pos.column]).toEqual([2, 3]);
  });

  it('decodes escapes, raw strings and triple-quoted strings', () => {
    const v = (src: string): unknown => tokenize(src).tokens[0]?.value;
    expect(v(String.raw`"a\n\t\"\\\x41\u4e2d\U0001F600\101"`)).toBe('a\n\t"\\A中😀A');
    expect(v(String.raw`r'\d+\n'`)).toBe('\\d+\\n');
    expect(v("'''it's\nmulti'''")).toBe("it's\nmulti");
    expect(v('.5')).toBe(0.5);
  });

  it('skips comments and reports bad input with its position', () => {
    expect(tokenize('1 // note\n+ 2').tokens.map((t) => t.text)).toEqual(['1', '+', '2', '']);
    const { errors } = tokenize("a # b\n'open");
    expect(errors.map((e) => [e.line, e.column, e.message])).toEqual([
      [1, 3, "unexpected character '#'"],
      [2, 1, 'unterminated string literal'],
    ]);
    expect(tokenize('9223372036854775809').errors[0]?.message).toMatch(/outside the range of int64/);
    expect(tokenize('18446744073709551616u').errors[0]?.message).toMatch(/outside the range of uint64/);
    expect(tokenize('9007199254740993').tokens[0]?.value).toBe(9007199254740993n);
    expect(tokenize('1u').tokens[0]).toMatchObject({ kind: 'uint', value: 1n });
    expect(tokenize(String.raw`b'\xff\u00ff'`).tokens[0]?.value).toEqual(Uint8Array.from([0xff, 0xc3, 0xbf]));
    expect(tokenize(String.raw`'\q'`).errors[0]?.message).toMatch(/invalid escape/);
  });
});

describe('parser precedence', () => {
  it.each([
    ['1 + 2 * 3', '(1 + (2 * 3))'],
    ['1 - 2 - 3', '((1 - 2) - 3)'],
    ['8 / 4 % 3 * 2', '(((8 / 4) % 3) * 2)'],
    ['a || b && c', '(a || (b && c))'],
    ['a && b || c && d', '((a && b) || (c && d))'],
    ['a < b == c', '((a < b) == c)'],
    ['x in l && y', '((x in l) && y)'],
    ['1 + 2 < 3 + 4', '((1 + 2) < (3 + 4))'],
    ['!a && -b < c', '((!a) && ((-b) < c))'],
    ['--x', '(-(-x))'],
    ['a ? b : c ? d : e', '(a ? b : (c ? d : e))'],
    ['a || b ? c : d', '((a || b) ? c : d)'],
    ['-a.b[0].c(1)', '(-a.b[0].c(1))'],
    ['(1 + 2) * 3', '((1 + 2) * 3)'],
    ['f(a, b).g()', 'f(a, b).g()'],
    ["{'k': [1, 2,], 2: {}}", '{"k": [1, 2], 2: {}}'],
  ])('%s', (src, want) => {
    expect(tree(src)).toBe(want);
  });
});

describe('syntax errors', () => {
  it('points at the offending token', () => {
    expect(syntaxError('1 + ')).toMatchObject({ line: 1, column: 5 });
    expect(syntaxError('a &&\n  (b || )')).toMatchObject({ line: 2, column: 9 });
    expect(syntaxError('f(1, 2')).toMatchObject({
      line: 1,
      column: 7,
      message: expect.stringMatching(/argument list/),
    });
    expect(syntaxError('a b')).toMatchObject({ line: 1, column: 3 });
    expect(syntaxError('a ? b')).toMatchObject({ line: 1, column: 6 });
    expect(syntaxError('x.if')).toMatchObject({ column: 3, message: "'if' is a reserved word" });
    expect(syntaxError('Foo{a: 1}')).toMatchObject({ message: expect.stringMatching(/not supported/) });
  });

  it('refuses nesting deep enough to threaten the stack', () => {
    expect(syntaxError('('.repeat(300) + '1' + ')'.repeat(300)).message).toMatch(/nested/);
    expect(syntaxError(Array(400).fill('1').join(' + ')).message).toMatch(/nested/);
    expect(syntaxError('a' + '.b'.repeat(400)).message).toMatch(/nested/);
    expect(tree(Array(50).fill('1').join(' + '))).toMatch(/^\(+1 \+ 1\)/);
  });
});

describe('printer', () => {
  it('prints with only the parentheses the tree needs', () => {
    const cases: [string, string][] = [
      ['(a + b) * c', '(a + b) * c'],
      ['a + (b * c)', 'a + b * c'],
      ['a - (b - c)', 'a - (b - c)'],
      ['(a ? b : c) ? d : e', '(a ? b : c) ? d : e'],
      ['-(a + b)', '-(a + b)'],
      ["x.matches('\\\\d')", 'x.matches("\\\\d")'],
      ['2.0 + 1e300', '2.0 + 1e+300'],
    ];
    for (const [src, want] of cases) {
      const r = parse(src);
      if (!r.ok) throw new Error(src);
      expect(printExpr(r.expr)).toBe(want);
    }
  });
});
