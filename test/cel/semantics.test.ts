import { describe, expect, it } from 'vitest';
import { CelRuntimeError, CelUint, T, compile, defineFunction } from '../../src/monitoring/core/cel/index.ts';
import type { CelEnv } from '../../src/monitoring/core/cel/index.ts';

const env: CelEnv = { variables: { at: T.string, opened: T.string, n: T.int, m: T.map(T.string, T.dyn) } };

function run(src: string, act: Record<string, unknown> = {}): unknown {
  const r = compile(src, env);
  if (!r.ok) throw new Error(`${src}: ${r.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('; ')}`);
  return r.program(act);
}

function runtimeError(src: string, act: Record<string, unknown> = {}): CelRuntimeError {
  try {
    run(src, act);
  } catch (e) {
    if (e instanceof CelRuntimeError) return e;
    throw e;
  }
  throw new Error(`${src} did not fail`);
}

describe('64-bit integers', () => {
  it('keeps ints exact beyond 2^53 and hands safe results back as plain numbers', () => {
    expect(run('n * 1000 + 7', { n: 9_007_199_254_740 })).toBe(9_007_199_254_740_007);
    expect(run('n * 1000000 / 1000000', { n: 9_007_199_254_740 })).toBe(9_007_199_254_740);
    expect(run('n * 1000000', { n: 9_007_199_254_740 })).toBe(9_007_199_254_740_000_000n);
    expect(run('n == 9223372036854775807', { n: 9223372036854775807n })).toBe(true);
  });

  it('reports int64 overflow at the operator, with line and column', () => {
    const e = runtimeError('n +\n  9223372036854775807', { n: 1 });
    expect([e.code, e.line, e.column]).toEqual(['overflow', 1, 3]);
  });

  it('keeps int, uint and double apart in typing but compares them by value', () => {
    expect(compile('1 + 1.5', env).ok).toBe(false);
    expect(run('1 == 1.0 && 1u < 2 && 2.5 > 2u')).toBe(true);
    expect(run('uint(7) / 2u')).toEqual(new CelUint(3n));
    expect(runtimeError('0u - 1u').code).toBe('overflow');
    expect(run('type(1) == int && type(1u) == uint && type(1.0) != int')).toBe(true);
  });
});

describe('timestamps and durations for rules', () => {
  const act = { at: '2026-03-06T23:30:00+08:00', opened: '2026-02-20T10:00:00Z', n: 0, m: {} };

  it('reads the time of day and the weekday in a time zone', () => {
    expect(run("timestamp(at).getHours('Asia/Shanghai')", act)).toBe(23);
    expect(run('timestamp(at).getHours()', act)).toBe(15);
    expect(run("timestamp(at).getDayOfWeek('+08:00')", act)).toBe(5);
    expect(run("timestamp(at).getDayOfWeek('America/New_York')", act)).toBe(5);
    expect(run("timestamp('2026-03-08T07:30:00Z').getHours('America/New_York')", act)).toBe(3); // DST began
  });

  it('measures account age with timestamp arithmetic', () => {
    expect(run("timestamp(at) - timestamp(opened) < duration('720h')", act)).toBe(true);
    expect(run('(timestamp(at) - timestamp(opened)).getHours()', act)).toBe(341);
    expect(run("string(timestamp(opened) + duration('36h30m'))", act)).toBe('2026-02-21T22:30:00Z');
  });

  it('fails closed on a malformed timestamp or an unknown zone, at the call', () => {
    expect(runtimeError('timestamp(opened) < timestamp(at)', { ...act, opened: '20/02/2026' }).code).toBe(
      'invalid_argument',
    );
    const e = runtimeError("timestamp(at).getHours('Mars/Olympus')", act);
    expect([e.code, e.column]).toEqual(['invalid_argument', 15]);
  });
});

describe('host functions', () => {
  it('refuse an int beyond ±2^53-1 instead of rounding it', () => {
    const hostEnv: CelEnv = {
      variables: { n: T.int },
      functions: { twice: defineFunction([T.int], T.int, (x) => x * 2) },
    };
    const r = compile('twice(n * 1024)', hostEnv);
    if (!r.ok) throw new Error('does not compile');
    expect(r.program({ n: 1000 })).toBe(2048000);
    expect(() => r.program({ n: 2 ** 50 })).toThrow(/takes ints within/);
  });
});
