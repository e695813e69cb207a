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

export type DecisionOutcome = 'allow' | 'review' | 'block';
export const decisionOutcomes: readonly DecisionOutcome[] = ['allow', 'review', 'block'];

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
  outcome: DecisionOutcome;
  ruleSetVersion: string;
  decidedAt: number;
  /**
   * JSON text of `event` and `decision` made once when decided (the event's is its canonical JSON, the
   * text its hash is taken of), stored as it is. Each text is used only while the record still holds the
   * very object it was made from: a store that rewrites the event (sealing personal fields) has the new
   * event serialised, never the old text.
   */
  serialized?: { event: unknown; eventJson: string; decision: unknown; decisionJson: string };
}

/**
 * The data key of one data subject's personal fields (one of possibly several), wrapped by the master
 * key. Deleting a subject's rows crypto-shreds those fields wherever they are stored.
 */
export interface PiiKeyRecord {
  tenantId: string;
  subject: string;
  keyId: string;
  wrapped: string;
  createdAt: number;
}

export interface StoredDecision extends DecisionRecord {
  /**
   * The commit position, across all tenants: it only grows in commit order, with several writers too
   * (docs/decisions/0007-commit-position.md). Feature state is rebuilt by replaying in this order.
   */
  seq: number;
}

/** Where a rule-set version is in its four-eyes lifecycle (docs/rules.md, "Lifecycle"). */
export type RuleSetStatus = 'draft' | 'submitted' | 'approved' | 'active' | 'rejected' | 'superseded';
export const ruleSetStatuses: readonly RuleSetStatus[] = [
  'draft',
  'submitted',
  'approved',
  'active',
  'rejected',
  'superseded',
];

export interface RuleSetRecord {
  tenantId: string;
  version: string;
  content: unknown;
  createdAt: number;
  createdBy: string;
  active: boolean;
  /** On write, defaults to `active` when active, else `draft`. Always present when read. */
  status?: RuleSetStatus;
  /** Evaluated beside the active version on every decision, never acting. Always present when read. */
  shadow?: boolean;
}

/** One step in a rule-set version's history: who did what, when. */
export interface RuleSetEventRecord {
  tenantId: string;
  version: string;
  /** create, submit, approve, reject, activate, supersede, shadow, unshadow, rollback */
  action: string;
  fromStatus: RuleSetStatus | null;
  toStatus: RuleSetStatus;
  actorId: string;
  at: number;
  note?: string;
}

/** A row of the audit ledger's outbox (`ledger_outbox`), its entry already encoded by the ledger module. */
export interface OutboxRow {
  tenantId: string;
  entry: string;
  createdAt: number;
}

/** A guarded status change, applied atomically with its history row. */
export interface RuleSetTransition {
  tenantId: string;
  version: string;
  action: string;
  /** The statuses the version must be in now; otherwise ZHILI_E_RULESET_TRANSITION and nothing changes. */
  from: readonly RuleSetStatus[];
  to: RuleSetStatus;
  /**
   * true: the version becomes the tenant's only shadow; false: it stops being one; unset: unchanged.
   * A version that becomes active stops being shadow, and the version it replaces becomes superseded.
   */
  shadow?: boolean;
  actorId: string;
  at: number;
  note?: string;
  /** The step's audit-ledger outbox row (an encoded entry), written in the step's own transaction. */
  outbox?: OutboxRow;
}
