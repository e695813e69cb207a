import { randomBytes } from 'node:crypto';
import type { Clock, Ids } from './ports.ts';

/** The real clock and id source, for the composition root only; cores receive them as ports. */
export const systemClock: Clock = { now: () => Date.now() };

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

function encodeTime(ms: number): string {
  let s = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    s = alphabet[t % 32] + s;
    t = Math.floor(t / 32);
  }
  return s;
}

export function systemIds(): Ids {
  let lastMs = 0;
  let seq = 0;
  return {
    next(prefix) {
      const ms = Date.now();
      seq = ms === lastMs ? seq + 1 : 0;
      lastMs = ms;
      const rnd = randomBytes(8);
      let tail = '';
      for (const b of rnd) tail += alphabet[b % 32];
      return `${prefix}_${encodeTime(ms)}${seq.toString(32).padStart(3, '0')}${tail}`;
    },
    secret(bytes = 24) {
      return randomBytes(bytes).toString('base64url');
    },
  };
}
