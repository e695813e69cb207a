import { describe, expect, it } from 'vitest';
import { CelRuntimeError, T, compile, defineFunction } from './index.ts';
import type { CelEnv } from './index.ts';

const Event = T.object('Event', {
  type: T.string,
  amount: T.object('Amount', { minor: T.int, currency: T.string }),
  device: T.object('Device', { id: T.string }),
  tags: T.list(T.string),
  ratio: T.double,
  attributes: T.map(T.string, T.dyn),
});

const env: CelEnv = {
  variables: { event: Event, features: T.map(T.string, T.int), d: T.dyn, xs: T.list(T.int) },
  functions: {
    cny: defineFunction([T.int], T.int, (x) => x * 100, { pure: true }),
    daysBetween: defineFunction([T.int, T.int], T.int, (a, b) => Math.floor((b - a) / 86_400_000)),
    half: [
      defineFunction([T.int], T.int, (x) => Math.trunc(x / 2)),
      defineFunction([T.string], T.string, (s) => s.slice(0, s.length / 2)),
    ],
  },
};

const activation = {
  event: {
    type: 'cash_withdrawal',
    amount: { minor: 5_000_000, currency: 'CNY' },
    tags: ['vip', 'new'],
    ratio: 0.25,
    attributes: { risk: 'high', score: 7, nested: { ok: true } },
  },
  features: { cash_out_cny_day: 6_000_000, n: 3 },
  d: { s: 'x', n: 2, l: [1, 2, 3] },
  xs: [3, 1, 2],
};

function run(src: string, act: Record<string, unknown> = activation): unknown {
  const r = compile(src, env);
  if (!r.ok) throw new Error(`${src}: ${r.errors.map((e) => e.message).join('; ')}`);
  return r.program(act);
}

function runtimeError(src: string, act: Record<string, unknown> = activation): CelRuntimeError {
  try {
    const v = run(src, act);
    throw new Error(`${src} returned ${String(v)} instead of throwing`);
  } catch (e) {
    if (!(e instanceof CelRuntimeError)) throw e;
    return e;
  }
}

describe('arithmetic', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['7 / 2', 3],
    ['-7 / 2', -3],
    ['7 / -2', -3],
    ['7 % 3', 1],
    ['-7 % 3', -1],
    ['7.0 / 2.0', 3.5],
    ['1.5 * 2.0', 3],
    ['-(3)', -3],
    ['- -3', 3],
    ['1.0 / 0.0', Infinity],
    ["'ab' + 'cd'", 'abcd'],
    ['[1] + [2, 3]', [1, 2, 3]],
    ['9007199254740990 + 1', 9007199254740991],
  ])('%s = %j', (src, want) => {
    expect(run(src)).toEqual(want);
  });

  it('keeps int results integral and never negative zero', () => {
    expect(Object.is(run('0 * -1'), 0)).toBe(true);
    expect(Object.is(run('-0'), 0)).toBe(true);
    expect(Object.is(run('-4 % 2'), 0)).toBe(true);
  });

  it('computes exactly past 2^53 and throws on int64 overflow and division by zero', () => {
    expect(run('9007199254740991 + 2')).toBe(9007199254740993n);
    expect(run('4503599627370496 * 4 / 4')).toBe(4503599627370496);
    expect(run('-9223372036854775808 + 0')).toBe(-9223372036854775808n);
    expect(runtimeError('9223372036854775807 + 1').code).toBe('overflow');
    expect(runtimeError('-9223372036854775808 - 1').code).toBe('overflow');
    expect(runtimeError('4611686018427387904 * 2').code).toBe('overflow');
    expect(runtimeError('-9223372036854775808 / -1').code).toBe('overflow');
    expect(runtimeError('-(-9223372036854775807 - 1)').code).toBe('overflow');
    expect(runtimeError('1 / 0').code).toBe('division_by_zero');
    expect(runtimeError('1 % (2 - 2)').code).toBe('division_by_zero');
  });
});

