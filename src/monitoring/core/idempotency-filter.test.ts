import { describe, expect, it } from 'vitest';
import { IdempotencyFilter } from './idempotency-filter.ts';

const DAY = 86_400_000;
const now = Date.UTC(2026, 10, 30);

describe('IdempotencyFilter', () => {
  it('never answers "new" for an id it holds, and answers new for unseen ids of held epochs', () => {
    const f = new IdempotencyFilter();
    for (let i = 0; i < 5000; i++) f.add('t1', `t1\u0000e${i}`, now - (i % 40) * DAY, now);
    for (let i = 0; i < 5000; i++) expect(f.mightContain('t1', `t1\u0000e${i}`, now - (i % 40) * DAY, now)).toBe(true);
    let falsePositives = 0;
    for (let i = 0; i < 5000; i++) if (f.mightContain('t1', `t1\u0000n${i}`, now, now)) falsePositives++;
    expect(falsePositives).toBeLessThan(5000 * 0.03);
    expect(f.mightContain('t2', 't2\u0000e1', now, now)).toBe(false);
  });

  it('an id resent with another time is still found while its epoch is held', () => {
    const f = new IdempotencyFilter();
    f.add('t', 'k', now - 20 * DAY, now);
    expect(f.mightContain('t', 'k', now, now)).toBe(true);
  });

  it('holds at most three epochs per tenant; older or far-future events go to the store ("maybe")', () => {
    const f = new IdempotencyFilter({ epochDays: 16, futureMs: DAY, initialCapacity: 64 });
    for (let d = 0; d < 400; d++) f.add('t', `k${d}`, now - (400 - d) * DAY, now);
    expect(f.generations).toBeLessThanOrEqual(3);
    // Long dropped, so unknown: asked of the store, never wrongly "new".
    expect(f.mightContain('t', 'k0', now - 400 * DAY, now)).toBe(true);
    expect(f.mightContain('t', 'never', now - 400 * DAY, now)).toBe(true);
    // A time far ahead of the clock is neither held nor trusted.
    f.add('t', 'future', now + 30 * DAY, now);
    expect(f.generations).toBeLessThanOrEqual(3);
    expect(f.mightContain('t', 'future', now + 30 * DAY, now)).toBe(true);
  });

  it('memory stays bounded over a long stream of days (generations, not ids, are the bound)', () => {
    const f = new IdempotencyFilter({ epochDays: 16, futureMs: DAY, initialCapacity: 256 });
    for (let d = 0; d < 2000; d++) for (let i = 0; i < 50; i++) f.add('t', `d${d}-${i}`, d * DAY, 2000 * DAY);
    expect(f.generations).toBe(3);
  });
});
