import pg from 'pg';
import type { AppendBatch, LeafRow, LedgerStore, StoredCheckpoint } from './port.ts';
import { LedgerConflictError } from './port.ts';
import { migrateOnce } from '../../store/adapters.ts';
import { OUTBOX_POSTGRES } from './outbox-sql.ts';

type Row = Record<string, unknown>;
const num = (v: unknown): number => Number(v);

const schemaSql = (schema: string): string => `
CREATE SCHEMA IF NOT EXISTS ${schema};
SET LOCAL search_path TO ${schema};
CREATE TABLE IF NOT EXISTS ledger_state (id INT PRIMARY KEY CHECK (id = 1), size BIGINT NOT NULL, source_seq BIGINT NOT NULL);
INSERT INTO ledger_state (id, size, source_seq) VALUES (1, 0, 0) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS ledger_leaves (idx BIGINT PRIMARY KEY, kind TEXT NOT NULL, tenant_id TEXT NOT NULL,
  event_id TEXT, entry TEXT NOT NULL, leaf_hash BYTEA NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS ledger_leaves_event ON ledger_leaves (tenant_id, event_id) WHERE event_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS ledger_nodes (level INT NOT NULL, idx BIGINT NOT NULL, hash BYTEA NOT NULL, PRIMARY KEY (level, idx));
CREATE TABLE IF NOT EXISTS ledger_checkpoints (id BIGSERIAL PRIMARY KEY, size BIGINT NOT NULL, note TEXT NOT NULL,
  key_id TEXT NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE IF NOT EXISTS ledger_keys (verifier_key TEXT PRIMARY KEY, private_key TEXT NOT NULL, created_at BIGINT NOT NULL,
  retired_at BIGINT, active INT UNIQUE CHECK (active = 1), seq BIGSERIAL);
${OUTBOX_POSTGRES}`;

const leafFromRow = (r: Row): LeafRow => ({
  index: num(r.idx),
  kind: r.kind as string,
  tenantId: r.tenant_id as string,
  eventId: (r.event_id as string | null) ?? null,
  entry: r.entry as string,
  leafHash: new Uint8Array(r.leaf_hash as Buffer),
});

const checkpointFromRow = (r: Row): StoredCheckpoint => ({
  id: num(r.id),
  size: num(r.size),
  note: r.note as string,
  keyId: r.key_id as string,
  createdAt: num(r.created_at),
});

/**
 * Ledger tables in PostgreSQL, in `schema` (the main store's, by default). Appends lock the state row,
 * so two nodes appending at once serialise and the loser gets LedgerConflictError.
 */
