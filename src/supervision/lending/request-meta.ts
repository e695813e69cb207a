import { parseTimestamp, ZhiliError } from '../../kernel/index.ts';
import { isFresh } from './core/policy.ts';

/** Five minutes either way: enough for clock drift, short enough to keep the seen-request table small. */
export const defaultFreshnessMs = 5 * 60_000;

/** The request's time, if it is a real RFC 3339 time within the freshness window of `now`. */
export function freshIssuedAt(issuedAt: string, now: number, windowMs: number): number {
  const t = parseTimestamp(issuedAt);
  if (t === undefined) throw new ZhiliError('ZHILI_E_TIMESTAMP', { pointer: '/issuedAt' });
  if (!isFresh(t, now, windowMs)) throw new ZhiliError('ZHILI_E_REQUEST_EXPIRED', { pointer: '/issuedAt' });
  return t;
}

export const replayed = (): ZhiliError => new ZhiliError('ZHILI_E_REPLAYED', { pointer: '/requestId' });

/** Forgets seen request ids now and then, once they are too old to pass the freshness check anyway. */
export function pruner(prune: (before: number) => Promise<number>, windowMs: number, every = 1000) {
  let n = 0;
  return (now: number): void => {
    if (++n % every !== 0) return;
    void prune(now - 2 * windowMs).catch(() => undefined);
  };
}
