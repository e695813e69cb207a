/**
 * Stored list versions and per-tenant screening settings, next to the main store's tables (the same
 * SQLite file in the data directory, or the same PostgreSQL schema), so every node loads the same lists
 * and they survive restarts. A version is its source files as fetched, keyed by content hash; the
 * current version of a list is the one stored last.
 */
import { Type } from '@sinclair/typebox';
import { rowOf, type Row, type SqlDriver } from '../../store/index.ts';
import { listSources, type ListSource } from './version.ts';

export interface StoredListVersion {
  listId: string;
  source: ListSource;
  contentHash: string;
  /** Source file texts keyed by file name. */
  files: Record<string, string>;
  entries: number;
  /** Where the files came from (URLs), for the operator. */
  origin: string;
  storedAt: number;
  storedBy: string;
}

export interface TenantScreeningSetting {
  tenantId: string;
  /** False only when an operator switched screening off for the tenant on purpose. */
  enabled: boolean;
  reason: string;
  updatedBy: string;
  updatedAt: number;
}

export interface ListStore {
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Stores the version; storing an already stored (list, hash) makes it current again. */
  put(v: StoredListVersion): Promise<void>;
  /** The current version of every stored list. */
  current(): Promise<StoredListVersion[]>;
  /** `listId@contentHash` of every current version, sorted: cheap enough to poll. */
  currentKeys(): Promise<string[]>;
  /** Versions of one list, newest first, without their files. */
  history(listId: string): Promise<Omit<StoredListVersion, 'files'>[]>;
  setting(tenantId: string): Promise<TenantScreeningSetting | undefined>;
  putSetting(s: TenantScreeningSetting): Promise<void>;
  /** Tenants with screening switched off. */
  disabledTenants(): Promise<string[]>;
}

const schema = (dialect: 'sqlite' | 'postgres'): string => {
  const big = dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
  return `
CREATE TABLE IF NOT EXISTS screening_list_versions (
  list_id TEXT NOT NULL, content_hash TEXT NOT NULL, source TEXT NOT NULL, files TEXT NOT NULL,
  entries INT NOT NULL, origin TEXT NOT NULL, stored_at ${big} NOT NULL, stored_by TEXT NOT NULL,
  seq ${big} NOT NULL, PRIMARY KEY (list_id, content_hash));
CREATE TABLE IF NOT EXISTS screening_tenant_settings (
  tenant_id TEXT PRIMARY KEY, enabled INT NOT NULL, reason TEXT NOT NULL, updated_by TEXT NOT NULL,
  updated_at ${big} NOT NULL);`;
};

// Rows are read through rowOf: a version edited to a wrong shape fails where it is read, naming the column.
const meta = (row: Row): Omit<StoredListVersion, 'files'> => {
  const r = rowOf(row, 'screening_list_versions');
  return {
    listId: r.str('list_id'),
    source: r.oneOf('source', listSources),
    contentHash: r.str('content_hash'),
    entries: r.int('entries'),
    origin: r.str('origin'),
    storedAt: r.int('stored_at'),
    storedBy: r.str('stored_by'),
  };
};
/** Source file texts keyed by file name. */
const Files = Type.Record(Type.String(), Type.String(), { $id: 'ListFiles' });

export function sqlListStore(d: SqlDriver): ListStore {
  return {
    migrate: () => d.exec(schema(d.dialect)),
    close: () => d.close(),
    async put(v) {
      await d.tx(async (x) => {
        // seq orders versions without trusting clocks across nodes.
        const [top] = await x.all('SELECT COALESCE(MAX(seq), 0) AS n FROM screening_list_versions');
        const seq = Number(top?.n ?? 0) + 1;
        const changed = await x.run(
          'UPDATE screening_list_versions SET seq = ?, stored_at = ?, stored_by = ?, origin = ? WHERE list_id = ? AND content_hash = ?',
          [seq, v.storedAt, v.storedBy, v.origin, v.listId, v.contentHash],
        );
        if (changed > 0) return;
        await x.run(
          `INSERT INTO screening_list_versions (list_id, content_hash, source, files, entries, origin, stored_at, stored_by, seq)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            v.listId,
            v.contentHash,
            v.source,
            JSON.stringify(v.files),
            v.entries,
            v.origin,
            v.storedAt,
            v.storedBy,
            seq,
          ],
        );
      });
    },
    async current() {
      const rows = await d.all(
        `SELECT v.* FROM screening_list_versions v
         JOIN (SELECT list_id, MAX(seq) AS seq FROM screening_list_versions GROUP BY list_id) m
           ON m.list_id = v.list_id AND m.seq = v.seq ORDER BY v.list_id`,
      );
      return rows.map((r) => ({ ...meta(r), files: rowOf(r, 'screening_list_versions').json('files', Files) }));
    },
    async currentKeys() {
      const rows = await d.all(
        `SELECT v.list_id, v.content_hash FROM screening_list_versions v
         JOIN (SELECT list_id, MAX(seq) AS seq FROM screening_list_versions GROUP BY list_id) m
           ON m.list_id = v.list_id AND m.seq = v.seq ORDER BY v.list_id`,
      );
      return rows.map((r) => `${String(r.list_id)}@${String(r.content_hash)}`);
    },
    async history(listId) {
      const rows = await d.all(
        'SELECT list_id, content_hash, source, entries, origin, stored_at, stored_by FROM screening_list_versions WHERE list_id = ? ORDER BY seq DESC',
        [listId],
      );
      return rows.map(meta);
    },
    async setting(tenantId) {
      const [r] = await d.all('SELECT * FROM screening_tenant_settings WHERE tenant_id = ?', [tenantId]);
      return (
        r && {
          tenantId,
          enabled: Number(r.enabled) === 1,
          reason: String(r.reason),
          updatedBy: String(r.updated_by),
          updatedAt: Number(r.updated_at),
        }
      );
    },
    async putSetting(s) {
      await d.run(
        `INSERT INTO screening_tenant_settings (tenant_id, enabled, reason, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (tenant_id) DO UPDATE SET enabled = excluded.enabled, reason = excluded.reason,
           updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        [s.tenantId, s.enabled ? 1 : 0, s.reason, s.updatedBy, s.updatedAt],
      );
    },
    async disabledTenants() {
      const rows = await d.all('SELECT tenant_id FROM screening_tenant_settings WHERE enabled = 0');
      return rows.map((r) => String(r.tenant_id));
    },
  };
}
