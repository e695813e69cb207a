import { sha256Hex, ZhiliError } from '../kernel/index.ts';
import type { Role } from '../store/index.ts';
import { hashPassword, passwordProblem } from './core/passwords.ts';
import type { AccessService, Principal } from './service.ts';
import {
  apiKeyId,
  type AccountStore,
  type ApiKeyView,
  type AuditRecord,
  type OperatorView,
  type RoleGrant,
} from './storage/accounts.ts';

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
    private readonly opts: {
      keyGraceMs?: number;
      /** After an action queued its audit in its own transaction: move it into the ledger now. */
      settle?: () => Promise<unknown>;
    } = {},
  ) {}

  private get now(): number {
    return this.access.deps.clock.now();
  }

  /** An action's audit record, and whether the store queues it in the action's own transaction. */
  private audit(a: AdminActor, action: string, extra: { subjectId?: string; dataHash?: string } = {}) {
    const record: AuditRecord = { tenantId: a.tenantId, action, actorId: a.actorId, ...extra, at: this.now };
    const inTx = this.accounts.auditsInTransaction;
    return {
      /** For the store call: the record when it goes in the transaction. */
      tx: inTx ? record : undefined,
      /** After the write: appended at once (queued), or sent now (stores without the outbox). */
      done: async (): Promise<void> => {
        if (inTx) await this.opts.settle?.();
        else await this.access.deps.audit?.(record);
      },
    };
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
    const audit = this.audit(a, disabled ? 'user.disable' : 'user.enable', { subjectId: userId });
    await this.accounts.setDisabled(a.tenantId, userId, disabled, a.actorId, this.now, audit.tx);
    await audit.done();
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
    const hash = await hashPassword(password, this.access.deps.ids.secret(16));
    const audit = this.audit(a, 'user.password_reset', { subjectId: userId });
    await this.accounts.setPasswordHash(a.tenantId, u.id, hash, audit.tx);
    await this.access.unlock(a.tenantId, u.username);
    await audit.done();
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
      const proposed = this.audit(a, 'user.roles_proposed', { subjectId: userId, dataHash });
      await this.accounts.proposeGrant(grant, proposed.tx);
      await proposed.done();
      return { status: 'pending', grant };
    }
    const audit = this.audit(a, 'user.roles_change', { subjectId: userId, dataHash });
    await this.accounts.setRoles(a.tenantId, userId, wanted, audit.tx);
    await audit.done();
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
    const audit = this.audit(a, approve ? 'user.roles_granted' : 'user.roles_rejected', {
      subjectId: g.userId,
      dataHash: sha256Hex(JSON.stringify(g.roles)),
    });
    if (!(await this.accounts.decideGrant(g, approve, a.actorId, at, audit.tx))) {
      throw new ZhiliError('ZHILI_E_STALE_WRITE');
    }
    await audit.done();
    return { ...g, status: approve ? 'approved' : 'rejected', decidedBy: a.actorId, decidedAt: at };
  }

  listKeys(a: AdminActor): Promise<ApiKeyView[]> {
    return this.accounts.listKeys(a.tenantId);
  }

  private async newKey(
    a: AdminActor,
    label: string | null,
    audited: (id: string) => { tx: AuditRecord | undefined; done: () => Promise<void> },
    old?: { keyHash: string; expiresAt: number },
  ) {
    const apiKey = `zk_${this.access.deps.ids.secret(24)}`;
    const keyHash = sha256Hex(apiKey);
    const audit = audited(apiKeyId(keyHash));
    const rec = {
      keyHash,
      tenantId: a.tenantId,
      prefix: apiKey.slice(0, 8),
      createdAt: this.now,
      label,
      createdBy: a.actorId,
    };
    await this.accounts.addKey(rec, old, audit.tx);
    await audit.done();
    return { apiKey, id: apiKeyId(keyHash), prefix: rec.prefix, createdAt: rec.createdAt };
  }

  async createKey(a: AdminActor, label?: string): Promise<{ apiKey: string; id: string; prefix: string }> {
    return this.newKey(a, label ?? null, (newId) => this.audit(a, 'apikey.create', { subjectId: newId }));
  }

  /** A new key; the old one keeps working for the grace period, so clients can switch without downtime. */
  async rotateKey(
    a: AdminActor,
    id: string,
    graceMs = this.opts.keyGraceMs ?? DEFAULT_GRACE_MS,
  ): Promise<{ apiKey: string; id: string; prefix: string; oldKeyExpiresAt: number }> {
    const hash = await this.liveKey(a, id);
    const oldKeyExpiresAt = this.now + Math.max(0, graceMs);
    const k = await this.newKey(
      a,
      null,
      (newId) => this.audit(a, 'apikey.rotate', { subjectId: id, dataHash: sha256Hex(newId) }),
      { keyHash: hash, expiresAt: oldKeyExpiresAt },
    );
    this.access.forgetKey(hash);
    return { ...k, oldKeyExpiresAt };
  }

  async revokeKey(a: AdminActor, id: string): Promise<void> {
    const hash = await this.liveKey(a, id);
    const audit = this.audit(a, 'apikey.revoke', { subjectId: id });
    await this.accounts.revokeKey(a.tenantId, hash, a.actorId, this.now, audit.tx);
    this.access.forgetKey(hash);
    await audit.done();
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
