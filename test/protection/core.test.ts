import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chinaCalendar } from '../../src/kernel/index.ts';
import {
  applyAction,
  clockOf,
  deadlineDate,
  defaultClockPolicies,
  defaultFourEyes,
  quarterRange,
  type Action,
  type Complaint,
} from '../../src/protection/index.ts';

const cal = chinaCalendar();
const pboc = defaultClockPolicies.pboc!;
const at = (s: string) => Date.parse(s);

const base = (over: Partial<Complaint> = {}): Complaint => ({
  tenantId: 't',
  id: 'cmp_1',
  customerId: 'cust-1',
  channel: 'api',
  category: 'B05',
  cause: 'C05',
  links: { eventIds: [], loanIds: [] },
  regulator: 'pboc',
  timeZone: 'Asia/Shanghai',
  receivedAt: at('2026-09-28T10:00:00+08:00'),
  complexity: 'normal',
  state: 'received',
  reopened: 0,
  version: 1,
  contentHash: '',
  ...over,
});

describe('statutory deadlines on the Chinese calendar', () => {
  it('15 calendar days from receipt (the day of receipt not counted), across National Day 2026', () => {
    expect(deadlineDate(at('2026-09-28T10:00:00+08:00'), 'Asia/Shanghai', 15, 'calendar', cal)).toBe('2026-10-13');
  });

  it('15 working days across National Day 2026: Oct 1–7 off, Saturday Oct 10 a make-up working day', () => {
    expect(deadlineDate(at('2026-09-28T10:00:00+08:00'), 'Asia/Shanghai', 15, 'working', cal)).toBe('2026-10-23');
  });

  it('15 working days across Spring Festival 2026: Feb 15–23 off, Feb 14 and 28 make-up days', () => {
    expect(deadlineDate(at('2026-02-12T09:00:00+08:00'), 'Asia/Shanghai', 15, 'working', cal)).toBe('2026-03-11');
  });

  it('Spring Festival 2027: the holidays are not published yet, so the clock says its working days are not covered', () => {
    const c = base({ receivedAt: at('2027-02-01T09:00:00+08:00') });
    const v = clockOf(c, { ...pboc, dayKind: 'working' }, cal, at('2027-02-02T09:00:00+08:00'));
    expect(v.calendarCovered).toBe(false);
    expect(v.decisionBy).toBe('2027-02-22'); // weekends only: 15 working days
    expect(clockOf(c, pboc, cal, c.receivedAt).calendarCovered).toBe(true); // calendar days need no holidays
  });

  it('the receipt day is the tenant’s local day: 23:30 UTC is already the next day in Shanghai', () => {
    expect(deadlineDate(at('2026-09-27T23:30:00Z'), 'Asia/Shanghai', 15, 'calendar', cal)).toBe('2026-10-13');
  });

  it('extensions: 30 days for complex, 60 with notice for particularly complex (PBOC)', () => {
    const now = at('2026-09-29T10:00:00+08:00');
    expect(clockOf(base({ complexity: 'complex' }), pboc, cal, now).decisionBy).toBe('2026-10-28');
    expect(clockOf(base({ complexity: 'special' }), pboc, cal, now).decisionBy).toBe('2026-11-27');
  });

  it('warns before the deadline and reports the breach after it', () => {
    const c = base();
    expect(clockOf(c, pboc, cal, at('2026-10-01T10:00:00+08:00')).status).toBe('on_time');
    expect(clockOf(c, pboc, cal, at('2026-10-10T10:00:00+08:00')).status).toBe('due_soon');
    expect(clockOf(c, pboc, cal, at('2026-10-13T23:59:00+08:00')).status).toBe('due_soon');
    const late = clockOf(c, pboc, cal, at('2026-10-14T00:01:00+08:00'));
    expect(late.status).toBe('breached');
    expect(late.daysLeft).toBe(-1);
    expect(clockOf({ ...c, decidedAt: at('2026-10-14T09:00:00+08:00') }, pboc, cal, Date.now()).status).toBe(
      'met_late',
    );
  });

  it('property: a deadline is never earlier than the day of receipt', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2004, 0, 1), max: Date.UTC(2027, 11, 31) }),
        fc.integer({ min: 0, max: 90 }),
        fc.constantFrom('calendar' as const, 'working' as const),
        fc.constantFrom('Asia/Shanghai', 'UTC', 'America/New_York'),
        (received, days, kind, tz) => {
          const d = deadlineDate(received, tz, days, kind, cal);
          const receivedDay = new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(received);
          expect(d >= receivedDay).toBe(true);
          if (days > 0) expect(d > receivedDay).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  fc.constant({ kind: 'acknowledge' } as const),
  fc.constant({ kind: 'investigate' } as const),
  fc.record({
    kind: fc.constant('extend' as const),
    to: fc.constantFrom('complex' as const, 'special' as const),
    consumerNotified: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('propose' as const),
    outcome: fc.constantFrom('upheld' as const, 'partially_upheld' as const, 'rejected' as const),
    compensationMinor: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10_000_000 })),
    currency: fc.constantFrom('CNY', 'USD'),
  }),
  fc.constant({ kind: 'approve' } as const),
  fc.constant({ kind: 'return', reason: 'more facts' } as const),
  fc.constant({ kind: 'communicate' } as const),
  fc.constant({ kind: 'close' } as const),
  fc.record({
    kind: fc.constant('escalate' as const),
    to: fc.constantFrom('mediation' as const, 'regulator' as const),
  }),
  fc.constant({ kind: 'reopen' } as const),
);
const actorArb = fc.record({ id: fc.constantFrom('ana', 'bob', 'cai'), approver: fc.boolean() });

