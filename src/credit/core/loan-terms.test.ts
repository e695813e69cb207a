import { describe, expect, it } from 'vitest';
import { loanFromAttributes } from './loan-terms.ts';
import { lprOn } from './lpr.ts';

// Annualised rates checked against cash flows computed by hand (monthly periods, APR = IRR × 12).
describe('loan terms from event attributes', () => {
  it('one month, fee taken at disbursement: 10,100 / 9,900 − 1 = 2.0202 % a month, 24.24 % a year', () => {
    const r = loanFromAttributes(1_000_000, 'CNY', { termMonths: 1, upfrontFee: '100.00', payments: '10100.00' });
    expect(r.ok && r.loan.apr).toBeCloseTo((10_100 / 9_900 - 1) * 12, 10);
  });

  it('bullet: 10,000 borrowed, 11,200 repaid after 12 months: (1.12^(1/12) − 1) × 12 = 11.3866 %', () => {
    const r = loanFromAttributes(1_000_000, 'CNY', { termMonths: 12, interestRate: 0.12, repayment: 'bullet' });
    expect(r.ok && r.loan.apr).toBeCloseTo((Math.pow(1.12, 1 / 12) - 1) * 12, 8);
    expect(r.ok && r.loan.apr).toBeCloseTo(0.113866, 5);
  });

  it('equal instalments at 12 % with no fee cost 12 %; a monthly fee of 50.00 on 10,000 costs more', () => {
    const plain = loanFromAttributes(1_000_000, 'CNY', { termMonths: 12, interestRate: '12%', statedRate: 0.12 });
    expect(plain.ok && plain.loan.apr).toBeCloseTo(0.12, 4);
    expect(plain.ok && plain.loan.statedRate).toBe(0.12);
    // 888.49 + 50.00 a month for 10,000: the IRR of 938.49 × 12 against 10,000 is 1.8774 % a month, 22.53 % a year.
    const fee = loanFromAttributes(1_000_000, 'CNY', { termMonths: 12, interestRate: 0.12, monthlyFee: '50.00' });
    expect(fee.ok && fee.loan.apr).toBeCloseTo(0.2253, 4);
  });

  it('the schedule of given payments is split into interest and principal that add up', () => {
    const r = loanFromAttributes(1_000_000, 'CNY', { termMonths: 2, payments: '5100.00,5050.00' });
    if (!r.ok) throw new Error(r.message);
    expect(r.loan.schedule.reduce((s, i) => s + i.principal, 0)).toBe(1_000_000);
    expect(r.loan.schedule.every((i) => i.principal + i.interest + i.fee === i.payment)).toBe(true);
  });

  it('says what is missing', () => {
    expect(loanFromAttributes(1_000_000, 'CNY', {})).toMatchObject({ ok: false, message: /termMonths/ });
    expect(loanFromAttributes(1_000_000, 'CNY', { termMonths: 3 })).toMatchObject({
      ok: false,
      message: /interestRate/,
    });
    expect(loanFromAttributes(1_000_000, 'CNY', { termMonths: 3, interestRate: 0.1, upfrontFee: 'x' })).toMatchObject({
      ok: false,
    });
  });

  it('four times the one-year LPR of the day', () => {
    expect(lprOn('2019-08-19')).toBeUndefined();
    expect(lprOn('2020-04-20')).toBe(0.0385);
    expect(lprOn('2026-11-26')).toBe(0.03);
  });
});