describe('comparison and equality', () => {
  it.each([
    ['1 < 2', true],
    ['2 <= 2', true],
    ['3 > 4', false],
    ['3 >= 3', true],
    ['1 < 1.5', true],
    ['2.0 == 2', true],
    ['2 != 2.5', true],
    ["'a' < 'b'", true],
    ['false < true', true],
    ['null == null', true],
    ['[1, [2]] == [1, [2]]', true],
    ['[1, 2] == [2, 1]', false],
    ["{'a': [1]} == {'a': [1]}", true],
    ["{'a': 1} == {'a': 2}", false],
    ['event.attributes == {"risk": "high", "score": 7, "nested": {"ok": true}}', true],
    ['event.device == null', false],
    ["dyn(1) == 'a'", false],
    ['dyn(1.0) == 1', true],
  ])('%s is %s', (src, want) => {
    expect(run(src, { ...activation, event: { ...activation.event, device: { id: 'dev' } } })).toBe(want);
  });

  it('compares a null message field with null', () => {
    expect(run('event.device == null', { ...activation, event: { ...activation.event, device: null } })).toBe(true);
  });

  it('treats NaN as unequal to itself, also inside in', () => {
    expect(run("double('NaN') == double('NaN')")).toBe(false);
    expect(run("double('NaN') in [double('NaN')]")).toBe(false);
  });
});

describe('logic', () => {
  it.each([
    ['true && false', false],
    ['true || false', true],
    ['!true', false],
    ['!!true', true],
    ['true ? 1 : 2', 1],
    ['1 > 2 ? "a" : "b"', 'b'],
  ])('%s = %j', (src, want) => {
    expect(run(src)).toBe(want);
  });

  it('absorbs an error when the other operand decides, in either order', () => {
    expect(run('false && 1 / 0 == 1')).toBe(false);
    expect(run('1 / 0 == 1 && false')).toBe(false);
    expect(run('true || 1 / 0 == 1')).toBe(true);
    expect(run('1 / 0 == 1 || true')).toBe(true);
    expect(run('event.device.id == "x" || event.amount.minor > 0')).toBe(true);
    expect(run('event.type == "cash_withdrawal" || d.missing')).toBe(true);
    expect(run('d.missing && event.type == "other"')).toBe(false);
  });

  it('propagates the error when no operand decides', () => {
    expect(runtimeError('true && 1 / 0 == 1').code).toBe('division_by_zero');
    expect(runtimeError('1 / 0 == 1 || false').code).toBe('division_by_zero');
    expect(runtimeError('d.n || false').code).toBe('type_mismatch');
  });
});

describe('access', () => {
  it('reads fields, map keys and list elements', () => {
    expect(run('event.amount.minor')).toBe(5_000_000);
    expect(run('event.tags[1]')).toBe('new');
    expect(run("features['n'] + features.n")).toBe(6);
    expect(run("event.attributes.nested.ok && event.attributes['risk'] == 'high'")).toBe(true);
    expect(run('d.l[2] + d.n')).toBe(5);
    expect(run("{'a': {'b': 1}}.a.b")).toBe(1);
  });

  it('has() tests presence without throwing', () => {
    expect(run('has(event.device)')).toBe(false);
    expect(run('has(event.device)', { ...activation, event: { ...activation.event, device: null } })).toBe(false);
    expect(
      run('has(event.device) && event.device.id == "d1"', {
        ...activation,
        event: { ...activation.event, device: { id: 'd1' } },
      }),
    ).toBe(true);
    expect(run('has(features.n) && !has(features.zzz)')).toBe(true);
    expect(run('has(d.s) && !has(d.t)')).toBe(true);
  });

  it('throws CelRuntimeError, with the place, for missing data', () => {
    const e = runtimeError('event.amount.minor > 0 &&\n  event.device.id == "x"');
    expect([e.code, e.line, e.column]).toEqual(['no_such_field', 2, 9]);
    expect(e.message).toMatch(/'device' is missing \(at 2:9\)/);
    expect(runtimeError('features.zzz > 1').code).toBe('no_such_key');
    expect(runtimeError('event.tags[5] == "x"').code).toBe('index_out_of_range');
    expect(runtimeError('event.tags[-1] == "x"').code).toBe('index_out_of_range');
    expect(runtimeError("d['nope'] == 1").code).toBe('no_such_key');
    expect(runtimeError('d.n.x == 1').code).toBe('type_mismatch');
    expect(runtimeError('event.type == "x"', { ...activation, event: { type: 5 } }).code).toBe('type_mismatch');
    expect(runtimeError('xs[0] > 1', { ...activation, xs: ['1'] }).code).toBe('type_mismatch');
    expect(runtimeError('event.type == "x"', {}).code).toBe('no_such_variable');
  });

  it('does not reach inherited properties through map lookups', () => {
    expect(run("has(d.constructor) || 'toString' in d")).toBe(false);
  });
});

