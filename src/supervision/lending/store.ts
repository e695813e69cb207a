import type { Quota, TokenBalance } from './core/policy.ts';

/** Why a key holder evaluation was asked for; the platform says so and the audit keeps it. */
export type Purpose = 'register' | 'query';

/** One evaluation request as the key holder's audit keeps it: who, when, how many, why — no input. */
export interface EvaluationRecord {
  readonly id: string;
  readonly platformId: string;
  readonly requestId: string;
  readonly at: number;
  readonly count: number;
  readonly purpose: Purpose;
  readonly applicationEventId?: string;
  /** SHA-256 of the blinded elements: lets an auditor match a platform's own log, reveals nothing. */
  readonly blindedDigest: string;
  readonly outcome: 'evaluated' | 'refused_quota';
}

export type Admission =
  { ok: true } | { ok: false; reason: 'replayed' } | { ok: false; reason: 'limited'; quota: Quota };

/** The key holder's own store: request ids seen, quota use per window, the evaluation audit. */
export interface KeyHolderStore {
  migrate(): Promise<void>;
  close(): Promise<void>;
  /**
   * One transaction: refuse a request id seen before; take `count` from every quota's current window
   * or none; record the evaluation (a refusal for quota is recorded too, as an enumeration signal).
   */
  admit(e: EvaluationRecord, quotas: readonly Quota[]): Promise<Admission>;
  evaluations(f: AuditFilter): Promise<EvaluationRecord[]>;
  /** Forgets request ids older than `before` (they are outside the freshness window). */
  prune(before: number): Promise<number>;
}

export interface AuditFilter {
  platformId?: string;
  from?: number;
  to?: number;
  limit?: number;
}

/** A platform's report of one loan: its opaque reference, the person's token and the balance now. */
export interface LoanUpdate {
  /** The platform's hash of its loan id (hex); the registry never sees the loan id. */
  readonly loanRef: string;
  readonly token: string;
  readonly currency: string;
  readonly outstandingMinor: number;
  readonly settled: boolean;
  /** When the balance was true at the platform; an older update than the stored one is stale. */
  readonly asOf: number;
}

export type LoanOutcome = 'stored' | 'stale' | 'conflict';

export interface QueryRecord {
  readonly id: string;
  readonly platformId: string;
  readonly requestId: string;
  readonly at: number;
  readonly tokenDigest: string;
  readonly applicationEventId?: string;
  /** How many other platforms the answer counted. */
  readonly platforms: number;
}

/** The registry's store: loans by token, request ids seen, registrations and queries audited. */
export interface RegistryStore {
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** One transaction: refuse a seen request id, then upsert each loan (per-item outcome). */
  putLoans(p: {
    platformId: string;
    requestId: string;
    at: number;
    loans: readonly LoanUpdate[];
  }): Promise<'replayed' | LoanOutcome[]>;
  /**
   * One transaction: refuse a seen request id, read the token's balances, let `answer` reduce them to
   * totals, and record the query with the count it returned.
   */
  query<T extends { platforms: number }>(
    q: Omit<QueryRecord, 'platforms'> & { token: string },
    answer: (rows: TokenBalance[]) => T,
  ): Promise<'replayed' | T>;
  queries(f: AuditFilter): Promise<QueryRecord[]>;
  prune(before: number): Promise<number>;
}
