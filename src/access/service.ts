import { sha256Hex, ZhiliError, type AuditSink, type Clock, type Ids } from '../kernel/index.ts';
import type { OutboxRow, Role, Store, TenantRecord, UserRecord } from '../store/index.ts';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from './core/passwords.ts';
import { apiKeyPermissions, rolesAllow, type Permission } from './core/permissions.ts';
import { defaultThrottle, type ThrottlePolicy } from './core/throttle.ts';
import { memoryThrottle, type ThrottleState } from './storage/login-throttle.ts';
import type { AccountStore } from './storage/accounts.ts';

export type Principal =
  | { kind: 'apiKey'; tenantId: string; keyPrefix: string }
  | { kind: 'operator'; tenantId: string; userId: string; username: string; roles: Role[] };

export function allows(p: Principal, perm: Permission): boolean {
  return p.kind === 'apiKey' ? apiKeyPermissions.includes(perm) : rolesAllow(p.roles, perm);
}

/** Why a login failed, for metrics (never the ledger when the tenant does not exist). */
export type LoginFailure = 'unknown_tenant' | 'bad_credentials' | 'locked';

export interface AccessDeps {
  store: Store;
  clock: Clock;
  ids: Ids;
  audit?: AuditSink;
  /** Disabled operators, key rotation and revocation, role grants; without it those checks are off. */
  accounts?: AccountStore;
  throttle?: Record<'account' | 'client', ThrottlePolicy>;
  /** Where failed-login counts are kept: the database (shared by every node) or, by default, this process. */
  throttleState?: ThrottleState;
  onLoginFailure?: (why: LoginFailure) => void;
  /**
   * Tenant and operator creation write their audit entry in their own transaction: the ledger's encoder
   * of an outbox row, and what appends it at once. Without it the entry goes to `audit` after the write.
   */
  auditOutbox?: { row: (entry: Parameters<AuditSink>[0]) => OutboxRow; settle: () => Promise<unknown> };
}

/** A login refused because the account or address is locked; `retryAfterSeconds` for the Retry-After header. */
export class LoginLockedError extends ZhiliError {
  constructor(retryAfterSeconds: number) {
    super('ZHILI_E_LOGIN_LOCKED', {
      message: `Too many failed logins: locked for ${Math.ceil(retryAfterSeconds / 60)} more minute(s).`,
      messageZh: `登录失败次数过多，已锁定，请 ${Math.ceil(retryAfterSeconds / 60)} 分钟后再试。`,
      retryAfterSeconds,
    });
  }
}

const SESSION_MS = 12 * 3_600_000;
// Short, so a key revoked from another process (the CLI) stops working within seconds here.
const KEY_CACHE_MS = 5_000;
const PURGE_EVERY_MS = 10 * 60_000;

type Visible = Omit<UserRecord, 'passwordHash'>;
const visible = ({ passwordHash: _omit, ...v }: UserRecord): Visible => v;

/** Tenants, API keys, operators and their sessions. Secrets are shown once and stored only as hashes. */
export class AccessService {
  private readonly keyCache = new Map<string, { tenantId: string; prefix: string; until: number }>();
  private readonly throttle: ThrottleState;
  private lastPurge = 0;

  constructor(readonly deps: AccessDeps) {
    this.throttle = deps.throttleState ?? memoryThrottle(deps.throttle ?? defaultThrottle);
  }

  async audit(
    tenantId: string,
    action: string,
    actorId: string,
    extra: { subjectId?: string; dataHash?: string } = {},
  ) {
    await this.deps.audit?.({ tenantId, action, actorId, ...extra, at: this.deps.clock.now() });
  }

  /** A write and its audit entry: in the write's transaction when the ledger's encoder is given, else after it. */
  private async writeAudited(
    tenantId: string,
    action: string,
    actorId: string,
    extra: { subjectId: string; dataHash: string },
    write: (outbox: OutboxRow | undefined) => Promise<void>,
  ): Promise<void> {
    const o = this.deps.auditOutbox;
    if (!o) {
      await write(undefined);
      await this.audit(tenantId, action, actorId, extra);
      return;
    }
    await write(o.row({ tenantId, action, actorId, ...extra, at: this.deps.clock.now() }));
    await o.settle();
  }

  async createTenant(
    name: string,
    timeZone: string,
    actorId = 'system',
  ): Promise<{ tenant: TenantRecord; apiKey: string }> {
    const now = this.deps.clock.now();
    const tenant = { id: this.deps.ids.next('ten'), name, timeZone, createdAt: now };
    const apiKey = `zk_${this.deps.ids.secret(24)}`;
    const entry = { subjectId: tenant.id, dataHash: sha256Hex(apiKey) };
    const key = { keyHash: sha256Hex(apiKey), tenantId: tenant.id, prefix: apiKey.slice(0, 8), createdAt: now };
    await this.writeAudited(tenant.id, 'tenant.create', actorId, entry, (outbox) =>
      this.deps.store.createTenant(tenant, key, outbox),
    );
    return { tenant, apiKey };
  }

  async createUser(input: {
    tenantId: string;
    username: string;
    password: string;
    roles: Role[];
    /** Who creates the user, for the audit ledger. */
    actorId?: string;
  }): Promise<Visible> {
    const problem = passwordProblem(input.password);
    if (problem) {
      throw new ZhiliError('ZHILI_E_VALIDATION', {
        pointer: '/password',
        message: `The password needs ${problem}.`,
        messageZh: '密码至少需要 10 个字符。',
      });
    }
    if (!(await this.deps.store.getTenant(input.tenantId))) {
      throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/tenantId' });
    }
    const user: UserRecord = {
      id: this.deps.ids.next('usr'),
      tenantId: input.tenantId,
      username: input.username,
      passwordHash: await hashPassword(input.password, this.deps.ids.secret(16)),
      roles: [...new Set(input.roles)],
      createdAt: this.deps.clock.now(),
    };
    const entry = { subjectId: user.id, dataHash: sha256Hex(JSON.stringify(user.roles)) };
    await this.writeAudited(user.tenantId, 'user.create', input.actorId ?? 'system', entry, (outbox) =>
      this.deps.store.createUser(user, outbox),
    );
    return visible(user);
  }

