import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ZhiliError } from '../../kernel/index.ts';
import type { Store } from '../port.ts';
import { Type } from '@sinclair/typebox';
import type { DecisionRecord, OutboxRow, PiiKeyRecord, StoredDecision, TenantRecord, UserRecord } from '../records.ts';
import { OUTBOX_INSERT } from '../outbox-row.ts';
import { decisionOutcomes } from '../records.ts';
import { rowOf } from '../row-decode.ts';
import { keyFromRow, piiKeyFromRow, piiKeyRow, sessionFromRow, tenantFromRow, userFromRow } from '../record-rows.ts';
import { sqliteRuleSets } from './rule-sets.ts';
import { sqliteMigrations } from './schema.ts';
import type { WriteTurns } from './write-turns.ts';
import { SqliteWriterThread } from './writer-thread.ts';
import { decisionRow } from '../decision-row.ts';

type Row = Record<string, unknown>;

const decisionFromRow = (row: Row): StoredDecision => {
  const r = rowOf(row, 'decisions');
  return {
    seq: r.int('seq'),
    tenantId: r.str('tenant_id'),
    eventId: r.str('event_id'),
    type: r.str('type'),
    occurredAt: r.int('occurred_at'),
    bodyHash: r.str('body_hash'),
    event: r.json('event', Type.Unknown()),
    decision: r.json('decision', Type.Unknown()),
    outcome: r.oneOf('outcome', decisionOutcomes),
    ruleSetVersion: r.str('rule_set_version'),
    decidedAt: r.int('decided_at'),
  };
};

function isUniqueViolation(e: unknown): boolean {
  return e instanceof Error && 'code' in e && String(e.code).startsWith('SQLITE_CONSTRAINT');
}

/**
 * The embedded default. WAL with synchronous=FULL fsyncs the log on every commit, so a resolved
 * `appendDecisions` survives `kill -9` and power loss. better-sqlite3 is synchronous; the async face is
 * the port's, shared with PostgreSQL.
 */
