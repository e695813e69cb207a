import { rowOf } from './row-decode.ts';
import type { SqlDriver } from './sql-driver.ts';

/**
 * One tenant's feature-window state as of a commit position, for restoring windows from a snapshot plus
 * the log's tail (src/monitoring/snapshot). The body is opaque here: the monitoring module encodes,
 * seals and checks it; this store keeps it and the facts that say whether it fits.
 */
export interface WindowSnapshotRecord {
  readonly tenantId: string;
  readonly ruleSetVersion: string;
  /** What the windows depend on besides the log (features, time zone, FX table): see snapshot/codec.ts. */
  readonly featuresHash: string;
  /** Every decision with commit position (seq) ≤ this is in the windows; none after it. */
  readonly position: number;
  /** The tenant's decisions replayed into it, for figures. */
  readonly decisions: number;
  /** Latest event time among those decisions: ids of events up to it are looked up in the store. */
  readonly maxOccurredAt: number;
  readonly format: number;
  readonly createdAt: number;
  readonly body: Uint8Array;
}

/** Keeps the latest snapshot per tenant and rule-set version. Every adapter passes window-snapshots.contract.ts. */
export interface WindowSnapshotStore {
  migrate(): Promise<void>;
  /** Stores it unless one at the same or a later position is there (another node was first); true when stored. */
  put(s: WindowSnapshotRecord): Promise<boolean>;
  get(tenantId: string, ruleSetVersion: string): Promise<WindowSnapshotRecord | undefined>;
  /** Forgets every snapshot of a tenant (after a data subject's erasure: a snapshot holds entity keys). */
  dropTenant(tenantId: string): Promise<number>;
}

const ddl = (blob: string) => `
CREATE TABLE IF NOT EXISTS window_snapshots (
  tenant_id TEXT NOT NULL,
  rule_set_version TEXT NOT NULL,
  features_hash TEXT NOT NULL,
  position BIGINT NOT NULL,
  decisions BIGINT NOT NULL,
  max_occurred_at BIGINT NOT NULL,
  format INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  body ${blob} NOT NULL,
  PRIMARY KEY (tenant_id, rule_set_version)
);`;

const columns =
  'tenant_id, rule_set_version, features_hash, position, decisions, max_occurred_at, format, created_at, body';

/** The snapshot table on SQLite or PostgreSQL, through the modules' SQL driver. */
export function sqlWindowSnapshots(db: SqlDriver): WindowSnapshotStore {
  return {
    migrate: () => db.exec(ddl(db.dialect === 'postgres' ? 'BYTEA' : 'BLOB')),
    async put(s) {
      const n = await db.run(
        `INSERT INTO window_snapshots (${columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (tenant_id, rule_set_version) DO UPDATE SET
           features_hash = excluded.features_hash, position = excluded.position, decisions = excluded.decisions,
           max_occurred_at = excluded.max_occurred_at, format = excluded.format,
           created_at = excluded.created_at, body = excluded.body
         WHERE window_snapshots.position < excluded.position`,
        [
          s.tenantId,
          s.ruleSetVersion,
          s.featuresHash,
          s.position,
          s.decisions,
          s.maxOccurredAt,
          s.format,
          s.createdAt,
          Buffer.from(s.body.buffer, s.body.byteOffset, s.body.byteLength),
        ],
      );
      return n > 0;
    },
    async get(tenantId, ruleSetVersion) {
      const rows = await db.all(
        `SELECT ${columns} FROM window_snapshots WHERE tenant_id = ? AND rule_set_version = ?`,
        [tenantId, ruleSetVersion],
      );
      const r = rows[0];
      if (!r) return undefined;
      const row = rowOf(r, 'window_snapshots');
      return {
        tenantId: row.str('tenant_id'),
        ruleSetVersion: row.str('rule_set_version'),
        featuresHash: row.str('features_hash'),
        position: row.int('position'),
        decisions: row.int('decisions'),
        maxOccurredAt: row.int('max_occurred_at'),
        format: row.int('format'),
        createdAt: row.int('created_at'),
        body: row.bytes('body'),
      };
    },
    dropTenant: (tenantId) => db.run('DELETE FROM window_snapshots WHERE tenant_id = ?', [tenantId]),
  };
}
