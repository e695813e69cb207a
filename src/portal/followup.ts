/**
 * The consumer's follow-up code for a complaint filed on the portal. It is derived (HMAC under a purpose
 * key of the master key, over tenant and complaint id) rather than drawn and stored, so nothing about it
 * is kept at all; checking recomputes it and compares in constant time. 60 bits, Crockford base32.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { subKey } from '../kernel/index.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 12;

export class FollowUpCodes {
  private readonly key: Buffer;
  constructor(master: { key: Buffer }) {
    this.key = subKey(master.key, 'portal-complaint-followup');
  }

  /** `XXXX-XXXX-XXXX`, shown once to the consumer after filing. */
  codeOf(tenantId: string, complaintId: string): string {
    const mac = createHmac('sha256', this.key).update(`${tenantId}|${complaintId}`).digest();
    let bits = 0n;
    for (const b of mac.subarray(0, 8)) bits = (bits << 8n) | BigInt(b);
    let out = '';
    for (let i = 0; i < LENGTH; i++) out += ALPHABET[Number((bits >> BigInt(5 * i)) & 31n)];
    return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}`;
  }

  /** Case, dashes and spaces do not matter; O/I/L read as 0/1/1 (Crockford). */
  matches(tenantId: string, complaintId: string, given: string): boolean {
    const norm = (s: string) => s.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
    const want = Buffer.from(norm(this.codeOf(tenantId, complaintId)));
    const got = Buffer.from(norm(given).padEnd(want.length, '\0').slice(0, want.length));
    return timingSafeEqual(want, got) && norm(given).length === want.length;
  }
}
