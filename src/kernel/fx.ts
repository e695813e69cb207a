import { currencyExponent } from './currencies.ts';

/**
 * A dated FX table: for each effective date, how many US dollars one unit of a currency buys, as a
 * decimal string. Thresholds written in USD ("USD 10,000 equivalent") are applied through it; the date
 * used is the latest one on or before the event's date, so a replay uses the rate that applied then.
 */
export interface FxTableData {
  source: string;
  rates: { date: string; usdPerUnit: Record<string, string> }[];
}

export interface FxTable {
  readonly source: string;
  /** USD minor units (cents) for `minor` units of `currency` on `date`, half-up; undefined if unknown. */
  toUsdMinor(minor: number, currency: string, date: string): number | undefined;
}

const SCALE = 10n ** 12n;

function parseRate(s: string): bigint {
  const m = /^(\d+)(?:\.(\d{1,12}))?$/.exec(s);
  if (!m) throw new RangeError(`bad FX rate ${s}`);
  return BigInt(m[1] ?? '0') * SCALE + BigInt((m[2] ?? '').padEnd(12, '0'));
}

export function makeFxTable(data: FxTableData): FxTable {
  const dated = [...data.rates]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((r) => ({
      date: r.date,
      rates: new Map(Object.entries(r.usdPerUnit).map(([c, v]) => [c, parseRate(v)] as const)),
    }));
  return {
    source: data.source,
    toUsdMinor(minor, currency, date) {
      if (currency === 'USD') return minor;
      const exp = currencyExponent(currency);
      if (exp === undefined) return undefined;
      let rate: bigint | undefined;
      for (const d of dated) {
        if (d.date > date) break;
        rate = d.rates.get(currency) ?? rate;
      }
      if (rate === undefined) {
        // Before the first dated row we still need a rate: use the earliest known one.
        rate = dated.find((d) => d.rates.has(currency))?.rates.get(currency);
        if (rate === undefined) return undefined;
      }
      // cents = minor / 10^exp * rate * 100, rounded half-up, in integers.
      const num = BigInt(minor) * rate * 100n;
      const den = 10n ** BigInt(exp) * SCALE;
      return Number((num * 2n + den) / (den * 2n));
    },
  };
}
