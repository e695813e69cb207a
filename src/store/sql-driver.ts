import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { WriteTurns } from './sqlite/write-turns.ts';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type Row = Record<string, unknown>;

/** The statements of one connection or transaction. SQL is written with `?` placeholders. */
export interface SqlExec {
  all: (sql: string, params?: unknown[]) => Promise<Row[]>;
  /** Rows changed. */
  run: (sql: string, params?: unknown[]) => Promise<number>;
}

export interface SqlDriver extends SqlExec {
  readonly dialect: 'sqlite' | 'postgres';
  tx<T>(fn: (x: SqlExec) => Promise<T>): Promise<T>;
  exec(script: string): Promise<void>;
  close(): Promise<void>;
}

export const isUniqueViolation = (e: unknown): boolean =>
  e instanceof Error && 'code' in e && (e.code === '23505' || String(e.code).startsWith('SQLITE_CONSTRAINT'));

/**
 * A SQLite file (normally the main store's `<data dir>/zhili.db`) through its own connection: WAL,
 * synchronous=FULL, so a resolved write survives power loss. better-sqlite3 is synchronous, so a
 * transaction that awaits must keep other writers out of the connection meanwhile: writes queue on
 * one chain.
 */
export function sqliteDriver(
  file: string,
  opts: {
    /** On the background thread: its writes take turns with the writer thread's group commits. */
    turns?: WriteTurns;
  } = {},
): SqlDriver {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 10000');
  const cache = new Map<string, Database.Statement>();
  const stmt = (sql: string): Database.Statement => {
    let s = cache.get(sql);
    if (!s) {
      s = db.prepare(sql);
      cache.set(sql, s);
    }
    return s;
  };
  const conv = (params: unknown[]): unknown[] =>
    params.map((p) => (typeof p === 'boolean' ? (p ? 1 : 0) : p instanceof Uint8Array ? Buffer.from(p) : p));
  const direct: SqlExec = {
    all: async (sql, params = []) => stmt(sql).all(...conv(params)) as Row[],
    run: async (sql, params = []) => stmt(sql).run(...conv(params)).changes,
  };
  const turns = opts.turns;
  // A write holds the background thread's turn from BEGIN to COMMIT (awaits inside are this
  // connection's own synchronous statements).
  const inTurn = (fn: () => Promise<unknown>) =>
    turns === undefined
      ? fn
      : async () => {
          turns.guestEnter();
          try {
            return await fn();
          } finally {
            turns.guestLeave();
          }
        };
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(body: () => Promise<T>): Promise<T> => {
    const fn = inTurn(body) as () => Promise<T>;
    const next = chain.then(fn, fn);
    chain = next.catch(() => undefined);
    return next;
  };
  return {
    dialect: 'sqlite',
    all: direct.all,
    run: (sql, params) => serial(() => direct.run(sql, params)),
    tx: (fn) =>
      serial(async () => {
        db.prepare('BEGIN IMMEDIATE').run();
        try {
          const out = await fn(direct);
          db.prepare('COMMIT').run();
          return out;
        } catch (e) {
          if (db.inTransaction) db.prepare('ROLLBACK').run();
          throw e;
        }
      }),
    exec: async (script) => {
      await serial(async () => db.exec(script));
    },
    close: async () => {
      await chain;
      db.close();
    },
  };
}

const dollar = (sql: string): string => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** PostgreSQL in `schema`, through its own pool. Durability is PostgreSQL's (synchronous_commit). */
export function postgresDriver(url: string, schema: string, poolSize = 4): SqlDriver {
  const pool = postgresPool(url, schema, poolSize);
  return postgresDriverOn(pool, schema, { ownsPool: true });
}

/**
 * The one advisory lock every migration in the database takes before anything else — the main
 * store's, the cluster secrets', each module's `exec` — so that nodes starting together migrate one at
 * a time. One lock per module used to let two nodes' migrations interleave (and deadlock) on a fresh schema.
 */
export const MIGRATION_LOCK = 7310001;

/**
 * Runs a module's DDL script inside the caller's transaction, under the migration lock, once per
 * content: a script already applied in this schema is skipped. Re-running `CREATE INDEX IF NOT EXISTS`
 * still locks its table, so a node restarting beside serving nodes used to take table locks in the
 * script's order while their transactions took them in theirs — a deadlock. A changed script (a table
 * added) runs again whole; its statements are idempotent.
 */
export async function migrateOnce(c: pg.PoolClient, schema: string, script: string): Promise<void> {
  await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
  await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await c.query(`SET LOCAL search_path TO ${schema}`);
  await c.query('CREATE TABLE IF NOT EXISTS ddl_applied (hash TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)');
  const hash = createHash('sha256').update(script).digest('hex');
  if ((await c.query('SELECT 1 FROM ddl_applied WHERE hash = $1', [hash])).rowCount) return;
  await c.query(script);
  await c.query('INSERT INTO ddl_applied (hash, applied_at) VALUES ($1, $2)', [hash, Date.now()]);
}

/** A pool whose connections all have `schema` first on their search_path. */
export function postgresPool(url: string, schema: string, poolSize = 8): pg.Pool {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new RangeError(`bad schema name ${schema}`);
  // search_path as a startup option: set before the connection's first query, with no race.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: `-c search_path=${schema}` });
  // An idle client that errors must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * A driver over a pool that others share (the process's one pool): closing it leaves the pool open
 * unless it owns it.
 */
export function postgresDriverOn(pool: pg.Pool, schema: string, opts: { ownsPool?: boolean } = {}): SqlDriver {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new RangeError(`bad schema name ${schema}`);
  const on = (c: pg.Pool | pg.PoolClient): SqlExec => ({
    async all(sql, params = []) {
      return (await c.query(dollar(sql), params)).rows as Row[];
    },
    async run(sql, params = []) {
      return (await c.query(dollar(sql), params)).rowCount ?? 0;
    },
  });
  const direct = on(pool);
  return {
    dialect: 'postgres',
    ...direct,
    async tx(fn) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const out = await fn(on(c));
        await c.query('COMMIT');
        return out;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        c.release();
      }
    },
    async exec(script) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await migrateOnce(c, schema, script);
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        c.release();
      }
    },
    close: async () => {
      if (opts.ownsPool) await pool.end();
    },
  };
}
