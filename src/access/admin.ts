import { sha256Hex, ZhiliError } from '../kernel/index.ts';
import type { Role } from '../store/index.ts';
import { hashPassword, passwordProblem } from './core/passwords.ts';
import type { AccessService, Principal } from './service.ts';
import { apiKeyId, type AccountStore, type ApiKeyView, type OperatorView, type RoleGrant } from './storage/accounts.ts';

/**
 * Who administers: an operator with `users:manage` in their tenant, or the local administrator
 * bootstrap (`zhili admin …` against the data directory), which has no second person to ask.
 */
export interface AdminActor {
  tenantId: string;
  /** For the ledger: the operator's id, or `local-admin:<os user>`. */
  actorId: string;
  bootstrap: boolean;
}

export const actorOf = (p: Principal): AdminActor => ({
  tenantId: p.tenantId,
  actorId: p.kind === 'operator' ? p.userId : `key:${p.keyPrefix}`,
  bootstrap: false,
});

/** Roles that need a second administrator's approval to be granted. */
const privileged: readonly Role[] = ['admin', 'approver'];

const DEFAULT_GRACE_MS = 24 * 3_600_000;

/** Operator and API-key administration; every action reaches the audit ledger. */
export class AccessAdmin {
  constructor(
    private readonly access: AccessService,
    private readonly accounts: AccountStore,
    private readonly opts: { keyGraceMs?: number } = {},
  ) {}

  private get now(): number {
    return this.access.deps.clock.now();
  }

  private async operator(a: AdminActor, userId: string): Promise<OperatorView> {
    const u = await this.accounts.getOperator(a.tenantId, userId);
    if (!u) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/userId' });
    return u;
  }

  listUsers(a: AdminActor): Promise<OperatorView[]> {
    return this.accounts.listOperators(a.tenantId);
  }

  async setDisabled(a: AdminActor, userId: string, disabled: boolean): Promise<OperatorView> {
    const u = await this.operator(a, userId);
    if (disabled && u.id === a.actorId) {
      throw new ZhiliError('ZHILI_E_FORBIDDEN', {
        message: 'You cannot disable yourself.',
        messageZh: '不能停用自己的账户。',
      });
    }
    await this.accounts.setDisabled(a.tenantId, userId, disabled, a.actorId, this.now);
    await this.access.audit(a.tenantId, disabled ? 'user.disable' : 'user.enable', a.actorId, { subjectId: userId });
    return { ...u, disabled };
  }

  async resetPassword(a: AdminActor, userId: string, password: string): Promise<void> {
    const problem = passwordProblem(password);
    if (problem) {
      throw new ZhiliError('ZHILI_E_VALIDATION', {
        pointer: '/password',
        message: `The password needs ${problem}.`,
        messageZh: '密码至少需要 10 个字符。',
      });
    }
    const u = await this.operator(a, userId);
    await this.accounts.setPasswordHash(
      a.tenantId,
      u.id,
      await hashPassword(password, this.access.deps.ids.secret(16)),
    );
    this.access.unlock(a.tenantId, u.username);
    await this.access.audit(a.tenantId, 'user.password_reset', a.actorId, { subjectId: userId });
  }

  /**
   * Sets an operator's roles. Taking roles away, or granting analyst/auditor, applies at once;
   * granting admin or approver waits for a second administrator (four eyes), unless bootstrap.
   */
  async setRoles(
    a: AdminActor,
    userId: string,
    roles: Role[],
  ): Promise<{ status: 'applied'; user: OperatorView } | { status: 'pending'; grant: RoleGrant }> {
    const u = await this.operator(a, userId);
    const wanted = [...new Set(roles)];
    const raises = wanted.filter((r) => privileged.includes(r) && !u.roles.includes(r));
    const dataHash = sha256Hex(JSON.stringify(wanted));
    if (raises.length > 0 && !a.bootstrap) {
      const grant: RoleGrant = {
        id: this.access.deps.ids.next('grt'),
        tenantId: a.tenantId,
        userId,
        roles: wanted,
        status: 'pending',
        proposedBy: a.actorId,
        proposedAt: this.now,
        decidedBy: null,
        decidedAt: null,
      };
      await this.accounts.proposeGrant(grant);
      await this.access.audit(a.tenantId, 'user.roles_proposed', a.actorId, { subjectId: userId, dataHash });
      return { status: 'pending', grant };
    }
    await this.accounts.setRoles(a.tenantId, userId, wanted);
    await this.access.audit(a.tenantId, 'user.roles_change', a.actorId, { subjectId: userId, dataHash });
    return { status: 'applied', user: { ...u, roles: wanted } };
  }

