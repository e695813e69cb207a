import { randomBytes } from 'node:crypto';
import { MIGRATION_LOCK, postgresPool } from '../store/adapters.ts';
import type { Config } from './config.ts';

const isPostgres = (url: string | undefined): url is string => !!url && /^postgres(ql)?:\/\//.test(url);

/**
 * One key-encryption key for every node of a cluster. ZHILI_MASTER_KEY (from a secret manager) is the
 * production way and always wins. Without it, nodes on one PostgreSQL schema share a key kept in that
 * schema: the first node to start creates it, every later node (and the CLI) reads it — the cluster's
 * counterpart of the embedded `<dataDir>/master.key`, with the same caveat: whoever copies the
 * database copies the key. Before this, each node generated its own, and a party (or the ledger's
 * signing key, wrapped under it) written by one node could not be read by another.
 *
 * Fills `config.masterKey` in place, once, before anything loads the key; everything after (the
 * ledger, the personal-data vault, the parties, the background thread) reads it from there.
 */
export async function adoptClusterSecrets(config: Config): Promise<void> {
  if (config.masterKey || !isPostgres(config.databaseUrl)) return;
  const schema = new URL(config.databaseUrl).searchParams.get('schema') ?? 'zhili';
  const pool = postgresPool(config.databaseUrl, schema, 1);
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    // The same lock as the store's migrations: two nodes starting together create schema and table once.
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await c.query(
      'CREATE TABLE IF NOT EXISTS cluster_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL, created_at BIGINT NOT NULL)',
    );
    await c.query(
      "INSERT INTO cluster_secrets (name, value, created_at) VALUES ('master_key', $1, $2) ON CONFLICT DO NOTHING",
      [randomBytes(32).toString('base64'), Date.now()],
    );
    const r = await c.query<{ value: unknown }>("SELECT value FROM cluster_secrets WHERE name = 'master_key'");
    await c.query('COMMIT');
    const value: unknown = r.rows[0]?.value;
    if (typeof value !== 'string') throw new Error('cluster_secrets holds no master key');
    config.masterKey = value;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
    await pool.end();
  }
}
