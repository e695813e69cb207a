import { currencyExponent } from './currencies.ts';
import type { ErrorCode } from './errors.ts';
import { err, ok, type Result } from './result.ts';

/** Money is an integer count of minor units with its ISO 4217 code; never a float. */
export interface Money {
  readonly minor: number;
  readonly currency: string;
}

const decimal = /^(\d+)(?:\.(\d+))?$/;

/**
 * Parses an API amount ("50000.00") exactly. Fewer decimals than the currency has are fine ("50000"),
 * more are an error: silently rounding a regulated amount would change it.
 */
/** The ISO 4217 testing code, accepted only where a tenant opted in (test clients such as Tazama's). */
export const testCurrency = 'XTS';

export function parseMoney(
  value: string,
  currency: string,
  opts: { acceptTestCurrency?: boolean } = {},
): Result<Money, ErrorCode> {
  // XTS has no minor unit in ISO 4217; test clients send two decimals, as for most currencies.
  const exp = currency === testCurrency && opts.acceptTestCurrency === true ? 2 : currencyExponent(currency);
  if (exp === undefined) return err('ZHILI_E_UNKNOWN_CURRENCY');
  if (value.startsWith('-')) return err('ZHILI_E_AMOUNT_NEGATIVE');
  const m = decimal.exec(value);
  if (!m) return err('ZHILI_E_AMOUNT_FORMAT');
  const whole = m[1] ?? '';
  const frac = m[2] ?? '';
  if (frac.length > exp) return err('ZHILI_E_AMOUNT_PRECISION');
  const digits = (whole + frac.padEnd(exp, '0')).replace(/^0+(?=\d)/, '');
  if (digits.length > 15) return err('ZHILI_E_AMOUNT_TOO_LARGE');
  return ok({ minor: Number(digits), currency });
}

/** Formats minor units back to the API's decimal string. */
export function formatMoney(money: Money): string {
  const exp = currencyExponent(money.currency) ?? 2;
  const sign = money.minor < 0 ? '-' : '';
  const digits = String(Math.abs(money.minor)).padStart(exp + 1, '0');
  if (exp === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exp)}.${digits.slice(-exp)}`;
}

/** Major units to minor units for thresholds written in code or rules (`cny(50000)`). */
export function toMinor(major: number, currency: string): number {
  const exp = currencyExponent(currency);
  if (exp === undefined) throw new RangeError(`unknown currency ${currency}`);
  const minor = Math.round(major * 10 ** exp);
  if (!Number.isSafeInteger(minor)) throw new RangeError(`amount out of range: ${major} ${currency}`);
  return minor;
}

/** Exact addition of minor units; throws rather than lose a cent beyond 2^53. */
export function addMinor(a: number, b: number): number {
  const s = a + b;
  if (!Number.isSafeInteger(s)) throw new RangeError('minor-unit sum exceeds the exact integer range');
  return s;
}
