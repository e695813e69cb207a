import type pg from 'pg';
import { ZhiliError } from '../../kernel/index.ts';
import type { Store } from '../port.ts';
import type { StoredDecision } from '../records.ts';
import { decisionOutcomes } from '../records.ts';
import { rowOf } from '../row-decode.ts';
import { MIGRATION_LOCK } from '../sql-driver.ts';
import { OUTBOX_INSERT_PG } from '../outbox-row.ts';
import { keyFromRow, piiKeyFromRow, piiKeyRow, sessionFromRow, tenantFromRow, userFromRow } from '../record-rows.ts';
import { postgresRuleSets } from './rule-sets.ts';
import { postgresMigrations } from './schema.ts';
import { appendWithPositions, columns, commitLogSql, INSERT_KEYS } from './commit-log.ts';
import { postgresPool } from '../sql-driver.ts';

type Row = Record<string, unknown>;

// BIGINT columns arrive as strings; ours (epoch ms, seq) fit a double exactly.
const num = (v: unknown): number => Number(v);

const decisionFromRow = (row: Row): StoredDecision => {
  const r = rowOf(row, 'decisions');
  return {
    // The commit position, not the insert-time BIGSERIAL (see commit-log.ts).
    seq: r.int('pos'),
    tenantId: r.str('tenant_id'),
    eventId: r.str('event_id'),
    type: r.str('type'),
    occurredAt: r.int('occurred_at'),
    bodyHash: r.str('body_hash'),
    // JSONB: pg has parsed them already; any JSON value is valid here.
    event: row.event,
    decision: row.decision,
    outcome: r.oneOf('outcome', decisionOutcomes),
    ruleSetVersion: r.str('rule_set_version'),
    decidedAt: r.int('decided_at'),
  };
};

const isUniqueViolation = (e: unknown): boolean => e instanceof Error && 'code' in e && e.code === '23505';

function conflict(pointer: string) {
  return (e: unknown): never => {
    if (isUniqueViolation(e)) throw new ZhiliError('ZHILI_E_CONFLICT', { pointer, cause: e });
    throw e;
  };
}

/**
 * PostgreSQL for the cluster deployment. `schema` isolates a deployment (or a test run) inside one
 * database. Durability is PostgreSQL's: synchronous_commit (on by default) flushes WAL before COMMIT returns.
 */