export function openPostgresLedgerStore(
  url: string | pg.Pool,
  opts: { schema?: string; poolSize?: number } = {},
): LedgerStore {
  const schema = opts.schema ?? 'zhili';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new RangeError(`bad schema name ${schema}`);
  const owned = typeof url === 'string';
  const pool = owned ? new pg.Pool({ connectionString: url, max: opts.poolSize ?? 4 }) : url;
  if (owned) pool.on('error', () => undefined);
  const t = (name: string): string => `${schema}.${name}`;
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

  async function append(c: pg.PoolClient, b: AppendBatch): Promise<void> {
    const r = (await c.query(`SELECT size, source_seq FROM ${t('ledger_state')} WHERE id = 1 FOR UPDATE`))
      .rows[0] as Row;
    const now = { size: num(r.size), sourceSeq: num(r.source_seq) };
    if (now.size !== b.expected.size || now.sourceSeq !== b.expected.sourceSeq)
      throw new LedgerConflictError(b.expected, now);
    if (b.leaves.length > 0) {
      await c.query(
        `INSERT INTO ${t('ledger_leaves')} (idx, kind, tenant_id, event_id, entry, leaf_hash)
         SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bytea[])`,
        [
          b.leaves.map((l) => l.index),
          b.leaves.map((l) => l.kind),
          b.leaves.map((l) => l.tenantId),
          b.leaves.map((l) => l.eventId),
          b.leaves.map((l) => l.entry),
          b.leaves.map((l) => Buffer.from(l.leafHash)),
        ],
      );
    }
    if (b.nodes.length > 0) {
      await c.query(
        `INSERT INTO ${t('ledger_nodes')} (level, idx, hash) SELECT * FROM unnest($1::int[], $2::bigint[], $3::bytea[])`,
        [b.nodes.map((n) => n.level), b.nodes.map((n) => n.index), b.nodes.map((n) => Buffer.from(n.hash))],
      );
    }
    const ids = b.outboxIds ?? [];
    if (ids.length > 0) {
      const gone = await c.query(`DELETE FROM ${t('ledger_outbox')} WHERE id = ANY($1::bigint[])`, [ids]);
      if (gone.rowCount !== ids.length) throw new LedgerConflictError(b.expected, now);
    }
    await c.query(`UPDATE ${t('ledger_state')} SET size = $1, source_seq = $2 WHERE id = 1`, [
      b.expected.size + b.leaves.length,
      b.sourceSeq,
    ]);
  }

  return {
    kind: 'postgres',
    async migrate() {
      await tx(async (c) => {
        await migrateOnce(c, schema, schemaSql(schema));
      });
    },
    async close() {
      if (owned) await pool.end();
    },
    async state() {
      const r = (await q(`SELECT size, source_seq FROM ${t('ledger_state')} WHERE id = 1`))[0] as Row;
      return { size: num(r.size), sourceSeq: num(r.source_seq) };
    },
    async append(batch) {
      await tx((c) => append(c, batch));
    },
    async readNodes(ids) {
      if (ids.length === 0) return [];
      const leafIdx = ids.filter((n) => n.level === 0).map((n) => n.index);
      const inner = ids.filter((n) => n.level > 0);
      const [leaves, nodes] = await Promise.all([
        leafIdx.length === 0
          ? []
          : q(`SELECT 0 AS level, idx, leaf_hash AS hash FROM ${t('ledger_leaves')} WHERE idx = ANY($1::bigint[])`, [
              leafIdx,
            ]),
        inner.length === 0
          ? []
          : q(
              `SELECT n.level, n.idx, n.hash FROM ${t('ledger_nodes')} n
               JOIN unnest($1::int[], $2::bigint[]) AS w(level, idx) ON n.level = w.level AND n.idx = w.idx`,
              [inner.map((n) => n.level), inner.map((n) => n.index)],
            ),
      ]);
      const found = new Map<string, Uint8Array>();
      for (const r of [...leaves, ...nodes])
        found.set(`${num(r.level)}/${num(r.idx)}`, new Uint8Array(r.hash as Buffer));
      return ids.map((id) => {
        const h = found.get(`${id.level}/${id.index}`);
        if (h === undefined) throw new RangeError(`no perfect node (${id.level}, ${id.index}) in the ledger`);
        return h;
      });
    },
    async scanNodes(level, from, limit) {
      const rows =
        level === 0
          ? await q(`SELECT leaf_hash AS hash FROM ${t('ledger_leaves')} WHERE idx >= $1 ORDER BY idx LIMIT $2`, [
              from,
              limit,
            ])
          : await q(`SELECT hash FROM ${t('ledger_nodes')} WHERE level = $1 AND idx >= $2 ORDER BY idx LIMIT $3`, [
              level,
              from,
              limit,
            ]);
      return rows.map((r) => new Uint8Array(r.hash as Buffer));
    },
    async readLeaves(from, limit) {
      return (await q(`SELECT * FROM ${t('ledger_leaves')} WHERE idx >= $1 ORDER BY idx LIMIT $2`, [from, limit])).map(
        leafFromRow,
      );
    },
    async findEvent(tenantId, eventId) {
      const r = (
        await q(`SELECT * FROM ${t('ledger_leaves')} WHERE tenant_id = $1 AND event_id = $2`, [tenantId, eventId])
      )[0];
      return r ? leafFromRow(r) : undefined;
    },
    async putCheckpoint(cp) {
      return tx(async (c) => {
        await c.query(`LOCK TABLE ${t('ledger_checkpoints')} IN SHARE ROW EXCLUSIVE MODE`);
        const larger = await c.query(`SELECT 1 FROM ${t('ledger_checkpoints')} WHERE size > $1 LIMIT 1`, [cp.size]);
        if (larger.rowCount) return undefined;
        const r = await c.query(
          `INSERT INTO ${t('ledger_checkpoints')} (size, note, key_id, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
          [cp.size, cp.note, cp.keyId, cp.createdAt],
        );
        return { ...cp, id: num((r.rows[0] as Row).id) };
      });
    },
    async latestCheckpoint() {
      const r = (await q(`SELECT * FROM ${t('ledger_checkpoints')} ORDER BY id DESC LIMIT 1`))[0];
      return r ? checkpointFromRow(r) : undefined;
    },
    async listCheckpoints(afterId, limit) {
      return (
        await q(`SELECT * FROM ${t('ledger_checkpoints')} WHERE id > $1 ORDER BY id LIMIT $2`, [afterId, limit])
      ).map(checkpointFromRow);
    },
    async keys() {
      return (await q(`SELECT * FROM ${t('ledger_keys')} ORDER BY created_at, seq`)).map((r) => ({
        verifierKey: r.verifier_key as string,
        privateKey: r.private_key as string,
        createdAt: num(r.created_at),
        retiredAt: r.retired_at === null ? null : num(r.retired_at),
      }));
    },
    async addKey(key, opts = {}) {
      return tx(async (c) => {
        await c.query(`LOCK TABLE ${t('ledger_keys')} IN SHARE ROW EXCLUSIVE MODE`);
        if (opts.onlyIfNone && (await c.query(`SELECT 1 FROM ${t('ledger_keys')} LIMIT 1`)).rowCount) return false;
        await c.query(`UPDATE ${t('ledger_keys')} SET retired_at = $1, active = NULL WHERE active = 1`, [
          key.createdAt,
        ]);
        await c.query(
          `INSERT INTO ${t('ledger_keys')} (verifier_key, private_key, created_at, retired_at, active) VALUES ($1, $2, $3, NULL, 1)`,
          [key.verifierKey, key.privateKey, key.createdAt],
        );
        return true;
      });
    },
    async rewrapKey(verifierKey, privateKey) {
      await q(`UPDATE ${t('ledger_keys')} SET private_key = $1 WHERE verifier_key = $2`, [privateKey, verifierKey]);
    },
    async enqueue(rows) {
      if (rows.length === 0) return [];
      const r = await q(
        `INSERT INTO ${t('ledger_outbox')} (tenant_id, entry, created_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[]) RETURNING id`,
        [rows.map((x) => x.tenantId), rows.map((x) => x.entry), rows.map((x) => x.createdAt)],
      );
      return r.map((x) => num(x.id)).sort((a, b) => a - b);
    },
    async readOutbox(limit) {
      return (await q(`SELECT id, tenant_id, entry FROM ${t('ledger_outbox')} ORDER BY id LIMIT $1`, [limit])).map(
        (r) => ({ id: num(r.id), tenantId: r.tenant_id as string, entry: r.entry as string }),
      );
    },
    async stillQueued(ids) {
      if (ids.length === 0) return [];
      const r = await q(`SELECT id FROM ${t('ledger_outbox')} WHERE id = ANY($1::bigint[])`, [ids]);
      return r.map((x) => num(x.id));
    },
  };
}
