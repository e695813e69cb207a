// How clocks read and order in the queue; quarters for the statistics file; staff-entered receipt times.
import { describe, expect, it } from 'vitest';
import { byUrgency, clockDisplay } from './clock.ts';
import { fileBody, zonedInstant } from './file-form.ts';
import { countRows, percent, quarterRange, recentQuarters } from './stats.ts';

describe('clock display', () => {
  it('shows days left, days late, and the outcome once decided', () => {
    expect(clockDisplay({ status: 'on_time', due: '2026-11-17', daysLeft: 9 })).toEqual({
      tone: 'green',
      key: 'on_time',
      days: 9,
      due: '2026-11-17',
    });
    expect(clockDisplay({ status: 'due_soon', due: '2026-11-17', daysLeft: 2 })).toMatchObject({
      tone: 'orange',
      days: 2,
    });
    expect(clockDisplay({ status: 'breached', due: '2026-11-17', daysLeft: -3 })).toMatchObject({
      tone: 'red',
      days: 3,
    });
    expect(clockDisplay({ status: 'met_late', due: '2026-11-17' })).toEqual({
      tone: 'volcano',
      key: 'met_late',
      due: '2026-11-17',
    });
    expect(clockDisplay({ status: 'stopped', due: '2026-11-17' }).key).toBe('stopped');
    expect(clockDisplay({ status: 'new-kind', due: '2026-11-17' }).key).toBe('unknown');
  });

  it('orders breached, then due soon, then on time, each by the earliest deadline', () => {
    const xs = [
      { status: 'on_time', due: '2026-11-10' },
      { status: 'met', due: '2026-10-01' },
      { status: 'breached', due: '2026-11-05' },
      { status: 'due_soon', due: '2026-11-08' },
      { status: 'breached', due: '2026-11-01' },
    ];
    expect([...xs].sort(byUrgency).map((x) => `${x.status} ${x.due}`)).toEqual([
      'breached 2026-11-01',
      'breached 2026-11-05',
      'due_soon 2026-11-08',
      'on_time 2026-11-10',
      'met 2026-10-01',
    ]);
  });
});

describe('statistics periods', () => {
  it('gives a quarter’s days and the recent quarters across a year end', () => {
    expect(quarterRange('2026Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(quarterRange('2024Q1')).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(recentQuarters('2026-02-10', 3)).toEqual(['2026Q1', '2025Q4', '2025Q3']);
    expect(countRows({ B01: 1, B05: 3, B02: 1 })).toEqual([
      { code: 'B05', count: 3 },
      { code: 'B01', count: 1 },
      { code: 'B02', count: 1 },
    ]);
    expect(percent(0.1234)).toBe('12.3%');
  });
});

describe('staff entry', () => {
  it('reads the receipt time in the tenant’s zone, not the browser’s', () => {
    expect(zonedInstant('2026-11-02T09:30', 'Asia/Shanghai')).toBe('2026-11-02T01:30:00.000Z');
    expect(zonedInstant('2026-07-01T09:30', 'America/New_York')).toBe('2026-07-01T13:30:00.000Z');
    expect(zonedInstant('2026-11-02', 'Asia/Shanghai')).toBeUndefined();
  });

  it('sends only what was given, the complainant sealed apart', () => {
    expect(
      fileBody(
        {
          customerId: ' cust-1 ',
          channel: 'branch',
          category: 'B05',
          cause: 'C05',
          name: '王五',
          phone: ' ',
          description: '',
        },
        'Asia/Shanghai',
      ),
    ).toEqual({
      customerId: 'cust-1',
      channel: 'branch',
      category: 'B05',
      cause: 'C05',
      complainant: { name: '王五' },
    });
  });
});
