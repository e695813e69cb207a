import type { SqlExec } from '../../store/index.ts';

/** An audit-ledger entry (ids and hashes only) queued in the same transaction as the write it records. */
export interface PortalAudit {
  tenantId: string;
  action: string;
  actorId: string;
  subjectId?: string;
  dataHash?: string;
  at: number;
}
/** Writes an audit entry to the ledger's outbox inside the caller's transaction (the ledger's enqueueAudit). */
export type PortalOutbox = (x: SqlExec, entry: PortalAudit, now: number) => Promise<void>;

/** A one-time sign-in code for one customer, kept only as its keyed hash. */
export interface SignInCodeRecord {
  tenantId: string;
  codeHash: string;
  customerId: string;
  issuedBy: string;
  issuedAt: number;
  expiresAt: number;
  /** When it was used (a code signs in once). */
  usedAt?: number | undefined;
}

/** A consumer's session on the portal, kept only as the hash of its cookie value. */
export interface ConsumerSessionRecord {
  tokenHash: string;
  tenantId: string;
  customerId: string;
  createdAt: number;
  lastSeenAt: number;
  /** The absolute end, whatever the activity. */
  expiresAt: number;
}

export interface PortalStore {
  readonly kind: 'sqlite' | 'postgres';
  readonly auditsInTransaction: boolean;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** A new code; the customer's earlier unused codes stop working (one live code per customer). */
  addCode(c: SignInCodeRecord, audits?: PortalAudit[]): Promise<void>;
  /**
   * Uses the code (once, before it expires) and starts the session for its customer, in one
   * transaction; undefined when the code is unknown, used or expired: nothing is written then.
   */
  redeem(
    tenantId: string,
    codeHash: string,
    now: number,
    session: Omit<ConsumerSessionRecord, 'tenantId' | 'customerId'>,
    audits: (customerId: string) => PortalAudit[],
  ): Promise<ConsumerSessionRecord | undefined>;
  session(tokenHash: string): Promise<ConsumerSessionRecord | undefined>;
  /** Records activity (the idle expiry counts from it). */
  touch(tokenHash: string, at: number): Promise<void>;
  /** Ends the session (sign-out); true when there was one. */
  end(tokenHash: string, audits?: PortalAudit[]): Promise<boolean>;
  /** Forgets sessions and codes that can no longer be used. */
  purge(now: number, idleMs: number): Promise<number>;
}