  listGrants(a: AdminActor, status?: RoleGrant['status']): Promise<RoleGrant[]> {
    return this.accounts.listGrants(a.tenantId, status);
  }

  /** A second administrator — not the proposer, not the operator being raised — decides a grant. */
  async decideGrant(a: AdminActor, grantId: string, approve: boolean): Promise<RoleGrant> {
    const g = await this.accounts.getGrant(a.tenantId, grantId);
    if (!g) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/grantId' });
    if (g.status !== 'pending')
      throw new ZhiliError('ZHILI_E_CASE_TRANSITION', {
        message: 'The grant was already decided.',
        messageZh: '该授权申请已处理。',
      });
    if (approve && !a.bootstrap && (a.actorId === g.proposedBy || a.actorId === g.userId)) {
      throw new ZhiliError('ZHILI_E_FOUR_EYES', {
        message:
          'Granting admin or approver needs a second administrator, neither the proposer nor the operator raised.',
        messageZh: '授予管理员或审批角色须由提议人和被授权人以外的第二名管理员批准。',
      });
    }
    const at = this.now;
    if (!(await this.accounts.decideGrant(g, approve, a.actorId, at))) {
      throw new ZhiliError('ZHILI_E_STALE_WRITE');
    }
    await this.access.audit(a.tenantId, approve ? 'user.roles_granted' : 'user.roles_rejected', a.actorId, {
      subjectId: g.userId,
      dataHash: sha256Hex(JSON.stringify(g.roles)),
    });
    return { ...g, status: approve ? 'approved' : 'rejected', decidedBy: a.actorId, decidedAt: at };
  }

  listKeys(a: AdminActor): Promise<ApiKeyView[]> {
    return this.accounts.listKeys(a.tenantId);
  }

  private async newKey(a: AdminActor, label: string | null, old?: { keyHash: string; expiresAt: number }) {
    const apiKey = `zk_${this.access.deps.ids.secret(24)}`;
    const keyHash = sha256Hex(apiKey);
    const rec = {
      keyHash,
      tenantId: a.tenantId,
      prefix: apiKey.slice(0, 8),
      createdAt: this.now,
      label,
      createdBy: a.actorId,
    };
    await this.accounts.addKey(rec, old);
    return { apiKey, id: apiKeyId(keyHash), prefix: rec.prefix, createdAt: rec.createdAt };
  }

  async createKey(a: AdminActor, label?: string): Promise<{ apiKey: string; id: string; prefix: string }> {
    const k = await this.newKey(a, label ?? null);
    await this.access.audit(a.tenantId, 'apikey.create', a.actorId, { subjectId: k.id });
    return k;
  }

  /** A new key; the old one keeps working for the grace period, so clients can switch without downtime. */
  async rotateKey(
    a: AdminActor,
    id: string,
    graceMs = this.opts.keyGraceMs ?? DEFAULT_GRACE_MS,
  ): Promise<{ apiKey: string; id: string; prefix: string; oldKeyExpiresAt: number }> {
    const hash = await this.liveKey(a, id);
    const oldKeyExpiresAt = this.now + Math.max(0, graceMs);
    const k = await this.newKey(a, null, { keyHash: hash, expiresAt: oldKeyExpiresAt });
    this.access.forgetKey(hash);
    await this.access.audit(a.tenantId, 'apikey.rotate', a.actorId, { subjectId: id, dataHash: sha256Hex(k.id) });
    return { ...k, oldKeyExpiresAt };
  }

  async revokeKey(a: AdminActor, id: string): Promise<void> {
    const hash = await this.liveKey(a, id);
    await this.accounts.revokeKey(a.tenantId, hash, a.actorId, this.now);
    this.access.forgetKey(hash);
    await this.access.audit(a.tenantId, 'apikey.revoke', a.actorId, { subjectId: id });
  }

  private async liveKey(a: AdminActor, id: string): Promise<string> {
    const hash = await this.accounts.keyHashOf(a.tenantId, id);
    const view = hash ? (await this.accounts.listKeys(a.tenantId)).find((k) => k.id === id) : undefined;
    if (!hash || !view) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/keyId' });
    if (view.revokedAt !== null || (view.expiresAt !== null && view.expiresAt <= this.now)) {
      throw new ZhiliError('ZHILI_E_CASE_TRANSITION', {
        message: 'This key is already revoked or expired.',
        messageZh: '该密钥已被吊销或已过期。',
      });
    }
    return hash;
  }
}