export function openSqliteStore(
  file: string,
  opts: {
    writerThread?: boolean;
    /** Turns at the write lock with a background thread's connection to the same file (write-turns.ts). */
    turns?: WriteTurns;
  } = {},
): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');

  let stmts: ReturnType<typeof prepare> | undefined;
  const s = (): ReturnType<typeof prepare> => (stmts ??= prepare());

  function prepare() {
    return {
      insertDecision: db.prepare(
        `INSERT INTO decisions (tenant_id, event_id, type, occurred_at, body_hash, event, decision, outcome, rule_set_version, decided_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, event_id) DO NOTHING`,
      ),
      getDecision: db.prepare('SELECT * FROM decisions WHERE tenant_id = ? AND event_id = ?'),
      scan: db.prepare('SELECT * FROM decisions WHERE seq > ? ORDER BY seq LIMIT ?'),
      scanTenant: db.prepare(
        'SELECT * FROM decisions WHERE tenant_id = ? AND occurred_at >= ? AND occurred_at < ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
      findKey: db.prepare('SELECT * FROM api_keys WHERE key_hash = ?'),
      findSession: db.prepare('SELECT * FROM sessions WHERE token_hash = ?'),
      insertKey: db.prepare(
        'INSERT INTO pii_keys (tenant_id, subject, key_id, wrapped, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      getKey: db.prepare('SELECT * FROM pii_keys WHERE tenant_id = ? AND subject = ? AND key_id = ?'),
    };
  }

  // The writer thread is started after migrations: it only inserts into tables that must exist.
  let writer: SqliteWriterThread | undefined;
  const useWriter = file !== ':memory:' && (opts.writerThread ?? true);

  const appendTx = db.transaction((batch: readonly DecisionRecord[], keys: readonly PiiKeyRecord[]) => {
    for (const k of keys) s().insertKey.run(piiKeyRow(k));
    const ins = s().insertDecision;
    // One writer, so rowid order is commit order: seq is the commit position as it is.
    const duplicates: number[] = [];
    batch.forEach((d, i) => {
      if (ins.run(decisionRow(d)).changes === 0) duplicates.push(i);
    });
    return { duplicates };
  });
  const putKeysTx = db.transaction((keys: readonly PiiKeyRecord[]) => {
    for (const k of keys) s().insertKey.run(piiKeyRow(k));
  });

  const outboxTx = (o: OutboxRow | undefined): void => {
    if (o) db.prepare(OUTBOX_INSERT).run(o.tenantId, o.entry, o.createdAt);
  };
  const createUserTx = db.transaction((u: UserRecord, o: OutboxRow | undefined) => {
    db.prepare(
      'INSERT INTO users (id, tenant_id, username, password_hash, roles, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(u.id, u.tenantId, u.username, u.passwordHash, JSON.stringify(u.roles), u.createdAt);
    outboxTx(o);
  });
  const createTenantTx = db.transaction(
    (t: TenantRecord, k: { keyHash: string; prefix: string; createdAt: number }, o: OutboxRow | undefined) => {
      outboxTx(o);
      db.prepare('INSERT INTO tenants (id, name, time_zone, created_at) VALUES (?, ?, ?, ?)').run(
        t.id,
        t.name,
        t.timeZone,
        t.createdAt,
      );
      db.prepare('INSERT INTO api_keys (key_hash, tenant_id, prefix, created_at) VALUES (?, ?, ?, ?)').run(
        k.keyHash,
        t.id,
        k.prefix,
        k.createdAt,
      );
    },
  );

  return {
    kind: 'sqlite',
    async migrate() {
      db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)');
      const done = new Set(
        (db.prepare('SELECT id FROM schema_migrations').all() as Row[]).map((r) =>
          rowOf(r, 'schema_migrations').int('id'),
        ),
      );
      for (const m of sqliteMigrations) {
        if (done.has(m.id)) continue;
        db.transaction(() => {
          db.exec(m.sql);
          db.prepare('INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)').run(m.id, Date.now());
        })();
      }
      if (useWriter) writer ??= new SqliteWriterThread(file, opts.turns);
    },
    async close() {
      await writer?.close();
      db.close();
    },
    async createTenant(tenant, key, outbox) {
      try {
        createTenantTx.immediate(tenant, key, outbox);
      } catch (e) {
        if (isUniqueViolation(e)) throw new ZhiliError('ZHILI_E_CONFLICT', { pointer: '/name', cause: e });
        throw e;
      }
    },
    async getTenant(id) {
      const r = db.prepare('SELECT * FROM tenants WHERE id = ?').get(id) as Row | undefined;
      return r ? tenantFromRow(r) : undefined;
    },
    async listTenants() {
      return (db.prepare('SELECT * FROM tenants ORDER BY created_at').all() as Row[]).map(tenantFromRow);
    },
    async addApiKey(k) {
      db.prepare('INSERT INTO api_keys (key_hash, tenant_id, prefix, created_at) VALUES (?, ?, ?, ?)').run(
        k.keyHash,
        k.tenantId,
        k.prefix,
        k.createdAt,
      );
    },
    async findApiKey(keyHash) {
      const r = s().findKey.get(keyHash) as Row | undefined;
      return r ? keyFromRow(r) : undefined;
    },
    async createUser(u, outbox) {
      try {
        createUserTx.immediate(u, outbox);
      } catch (e) {
        if (isUniqueViolation(e)) throw new ZhiliError('ZHILI_E_CONFLICT', { pointer: '/username', cause: e });
        throw e;
      }
    },
    async findUserByName(tenantId, username) {
      const r = db.prepare('SELECT * FROM users WHERE tenant_id = ? AND username = ?').get(tenantId, username) as
        Row | undefined;
      return r ? userFromRow(r) : undefined;
    },
    async getUser(id) {
      const r = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as Row | undefined;
      return r ? userFromRow(r) : undefined;
    },
    async createSession(x) {
      db.prepare('INSERT INTO sessions (token_hash, user_id, tenant_id, expires_at) VALUES (?, ?, ?, ?)').run(
        x.tokenHash,
        x.userId,
        x.tenantId,
        x.expiresAt,
      );
    },
    async findSession(tokenHash) {
      const r = s().findSession.get(tokenHash) as Row | undefined;
      return r ? sessionFromRow(r) : undefined;
    },
    async deleteSession(tokenHash) {
      db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(tokenHash);
    },
    async appendDecisions(batch, keys = [], options = {}) {
      // One node, no commit fence: a fence asked of this store is a wiring error, not something to skip.
      if (options.inTx) throw new Error('the SQLite store runs no commit fence (cluster mode needs PostgreSQL)');
      if (batch.length === 0) return { duplicates: [] };
      if (writer) return writer.append(batch, keys);
      return appendTx.immediate(batch, keys);
    },
    async getDecision(tenantId, eventId) {
      const r = s().getDecision.get(tenantId, eventId) as Row | undefined;
      return r ? decisionFromRow(r) : undefined;
    },
    async scanDecisions(afterSeq, limit) {
      return (s().scan.all(afterSeq, limit) as Row[]).map(decisionFromRow);
    },
    async countDecisions(tenantId) {
      const r = (
        tenantId === undefined
          ? db.prepare('SELECT COUNT(*) AS n FROM decisions').get()
          : db.prepare('SELECT COUNT(*) AS n FROM decisions WHERE tenant_id = ?').get(tenantId)
      ) as Row;
      return rowOf(r, 'decisions').int('n');
    },
    async scanTenantDecisions(tenantId, range, afterSeq, limit) {
      return (s().scanTenant.all(tenantId, range.fromTime, range.toTime, afterSeq, limit) as Row[]).map(
        decisionFromRow,
      );
    },
    async putPiiKeys(keys) {
      putKeysTx.immediate(keys);
    },
    async getPiiKey(tenantId, subject, keyId) {
      const r = s().getKey.get(tenantId, subject, keyId) as Row | undefined;
      return r ? piiKeyFromRow(r) : undefined;
    },
    async shredPiiSubject(tenantId, subject) {
      const rows = db
        .prepare('DELETE FROM pii_keys WHERE tenant_id = ? AND subject = ? RETURNING key_id')
        .all(tenantId, subject) as Row[];
      return rows.map((r) => rowOf(r, 'pii_keys').str('key_id'));
    },
    ...sqliteRuleSets(db),
  };
}
