import type { AuditSink } from '../../kernel/index.ts';
import { Type } from '@sinclair/typebox';
import { roles, rowOf, type Role, type Row, type SqlDriver, type SqlExec } from '../../store/index.ts';
import type { ThrottleKeys, ThrottlePolicy } from '../core/throttle.ts';
import { loginThrottleSchema, sqlThrottle, type ThrottleState } from './login-throttle.ts';

/** One operator action for the audit ledger (ids and hashes only). */
export type AuditRecord = Parameters<AuditSink>[0];
/** Writes an action's audit-ledger outbox row in the caller's transaction (the ledger's enqueueAudit). */
export type OutboxWriter = (x: SqlExec, entry: AuditRecord, now: number) => Promise<void>;

/** An operator as administrators see them: never the password hash. */
export interface OperatorView {
  id: string;
  tenantId: string;
  username: string;
  roles: Role[];
  createdAt: number;
  disabled: boolean;
}

export interface ApiKeyView {
  /** Stable id of a key: the first 16 hex digits of its SHA-256 (the key itself is never stored). */
  id: string;
  prefix: string;
  createdAt: number;
  label: string | null;
  /** Set once rotated: the key keeps working until then. */
  expiresAt: number | null;
  revokedAt: number | null;
  replacedBy: string | null;
}

export interface RoleGrant {
  id: string;
  tenantId: string;
  userId: string;
  roles: Role[];
  status: 'pending' | 'approved' | 'rejected';
  proposedBy: string;
  proposedAt: number;
  decidedBy: string | null;
  decidedAt: number | null;
}

const schema = (dialect: 'sqlite' | 'postgres'): string => {
  const big = dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
  return `
CREATE TABLE IF NOT EXISTS access_user_state (user_id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL,
  disabled_at ${big}, disabled_by TEXT, updated_at ${big} NOT NULL);
CREATE TABLE IF NOT EXISTS access_key_state (key_hash TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, label TEXT,
  created_by TEXT, expires_at ${big}, revoked_at ${big}, revoked_by TEXT, replaced_by TEXT);
CREATE TABLE IF NOT EXISTS access_role_grants (id TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, user_id TEXT NOT NULL,
  roles TEXT NOT NULL, status TEXT NOT NULL, proposed_by TEXT NOT NULL, proposed_at ${big} NOT NULL,
  decided_by TEXT, decided_at ${big});
CREATE INDEX IF NOT EXISTS access_role_grants_tenant ON access_role_grants (tenant_id, status, proposed_at);
`;
};

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const Roles = Type.Array(Type.Union(roles.map((role) => Type.Literal(role))), { $id: 'Role[]' });
/** Stored roles are checked, never cast: an edited row with a role we do not know fails closed on read. */
const rolesOf = (r: Row, table: string): Role[] => rowOf(r, table).json('roles', Roles);
const keyId = (hash: string): string => hash.slice(0, 16);

const operator = (r: Row): OperatorView => ({
  id: String(r.id),
  tenantId: String(r.tenant_id),
  username: String(r.username),
  roles: rolesOf(r, 'users'),
  createdAt: Number(r.created_at),
  disabled: r.disabled_at !== null && r.disabled_at !== undefined,
});

const grant = (r: Row): RoleGrant => ({
  id: String(r.id),
  tenantId: String(r.tenant_id),
  userId: String(r.user_id),
  roles: rolesOf(r, 'access_role_grants'),
  status: r.status as RoleGrant['status'],
  proposedBy: String(r.proposed_by),
  proposedAt: Number(r.proposed_at),
  decidedBy: (r.decided_by as string | null) ?? null,
  decidedAt: num(r.decided_at),
});

/**
 * What operator administration keeps beside the main store's users, api_keys and sessions tables
 * (which it reads and, for roles, password hashes and sessions, updates): disabled operators, key
 * rotation and revocation, and role grants waiting for a second administrator.
 */
export class AccountStore {
  /** Actions given an `audit` record queue it in their own transaction (see OutboxWriter). */
  readonly auditsInTransaction: boolean;

  constructor(
    private readonly d: SqlDriver,
    private readonly o: { outbox?: OutboxWriter } = {},
  ) {
    this.auditsInTransaction = o.outbox !== undefined;
  }

  private async queue(x: SqlExec, audit: AuditRecord | undefined): Promise<void> {
    if (audit && this.o.outbox) await this.o.outbox(x, audit, audit.at);
  }

  migrate = (): Promise<void> => this.d.exec(schema(this.d.dialect) + loginThrottleSchema(this.d.dialect));

