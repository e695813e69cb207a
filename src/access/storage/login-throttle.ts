import { sha256Hex } from '../../kernel/index.ts';
import type { SqlDriver } from '../../store/index.ts';
import {
  defaultThrottle,
  failEntry,
  LoginThrottle,
  type ThrottleEntry,
  type ThrottleKeys,
  type ThrottlePolicy,
} from '../core/throttle.ts';

/** Failed-login counts per account and client address, wherever they are kept. */
export interface ThrottleState {
  /** Milliseconds until the later of the two locks ends, or 0. */
  lockedFor(keys: ThrottleKeys, now: number): Promise<number>;
  /** Counts a failure against both keys; returns how long the caller is now locked out (0: not). */
  fail(keys: ThrottleKeys, now: number): Promise<number>;
  succeed(keys: ThrottleKeys): Promise<void>;
  unlock(account: string): Promise<void>;
}

/** One process's counts (tests, a store without the table). */
export function memoryThrottle(policy: Record<keyof ThrottleKeys, ThrottlePolicy> = defaultThrottle): ThrottleState {
  const t = new LoginThrottle(policy);
  return {
    lockedFor: async (keys, now) => t.lockedFor(keys, now),
    fail: async (keys, now) => t.fail(keys, now),
    succeed: async (keys) => t.succeed(keys),
    unlock: async (account) => t.unlock(account),
  };
}

export const loginThrottleSchema = (dialect: 'sqlite' | 'postgres'): string => {
  const big = dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
  return `
CREATE TABLE IF NOT EXISTS access_login_throttle (key_hash TEXT PRIMARY KEY, failures INT NOT NULL,
  window_start ${big} NOT NULL, locked_until ${big} NOT NULL);
`;
};

const PURGE_EVERY = 500;

/**
 * Counts in the database, so that every node of a cluster sees the same lock: an attacker gains nothing
 * by spreading guesses over nodes. Keys are stored as SHA-256 (no client address or login name in clear).
 */
export function sqlThrottle(
  d: SqlDriver,
  policy: Record<keyof ThrottleKeys, ThrottlePolicy> = defaultThrottle,
): ThrottleState {
  const hash = (kind: keyof ThrottleKeys, v: string) => sha256Hex(`${kind}\u0000${v}`);
  let fails = 0;
  const read = async (hashes: string[]): Promise<Map<string, ThrottleEntry>> => {
    const rows = await d.all(
      `SELECT * FROM access_login_throttle WHERE key_hash IN (${hashes.map(() => '?').join(', ')})`,
      hashes,
    );
    return new Map(
      rows.map((r) => [
        String(r.key_hash),
        { failures: Number(r.failures), windowStart: Number(r.window_start), lockedUntil: Number(r.locked_until) },
      ]),
    );
  };
  const lockedFor = async (keys: ThrottleKeys, now: number): Promise<number> => {
    const got = await read([hash('account', keys.account), hash('client', keys.client)]);
    let wait = 0;
    for (const e of got.values()) if (e.lockedUntil > now) wait = Math.max(wait, e.lockedUntil - now);
    return wait;
  };
  return {
    lockedFor,
    async fail(keys, now) {
      await d.tx(async (x) => {
        for (const kind of ['account', 'client'] as const) {
          const h = hash(kind, keys[kind]);
          const [r] = await x.all('SELECT * FROM access_login_throttle WHERE key_hash = ?', [h]);
          const cur = r
            ? { failures: Number(r.failures), windowStart: Number(r.window_start), lockedUntil: Number(r.locked_until) }
            : undefined;
          const next = failEntry(cur, policy[kind], now);
          await x.run(
            `INSERT INTO access_login_throttle (key_hash, failures, window_start, locked_until) VALUES (?, ?, ?, ?)
             ON CONFLICT (key_hash) DO UPDATE SET failures = excluded.failures, window_start = excluded.window_start,
             locked_until = excluded.locked_until`,
            [h, next.failures, next.windowStart, next.lockedUntil],
          );
        }
        // Counts whose window and lock are both over say nothing any more.
        if (++fails % PURGE_EVERY === 0) {
          const longest = Math.max(policy.account.windowMs, policy.client.windowMs);
          await x.run('DELETE FROM access_login_throttle WHERE locked_until < ? AND window_start < ?', [
            now,
            now - longest,
          ]);
        }
      });
      return lockedFor(keys, now);
    },
    async succeed(keys) {
      await d.run('DELETE FROM access_login_throttle WHERE key_hash = ?', [hash('account', keys.account)]);
    },
    async unlock(account) {
      await d.run('DELETE FROM access_login_throttle WHERE key_hash = ?', [hash('account', account)]);
    },
  };
}
