import type { SqlExec } from '../../store/index.ts';
import type { Complaint, ComplaintState, HistoryEntry } from '../core/types.ts';
import type { ReserveMovement } from '../core/reserve.ts';
import type { SettingsInput } from '../schemas.ts';

/** A complaint's sealed personal data (complainant name/phone, the consumer's description). */
export interface SealedPersonal {
  /** The complaint's data key, wrapped by the master key (deleted to erase). */
  wrappedKey: string;
  sealed: string;
}

/** Tenant settings: clock policies per regulator, four-eyes thresholds, default regulator. */
export interface SettingsRecord {
  tenantId: string;
  /** The overrides as sent (checked against SettingsInputSchema on the way in and on the way out). */
  doc: SettingsInput;
  updatedAt: number;
  updatedBy: string;
}

export class ComplaintStaleError extends Error {
  constructor() {
    super('complaint changed concurrently');
  }
}

export class ReserveInsufficientError extends Error {
  constructor(
    readonly balanceMinor: number,
    readonly currency: string,
  ) {
    super('risk reserve balance too low');
  }
}

/** An audit-ledger entry (ids and hashes only) queued in the same transaction as the write it records. */
export interface ComplaintAudit {
  tenantId: string;
  action: string;
  actorId: string;
  subjectId?: string;
  dataHash?: string;
  at: number;
}
/** Writes an audit entry to the ledger's outbox inside the caller's transaction (ledger's enqueueAudit). */
export type ComplaintOutbox = (x: SqlExec, entry: ComplaintAudit, now: number) => Promise<void>;

export interface ComplaintStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Writes queue their audit entries in their own transaction (the composition root gave an outbox). */
  readonly auditsInTransaction: boolean;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** A new complaint, its first history entry and its sealed personal data, in one transaction. */
  create(c: Complaint, h: HistoryEntry, personal: SealedPersonal | undefined, audits?: ComplaintAudit[]): Promise<void>;
  /** The next version (stale if the stored one is not `version - 1`), its history entry, and a reserve movement. */
  update(c: Complaint, h: HistoryEntry, movement?: ReserveMovement, audits?: ComplaintAudit[]): Promise<void>;
  get(tenantId: string, id: string): Promise<Complaint | undefined>;
  list(
    tenantId: string,
    q: { state?: ComplaintState | undefined; after?: string | undefined; limit: number },
  ): Promise<Complaint[]>;
  /** Complaints received in [fromMs, toMs). */
  receivedBetween(tenantId: string, fromMs: number, toMs: number): Promise<Complaint[]>;
  history(tenantId: string, id: string): Promise<HistoryEntry[]>;
  personal(tenantId: string, id: string): Promise<SealedPersonal | undefined>;
  /** Crypto-shredding: deletes the data key; returns whether there was one. */
  shredPersonal(tenantId: string, id: string, audits?: ComplaintAudit[]): Promise<boolean>;
  getSettings(tenantId: string): Promise<SettingsRecord | undefined>;
  putSettings(s: SettingsRecord, audits?: ComplaintAudit[]): Promise<void>;
  addMovement(m: ReserveMovement, audits?: ComplaintAudit[]): Promise<void>;
  movements(
    tenantId: string,
    q?: { kind?: ReserveMovement['kind']; fromMs?: number; toMs?: number },
  ): Promise<ReserveMovement[]>;
}