  /** Failed-login counts in these tables: one lock for every node of a cluster. */
  throttle(policy?: Record<keyof ThrottleKeys, ThrottlePolicy>): ThrottleState {
    return sqlThrottle(this.d, policy);
  }
  close = (): Promise<void> => this.d.close();

  async listOperators(tenantId: string): Promise<OperatorView[]> {
    const rows = await this.d.all(
      `SELECT u.id, u.tenant_id, u.username, u.roles, u.created_at, s.disabled_at FROM users u
       LEFT JOIN access_user_state s ON s.user_id = u.id WHERE u.tenant_id = ? ORDER BY u.username`,
      [tenantId],
    );
    return rows.map(operator);
  }

  async getOperator(tenantId: string, userId: string): Promise<OperatorView | undefined> {
    const [r] = await this.d.all(
      `SELECT u.id, u.tenant_id, u.username, u.roles, u.created_at, s.disabled_at FROM users u
       LEFT JOIN access_user_state s ON s.user_id = u.id WHERE u.tenant_id = ? AND u.id = ?`,
      [tenantId, userId],
    );
    return r ? operator(r) : undefined;
  }

  async isDisabled(userId: string): Promise<boolean> {
    const [r] = await this.d.all('SELECT disabled_at FROM access_user_state WHERE user_id = ?', [userId]);
    return r !== undefined && r.disabled_at !== null;
  }

  /** Disabling ends the operator's sessions in the same transaction. */
  async setDisabled(
    tenantId: string,
    userId: string,
    disabled: boolean,
    by: string,
    at: number,
    audit?: AuditRecord,
  ): Promise<void> {
    await this.d.tx(async (x) => {
      await this.queue(x, audit);
      await x.run(
        `INSERT INTO access_user_state (user_id, tenant_id, disabled_at, disabled_by, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (user_id) DO UPDATE SET disabled_at = excluded.disabled_at, disabled_by = excluded.disabled_by,
         updated_at = excluded.updated_at`,
        [userId, tenantId, disabled ? at : null, disabled ? by : null, at],
      );
      if (disabled) await x.run('DELETE FROM sessions WHERE user_id = ?', [userId]);
    });
  }

  async setRoles(tenantId: string, userId: string, roles: readonly Role[], audit?: AuditRecord): Promise<void> {
    await this.d.tx(async (x) => {
      await x.run('UPDATE users SET roles = ? WHERE tenant_id = ? AND id = ?', [
        JSON.stringify(roles),
        tenantId,
        userId,
      ]);
      await this.queue(x, audit);
    });
  }

  /** A new password ends every session of the operator. */
  async setPasswordHash(tenantId: string, userId: string, hash: string, audit?: AuditRecord): Promise<void> {
    await this.d.tx(async (x) => {
      await this.queue(x, audit);
      await x.run('UPDATE users SET password_hash = ? WHERE tenant_id = ? AND id = ?', [hash, tenantId, userId]);
      await x.run('DELETE FROM sessions WHERE user_id = ?', [userId]);
    });
  }

  /** Removes sessions past their expiry; returns how many. */
  purgeSessions(now: number): Promise<number> {
    return this.d.run('DELETE FROM sessions WHERE expires_at <= ?', [now]);
  }

  async proposeGrant(g: RoleGrant, audit?: AuditRecord): Promise<void> {
    await this.d.tx(async (x) => {
      await x.run(
        `INSERT INTO access_role_grants (id, tenant_id, user_id, roles, status, proposed_by, proposed_at)
         VALUES (?, ?, ?, ?, 'pending', ?, ?)`,
        [g.id, g.tenantId, g.userId, JSON.stringify(g.roles), g.proposedBy, g.proposedAt],
      );
      await this.queue(x, audit);
    });
  }

  async getGrant(tenantId: string, id: string): Promise<RoleGrant | undefined> {
    const [r] = await this.d.all('SELECT * FROM access_role_grants WHERE tenant_id = ? AND id = ?', [tenantId, id]);
    return r ? grant(r) : undefined;
  }

  async listGrants(tenantId: string, status?: RoleGrant['status']): Promise<RoleGrant[]> {
    const rows = status
      ? await this.d.all(
          'SELECT * FROM access_role_grants WHERE tenant_id = ? AND status = ? ORDER BY proposed_at, id',
          [tenantId, status],
        )
      : await this.d.all('SELECT * FROM access_role_grants WHERE tenant_id = ? ORDER BY proposed_at, id', [tenantId]);
    return rows.map(grant);
  }

