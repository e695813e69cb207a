import { describe, expect, it } from 'vitest';
import { CelRuntimeError, T, compile, defineFunction } from './index.ts';
import type { CelEnv, CelProgram } from './index.ts';

const Event = T.object('Event', {
  type: T.string,
  amount: T.object('Amount', { minor: T.int, fx: T.object('Fx', { rate: T.double }) }),
});

function program(src: string, env: CelEnv): CelProgram {
  const r = compile(src, env);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.program;
}

function thrown(f: () => unknown): CelRuntimeError {
  try {
    f();
  } catch (e) {
    if (e instanceof CelRuntimeError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('compiled programs', () => {
  it('carry their source and static type', () => {
    const p = program('1 + 2', { variables: {} });
    expect(p.source).toBe('1 + 2');
    expect(p.type).toEqual(T.int);
    expect(p({})).toBe(3);
  });

  it('call a pure host function with constant arguments once, at compile time', () => {
    let calls = 0;
    const env: CelEnv = {
      variables: { x: T.int },
      functions: {
        cny: defineFunction([T.int], T.int, (v) => (calls++, v * 100), { pure: true }),
        tick: defineFunction([T.int], T.int, (v) => (calls++, v)),
      },
    };
    const folded = program('x >= cny(500)', env);
    expect(calls).toBe(1);
    for (let i = 0; i < 5; i++) expect(folded({ x: 50_000 + i })).toBe(true);
    expect(calls).toBe(1);
    const live = program('x >= tick(500)', env);
    for (let i = 0; i < 5; i++) live({ x: i });
    expect(calls).toBe(6);
  });

  it('keeps an error found while folding constants for run time, where && may still absorb it', () => {
    const env: CelEnv = { variables: { b: T.bool } };
    expect(program('b && 1 / 0 == 1', env)({ b: false })).toBe(false);
    expect(thrown(() => program('b && 1 / 0 == 1', env)({ b: true })).code).toBe('division_by_zero');
  });

  it('reads field paths fast but reports bad data precisely', () => {
    const env: CelEnv = { variables: { event: Event } };
    const rate = program('event.amount.fx.rate', env);
    const minor = program('event.amount.minor', env);
    expect(rate({ event: { amount: { fx: { rate: 7.1 } } } })).toBe(7.1);
    expect(minor({ event: { amount: { minor: 12 } } })).toBe(12);
    const cases: [CelProgram, unknown, string, RegExp][] = [
      [minor, { amount: { minor: 1.5 } }, 'type_mismatch', /field 'minor' is double, declared int \(at 1:14\)/],
      [minor, { amount: 'x' }, 'type_mismatch', /field 'amount' is string, declared Amount \(at 1:7\)/],
      [minor, { amount: null }, 'no_such_field', /cannot read field 'minor' of null \(at 1:14\)/],
      [minor, null, 'no_such_field', /cannot read field 'amount' of null \(at 1:7\)/],
      [rate, { amount: { fx: {} } }, 'no_such_field', /field 'rate' is missing \(at 1:17\)/],
      [rate, { amount: {} }, 'no_such_field', /field 'fx' is missing \(at 1:14\)/],
    ];
    for (const [p, event, code, message] of cases) {
      const e = thrown(() => p({ event }));
      expect(e.code).toBe(code);
      expect(e.message).toMatch(message);
    }
    expect(thrown(() => minor({})).code).toBe('no_such_variable');
  });

  it('keeps nested comprehensions over the same variable name apart', () => {
    const p = program('xs.map(x, xs.filter(x, x > 1).size() + x)', { variables: { xs: T.list(T.int) } });
    expect(p({ xs: [1, 2, 3] })).toEqual([3, 4, 5]);
    expect(p({ xs: [5] })).toEqual([6]);
  });

  it('returns a fresh list each time unless the list is constant, and then a frozen one', () => {
    const env: CelEnv = { variables: { n: T.int } };
    const live = program('[n, n]', env);
    expect(live({ n: 1 })).not.toBe(live({ n: 1 }));
    const constant = program('[1, [2]]', env);
    expect(Object.isFrozen(constant({}))).toBe(true);
    expect(Object.isFrozen((constant({}) as unknown[])[1])).toBe(true);
  });

  it('rejects duplicate and ill-typed map keys at run time', () => {
    const env: CelEnv = { variables: { k: T.string, d: T.dyn } };
    expect(thrown(() => program("{k: 1, 'a': 2}", env)({ k: 'a' })).code).toBe('invalid_argument');
    expect(thrown(() => program('{d: 1}', env)({ d: 1.5 })).code).toBe('type_mismatch');
  });

  it('turns a host function result of the wrong type into an error', () => {
    const env: CelEnv = {
      variables: {},
      functions: { bad: defineFunction([], T.int, () => 'nope' as unknown as number) },
    };
    expect(thrown(() => program('bad() > 1', env)({})).message).toMatch(/bad\(\) returned string/);
  });
});
