/**
 * The pure rules both services apply before any work: a request is fresh, a platform's evaluation
 * quota holds, and a registry answer is totals only.
 */

/** `issuedAt` within ±window of the server's clock; outside it, a replayed request id may have been forgotten. */
export function isFresh(issuedAt: number, now: number, windowMs: number): boolean {
  return Math.abs(now - issuedAt) <= windowMs;
}

/** One quota: at most `max` evaluated elements per platform per fixed window of `windowMs`. */
export interface Quota {
  readonly windowMs: number;
  readonly max: number;
}

/** Default: a burst limit and a daily limit, sized for a platform's real application flow, not a dictionary. */
export const defaultQuotas: readonly Quota[] = [
  { windowMs: 60_000, max: 600 },
  { windowMs: 86_400_000, max: 20_000 },
];

/** Start of the fixed window holding `now`. */
export const windowStart = (now: number, windowMs: number): number => now - (now % windowMs);

/** Whole seconds until the window holding `now` ends (at least 1), for Retry-After. */
export const secondsToWindowEnd = (now: number, windowMs: number): number =>
  Math.max(1, Math.ceil((windowStart(now, windowMs) + windowMs - now) / 1000));

/** One platform's outstanding balance in one currency for the queried token. */
export interface TokenBalance {
  readonly platformId: string;
  readonly currency: string;
  readonly outstandingMinor: number;
}

export interface Totals {
  /** Other platforms with an outstanding balance for this person. */
  readonly platforms: number;
  /** Their outstanding balances summed per currency, in minor units, currencies sorted. */
  readonly outstanding: readonly { currency: string; minor: number }[];
}

/**
 * What a querying platform may learn: how many other platforms lend to this person and how much is
 * outstanding in total — never which platforms. Its own loans are left out (it knows them already).
 */
export function totalsFor(rows: readonly TokenBalance[], querier: string): Totals {
  const platforms = new Set<string>();
  const sums = new Map<string, number>();
  for (const r of rows) {
    if (r.platformId === querier || r.outstandingMinor <= 0) continue;
    platforms.add(r.platformId);
    const s = (sums.get(r.currency) ?? 0) + r.outstandingMinor;
    if (!Number.isSafeInteger(s)) throw new RangeError('outstanding total exceeds the exact integer range');
    sums.set(r.currency, s);
  }
  return {
    platforms: platforms.size,
    outstanding: [...sums.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([currency, minor]) => ({ currency, minor })),
  };
}
