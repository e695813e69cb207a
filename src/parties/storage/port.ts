/**
 * The parties module's own tables (next to the main store's: the same SQLite file, or the same
 * PostgreSQL schema). Every adapter passes `party-store.contract.ts`. C2 data reaches this port only
 * as ciphertext and HMAC tokens.
 */
import type { AuditSink } from '../../kernel/index.ts';
import type { SqlExec } from '../../store/index.ts';
import type { StoredHit, StoredParty, StoredRating, StoredScreen, StoredVersion } from '../core/types.ts';

export interface TenantKeyRow {
  tenantId: string;
  /** The tenant's data key, sealed by the KEK. */
  wrapped: string;
  kekId: string;
  createdAt: number;
}

export interface SubjectKeyRow {
  tenantId: string;
  partyId: string;
  /** The party's own key, sealed by the tenant's data key. */
  wrapped: string;
  createdAt: number;
}

export interface IndexToken {
  kind: 'id' | 'phone' | 'card';
  /** HMAC of the normalised value under the tenant's blind-index key. */
  token: string;
}

/** One operator action for the audit ledger (ids and hashes only). */
export type PartyAudit = Parameters<AuditSink>[0];
/** Writes an action's audit-ledger outbox row in the caller's transaction (the ledger's enqueueAudit). */
export type PartyOutbox = (x: SqlExec, entry: PartyAudit, now: number) => Promise<void>;

/** A write lost a race (compare-and-set on version or status): re-read and retry. */
export class PartyStaleError extends Error {
  constructor(readonly id: string) {
    super(`${id} was changed by someone else`);
    this.name = 'PartyStaleError';
  }
}

export interface PartyStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Writes given an `audit` record queue it in their own transaction. */
  readonly auditsInTransaction?: boolean;
  migrate(): Promise<void>;
  close(): Promise<void>;

  getTenantKey(tenantId: string): Promise<TenantKeyRow | undefined>;
  /** Stores the row unless the tenant has one already; returns the stored row (first writer wins). */
  putTenantKey(row: TenantKeyRow): Promise<TenantKeyRow>;
  getSubjectKey(tenantId: string, partyId: string): Promise<SubjectKeyRow | undefined>;

  /** Creates head, first version, subject key and index tokens in one transaction. */
  createParty(
    p: StoredParty,
    v: StoredVersion,
    key: SubjectKeyRow,
    tokens: IndexToken[],
    audit?: PartyAudit,
  ): Promise<void>;
  /** Appends version `v` when the stored head is at `v.version - 1`, replaces the index tokens; else PartyStaleError. */
  updateParty(p: StoredParty, v: StoredVersion, tokens: IndexToken[], audit?: PartyAudit): Promise<void>;
  getParty(tenantId: string, id: string): Promise<StoredParty | undefined>;
  getVersion(tenantId: string, id: string, version: number): Promise<StoredVersion | undefined>;
  /** Every version, oldest first. */
  listVersions(tenantId: string, id: string): Promise<StoredVersion[]>;
  /** The tenant's parties by id, `after` for paging (erased ones included). */
  listParties(tenantId: string, f: { after?: string; limit: number }): Promise<StoredParty[]>;
  /** Parties the platform knows by this id of its own (`externalId`). */
  findByExternalId(tenantId: string, externalId: string): Promise<string[]>;
  /** Parties whose current version carries the token. */
  findByToken(tenantId: string, t: IndexToken): Promise<string[]>;
  /** Organisations whose current version names `ownerId` as owner or controller. */
  ownedBy(tenantId: string, ownerId: string): Promise<string[]>;

  /** Inserts hits not yet stored (same party, entry, screen key, entry fingerprint); refreshes the others' last screen. Returns all of them as stored. */
  upsertHits(hits: StoredHit[]): Promise<StoredHit[]>;
  getHit(tenantId: string, id: string): Promise<StoredHit | undefined>;
  listHits(tenantId: string, partyId: string, screenKey?: string): Promise<StoredHit[]>;
  /** Sets a decision when the hit is still in status `from` (default `open`); else PartyStaleError. */
  decideHit(
    tenantId: string,
    id: string,
    d: {
      status: 'confirm_requested' | 'false_positive' | 'confirmed';
      by: string;
      at: number;
      reason: string;
      from?: 'open' | 'confirm_requested';
    },
    audit?: PartyAudit,
  ): Promise<StoredHit>;

  addScreen(s: StoredScreen): Promise<void>;
  /** The newest screening of the party (ties: the later id). */
  latestScreen(tenantId: string, partyId: string): Promise<StoredScreen | undefined>;

  addRating(r: StoredRating): Promise<void>;
  ratings(tenantId: string, partyId: string): Promise<StoredRating[]>;

  /** Crypto-shreds one party: deletes its key and index tokens and marks it erased. */
  eraseParty(tenantId: string, partyId: string, at: number, audit?: PartyAudit): Promise<void>;
  /** Crypto-shreds a tenant: deletes its data key, every party key and index token. */
  eraseTenant(tenantId: string, at: number, audit?: PartyAudit): Promise<void>;
}