  /**
   * Checks an operator's password, with throttling per account and per client address. Unknown
   * tenants, unknown users, disabled users and wrong passwords all cost one scrypt and get the same
   * answer; only failures against an existing tenant reach that tenant's ledger.
   */
  async verifyCredentials(tenantId: string, username: string, password: string, client: string): Promise<Visible> {
    const now = this.deps.clock.now();
    const keys = { account: `${tenantId}\u0000${username.normalize('NFC').toLowerCase()}`, client };
    const wait = await this.throttle.lockedFor(keys, now);
    if (wait > 0) {
      this.deps.onLoginFailure?.('locked');
      throw new LoginLockedError(Math.ceil(wait / 1000));
    }
    const tenant = await this.deps.store.getTenant(tenantId);
    const user = tenant ? await this.deps.store.findUserByName(tenantId, username) : undefined;
    const good = await verifyPassword(password, user?.passwordHash ?? decoyHash);
    const disabled = user && this.deps.accounts ? await this.deps.accounts.isDisabled(user.id) : false;
    if (!user || !good || disabled) {
      await this.throttle.fail(keys, now);
      this.deps.onLoginFailure?.(tenant ? 'bad_credentials' : 'unknown_tenant');
      // The attempted name is hashed: the ledger holds no personal data.
      if (tenant) {
        await this.audit(tenantId, 'auth.login_failed', 'anonymous', {
          dataHash: sha256Hex(`${tenantId}\u0000${username}`),
        });
      }
      throw new ZhiliError('ZHILI_E_UNAUTHENTICATED');
    }
    await this.throttle.succeed(keys);
    return visible(user);
  }

  async login(
    tenantId: string,
    username: string,
    password: string,
    client = 'local',
  ): Promise<{ token: string; expiresAt: number; user: Visible }> {
    const user = await this.verifyCredentials(tenantId, username, password, client);
    const token = `zs_${this.deps.ids.secret(32)}`;
    const now = this.deps.clock.now();
    const expiresAt = now + SESSION_MS;
    await this.deps.store.createSession({ tokenHash: sha256Hex(token), userId: user.id, tenantId, expiresAt });
    await this.audit(tenantId, 'auth.login', user.id);
    await this.purgeSessions(false);
    return { token, expiresAt, user };
  }

  /** Deletes expired sessions; at most every ten minutes unless `force`. Returns how many went. */
  async purgeSessions(force = true): Promise<number> {
    const now = this.deps.clock.now();
    if (!this.deps.accounts || (!force && now - this.lastPurge < PURGE_EVERY_MS)) return 0;
    this.lastPurge = now;
    return this.deps.accounts.purgeSessions(now);
  }

  /** An administrator lifts the lock of an operator's account. */
  async unlock(tenantId: string, username: string): Promise<void> {
    await this.throttle.unlock(`${tenantId}\u0000${username.normalize('NFC').toLowerCase()}`);
  }

  forgetKey(keyHash: string): void {
    this.keyCache.delete(keyHash);
  }

  async logout(token: string): Promise<void> {
    await this.deps.store.deleteSession(sha256Hex(token));
  }

  /** Resolves a bearer credential to who is calling, or throws ZHILI_E_UNAUTHENTICATED. */
  async authenticate(bearer: string | undefined): Promise<Principal> {
    if (!bearer || bearer.length > 256) throw new ZhiliError('ZHILI_E_UNAUTHENTICATED');
    const now = this.deps.clock.now();
    const hash = sha256Hex(bearer);
    if (bearer.startsWith('zk_')) {
      const hit = this.keyCache.get(hash);
      if (hit && hit.until > now) return { kind: 'apiKey', tenantId: hit.tenantId, keyPrefix: hit.prefix };
      const key = await this.deps.store.findApiKey(hash);
      if (!key) throw new ZhiliError('ZHILI_E_UNAUTHENTICATED');
      const state = await this.deps.accounts?.keyState(hash);
      if (state?.revokedAt != null && state.revokedAt <= now) throw new ZhiliError('ZHILI_E_UNAUTHENTICATED');
      if (state?.expiresAt != null && state.expiresAt <= now) throw new ZhiliError('ZHILI_E_UNAUTHENTICATED');
      if (this.keyCache.size > 10_000) this.keyCache.clear();
      const until = Math.min(now + KEY_CACHE_MS, state?.expiresAt ?? Infinity);
      this.keyCache.set(hash, { tenantId: key.tenantId, prefix: key.prefix, until });
      return { kind: 'apiKey', tenantId: key.tenantId, keyPrefix: key.prefix };
    }
    if (bearer.startsWith('zs_')) {
      const s = await this.deps.store.findSession(hash);
      if (!s || s.expiresAt <= now) throw new ZhiliError('ZHILI_E_UNAUTHENTICATED');
      const user = await this.deps.store.getUser(s.userId);
      if (!user) throw new ZhiliError('ZHILI_E_UNAUTHENTICATED');
      return { kind: 'operator', tenantId: user.tenantId, userId: user.id, username: user.username, roles: user.roles };
    }
    throw new ZhiliError('ZHILI_E_UNAUTHENTICATED');
  }
}
