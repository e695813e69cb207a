import type { SqlExec } from '../../store/index.ts';

/**
 * The registers of personal-information rights and incidents: data-subject requests, incidents,
 * contingency plans and drills. Each record is a versioned JSON document (validated by its service's
 * TypeBox schema on the way in and out) with an append-only list of steps, so one store serves all four.
 */
export const registerKinds = ['dsr', 'incident', 'plan', 'drill'] as const;
export type RegisterKind = (typeof registerKinds)[number];

export interface RegisterRecord {
  tenantId: string;
  kind: RegisterKind;
  id: string;
  /** A short state for listing (`received`, `open`, …). */
  state: string;
  version: number;
  /** When the record was opened (receipt, detection, drill date): the listing order. */
  openedAt: number;
  doc: unknown;
}

/** One step of a record's life: who did what, when, and the hash of what they sent (never the data). */
export interface RegisterStep {
  tenantId: string;
  kind: RegisterKind;
  recordId: string;
  seq: number;
  action: string;
  actorId: string;
  at: number;
  dataHash: string;
}

/** An audit-ledger entry (ids and hashes only) queued in the same transaction as the write it records. */
export interface RegisterAudit {
  tenantId: string;
  action: string;
  actorId: string;
  subjectId?: string;
  dataHash?: string;
  at: number;
}
/** Writes an audit entry to the ledger's outbox inside the caller's transaction (ledger's enqueueAudit). */
export type RegisterOutbox = (x: SqlExec, entry: RegisterAudit, now: number) => Promise<void>;

export class RegisterStaleError extends Error {
  constructor() {
    super('record changed concurrently');
  }
}

export interface RegisterStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Writes queue their audit entries in their own transaction (the composition root gave an outbox). */
  readonly auditsInTransaction: boolean;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** A new record (version 1) and its first step, in one transaction. */
  create(r: RegisterRecord, step: RegisterStep, audits?: RegisterAudit[]): Promise<void>;
  /** The next version (stale unless the stored one is `version - 1`) and its step. */
  update(r: RegisterRecord, step: RegisterStep, audits?: RegisterAudit[]): Promise<void>;
  get(tenantId: string, kind: RegisterKind, id: string): Promise<RegisterRecord | undefined>;
  /** A page by id; `state` filters. */
  list(
    tenantId: string,
    kind: RegisterKind,
    q: { state?: string | undefined; after?: string | undefined; limit: number },
  ): Promise<RegisterRecord[]>;
  steps(tenantId: string, kind: RegisterKind, id: string): Promise<RegisterStep[]>;
  getSettings(tenantId: string, kind: RegisterKind): Promise<unknown>;
  putSettings(
    tenantId: string,
    kind: RegisterKind,
    doc: unknown,
    by: { actorId: string; at: number },
    audits?: RegisterAudit[],
  ): Promise<void>;
}
