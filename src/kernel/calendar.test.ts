import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chinaCalendar } from './cn-calendar.ts';
import { makeCalendar } from './calendar.ts';

describe('China working-day calendar', () => {
  const cal = chinaCalendar();

  it('counts 5 working days across an ordinary week', () => {
    // Thursday 2026-11-26 → Thursday 2026-12-03 (the weekend does not count)
    expect(cal.addWorkingDays('2026-11-26', 5)).toBe('2026-12-03');
  });

  it('skips the National Day golden week and counts the make-up Saturday', () => {
    // Oct 1–7 2026 are holidays; Saturday Oct 10 is a make-up working day.
    expect(cal.isWorkingDay('2026-10-05')).toBe(false);
    expect(cal.isWorkingDay('2026-10-10')).toBe(true);
    expect(cal.addWorkingDays('2026-09-30', 5)).toBe('2026-10-13');
  });

  it('skips Spring Festival 2026 and counts make-up Sunday Feb 14... Saturday Feb 28', () => {
    expect(cal.isWorkingDay('2026-02-14')).toBe(true);
    expect(cal.isWorkingDay('2026-02-18')).toBe(false);
    // From Fri Feb 13: Sat Feb 14 (1, make-up), Feb 15–23 holiday, Tue Feb 24 (2) … Fri Feb 27 (5)
    expect(cal.addWorkingDays('2026-02-13', 5)).toBe('2026-02-27');
  });

  it('knows which years its data covers', () => {
    expect(cal.coveredYears[0]).toBeLessThanOrEqual(2025);
    expect(cal.coveredYears[1]).toBeGreaterThanOrEqual(2026);
  });

  it('never lands on a rest day and always moves forward (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 1, max: 30 }), (offset, n) => {
        const start = new Date(Date.UTC(2020, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
        const due = cal.addWorkingDays(start, n);
        expect(due > start).toBe(true);
        expect(cal.isWorkingDay(due)).toBe(true);
      }),
    );
  });

  it('treats weekends as rest days with no holiday data', () => {
    const plain = makeCalendar({ name: 'plain', holidays: [], makeUpWorkdays: [] });
    expect(plain.addWorkingDays('2026-11-27', 1)).toBe('2026-11-30'); // Fri → Mon
  });
});