describe('functions', () => {
  it.each([
    ["size('中文😀')", 3],
    ["'abc'.size()", 3],
    ['size([1, 2])', 2],
    ["size({'a': 1})", 1],
    ['size(features)', 2],
    ["'hello'.contains('ell')", true],
    ["'hello'.startsWith('he')", true],
    ["'hello'.endsWith('lo')", true],
    ["'ABC-def-Ä'.lowerAscii()", 'abc-def-Ä'],
    ["'abc-ä'.upperAscii()", 'ABC-ä'],
    ["'abc123'.matches('[a-z]+\\\\d+')", true],
    ["'ABC'.matches('(?i)^abc$')", true],
    ["matches('xyz', 'y')", true],
    ["'ab'.matches('^a$')", false],
    ["'x' + string(1) + string(1.5) + string(true)", 'x11.5true'],
    ['int(3.9)', 3],
    ['int(-3.9)', -3],
    ["int('-42')", -42],
    ['int(7)', 7],
    ["double('1e3')", 1000],
    ['double(2)', 2],
    ["string('s')", 's'],
    ['2 in [1, 2, 3]', true],
    ["'k' in {'k': 1}", true],
    ["'z' in {'k': 1}", false],
    ["event.type in ['a', 'cash_withdrawal']", true],
    ["'vip' in event.tags", true],
    ['"n" in features', true],
    ['[1, 2] in [[1, 2]]', true],
    ['1.0 in [1, 2]', true],
  ])('%s = %j', (src, want) => {
    expect(run(src)).toEqual(want);
  });

  it('matches with a pattern known only at run time', () => {
    expect(run('event.type.matches(d.s + "?cash")')).toBe(true);
    expect(runtimeError("event.type.matches(d.s + '(')").code).toBe('invalid_argument');
  });

  it('throws on bad conversions', () => {
    expect(runtimeError("int('1.5')").code).toBe('invalid_argument');
    expect(runtimeError("int('99999999999999999999')").code).toBe('overflow');
    expect(runtimeError('int(1e300)').code).toBe('overflow');
    expect(runtimeError("double('abc')").code).toBe('invalid_argument');
  });

  it('calls host functions, with overloads, and wraps their failures', () => {
    expect(run('features.cash_out_cny_day >= cny(50000)')).toBe(true);
    expect(run('daysBetween(0, 172800000)')).toBe(2);
    expect(run("half(10) == 5 && half('abcd') == 'ab'")).toBe(true);
    expect(run("half(d.n) == 1 && half(d.s) == ''")).toBe(true);
    expect(runtimeError('half(d.l) == 1').code).toBe('no_matching_overload');
    expect(runtimeError('cny(9007199254740991) > 0').code).toBe('type_mismatch');
    const boom: CelEnv = {
      variables: {},
      functions: {
        boom: defineFunction([], T.bool, () => {
          throw new Error('kaput');
        }),
      },
    };
    const r = compile('boom()', boom);
    if (!r.ok) throw new Error('should compile');
    expect(() => r.program({})).toThrow(CelRuntimeError);
    expect(() => r.program({})).toThrow(/boom\(\) failed: kaput/);
  });
});

describe('macros', () => {
  it.each([
    ['xs.all(x, x > 0)', true],
    ['xs.all(x, x > 1)', false],
    ['xs.exists(x, x == 2)', true],
    ['xs.exists(x, x > 5)', false],
    ['xs.exists_one(x, x > 2)', true],
    ['xs.exists_one(x, x > 1)', false],
    ['xs.map(x, x * 10)', [30, 10, 20]],
    ['xs.filter(x, x != 1)', [3, 2]],
    ['xs.map(x, x > 1, x)', [3, 2]],
    ['[].all(x, false)', true],
    ["{'a': 1, 'b': 2}.map(k, k + '!')", ['a!', 'b!']],
    ["features.exists(k, k == 'n')", true],
    ['xs.map(x, xs.map(y, x * y)).exists(r, r[0] == 9)', true],
    ['xs.exists(xs, xs == 3)', true],
    ['d.l.filter(x, x % 2 == 1)', [1, 3]],
  ])('%s = %j', (src, want) => {
    expect(run(src)).toEqual(want);
  });

  it('all/exists absorb errors the way && and || do', () => {
    expect(run('[0, 1].exists(x, 1 / x == 1)')).toBe(true);
    expect(run('[0, 1].all(x, 1 / x == 2)')).toBe(false);
    expect(runtimeError('[0, 1].all(x, 1 / x == 1)').code).toBe('division_by_zero');
    expect(runtimeError('[0, 1].exists_one(x, 1 / x == 1)').code).toBe('division_by_zero');
  });
});
