/** When a report's due day ends, in its tenant's time zone (China Standard Time when none was sent). */
import { describe, expect, it } from 'vitest';
import { dayEndsAt, submittedLate } from '../../src/supervision/core/due-day.ts';

describe('due day end by time zone', () => {
  it('ends at the next local midnight: CST by default, the tenant zone when given, across DST changes', () => {
    expect(dayEndsAt('2026-11-20')).toBe(Date.parse('2026-11-20T16:00:00Z'));
    expect(dayEndsAt('2026-11-20', 'Europe/London')).toBe(Date.parse('2026-11-21T00:00:00Z'));
    expect(dayEndsAt('2026-07-20', 'Europe/London')).toBe(Date.parse('2026-07-20T23:00:00Z'));
    expect(dayEndsAt('2026-12-31', 'Pacific/Kiritimati')).toBe(Date.parse('2026-12-31T10:00:00Z'));
    // New York moves its clocks forward on 8 March 2026 at 02:00 and back on 1 November.
    expect(dayEndsAt('2026-03-07', 'America/New_York')).toBe(Date.parse('2026-03-08T05:00:00Z'));
    expect(dayEndsAt('2026-03-08', 'America/New_York')).toBe(Date.parse('2026-03-09T04:00:00Z'));
    expect(dayEndsAt('2026-10-31', 'America/New_York')).toBe(Date.parse('2026-11-01T04:00:00Z'));
    expect(dayEndsAt('2026-11-01', 'America/New_York')).toBe(Date.parse('2026-11-02T05:00:00Z'));
  });

  it('a report at 20:00 London time on its due day is on time in London and late in CST', () => {
    const r = { dueBy: '2026-11-20', submittedAt: Date.parse('2026-11-20T20:00:00Z') };
    expect(submittedLate({ ...r, timeZone: 'Europe/London' })).toBe(false);
    expect(submittedLate(r)).toBe(true);
    expect(submittedLate({ ...r, submittedAt: Date.parse('2026-11-21T00:00:00Z'), timeZone: 'Europe/London' })).toBe(
      true,
    );
  });
});
