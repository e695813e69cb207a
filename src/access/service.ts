import { sha256Hex, ZhiliError, type AuditSink, type Clock, type Ids } from '../kernel/index.ts';
import type { Role, Store, TenantRecord, UserRecord } from '../store/index.ts';
import { hashPassword, passwordProblem, verifyPassword } from './core/passwords.ts';
import { apiKeyPermissions, rolesAllow, type Permission } from './core/permissions.ts';

export type Principal =
  | { kind: 'apiKey'; tenantId: string; keyPrefix: string }
  | { kind: 'operator'; tenantId: string; userId: string; username: string; roles: Role[] };

export function allows(p: Principal, perm: Permission): boolean {
  return p.kind === 'apiKey' ? apiKeyPermissions.includes(perm) : rolesAllow(p.roles, perm);
}

const SESSION_MS = 12 * 3_600_000;
const KEY_CACHE_MS = 60_000;

/** Tenants, API keys, operators and their sessions. Secrets are shown once and stored only as hashes. */
export class AccessService {
  private readonly keyCache = new Map<string, { tenantId: string; prefix: string; until: number }>();

  constructor(private readonly deps: { store: Store; clock: Clock; ids: Ids; audit?: AuditSink }) {}

  private async audit(
    tenantId: string,
    action: string,
    actorId: string,
    extra: { subjectId?: string; dataHash?: string } = {},
  ) {
    await this.deps.audit?.({ tenantId, action, actorId, ...extra, at: this.deps.clock.now() });
  }

  async createTenant(name: string, timeZone: string): Promise<{ tenant: TenantRecord; apiKey: string }> {
    const now = this.deps.clock.now();
    const tenant = { id: this.deps.ids.next('ten'), name, timeZone, createdAt: now };
    const apiKey = `zk_${this.deps.ids.secret(24)}`;
    await this.deps.store.createTenant(tenant, {
      keyHash: sha256Hex(apiKey),
      tenantId: tenant.id,
      prefix: apiKey.slice(0, 8),
      createdAt: now,
    });
    await this.audit(tenant.id, 'tenant.create', 'system', { subjectId: tenant.id, dataHash: sha256Hex(apiKey) });
    return { tenant, apiKey };
  }

  async createUser(input: {
    tenantId: string;
    username: string;
    password: string;
    roles: Role[];
    /** Who creates the user, for the audit ledger. */
    actorId?: string;
  }): Promise<Omit<UserRecord, 'passwordHash'>> {
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
      passwordHash: hashPassword(input.password, this.deps.ids.secret(16)),
      roles: [...new Set(input.roles)],
      createdAt: this.deps.clock.now(),
    };
    await this.deps.store.createUser(user);
    await this.audit(user.tenantId, 'user.create', input.actorId ?? 'system', {
      subjectId: user.id,
      dataHash: sha256Hex(JSON.stringify(user.roles)),
    });
    const { passwordHash: _omit, ...visible } = user;
    return visible;
  }

  async login(
    tenantId: string,
    username: string,
    password: string,
  ): Promise<{ token: string; expiresAt: number; user: Omit<UserRecord, 'passwordHash'> }> {
    const user = await this.deps.store.findUserByName(tenantId, username);
    // The same answer for an unknown user and a wrong password: no user enumeration.
    if (!user || !verifyPassword(password, user.passwordHash)) {
      // The attempted name is hashed: the ledger holds no personal data.
      await this.audit(tenantId, 'auth.login_failed', 'anonymous', {
        dataHash: sha256Hex(`${tenantId}\u0000${username}`),
      });
      throw new ZhiliError('ZHILI_E_UNAUTHENTICATED');
    }
    const token = `zs_${this.deps.ids.secret(32)}`;
    const expiresAt = this.deps.clock.now() + SESSION_MS;
    await this.deps.store.createSession({ tokenHash: sha256Hex(token), userId: user.id, tenantId, expiresAt });
    await this.audit(tenantId, 'auth.login', user.id);
    const { passwordHash: _omit, ...visible } = user;
    return { token, expiresAt, user: visible };
  }

  async logout(token: string): Promise<void> {
    await this.deps.store.deleteSession(sha256Hex(token));
  }

  /** Resolves a bearer credential to who is calling, or throws ZHILI_E_UNAUTHENTICATED. */
  async authenticate(bearer: string | undefined): Promise<Principal> {
    if (!bearer) throw new ZhiliError('ZHILI_E_UNAUTHENTICATED');
    const now = this.deps.clock.now();
    const hash = sha256Hex(bearer);
    if (bearer.startsWith('zk_')) {
      const hit = this.keyCache.get(hash);
      if (hit && hit.until > now) return { kind: 'apiKey', tenantId: hit.tenantId, keyPrefix: hit.prefix };
      const key = await this.deps.store.findApiKey(hash);
      if (!key) throw new ZhiliError('ZHILI_E_UNAUTHENTICATED');
      if (this.keyCache.size > 10_000) this.keyCache.clear();
      this.keyCache.set(hash, { tenantId: key.tenantId, prefix: key.prefix, until: now + KEY_CACHE_MS });
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
