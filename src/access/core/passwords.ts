import { scryptSync, timingSafeEqual } from 'node:crypto';

const N = 16384;
const r = 8;
const p = 1;

/** scrypt with a per-user salt; the format keeps its parameters so they can be raised later. */
export function hashPassword(password: string, salt: string): string {
  const hash = scryptSync(password.normalize('NFC'), salt, 32, { N, r, p });
  return `scrypt$${N}$${r}$${p}$${salt}$${hash.toString('base64url')}`;
}

export function verifyPassword(password: string, stored: string): boolean {
  const [scheme, n, rr, pp, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !rr || !pp || salt === undefined || !hash) return false;
  const want = Buffer.from(hash, 'base64url');
  const got = scryptSync(password.normalize('NFC'), salt, want.length, { N: Number(n), r: Number(rr), p: Number(pp) });
  return want.length === got.length && timingSafeEqual(want, got);
}

/** Operators choose passwords; the minimum keeps out the trivially guessable. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < 10) return 'at least 10 characters';
  return undefined;
}
