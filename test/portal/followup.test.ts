// The follow-up code: bound to tenant and complaint, forgiving of case, dashes and O/I/L, exact otherwise.
import { describe, expect, it } from 'vitest';
import { FollowUpCodes } from '../../src/portal/index.ts';

const codes = new FollowUpCodes({ key: Buffer.alloc(32, 7) });

describe('follow-up codes', () => {
  it('is stable, 60 bits in three groups, and bound to tenant and complaint', () => {
    const c = codes.codeOf('t_1', 'cmp_1');
    expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(codes.codeOf('t_1', 'cmp_1')).toBe(c);
    expect(codes.codeOf('t_2', 'cmp_1')).not.toBe(c);
    expect(codes.codeOf('t_1', 'cmp_2')).not.toBe(c);
    expect(new FollowUpCodes({ key: Buffer.alloc(32, 8) }).codeOf('t_1', 'cmp_1')).not.toBe(c);
  });

  it('matches as typed by a person, and nothing shorter, longer or different', () => {
    const c = codes.codeOf('t_1', 'cmp_1');
    expect(codes.matches('t_1', 'cmp_1', c)).toBe(true);
    expect(codes.matches('t_1', 'cmp_1', ` ${c.toLowerCase().replace(/-/g, ' ')} `)).toBe(true);
    expect(codes.matches('t_1', 'cmp_1', c.replace(/0/g, 'O').replace(/1/g, 'l'))).toBe(true);
    expect(codes.matches('t_1', 'cmp_1', c.slice(0, -1))).toBe(false);
    expect(codes.matches('t_1', 'cmp_1', `${c}0`)).toBe(false);
    expect(codes.matches('t_1', 'cmp_1', '')).toBe(false);
    expect(codes.matches('t_2', 'cmp_1', c)).toBe(false);
    const last = c.at(-1) === '0' ? '1' : '0';
    expect(codes.matches('t_1', 'cmp_1', c.slice(0, -1) + last)).toBe(false);
  });
});
