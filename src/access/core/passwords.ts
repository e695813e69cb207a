import { scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 16384;
const r = 8;
const p = 1;

/**
 * Async scrypt runs on libuv's thread pool, so a burst of logins never blocks the event loop (and
 * with it every other request). The pool has 4 threads by default (UV_THREADPOOL_SIZE).
 */
function scryptAsync(password: string, salt: string, len: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, len, { ...opts, maxmem: 64 * 1024 * 1024 }, (e, key) =>
      e ? reject(e) : resolve(key),
    ),
  );
}

/** scrypt with a per-user salt; the format keeps its parameters so they can be raised later. */
export async function hashPassword(password: string, salt: string): Promise<string> {
  const hash = await scryptAsync(password, salt, 32, { N, r, p });
  return `scrypt$${N}$${r}$${p}$${salt}$${hash.toString('base64url')}`;
}

/**
 * A stored hash for nobody: an unknown user's login is checked against it, so it costs the same scrypt
 * as a known one and the answer time does not tell whether the name exists.
 */
export const decoyHash = `scrypt$${N}$${r}$${p}$decoy-salt-0000$${Buffer.alloc(32).toString('base64url')}`;

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, rr, pp, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !rr || !pp || salt === undefined || !hash) return false;
  const want = Buffer.from(hash, 'base64url');
  const got = await scryptAsync(password, salt, want.length, { N: Number(n), r: Number(rr), p: Number(pp) });
  return want.length === got.length && timingSafeEqual(want, got);
}

/** Operators choose passwords; the minimum keeps out the trivially guessable. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 10) return 'at least 10 characters';
  return undefined;
}
