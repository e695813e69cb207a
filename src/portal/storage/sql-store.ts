import { rowOf, type Row, type SqlDriver, type SqlExec } from '../../store/index.ts';
import { postgresDriver, sqliteDriver } from '../../store/adapters.ts';
import type { ConsumerSessionRecord, PortalAudit, PortalOutbox, PortalStore } from './port.ts';

/** Portable DDL: codes and sessions are kept only as hashes; integer epoch ms. */
export function portalSchema(dialect: 'sqlite' | 'postgres'): string {
  const big = dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
  return `
CREATE TABLE IF NOT EXISTS portal_sign_in_codes (
  tenant_id TEXT NOT NULL, code_hash TEXT NOT NULL, customer_id TEXT NOT NULL, issued_by TEXT NOT NULL,
  issued_at ${big} NOT NULL, expires_at ${big} NOT NULL, used_at ${big}, PRIMARY KEY (tenant_id, code_hash));
CREATE INDEX IF NOT EXISTS portal_sign_in_codes_customer ON portal_sign_in_codes (tenant_id, customer_id);
CREATE TABLE IF NOT EXISTS portal_sessions (
  token_hash TEXT PRIMARY KEY, tenant_id TEXT NOT NULL, customer_id TEXT NOT NULL, created_at ${big} NOT NULL,
  last_seen_at ${big} NOT NULL, expires_at ${big} NOT NULL);
CREATE INDEX IF NOT EXISTS portal_sessions_expiry ON portal_sessions (expires_at);
`;
}

const sessionOf = (row: Row): ConsumerSessionRecord => {
  const r = rowOf(row, 'portal_sessions');
  return {
    tokenHash: r.str('token_hash'),
    tenantId: r.str('tenant_id'),
    customerId: r.str('customer_id'),
    createdAt: r.int('created_at'),
    lastSeenAt: r.int('last_seen_at'),
    expiresAt: r.int('expires_at'),
  };
};

/**
 * The one PortalStore over a dialect driver. With `outbox` (the composition root, where the ledger's
 * tables share the database) every write queues its audit entries in its own transaction.
 */
export function sqlPortalStore(d: SqlDriver, opts: { outbox?: PortalOutbox } = {}): PortalStore {
  const queue = async (x: SqlExec, audits: PortalAudit[] | undefined): Promise<void> => {
    if (opts.outbox) for (const a of audits ?? []) await opts.outbox(x, a, a.at);
  };
  return {
    kind: d.dialect,
    auditsInTransaction: opts.outbox !== undefined,
    migrate: () => d.exec(portalSchema(d.dialect)),
    close: () => d.close(),

    async addCode(c, audits) {
      await d.tx(async (x) => {
        await x.run('DELETE FROM portal_sign_in_codes WHERE tenant_id = ? AND customer_id = ? AND used_at IS NULL', [
          c.tenantId,
          c.customerId,
        ]);
        await x.run(
          'INSERT INTO portal_sign_in_codes (tenant_id, code_hash, customer_id, issued_by, issued_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          [c.tenantId, c.codeHash, c.customerId, c.issuedBy, c.issuedAt, c.expiresAt, c.usedAt ?? null],
        );
        await queue(x, audits);
      });
    },

    async redeem(tenantId, codeHash, now, s, audits) {
      return d.tx(async (x) => {
        // The conditional update is the single use: of two concurrent attempts only one changes the row.
        const n = await x.run(
          'UPDATE portal_sign_in_codes SET used_at = ? WHERE tenant_id = ? AND code_hash = ? AND used_at IS NULL AND expires_at > ?',
          [now, tenantId, codeHash, now],
        );
        if (n !== 1) return undefined;
        const [row] = await x.all(
          'SELECT customer_id FROM portal_sign_in_codes WHERE tenant_id = ? AND code_hash = ?',
          [tenantId, codeHash],
        );
        if (!row) return undefined;
        const session: ConsumerSessionRecord = {
          ...s,
          tenantId,
          customerId: rowOf(row, 'portal_sign_in_codes').str('customer_id'),
        };
        await x.run(
          'INSERT INTO portal_sessions (token_hash, tenant_id, customer_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
          [session.tokenHash, tenantId, session.customerId, session.createdAt, session.lastSeenAt, session.expiresAt],
        );
        await queue(x, audits(session.customerId));
        return session;
      });
    },

    async session(tokenHash) {
      const [r] = await d.all('SELECT * FROM portal_sessions WHERE token_hash = ?', [tokenHash]);
      return r && sessionOf(r);
    },

    async touch(tokenHash, at) {
      await d.run('UPDATE portal_sessions SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?', [
        at,
        tokenHash,
        at,
      ]);
    },

    async end(tokenHash, audits) {
      return d.tx(async (x) => {
        const n = await x.run('DELETE FROM portal_sessions WHERE token_hash = ?', [tokenHash]);
        if (n === 1) await queue(x, audits);
        return n === 1;
      });
    },

    async purge(now, idleMs) {
      return d.tx(async (x) => {
        const s = await x.run('DELETE FROM portal_sessions WHERE expires_at <= ? OR last_seen_at <= ?', [
          now,
          now - idleMs,
        ]);
        const c = await x.run('DELETE FROM portal_sign_in_codes WHERE expires_at <= ?', [now]);
        return s + c;
      });
    },
  };
}

export function openSqlitePortalStore(file: string, opts: { outbox?: PortalOutbox } = {}): PortalStore {
  return sqlPortalStore(sqliteDriver(file), opts);
}

export function openPostgresPortalStore(
  url: string,
  opts: { schema?: string; poolSize?: number; outbox?: PortalOutbox } = {},
): PortalStore {
  return sqlPortalStore(postgresDriver(url, opts.schema ?? 'zhili', opts.poolSize ?? 2), opts);
}
