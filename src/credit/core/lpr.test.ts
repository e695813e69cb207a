import { describe, expect, it } from 'vitest';
import { lprOn, oneYearLpr, withLprChanges } from './lpr.ts';

describe('the one-year LPR table', () => {
  it('takes later changes from a file: header and comments skipped, a listed date replaces the shipped one', () => {
    const r = withLprChanges('date,percent\n# NIFC announcements\n2026-03-20, 2.90\n2025-05-20,3.05%\n\n');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.table).toHaveLength(oneYearLpr.length + 1);
    expect(lprOn('2025-06-01', r.table)).toBe(0.0305);
    expect(lprOn('2026-03-19', r.table)).toBe(0.0305);
    expect(lprOn('2026-11-30', r.table)).toBe(0.029);
    // The shipped table is unchanged, and still answers with its last rate.
    expect(lprOn('2026-11-30')).toBe(0.03);
  });

  it('names the line of a bad entry', () => {
    expect(withLprChanges('2026-03-20,2.90\n2026/04/20,2.8')).toEqual({
      ok: false,
      line: 2,
      message: expect.stringContaining('2026/04/20,2.8'),
    });
    expect(withLprChanges('2026-13-40,2.90')).toMatchObject({ ok: false, line: 1 });
    expect(withLprChanges('2026-03-20,290')).toMatchObject({ ok: false, line: 1 });
  });
});
