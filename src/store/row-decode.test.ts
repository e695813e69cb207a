import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { RowShapeError, rowOf } from './row-decode.ts';

describe('rowOf', () => {
  const r = rowOf(
    { id: 'c-1', n: '9007199254740991', big: '9007199254740993', f: 0, t: 1, s: 'open', j: '["a"]', nul: null, x: 1.5 },
    'cases',
  );

  it('reads columns with their types, BIGINT strings included, and nulls as null', () => {
    expect(r.str('id')).toBe('c-1');
    expect(r.int('n')).toBe(Number.MAX_SAFE_INTEGER);
    expect(r.bool('f')).toBe(false);
    expect(r.bool('t')).toBe(true);
    expect(r.oneOf('s', ['open', 'closed'] as const)).toBe('open');
    expect(r.json('j', Type.Array(Type.String()))).toEqual(['a']);
    expect(r.optStr('nul')).toBeNull();
    expect(r.optInt('missing')).toBeNull();
    expect(r.num('x')).toBe(1.5);
  });

  it('names table, column and what was expected instead of casting a wrong value', () => {
    expect(() => r.str('n')).not.toThrow();
    expect(() => r.int('big')).toThrow(RowShapeError);
    expect(() => r.int('x')).toThrow(/cases\.x: expected a safe integer/);
    expect(() => r.oneOf('s', ['closed'] as const)).toThrow(/cases\.s: expected closed, got "open"/);
    expect(() => r.json('j', Type.Array(Type.Number()))).toThrow(/cases\.j: expected JSON/);
    expect(() => r.str('nul')).toThrow(/cases\.nul: expected a string, got null/);
  });
});