describe('the complaint workflow (property tests over random paths)', () => {
  it('no path reaches closed without an approved decision, and four eyes always holds above the threshold', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(actionArb, actorArb), { maxLength: 40 }), (steps) => {
        let c = base();
        let t = c.receivedAt;
        for (const [action, actor] of steps) {
          t += 3_600_000;
          const r = applyAction(c, action, actor, t, defaultFourEyes);
          if (!r.ok) continue; // refused: the complaint stays as it was
          const next = r.value;
          expect(next.version).toBe(c.version + 1);
          if (action.kind === 'approve') {
            const p = c.proposal!;
            const limit = defaultFourEyes.thresholds[p.currency];
            if (p.compensationMinor > 0 && (limit === undefined || p.compensationMinor > limit)) {
              expect(actor.approver).toBe(true);
              expect(actor.id).not.toBe(p.proposedBy);
            }
          }
          if (['decision_approved', 'communicated', 'closed'].includes(next.state)) {
            expect(next.proposal).toBeDefined();
            expect(next.approvedBy).toBeDefined();
            expect(next.decidedAt).toBeDefined();
          }
          if (next.state === 'closed') expect(c.state).toBe('communicated');
          if (next.complexity === 'special' && c.complexity !== 'special') {
            expect(action.kind === 'extend' && action.consumerNotified).toBe(true);
          }
          c = next;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('the proposer cannot approve their own compensation above the threshold, even as an approver', () => {
    const proposed = applyAction(
      base({ state: 'investigating' }),
      { kind: 'propose', outcome: 'upheld', compensationMinor: 500_000, currency: 'CNY' },
      { id: 'ana', approver: true },
      1,
      defaultFourEyes,
    );
    if (!proposed.ok) throw new Error('propose failed');
    const self = applyAction(proposed.value, { kind: 'approve' }, { id: 'ana', approver: true }, 2, defaultFourEyes);
    expect(self).toEqual({ ok: false, error: { kind: 'four_eyes' } });
    const nonApprover = applyAction(
      proposed.value,
      { kind: 'approve' },
      { id: 'bob', approver: false },
      2,
      defaultFourEyes,
    );
    expect(nonApprover.ok).toBe(false);
    const second = applyAction(proposed.value, { kind: 'approve' }, { id: 'bob', approver: true }, 2, defaultFourEyes);
    expect(second.ok && second.value.state).toBe('decision_approved');
  });

  it('quarters', () => {
    expect(quarterRange('2026Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(quarterRange('2028Q1')).toEqual({ from: '2028-01-01', to: '2028-03-31' });
    expect(quarterRange('2026Q5')).toBeUndefined();
  });
});
