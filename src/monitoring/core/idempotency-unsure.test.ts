import { describe, expect, it } from 'vitest';
import { IdempotencyFilter } from './idempotency-filter.ts';

const DAY = 86_400_000;
const now = 100 * DAY;

describe('idempotency filter after windows restored from a snapshot', () => {
  it('answers "maybe" for event times up to the snapshot\'s latest, exact "new" after it, per tenant', () => {
    const f = new IdempotencyFilter();
    f.add('t1', 't1\u0000late', now - DAY, now);
    expect(f.mightContain('t1', 't1\u0000old', now - 2 * DAY, now)).toBe(false);
    f.unsureUpTo('t1', now - 2 * DAY);
    // Decided before the snapshot, its id never added: the store must be asked.
    expect(f.mightContain('t1', 't1\u0000old', now - 2 * DAY, now)).toBe(true);
    expect(f.mightContain('t1', 't1\u0000older', now - 30 * DAY, now)).toBe(true);
    // Later than anything in the snapshot: still exactly new unless added.
    expect(f.mightContain('t1', 't1\u0000fresh', now - DAY + 1, now)).toBe(false);
    expect(f.mightContain('t1', 't1\u0000late', now - DAY, now)).toBe(true);
    // Another tenant is not affected; a smaller bound does not lower it.
    expect(f.mightContain('t2', 't2\u0000old', now - 2 * DAY, now)).toBe(false);
    f.unsureUpTo('t1', now - 10 * DAY);
    expect(f.mightContain('t1', 't1\u0000old', now - 2 * DAY, now)).toBe(true);
  });
});
