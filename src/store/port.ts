import type {
  ApiKeyRecord,
  DecisionRecord,
  PiiKeyRecord,
  OutboxRow,
  RuleSetEventRecord,
  RuleSetRecord,
  RuleSetTransition,
  SessionRecord,
  StoredDecision,
  TenantRecord,
  UserRecord,
} from './records.ts';

/** What a group commit did; `duplicates` and `refused` are indices into its batch (ascending). */
export interface AppendResult {
  readonly duplicates: readonly number[];
  /** With `AppendOptions.inTx`: the decisions it refused, not stored. */
  readonly refused?: readonly number[];
}

/** A statement runner inside a transaction of the store (its rows unchecked: decode them). */
export interface TxExecutor {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

export interface AppendOptions {
  /**
   * Cluster mode (docs/decisions/0008, the commit fence): run first inside the group commit's own
   * transaction, before any decision is inserted; returns the indices of the batch to refuse (not
   * stored). What it locks and writes commits, or rolls back, with the decisions. PostgreSQL only: the
   * SQLite store (one node, no fence) rejects it.
   */
  readonly inTx?: (tx: TxExecutor) => Promise<ReadonlySet<number>>;
}

/**
 * The Store port. Every adapter (SQLite, PostgreSQL) passes the one contract suite in
 * `store.contract.ts`. Writes that belong together are one transaction; `appendDecisions` is the group
 * commit of the hot path and returns only once the batch is durable (fsync).
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;

  /** With `outbox`, that audit-ledger row in the same transaction (as for every write below that takes one). */
  createTenant(tenant: TenantRecord, key: ApiKeyRecord, outbox?: OutboxRow): Promise<void>;
  getTenant(id: string): Promise<TenantRecord | undefined>;
  listTenants(): Promise<TenantRecord[]>;
  addApiKey(key: ApiKeyRecord): Promise<void>;
  findApiKey(keyHash: string): Promise<ApiKeyRecord | undefined>;

  /** Throws ZhiliError ZHILI_E_CONFLICT when the username is taken in the tenant. */
  createUser(user: UserRecord, outbox?: OutboxRow): Promise<void>;
  findUserByName(tenantId: string, username: string): Promise<UserRecord | undefined>;
  getUser(id: string): Promise<UserRecord | undefined>;
  createSession(session: SessionRecord): Promise<void>;
  findSession(tokenHash: string): Promise<SessionRecord | undefined>;
  deleteSession(tokenHash: string): Promise<void>;

  /**
   * One transaction, durable before it resolves. A (tenant, event id) already committed — by another
   * node, or earlier in the same batch — is not stored again and does not fail the others: its index is
   * in `duplicates` (the caller answers it as an idempotent replay). `keys` are the data keys the
   * batch's sealed personal fields need, stored in the same transaction (one already stored is left).
   */
  appendDecisions(
    batch: readonly DecisionRecord[],
    keys?: readonly PiiKeyRecord[],
    options?: AppendOptions,
  ): Promise<AppendResult>;
  /** `seq` of a stored decision is its commit position (see `scanDecisions`). */
  getDecision(tenantId: string, eventId: string): Promise<StoredDecision | undefined>;
  /**
   * The commit log: decisions with commit position (`seq`) > afterSeq, in commit order, at most `limit`.
   * Positions only grow in commit order, with several writers too: a reader that has seen position p
   * has seen every position below p, so a cursor never skips a decision committed later
   * (docs/decisions/0007-commit-position.md). Read it through the monitoring module's commit-log reader.
   */
  scanDecisions(afterSeq: number, limit: number): Promise<StoredDecision[]>;
  countDecisions(tenantId?: string): Promise<number>;
  /** One tenant's decisions with fromTime <= occurredAt < toTime and seq > afterSeq, in commit order. */
  scanTenantDecisions(
    tenantId: string,
    range: { fromTime: number; toTime: number },
    afterSeq: number,
    limit: number,
  ): Promise<StoredDecision[]>;

  /** Stores a version and, when `active`, makes it the tenant's only active one, atomically. */
  /** Stores a new version; with `outbox`, that audit row in the same transaction. */
  putRuleSet(ruleSet: RuleSetRecord, outbox?: OutboxRow): Promise<void>;
  getActiveRuleSet(tenantId: string): Promise<RuleSetRecord | undefined>;
  listRuleSets(tenantId: string): Promise<RuleSetRecord[]>;
  getRuleSet(tenantId: string, version: string): Promise<RuleSetRecord | undefined>;
  getShadowRuleSet(tenantId: string): Promise<RuleSetRecord | undefined>;
  /**
   * Moves a version to another status (and shadow flag) if it is in one of `from`, recording the step in
   * its history, all in one transaction. ZHILI_E_NOT_FOUND for an unknown version,
   * ZHILI_E_RULESET_TRANSITION when its status is not in `from`.
   */
  transitionRuleSet(t: RuleSetTransition): Promise<RuleSetRecord>;
  /** History, oldest first; of one version, or of all the tenant's versions. */
  listRuleSetEvents(tenantId: string, version?: string): Promise<RuleSetEventRecord[]>;

  /** Stores data keys (one already stored is left as it is). */
  putPiiKeys(keys: readonly PiiKeyRecord[]): Promise<void>;
  getPiiKey(tenantId: string, subject: string, keyId: string): Promise<PiiKeyRecord | undefined>;
  /** Deletes every data key of the subject (crypto-shredding); returns the ids of the keys deleted. */
  shredPiiSubject(tenantId: string, subject: string): Promise<string[]>;
}
