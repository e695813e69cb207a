/** How many failed logins within a window lock a key, and for how long. */
export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export interface ThrottleKeys {
  /** tenant + username: guessing one operator's password from many addresses. */
  account: string;
  /** the client address: one address guessing many operators' passwords. */
  client: string;
}

export interface ThrottleEntry {
  failures: number;
  windowStart: number;
  lockedUntil: number;
}
type Entry = ThrottleEntry;

/** One more failure against a key: a new window when the last one is over; a lock at the limit. Pure. */
export function failEntry(e: Entry | undefined, p: ThrottlePolicy, now: number): Entry {
  const cur =
    !e || now - e.windowStart > p.windowMs
      ? { failures: 0, windowStart: now, lockedUntil: e?.lockedUntil ?? 0 }
      : { ...e };
  cur.failures += 1;
  if (cur.failures >= p.maxFailures) return { failures: 0, windowStart: now, lockedUntil: now + p.lockMs };
  return cur;
}

export const defaultThrottle = {
  account: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
  client: { maxFailures: 30, windowMs: 15 * 60_000, lockMs: 15 * 60_000 },
} as const satisfies Record<keyof ThrottleKeys, ThrottlePolicy>;

/**
 * Failed-login counting per account and per client address, in memory and bounded: beyond
 * `maxEntries` keys the oldest are forgotten. Pure: the caller passes the time.
 */
export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly policy: Record<keyof ThrottleKeys, ThrottlePolicy> = defaultThrottle,
    private readonly maxEntries = 100_000,
  ) {}

  /** Milliseconds until the later of the two locks ends, or 0 when neither key is locked. */
  lockedFor(keys: ThrottleKeys, now: number): number {
    let wait = 0;
    for (const kind of ['account', 'client'] as const) {
      const e = this.entries.get(`${kind}\u0000${keys[kind]}`);
      if (e && e.lockedUntil > now) wait = Math.max(wait, e.lockedUntil - now);
    }
    return wait;
  }

  /** Counts a failure against both keys; returns how long the caller is now locked out (0: not). */
  fail(keys: ThrottleKeys, now: number): number {
    for (const kind of ['account', 'client'] as const) {
      const k = `${kind}\u0000${keys[kind]}`;
      const next = failEntry(this.entries.get(k), this.policy[kind], now);
      // Re-inserted so the map's order is by last failure: the oldest are forgotten first.
      this.entries.delete(k);
      this.entries.set(k, next);
    }
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return this.lockedFor(keys, now);
  }

  /** A correct password clears the account's count; the address's count stays (one good account must not launder guesses). */
  succeed(keys: ThrottleKeys): void {
    this.entries.delete(`account\u0000${keys.account}`);
  }

  /** An administrator lifts an account's lock. */
  unlock(account: string): void {
    this.entries.delete(`account\u0000${account}`);
  }

  get size(): number {
    return this.entries.size;
  }
}