  /** Decides a pending grant (and, when approved, applies its roles) in one transaction; false if not pending. */
  async decideGrant(g: RoleGrant, approve: boolean, by: string, at: number, audit?: AuditRecord): Promise<boolean> {
    return this.d.tx(async (x) => {
      const n = await x.run(
        `UPDATE access_role_grants SET status = ?, decided_by = ?, decided_at = ?
         WHERE tenant_id = ? AND id = ? AND status = 'pending'`,
        [approve ? 'approved' : 'rejected', by, at, g.tenantId, g.id],
      );
      if (n !== 1) return false;
      await this.queue(x, audit);
      if (approve) {
        await x.run('UPDATE users SET roles = ? WHERE tenant_id = ? AND id = ?', [
          JSON.stringify(g.roles),
          g.tenantId,
          g.userId,
        ]);
      }
      return true;
    });
  }

  async listKeys(tenantId: string): Promise<ApiKeyView[]> {
    const rows = await this.d.all(
      `SELECT k.key_hash, k.prefix, k.created_at, s.label, s.expires_at, s.revoked_at, s.replaced_by FROM api_keys k
       LEFT JOIN access_key_state s ON s.key_hash = k.key_hash WHERE k.tenant_id = ? ORDER BY k.created_at, k.key_hash`,
      [tenantId],
    );
    return rows.map((r) => ({
      id: keyId(String(r.key_hash)),
      prefix: String(r.prefix),
      createdAt: Number(r.created_at),
      label: (r.label as string | null) ?? null,
      expiresAt: num(r.expires_at),
      revokedAt: num(r.revoked_at),
      replacedBy: (r.replaced_by as string | null) ?? null,
    }));
  }

  /** The full hash of a tenant's key given its id (hash prefix). */
  async keyHashOf(tenantId: string, id: string): Promise<string | undefined> {
    if (!/^[0-9a-f]{16}$/.test(id)) return undefined;
    const [r] = await this.d.all('SELECT key_hash FROM api_keys WHERE tenant_id = ? AND key_hash LIKE ?', [
      tenantId,
      `${id}%`,
    ]);
    return r ? String(r.key_hash) : undefined;
  }

  /** When a key stops working: revoked, or past the end of its rotation overlap. */
  async keyState(keyHash: string): Promise<{ expiresAt: number | null; revokedAt: number | null } | undefined> {
    const [r] = await this.d.all('SELECT expires_at, revoked_at FROM access_key_state WHERE key_hash = ?', [keyHash]);
    return r ? { expiresAt: num(r.expires_at), revokedAt: num(r.revoked_at) } : undefined;
  }

  /** A new key for the tenant, optionally replacing `old` which then expires at `oldExpiresAt`; one transaction. */
  async addKey(
    k: {
      keyHash: string;
      tenantId: string;
      prefix: string;
      createdAt: number;
      label: string | null;
      createdBy: string;
    },
    old?: { keyHash: string; expiresAt: number },
    audit?: AuditRecord,
  ): Promise<void> {
    await this.d.tx(async (x) => {
      await this.queue(x, audit);
      await x.run('INSERT INTO api_keys (key_hash, tenant_id, prefix, created_at) VALUES (?, ?, ?, ?)', [
        k.keyHash,
        k.tenantId,
        k.prefix,
        k.createdAt,
      ]);
      await x.run('INSERT INTO access_key_state (key_hash, tenant_id, label, created_by) VALUES (?, ?, ?, ?)', [
        k.keyHash,
        k.tenantId,
        k.label,
        k.createdBy,
      ]);
      if (old) {
        await x.run(
          `INSERT INTO access_key_state (key_hash, tenant_id, expires_at, replaced_by) VALUES (?, ?, ?, ?)
           ON CONFLICT (key_hash) DO UPDATE SET expires_at = excluded.expires_at, replaced_by = excluded.replaced_by`,
          [old.keyHash, k.tenantId, old.expiresAt, keyId(k.keyHash)],
        );
      }
    });
  }

  async revokeKey(tenantId: string, keyHash: string, by: string, at: number, audit?: AuditRecord): Promise<void> {
    await this.d.tx(async (x) => {
      await x.run(
        `INSERT INTO access_key_state (key_hash, tenant_id, revoked_at, revoked_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (key_hash) DO UPDATE SET revoked_at = excluded.revoked_at, revoked_by = excluded.revoked_by`,
        [keyHash, tenantId, at, by],
      );
      await this.queue(x, audit);
    });
  }
}

export const apiKeyId = keyId;
