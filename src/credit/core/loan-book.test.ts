import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../kernel/index.ts';
import { bucketOf, loanStateAt, monthEnd, rollRates, vintages, type Loan, type Repayment } from './loan-book.ts';

const d = dayNumber;
// CNY 3,000.00 lent on 15 January, three monthly instalments of 1,000.00 principal + 10.00 interest.
const loanA: Loan = {
  id: 'A',
  customerId: 'c1',
  currency: 'CNY',
  principalMinor: 300_000,
  disbursedDay: d('2026-01-15'),
  schedule: ['2026-02-15', '2026-03-15', '2026-04-15'].map((due) => ({
    dueDay: d(due),
    principalMinor: 100_000,
    interestMinor: 1_000,
    feeMinor: 0,
  })),
};
const loanB: Loan = {
  ...loanA,
  id: 'B',
  customerId: 'c2',
  principalMinor: 100_000,
  schedule: [{ ...loanA.schedule[0]!, principalMinor: 100_000 }],
};
const repayments: Repayment[] = [
  { loanId: 'A', day: d('2026-02-15'), amountMinor: 101_000 }, // first instalment on time
  { loanId: 'A', day: d('2026-03-20'), amountMinor: 50_500 }, // half of the second, late
  { loanId: 'B', day: d('2026-02-14'), amountMinor: 101_000 }, // B repaid in full
];

describe('loan book (hand-computed)', () => {
  it('buckets: M0 current, M1 1–30, M2 31–60, M3+ beyond', () => {
    expect([0, 1, 30, 31, 60, 61, 400].map(bucketOf)).toEqual(['M0', 'M1', 'M1', 'M2', 'M2', 'M3+', 'M3+']);
  });
  it('balance, overdue and days past due as of a day', () => {
    expect(loanStateAt(loanA, repayments, d('2026-02-28'))).toMatchObject({
      balanceMinor: 200_000,
      overdueMinor: 0,
      interestUnpaidMinor: 2_000, // two instalments' interest, neither due yet
      dpd: 0,
      bucket: 'M0',
    });
    // Second instalment due 15 March unpaid on the 16th: 1 day past due.
    expect(loanStateAt(loanA, repayments, d('2026-03-16'))).toMatchObject({
      overdueMinor: 101_000,
      dpd: 1,
      bucket: 'M1',
    });
    // 50,500 on 20 March: 1,000 interest first, then 49,500 principal; still 16 days past due at the month end.
    expect(loanStateAt(loanA, repayments, d('2026-03-31'))).toMatchObject({
      balanceMinor: 150_500,
      overdueMinor: 50_500,
      interestUnpaidMinor: 1_000, // the second instalment's interest was paid first
      dpd: 16,
      bucket: 'M1',
    });
    // 20 April: the third instalment is due too; days past due still count from 15 March: 36.
    expect(loanStateAt(loanA, repayments, d('2026-04-20'))).toMatchObject({
      overdueMinor: 151_500,
      dpd: 36,
      bucket: 'M2',
    });
    expect(loanStateAt(loanB, repayments, d('2026-03-31'))).toMatchObject({ balanceMinor: 0, paidOff: true });
  });
  it('roll rates between month ends, weighted by balance', () => {
    const open: Loan = {
      ...loanB,
      id: 'C',
      disbursedDay: d('2026-01-20'),
      schedule: [{ ...loanB.schedule[0]!, dueDay: d('2026-04-20') }],
    };
    const r = rollRates([loanA, loanB, open], repayments, monthEnd(d('2026-02-01')), monthEnd(d('2026-03-01')));
    // At end of February A (200,000) and C (100,000) are current, B is paid off; by end of March A is M1.
    expect(r.counts.M0).toEqual({ M0: 1, M1: 1, M2: 0, 'M3+': 0 });
    expect(r.rollForward.M0).toBeCloseTo(200_000 / 300_000, 12);
    expect(r.rollForward.M1).toBeNull();
  });
  it('vintage curves: share of the cohort ever 30+ days past due by month on book', () => {
    const v = vintages([loanA, loanB], repayments, d('2026-05-10'));
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ cohort: '2026-01', loans: 2, principalMinor: 400_000 });
    // End of Feb: 0; end of Mar: A 16 days; end of Apr: A 46 days → 300,000 / 400,000; stays there.
    expect(v[0]!.curve).toEqual([0, 0, 0.75, 0.75]);
  });
});
