/** What the Store keeps. Times are epoch milliseconds (UTC); JSON columns hold schema-checked values. */

export type Role = 'admin' | 'analyst' | 'approver' | 'auditor';
export const roles: readonly Role[] = ['admin', 'analyst', 'approver', 'auditor'];

export interface TenantRecord {
  id: string;
  name: string;
  timeZone: string;
  createdAt: number;
}

export interface ApiKeyRecord {
  /** SHA-256 of the key; the key itself is shown once and never stored. */
  keyHash: string;
  tenantId: string;
  /** The first characters of the key, so an operator can tell keys apart. */
  prefix: string;
  createdAt: number;
}

export interface UserRecord {
  id: string;
  tenantId: string;
  username: string;
  /** scrypt$N$r$p$salt$hash */
  passwordHash: string;
  roles: Role[];
  createdAt: number;
}

export interface SessionRecord {
  tokenHash: string;
  userId: string;
  tenantId: string;
  expiresAt: number;
}

/** An accepted event and the decision made on it: written together, in one durable commit. */
export interface DecisionRecord {
  tenantId: string;
  eventId: string;
  type: string;
  occurredAt: number;
  /** SHA-256 of the event's canonical JSON: the idempotency fingerprint. */
  bodyHash: string;
  event: unknown;
  decision: unknown;
  outcome: 'allow' | 'review' | 'block';
  ruleSetVersion: string;
  decidedAt: number;
}

export interface StoredDecision extends DecisionRecord {
  /** Commit order across all tenants; feature state is rebuilt by replaying in this order. */
  seq: number;
}

export interface RuleSetRecord {
  tenantId: string;
  version: string;
  content: unknown;
  createdAt: number;
  createdBy: string;
  active: boolean;
}
