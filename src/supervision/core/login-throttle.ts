/**
 * Supervisor sign-in throttling: failed logins counted per account and per client address; past a
 * limit the key is locked for a time that doubles with each further failure (capped). Pure: the hub's
 * store keeps the counts, a Clock gives the time.
 */
export interface ThrottlePolicy {
  /** Failures of one account before it locks. */
  accountLimit: number;
  /** Failures from one address (any accounts) before it locks: higher, so one office's typos do not lock all. */
  addressLimit: number;
  baseLockMs: number;
  maxLockMs: number;
  /** Failures older than this (since the last one) are forgotten. */
  forgetAfterMs: number;
}

export const defaultThrottle: ThrottlePolicy = {
  accountLimit: 5,
  addressLimit: 20,
  baseLockMs: 60_000,
  maxLockMs: 3_600_000,
  forgetAfterMs: 3_600_000,
};

/** How long a key with `failures` failures is locked from its last failure (0: not locked). */
export function lockFor(failures: number, limit: number, p: Pick<ThrottlePolicy, 'baseLockMs' | 'maxLockMs'>): number {
  if (failures < limit) return 0;
  return Math.min(p.maxLockMs, p.baseLockMs * 2 ** Math.min(30, failures - limit));
}

export interface ThrottleState {
  failures: number;
  lockedUntil: number;
  lastFailureAt: number;
}

/** Milliseconds the key stays locked at `now` (0: it may try). */
export const lockedFor = (s: ThrottleState | undefined, now: number): number =>
  s && s.lockedUntil > now ? s.lockedUntil - now : 0;
