import type {
  ApiKeyRecord,
  DecisionRecord,
  RuleSetRecord,
  SessionRecord,
  StoredDecision,
  TenantRecord,
  UserRecord,
} from './records.ts';

/**
 * The Store port. Every adapter (SQLite, PostgreSQL) passes the one contract suite in
 * `store.contract.ts`. Writes that belong together are one transaction; `appendDecisions` is the group
 * commit of the hot path and returns only once the batch is durable (fsync).
 */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;

  createTenant(tenant: TenantRecord, key: ApiKeyRecord): Promise<void>;
  getTenant(id: string): Promise<TenantRecord | undefined>;
  listTenants(): Promise<TenantRecord[]>;
  addApiKey(key: ApiKeyRecord): Promise<void>;
  findApiKey(keyHash: string): Promise<ApiKeyRecord | undefined>;

  /** Throws ZhiliError ZHILI_E_CONFLICT when the username is taken in the tenant. */
  createUser(user: UserRecord): Promise<void>;
  findUserByName(tenantId: string, username: string): Promise<UserRecord | undefined>;
  getUser(id: string): Promise<UserRecord | undefined>;
  createSession(session: SessionRecord): Promise<void>;
  findSession(tokenHash: string): Promise<SessionRecord | undefined>;
  deleteSession(tokenHash: string): Promise<void>;

  /** All or nothing, durable before it resolves. A duplicate (tenant, event id) fails the whole batch. */
  appendDecisions(batch: readonly DecisionRecord[]): Promise<void>;
  getDecision(tenantId: string, eventId: string): Promise<StoredDecision | undefined>;
  /** Committed decisions with seq > afterSeq, in commit order, at most `limit`. */
  scanDecisions(afterSeq: number, limit: number): Promise<StoredDecision[]>;
  countDecisions(tenantId?: string): Promise<number>;

  /** Stores a version and, when `active`, makes it the tenant's only active one, atomically. */
  putRuleSet(ruleSet: RuleSetRecord): Promise<void>;
  getActiveRuleSet(tenantId: string): Promise<RuleSetRecord | undefined>;
  listRuleSets(tenantId: string): Promise<RuleSetRecord[]>;
}
