import { describe, expect, it } from 'vitest';
import { compileRegex } from './regex.ts';

describe('matches() patterns run on RE2', () => {
  it('answers a pathological pattern on a long input (exponential in a backtracking engine)', () => {
    const re = compileRegex('^(a+)+$');
    if (typeof re === 'string') throw new Error(re);
    // JavaScript's RegExp needs about 2^n steps here: 57 ms at 22 characters, doubling per character.
    expect(re.test(`${'a'.repeat(10_000)}b`)).toBe(false);
    expect(re.test('a'.repeat(10_000))).toBe(true);
  });

  it("speaks RE2's dialect: inline flags, \\z, named groups", () => {
    const t = (p: string, s: string) => {
      const re = compileRegex(p);
      if (typeof re === 'string') throw new Error(re);
      return re.test(s);
    };
    expect(t('(?i)^zhili$', 'ZHILI')).toBe(true);
    expect(t('abc\\z', 'xabc')).toBe(true);
    expect(t('(?P<code>[A-Z]{3})', 'CNY')).toBe(true);
    expect(t('^\\p{Han}+$', '治理')).toBe(true);
  });

  it('refuses what RE2 refuses, saying why', () => {
    expect(compileRegex('(a)\\1')).toBe('backreferences are not supported');
    expect(compileRegex('(?=a)')).toBe('lookaround assertions are not supported');
    expect(compileRegex('(?<!a)b')).toBe('lookaround assertions are not supported');
    expect(compileRegex('(')).toMatch(/missing \)/);
  });
});
