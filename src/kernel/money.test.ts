import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatMoney, parseMoney } from './money.ts';
import { makeFxTable } from './fx.ts';

describe('money', () => {
  it('parses decimal strings exactly into minor units', () => {
    expect(parseMoney('50000.00', 'CNY')).toEqual({ ok: true, value: { minor: 5_000_000, currency: 'CNY' } });
    expect(parseMoney('50000', 'CNY')).toEqual({ ok: true, value: { minor: 5_000_000, currency: 'CNY' } });
    expect(parseMoney('0.1', 'CNY')).toEqual({ ok: true, value: { minor: 10, currency: 'CNY' } });
    expect(parseMoney('1500', 'JPY')).toEqual({ ok: true, value: { minor: 1500, currency: 'JPY' } });
    expect(parseMoney('1.234', 'KWD')).toEqual({ ok: true, value: { minor: 1234, currency: 'KWD' } });
  });

  it('rejects what a regulator would not accept', () => {
    expect(parseMoney('1.001', 'CNY')).toEqual({ ok: false, error: 'ZHILI_E_AMOUNT_PRECISION' });
    expect(parseMoney('1.5', 'JPY')).toEqual({ ok: false, error: 'ZHILI_E_AMOUNT_PRECISION' });
    expect(parseMoney('-1.00', 'CNY')).toEqual({ ok: false, error: 'ZHILI_E_AMOUNT_NEGATIVE' });
    expect(parseMoney('1e5', 'CNY')).toEqual({ ok: false, error: 'ZHILI_E_AMOUNT_FORMAT' });
    expect(parseMoney('1.00', 'XYZ')).toEqual({ ok: false, error: 'ZHILI_E_UNKNOWN_CURRENCY' });
    expect(parseMoney('99999999999999999.00', 'CNY')).toEqual({ ok: false, error: 'ZHILI_E_AMOUNT_TOO_LARGE' });
  });

  it('round-trips every representable amount (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 ** 15 - 1 }),
        fc.constantFrom('CNY', 'JPY', 'KWD', 'USD'),
        (minor, cur) => {
          const s = formatMoney({ minor, currency: cur });
          expect(parseMoney(s, cur)).toEqual({ ok: true, value: { minor, currency: cur } });
        },
      ),
    );
  });
});

describe('FX table', () => {
  const fx = makeFxTable({
    source: 'test',
    rates: [
      { date: '2026-01-01', usdPerUnit: { CNY: '0.14', EUR: '1.10' } },
      { date: '2026-06-01', usdPerUnit: { CNY: '0.15' } },
    ],
  });
  it('uses the latest rate on or before the date, half-up to cents', () => {
    expect(fx.toUsdMinor(100_00, 'CNY', '2026-03-01')).toBe(14_00);
    expect(fx.toUsdMinor(100_00, 'CNY', '2026-07-01')).toBe(15_00);
    expect(fx.toUsdMinor(100_00, 'EUR', '2026-07-01')).toBe(110_00);
    expect(fx.toUsdMinor(1, 'CNY', '2026-07-01')).toBe(0); // 0.15 cent rounds down
    expect(fx.toUsdMinor(5, 'CNY', '2026-07-01')).toBe(1); // 0.75 cent rounds up
    expect(fx.toUsdMinor(100, 'USD', '2026-07-01')).toBe(100);
    expect(fx.toUsdMinor(100, 'GBP', '2026-07-01')).toBeUndefined();
  });
});
