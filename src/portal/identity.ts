/**
 * Consumer identity without a password store. The platform (an operator, or its backend with an API
 * key) issues a one-time sign-in code for one of its customers and hands it over in its own app or by
 * SMS; the consumer types it on the portal and gets a session limited to that tenant and customer.
 * Codes are short-lived, used once and kept only as a keyed hash; sessions are kept only as the hash of
 * the cookie value, with an idle and an absolute expiry. Issuing, signing in and signing out are on the
 * audit ledger with ids and hashes only.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson, hmacHex, sha256Hex, subKey, type AuditSink, type Clock, type Ids } from '../kernel/index.ts';
import type { ConsumerSessionRecord, PortalAudit, PortalStore } from './storage/port.ts';

export interface IdentityPolicy {
  /** How long a sign-in code works (default 15 minutes). */
  codeTtlMs: number;
  /** A session ends after this long without a request (default 20 minutes: a questionnaire fits). */
  idleMs: number;
  /** …and this long after sign-in whatever the activity (default 4 hours). */
  absoluteMs: number;
}
export const defaultIdentityPolicy: IdentityPolicy = {
  codeTtlMs: 15 * 60_000,
  idleMs: 20 * 60_000,
  absoluteMs: 4 * 3_600_000,
};

export interface ConsumerIdentityDeps {
  store: PortalStore;
  clock: Clock;
  ids: Ids;
  master: { key: Buffer };
  audit?: AuditSink | undefined;
  settleAudit?: (() => Promise<unknown>) | undefined;
  policy?: Partial<IdentityPolicy> | undefined;
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 12;
/** Case, dashes and spaces do not matter; O/I/L read as 0/1/1 (Crockford). */
const normalize = (s: string): string => s.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
const wellFormed = (s: string): boolean => s.length === CODE_LENGTH && [...s].every((c) => ALPHABET.includes(c));

/** The consumer's side of a session, as the portal sees it. */
export type ConsumerSession = ConsumerSessionRecord;

export class ConsumerIdentity {
  readonly policy: IdentityPolicy;
  private readonly codeKey: Buffer;
  private readonly formKey: Buffer;
  private purgedAt = 0;
  constructor(private readonly o: ConsumerIdentityDeps) {
    this.policy = { ...defaultIdentityPolicy, ...(o.policy ?? {}) };
    this.codeKey = subKey(o.master.key, 'portal-sign-in-code');
    this.formKey = subKey(o.master.key, 'portal-form-token');
  }

  private codeHash(tenantId: string, normalized: string): string {
    return hmacHex(this.codeKey, `${tenantId}|${normalized}`);
  }

  private async record<T>(entries: PortalAudit[], fn: (queued: PortalAudit[] | undefined) => Promise<T>): Promise<T> {
    const r = await fn(this.o.store.auditsInTransaction ? entries : undefined);
    if (this.o.store.auditsInTransaction) await this.o.settleAudit?.();
    else for (const e of entries) await this.o.audit?.(e);
    return r;
  }

  /** A new code for the customer (`XXXX-XXXX-XXXX`, 60 bits); the customer's earlier unused code stops working. */
  async issue(
    a: { tenantId: string; actorId: string },
    customerId: string,
  ): Promise<{ code: string; expiresAt: number }> {
    const bytes = Buffer.from(this.o.ids.secret(8), 'base64url');
    let bits = 0n;
    for (const b of bytes) bits = (bits << 8n) | BigInt(b);
    let raw = '';
    for (let i = 0; i < CODE_LENGTH; i++) raw += ALPHABET[Number((bits >> BigInt(5 * i)) & 31n)];
    const now = this.o.clock.now();
    const expiresAt = now + this.policy.codeTtlMs;
    const codeHash = this.codeHash(a.tenantId, raw);
    const entry: PortalAudit = {
      tenantId: a.tenantId,
      action: 'portal.sign-in-code.issue',
      actorId: a.actorId,
      subjectId: customerId,
      dataHash: sha256Hex(canonicalJson({ customerId, codeHash, expiresAt })),
      at: now,
    };
    await this.record([entry], (q) =>
      this.o.store.addCode(
        { tenantId: a.tenantId, codeHash, customerId, issuedBy: a.actorId, issuedAt: now, expiresAt },
        q,
      ),
    );
    // Used and expired codes and ended sessions are forgotten now and then, not on every request.
    if (now - this.purgedAt >= 3_600_000) {
      this.purgedAt = now;
      await this.purge();
    }
    return { code: `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`, expiresAt };
  }

  /**
   * Uses a code: a session and its cookie value, or undefined for a code that is malformed, unknown,
   * used or expired alike (the caller answers all of them the same way).
   */
  async signIn(tenantId: string, code: string): Promise<{ token: string; session: ConsumerSession } | undefined> {
    const n = normalize(code);
    if (!wellFormed(n)) return undefined;
    const token = this.o.ids.secret(32);
    const tokenHash = sha256Hex(token);
    const now = this.o.clock.now();
    const audits = (customerId: string): PortalAudit[] => [
      {
        tenantId,
        action: 'portal.sign-in',
        actorId: `customer:${customerId}`,
        subjectId: customerId,
        dataHash: sha256Hex(canonicalJson({ customerId, tokenHash })),
        at: now,
      },
    ];
    const queued = this.o.store.auditsInTransaction;
    const session = await this.o.store.redeem(
      tenantId,
      this.codeHash(tenantId, n),
      now,
      { tokenHash, createdAt: now, lastSeenAt: now, expiresAt: now + this.policy.absoluteMs },
      (customerId) => (queued ? audits(customerId) : []),
    );
    if (!session) return undefined;
    if (queued) await this.o.settleAudit?.();
    else for (const e of audits(session.customerId)) await this.o.audit?.(e);
    return { token, session };
  }

  /** The live session of this tenant for a cookie value (activity recorded), or undefined. */
  async session(tenantId: string, token: string | undefined): Promise<ConsumerSession | undefined> {
    if (!token || !/^[A-Za-z0-9_-]{20,128}$/.test(token)) return undefined;
    const s = await this.o.store.session(sha256Hex(token));
    const now = this.o.clock.now();
    if (!s || s.tenantId !== tenantId || now >= s.expiresAt || now - s.lastSeenAt >= this.policy.idleMs)
      return undefined;
    // One write a minute at most: enough for a 20-minute idle limit.
    if (now - s.lastSeenAt >= 60_000) await this.o.store.touch(s.tokenHash, now);
    return s;
  }

  /** The per-session token every form of the signed-in pages carries (derived, never stored). */
  formToken(s: ConsumerSession): string {
    return createHmac('sha256', this.formKey).update(s.tokenHash).digest('base64url').slice(0, 32);
  }

  formTokenMatches(s: ConsumerSession, given: unknown): boolean {
    const want = Buffer.from(this.formToken(s));
    const got = Buffer.from(typeof given === 'string' ? given : '');
    return got.length === want.length && timingSafeEqual(want, got);
  }

  async signOut(s: ConsumerSession): Promise<void> {
    const entry: PortalAudit = {
      tenantId: s.tenantId,
      action: 'portal.sign-out',
      actorId: `customer:${s.customerId}`,
      subjectId: s.customerId,
      at: this.o.clock.now(),
    };
    await this.record([entry], (q) => this.o.store.end(s.tokenHash, q));
  }

  /** Forgets what can no longer be used (called now and then). */
  purge(): Promise<number> {
    return this.o.store.purge(this.o.clock.now(), this.policy.idleMs);
  }
}
