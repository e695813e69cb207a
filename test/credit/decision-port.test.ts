import { describe, expect, it } from 'vitest';
import {
  LiveScorecards,
  LoanBookMemory,
  withLprChanges,
  type CreditStore,
  type Scorecard,
} from '../../src/credit/index.ts';
import { creditPort } from '../../src/credit/decision-port.ts';
import { makeFxTable } from '../../src/kernel/index.ts';
import { normalizeEvent } from '../../src/monitoring/index.ts';

const bin = (label: string, lower: number | null, upper: number | null, points: number) => ({
  label,
  match: { kind: 'range' as const, lower, upper },
  good: 1,
  bad: 1,
  badRate: 0.5,
  woe: 0,
  iv: 0,
  points,
});
const characteristic = (name: string, bins: ReturnType<typeof bin>[]) => ({
  name,
  labelEn: name,
  labelZh: name,
  type: 'numeric' as const,
  ordinal: true,
  fixed: false,
  monotonic: true,
  iv: 0.1,
  coefficient: 1,
  gini: { train: 0, test: 0 },
  bins,
});
// A two-characteristic card: applications in 7 days (a feature) and income (an attribute).
const card = {
  version: 'card-7d',
  missing: [''],
  characteristics: [
    characteristic('applications_7d', [bin('[-inf, 2)', null, 2, 50), bin('[2, inf)', 2, null, 10)]),
    characteristic('income', [bin('[-inf, 5000)', null, 5000, 20), bin('[5000, inf)', 5000, null, 60)]),
  ],
  limits: { currency: 'CNY', bands: [{ minScore: 100, limitMinor: 3_000_000 }] },
} as unknown as Scorecard;

const fakeStore = (cards: Scorecard[]) =>
  ({
    live: async () =>
      cards.map((c) => ({
        tenantId: 't',
        version: c.version,
        name: '',
        status: 'active',
        shadow: false,
        card: c,
        createdAt: 0,
        createdBy: 'x',
      })),
    liveKeys: async () => cards.map((c) => c.version).join(','),
  }) as unknown as CreditStore;

const fx = makeFxTable({ source: 't', rates: [{ date: '2026-01-01', usdPerUnit: { CNY: '0.14' } }] });
const ev = (type: string, attributes: Record<string, string | number>, amount?: string) => {
  const n = normalizeEvent(
    {
      id: `e-${type}-${JSON.stringify(attributes)}`,
      type: type as never,
      occurredAt: '2026-11-26T10:00:00+08:00',
      ...(amount ? { amount: { value: amount, currency: 'CNY' } } : {}),
      debtor: { partyId: 'c1', partyType: 'person' },
      creditor: { partyId: 'c1', partyType: 'person' },
      attributes,
    },
    { timeZone: 'Asia/Shanghai', fx },
  );
  if (!n.ok) throw new Error(JSON.stringify(n.errors));
  return n.event;
};

describe('the credit port (decision path)', () => {
  it('scores characteristics from feature values and attributes (attributes first), with reason codes and limit', async () => {
    const live = new LiveScorecards(fakeStore([card]));
    await live.load();
    const port = creditPort({ live, book: new LoanBookMemory() });
    const r = port('t', ev('loan_application', { income: 8000 }), { applications_7d: 3 }, new Set(['score']));
    expect(r?.errors).toEqual([]);
    expect(r?.input).toMatchObject({ scored: true, scorecard: 'card-7d', score: 70, limit: 0 });
    expect(r?.input?.reasons).toEqual([expect.objectContaining({ code: 'applications_7d', lost: 40 })]);
    // The attribute wins over a feature of the same name.
    const a = port(
      't',
      ev('loan_application', { income: 8000, applications_7d: 0 }),
      { applications_7d: 3 },
      new Set(),
    );
    expect(a?.input).toMatchObject({ score: 110, limit: 3_000_000, reasons: [] });
  });

  it('reads the LPR cap from the configured table (ZHILI_LPR_FILE), not only the shipped one', async () => {
    const live = new LiveScorecards(fakeStore([]));
    await live.load();
    const changed = withLprChanges('2026-03-20,2.90');
    if (!changed.ok) throw new Error(changed.message);
    const shipped = creditPort({ live, book: new LoanBookMemory() });
    const configured = creditPort({ live, book: new LoanBookMemory(), lpr: changed.table });
    const e = ev('loan_application', {}, '1000.00');
    expect(shipped('t', e, {}, new Set(['lprCap']))?.input?.lprCap).toBeCloseTo(0.12, 10);
    expect(configured('t', e, {}, new Set(['lprCap']))?.input?.lprCap).toBeCloseTo(0.116, 10);
  });

  it('fails closed only on what the rules need, and only on the events that need it', async () => {
    const live = new LiveScorecards(fakeStore([]));
    await live.load();
    const port = creditPort({ live, book: new LoanBookMemory() });
    const needs = new Set(['score', 'apr']);
    expect(port('t', ev('loan_application', {}), {}, needs)?.errors.map((e) => e.featureId)).toEqual([
      'credit.score',
      'credit.apr',
    ]);
    expect(port('t', ev('loan_application', {}), {}, new Set(['scored']))?.errors).toEqual([]);
    const d = port('t', ev('loan_disbursement', { termMonths: 6, interestRate: 0.1 }, '1000.00'), {}, needs);
    expect(d?.errors).toEqual([]); // a disbursement is not scored
    expect(d?.input?.apr).toBeGreaterThan(0.0999);
    expect(port('t', ev('payment', {}, '1.00'), {}, needs)).toBeUndefined();
  });

  it('counts a borrower’s outstanding principal across loans, before the event', async () => {
    const live = new LiveScorecards(fakeStore([]));
    await live.load();
    const book = new LoanBookMemory();
    const port = creditPort({ live, book });
    const first = port(
      't',
      ev('loan_disbursement', { loanId: 'L1', termMonths: 12, interestRate: 0.1 }, '1000.00'),
      {},
      new Set(),
    );
    expect(first?.input?.outstanding).toBe(0);
    port('t', ev('loan_disbursement', { loanId: 'L2', termMonths: 12, interestRate: 0.1 }, '500.00'), {}, new Set());
    const app = port('t', ev('loan_application', {}), {}, new Set(['outstanding']));
    expect(app?.input?.outstanding).toBe(150_000);
    // Taking back the second loan (its decision was not committed) leaves the first only.
    const third = port(
      't',
      ev('loan_disbursement', { loanId: 'L3', termMonths: 12, interestRate: 0.1 }, '700.00'),
      {},
      new Set(),
    );
    third?.undo?.();
    expect(port('t', ev('loan_application', {}), {}, new Set(['outstanding']))?.input?.outstanding).toBe(150_000);
    // A loan id already booked is not booked again, and has nothing to take back.
    expect(
      port('t', ev('loan_disbursement', { loanId: 'L1', termMonths: 12, interestRate: 0.1 }, '1000.00'), {}, new Set())
        ?.undo,
    ).toBeUndefined();
  });
});