export function openPostgresStore(url: string | pg.Pool, opts: { schema?: string; poolSize?: number } = {}): Store {
  const schema = opts.schema ?? 'zhili';
  // A shared pool (the process's one pool, from the composition root) stays open when this store closes.
  const owned = typeof url === 'string';
  const pool = typeof url === 'string' ? postgresPool(url, schema, opts.poolSize ?? 8) : url;

  const q = async (sql: string, params: unknown[] = []): Promise<Row[]> =>
    (await pool.query(sql, params)).rows as Row[];

  async function tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  return {
    kind: 'postgres',
    async migrate() {
      await tx(async (c) => {
        // Two nodes starting together must not both migrate (nor both create the schema).
        await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
        await c.query(`SET LOCAL search_path TO ${schema}`);
        await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (id INT PRIMARY KEY, applied_at BIGINT NOT NULL)');
        const done = new Set(
          (await c.query('SELECT id FROM schema_migrations')).rows.map((r: Row) =>
            rowOf(r, 'schema_migrations').int('id'),
          ),
        );
        for (const m of postgresMigrations) {
          if (done.has(m.id)) continue;
          await c.query(m.sql);
          await c.query('INSERT INTO schema_migrations (id, applied_at) VALUES ($1, $2)', [m.id, Date.now()]);
        }
      });
    },
    async close() {
      if (owned) await pool.end();
    },
    async createTenant(t, k, outbox) {
      await tx(async (c) => {
        if (outbox) await c.query(OUTBOX_INSERT_PG, [outbox.tenantId, outbox.entry, outbox.createdAt]);
        await c.query('INSERT INTO tenants (id, name, time_zone, created_at) VALUES ($1, $2, $3, $4)', [
          t.id,
          t.name,
          t.timeZone,
          t.createdAt,
        ]);
        await c.query('INSERT INTO api_keys (key_hash, tenant_id, prefix, created_at) VALUES ($1, $2, $3, $4)', [
          k.keyHash,
          t.id,
          k.prefix,
          k.createdAt,
        ]);
      }).catch(conflict('/name'));
    },
    async getTenant(id) {
      const [r] = await q('SELECT * FROM tenants WHERE id = $1', [id]);
      return r ? tenantFromRow(r) : undefined;
    },
    async listTenants() {
      return (await q('SELECT * FROM tenants ORDER BY created_at')).map(tenantFromRow);
    },
    async addApiKey(k) {
      await q('INSERT INTO api_keys (key_hash, tenant_id, prefix, created_at) VALUES ($1, $2, $3, $4)', [
        k.keyHash,
        k.tenantId,
        k.prefix,
        k.createdAt,
      ]);
    },
    async findApiKey(keyHash) {
      const [r] = await q('SELECT * FROM api_keys WHERE key_hash = $1', [keyHash]);
      return r ? keyFromRow(r) : undefined;
    },
    async createUser(u, outbox) {
      await tx(async (c) => {
        await c.query(
          'INSERT INTO users (id, tenant_id, username, password_hash, roles, created_at) VALUES ($1, $2, $3, $4, $5, $6)',
          [u.id, u.tenantId, u.username, u.passwordHash, JSON.stringify(u.roles), u.createdAt],
        );
        if (outbox) await c.query(OUTBOX_INSERT_PG, [outbox.tenantId, outbox.entry, outbox.createdAt]);
      }).catch(conflict('/username'));
    },
    async findUserByName(tenantId, username) {
      const [r] = await q('SELECT * FROM users WHERE tenant_id = $1 AND username = $2', [tenantId, username]);
      return r ? userFromRow(r) : undefined;
    },
    async getUser(id) {
      const [r] = await q('SELECT * FROM users WHERE id = $1', [id]);
      return r ? userFromRow(r) : undefined;
    },
    async createSession(x) {
      await q('INSERT INTO sessions (token_hash, user_id, tenant_id, expires_at) VALUES ($1, $2, $3, $4)', [
        x.tokenHash,
        x.userId,
        x.tenantId,
        x.expiresAt,
      ]);
    },
    async findSession(tokenHash) {
      const [r] = await q('SELECT * FROM sessions WHERE token_hash = $1', [tokenHash]);
      return r ? sessionFromRow(r) : undefined;
    },
    async deleteSession(tokenHash) {
      await q('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
    },
    async appendDecisions(batch, keys = [], options = {}) {
      if (batch.length === 0) return { duplicates: [] };
      return appendWithPositions(pool, batch, keys, options.inTx);
    },
    async getDecision(tenantId, eventId) {
      const [r] = await q(commitLogSql.get, [tenantId, eventId]);
      return r ? decisionFromRow(r) : undefined;
    },
    async scanDecisions(afterSeq, limit) {
      return (await q(commitLogSql.scan, [afterSeq, limit])).map(decisionFromRow);
    },
    async countDecisions(tenantId) {
      const [r] =
        tenantId === undefined
          ? await q('SELECT COUNT(*) AS n FROM decisions')
          : await q('SELECT COUNT(*) AS n FROM decisions WHERE tenant_id = $1', [tenantId]);
      return num(r?.n);
    },
    async scanTenantDecisions(tenantId, range, afterSeq, limit) {
      return (await q(commitLogSql.scanTenant, [tenantId, range.fromTime, range.toTime, afterSeq, limit])).map(
        decisionFromRow,
      );
    },
    async putPiiKeys(keys) {
      if (keys.length === 0) return;
      await q(INSERT_KEYS, columns(keys, 5, piiKeyRow));
    },
    async getPiiKey(tenantId, subject, keyId) {
      const [r] = await q('SELECT * FROM pii_keys WHERE tenant_id = $1 AND subject = $2 AND key_id = $3', [
        tenantId,
        subject,
        keyId,
      ]);
      return r ? piiKeyFromRow(r) : undefined;
    },
    async shredPiiSubject(tenantId, subject) {
      const rows = await q('DELETE FROM pii_keys WHERE tenant_id = $1 AND subject = $2 RETURNING key_id', [
        tenantId,
        subject,
      ]);
      return rows.map((r) => rowOf(r, 'pii_keys').str('key_id'));
    },
    ...postgresRuleSets(q, tx),
  };
}
