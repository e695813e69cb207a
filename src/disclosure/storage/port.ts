import type { SqlExec } from '../../store/index.ts';
import type { RelatedParty } from '../core/related.ts';
import type { Disclosure } from '../core/workflow.ts';

/** An audit-ledger entry (ids and hashes only) queued in the same transaction as the write it records. */
export interface DisclosureAudit {
  tenantId: string;
  action: string;
  actorId: string;
  subjectId?: string;
  dataHash?: string;
  at: number;
}
/** Writes an audit entry to the ledger's outbox inside the caller's transaction (ledger's enqueueAudit). */
export type DisclosureOutbox = (x: SqlExec, entry: DisclosureAudit, now: number) => Promise<void>;

/** The stored version changed since it was read, or is published (published versions never change). */
export class DisclosureStaleError extends Error {
  constructor(readonly published: boolean) {
    super(published ? 'a published disclosure cannot be changed' : 'disclosure changed concurrently');
  }
}

/** Another version of the period is already in progress (or took the version number). */
export class DisclosureConflictError extends Error {
  constructor() {
    super('a version of this period is already in progress');
  }
}

export interface DisclosureStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Writes queue their audit entries in their own transaction (the composition root gave an outbox). */
  readonly auditsInTransaction: boolean;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** A new version; DisclosureConflictError when a version of the period is in progress. */
  insert(d: Disclosure, audits?: DisclosureAudit[]): Promise<void>;
  /**
   * The next revision of a version (`d.rev - 1` must be stored and not published), with its audit
   * entries in the same transaction; DisclosureStaleError otherwise.
   */
  update(d: Disclosure, audits?: DisclosureAudit[]): Promise<void>;
  /** Records where a published version's entry is in the ledger (once; not part of the hashed document). */
  setLedgerIndex(tenantId: string, id: string, index: number): Promise<void>;
  get(tenantId: string, id: string): Promise<{ disclosure: Disclosure; ledgerIndex: number | undefined } | undefined>;
  /** Versions of a tenant, newest period then version first; only published ones with `publishedOnly`. */
  list(tenantId: string, q?: { period?: string; publishedOnly?: boolean }): Promise<Disclosure[]>;
  /** The related-party register, oldest first. */
  relatedParties(tenantId: string): Promise<RelatedParty[]>;
  /** Adds or changes one party's entry (its relation, since and until), with its audit entries. */
  putRelatedParty(r: RelatedParty, audits?: DisclosureAudit[]): Promise<void>;
}
