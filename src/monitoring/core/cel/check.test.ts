import { describe, expect, it } from 'vitest';
import { T, compile, defineFunction, formatDiagnostics } from './index.ts';
import type { CelDiagnostic, CelEnv } from './index.ts';

const env: CelEnv = {
  variables: {
    event: T.object('Event', {
      type: T.string,
      amount: T.object('Amount', { minor: T.int, currency: T.string }),
      tags: T.list(T.string),
    }),
    features: T.map(T.string, T.int),
    d: T.dyn,
  },
  functions: { cny: defineFunction([T.int], T.int, (x) => x * 100, { pure: true }) },
};

function errors(src: string, expect?: typeof T.bool): CelDiagnostic[] {
  const r = compile(src, env, expect === undefined ? {} : { expect });
  if (r.ok) throw new Error(`expected ${src} to be rejected`);
  return r.errors;
}

const brief = (ds: CelDiagnostic[]): [string, number, number][] => ds.map((d) => [d.code, d.line, d.column]);

describe('type checking', () => {
  it.each([
    ['event.amout.minor > 1', 'unknown_field', 1, 7, "Event has no field 'amout' (did you mean 'amount'?)"],
    ['evnt.type', 'unknown_identifier', 1, 1, "unknown identifier 'evnt' (did you mean 'event'?)"],
    ["'a' + 1", 'type_mismatch', 1, 5, "operator '+' cannot be applied to string and int"],
    ["event.amount.minor > 'x'", 'type_mismatch', 1, 20, "operator '>' cannot be applied to int and string"],
    ['cnyy(1)', 'unknown_function', 1, 1, "unknown function 'cnyy' (did you mean 'cny'?)"],
    ['cny(1, 2)', 'wrong_arity', 1, 1, 'cny() takes 1 argument(s), got 2'],
    ["cny('1')", 'type_mismatch', 1, 1, 'no overload of cny() accepts (string)'],
    ['event.type.nope()', 'unknown_function', 1, 12, "unknown method 'nope'"],
    [
      'contains("a", "b")',
      'unknown_function',
      1,
      1,
      "unknown function 'contains' (it is a method: call it as x.contains(...))",
    ],
    ['1 == "a"', 'type_mismatch', 1, 3, "operator '==' cannot compare int with string"],
    ['1 in event.tags', 'type_mismatch', 1, 3, 'int can never be in list(string)'],
    ['event.type && true', 'type_mismatch', 1, 12, "the left operand of '&&' must be bool, got string"],
    ['1 ? 2 : 3', 'type_mismatch', 1, 1, 'the condition of ?: must be bool, got int'],
    ['true ? 1 : "a"', 'type_mismatch', 1, 6, 'the branches of ?: have different types: int and string'],
    ['event.tags["a"]', 'type_mismatch', 1, 12, 'a list index must be int, got string'],
    ['event.type.x', 'type_mismatch', 1, 12, "cannot select field 'x' from string"],
    ['has(event)', 'invalid_argument', 1, 5, 'has() needs a field selection such as has(event.device)'],
    ['has(event.nope)', 'unknown_field', 1, 11, "Event has no field 'nope'"],
    ['event.tags.all(1, true)', 'invalid_argument', 1, 16, 'the first argument of all() must be a variable name'],
    ['event.tags.all(t, t)', 'type_mismatch', 1, 19, 'the predicate of all() must be bool, got string'],
    ['event.type.exists(c, true)', 'type_mismatch', 1, 12, 'exists() needs a list or map, got string'],
    ["event.type.matches('(')", 'invalid_argument', 1, 20, expect.stringMatching(/^invalid regex: /)],
    ["event.type.matches('(a)\\\\1')", 'invalid_argument', 1, 20, 'invalid regex: backreferences are not supported'],
    ['event.tags.all(t)', 'wrong_arity', 1, 12, 'all() takes 2 arguments, got 1'],
    ['has(event.type, 1)', 'wrong_arity', 1, 1, 'has() takes 1 argument, got 2'],
    ['1 + 1.5', 'type_mismatch', 1, 3, "operator '+' cannot be applied to int and double"],
    ['event.tags.map(t, u)', 'unknown_identifier', 1, 19, "unknown identifier 'u' (did you mean 't'?)"],
  ])('%s', (src, code, line, column, message) => {
    expect(errors(src)).toEqual([{ code, line, column, message }]);
  });

  it('lets dyn through statically', () => {
    for (const src of [
      'd.anything + 1 > 2',
      'd.x.y[3].contains("q")',
      'd in [1, 2]',
      'size(d) > 0 && d.a',
      'd.all(x, x.y)',
    ]) {
      expect(compile(src, env, { expect: T.bool }).ok).toBe(true);
    }
  });

  it('reports every independent error, in source order, with 1-based positions on the right line', () => {
    const src = [
      "event.type == 'cash' &&",
      '  event.amout.minor > cny(500) &&',
      "  features.n + 'x' > 0 ||",
      '  foo(1)',
    ].join('\n');
    expect(brief(errors(src))).toEqual([
      ['unknown_field', 2, 9],
      ['type_mismatch', 3, 14],
      ['unknown_function', 4, 3],
    ]);
  });

  it('reports one error per broken subexpression, not a cascade', () => {
    expect(brief(errors('(evnt.a + 1) * 2 > 3 && event.type == 1'))).toEqual([
      ['unknown_identifier', 1, 2],
      ['type_mismatch', 1, 36],
    ]);
  });

  it('requires a bool rule when asked, and accepts dyn', () => {
    expect(errors('event.amount.minor + 1', T.bool)).toEqual([
      { code: 'type_mismatch', line: 1, column: 1, message: 'the expression must be bool, but it is int' },
    ]);
    const r = compile('d.flag', env, { expect: T.bool });
    if (!r.ok) throw new Error('dyn result should compile');
    expect(r.type).toEqual(T.bool);
    expect(r.program({ d: { flag: true } })).toBe(true);
    expect(() => r.program({ d: { flag: 'yes' } })).toThrow(/returned string, expected bool/);
  });

  it('reports syntax errors rather than throwing', () => {
    expect(brief(errors('event.type ==\n  ( "x"'))).toEqual([['syntax', 2, 8]]);
    expect(brief(errors("'unterminated"))).toEqual([['syntax', 1, 1]]);
  });

  it('returns the static type of a well-typed expression', () => {
    const t = (src: string): unknown => {
      const r = compile(src, env);
      return r.ok ? r.type : r.errors;
    };
    expect(t('event.tags.map(x, size(x))')).toEqual(T.list(T.int));
    expect(t('[1, "a"]')).toEqual(T.list(T.dyn));
    expect(t('{"a": 1.5}')).toEqual(T.map(T.string, T.double));
    expect(t('d + 1')).toEqual(T.int);
    expect(t('d + d')).toEqual(T.dyn);
  });
});

describe('formatDiagnostics', () => {
  it('puts a caret under the column, on the right line', () => {
    const src = "event.type == 'x' &&\n  event.amout.minor > 1";
    expect(formatDiagnostics(src, errors(src))).toBe(
      [
        "2:9: error[unknown_field]: Event has no field 'amout' (did you mean 'amount'?)",
        ' 2 |   event.amout.minor > 1',
        '   |         ^',
      ].join('\n'),
    );
  });

  it('accounts for double-width CJK characters before the caret', () => {
    const src = "'提现' + 1";
    expect(formatDiagnostics(src, errors(src)).split('\n')[2]).toBe('   |        ^');
  });
});
