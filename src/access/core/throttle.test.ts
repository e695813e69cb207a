import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './throttle.ts';

const policy = {
  account: { maxFailures: 3, windowMs: 1_000, lockMs: 10_000 },
  client: { maxFailures: 5, windowMs: 1_000, lockMs: 20_000 },
};

describe('LoginThrottle', () => {
  it('locks an account after maxFailures within the window, for lockMs', () => {
    const t = new LoginThrottle(policy);
    const k = { account: 'ten\u0000li', client: 'a' };
    expect(t.fail(k, 0)).toBe(0);
    expect(t.fail(k, 1)).toBe(0);
    expect(t.fail(k, 2)).toBe(10_000);
    expect(t.lockedFor(k, 5_000)).toBe(5_002);
    expect(t.lockedFor(k, 10_002)).toBe(0);
  });

  it('forgets failures older than the window', () => {
    const t = new LoginThrottle(policy);
    const k = { account: 'x', client: 'a' };
    t.fail(k, 0);
    t.fail(k, 1);
    expect(t.fail(k, 2_000)).toBe(0);
  });

  it('locks an address guessing many accounts; a success clears the account, not the address', () => {
    const t = new LoginThrottle(policy);
    for (let i = 0; i < 4; i++) t.fail({ account: `u${i}`, client: 'evil' }, i);
    t.succeed({ account: 'u0', client: 'evil' });
    expect(t.fail({ account: 'u9', client: 'evil' }, 5)).toBe(20_000);
    expect(t.lockedFor({ account: 'someone-else', client: 'evil' }, 6)).toBeGreaterThan(0);
    expect(t.lockedFor({ account: 'someone-else', client: 'good' }, 6)).toBe(0);
  });

  it('stays bounded', () => {
    const t = new LoginThrottle(policy, 100);
    for (let i = 0; i < 1_000; i++) t.fail({ account: `u${i}`, client: `c${i}` }, i);
    expect(t.size).toBeLessThanOrEqual(100);
  });
});
