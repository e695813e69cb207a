import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { ownerOnlyFile } from '../files.ts';
import { INSERT_OUTBOX, OUTBOX_SQLITE } from './outbox-sql.ts';
import type { AppendBatch, LeafRow, LedgerState, LedgerStore, NodeId, StoredCheckpoint, StoredKey } from './port.ts';
import { LedgerConflictError } from './port.ts';
import type { WriteTurns } from '../../store/adapters.ts';

type Row = Record<string, unknown>;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS ledger_state (id INTEGER PRIMARY KEY CHECK (id = 1), size INTEGER NOT NULL, source_seq INTEGER NOT NULL);
INSERT OR IGNORE INTO ledger_state (id, size, source_seq) VALUES (1, 0, 0);
CREATE TABLE IF NOT EXISTS ledger_leaves (idx INTEGER PRIMARY KEY, kind TEXT NOT NULL, tenant_id TEXT NOT NULL,
  event_id TEXT, entry TEXT NOT NULL, leaf_hash BLOB NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS ledger_leaves_event ON ledger_leaves (tenant_id, event_id) WHERE event_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS ledger_nodes (level INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL,
  PRIMARY KEY (level, idx)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ledger_checkpoints (id INTEGER PRIMARY KEY AUTOINCREMENT, size INTEGER NOT NULL,
  note TEXT NOT NULL, key_id TEXT NOT NULL, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS ledger_keys (verifier_key TEXT PRIMARY KEY, private_key TEXT NOT NULL,
  created_at INTEGER NOT NULL, retired_at INTEGER, active INTEGER UNIQUE CHECK (active = 1));
${OUTBOX_SQLITE}`;

const leafFromRow = (r: Row): LeafRow => ({
  index: r.idx as number,
  kind: r.kind as string,
  tenantId: r.tenant_id as string,
  eventId: (r.event_id as string | null) ?? null,
  entry: r.entry as string,
  leafHash: new Uint8Array(r.leaf_hash as Buffer),
});

const checkpointFromRow = (r: Row): StoredCheckpoint => ({
  id: r.id as number,
  size: r.size as number,
  note: r.note as string,
  keyId: r.key_id as string,
  createdAt: r.created_at as number,
});

/**
 * Ledger tables in a SQLite file — normally the main store's own file (`<data dir>/zhili.db`), through
 * a second connection: WAL lets it read while the main store writes, and writers queue on the lock.
 * synchronous=FULL: an append that resolved survives power loss.
 */
export function openSqliteLedgerStore(
  file: string,
  opts: {
    /** On the background thread: its writes take turns with the writer thread's group commits. */
    turns?: WriteTurns;
  } = {},
): LedgerStore {
  if (file !== ':memory:') {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    ownerOnlyFile(file);
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  // better-sqlite3 waits for a lock synchronously, blocking the event loop — and with it another
  // connection of this same thread whose transaction awaits (the cases and parties tables'): it could
  // never commit, and both would stall until the timeout. So: a short wait here, and retries that
  // yield to the event loop in between (see busy()).
  db.pragma('busy_timeout = 20');
  let stmts: ReturnType<typeof prepare> | undefined;
  const s = (): ReturnType<typeof prepare> => (stmts ??= prepare());
  const turns = opts.turns;
  const busy = <T>(write: () => T): Promise<T> => retryBusy(turns ? () => turns.asGuest(write) : write);

  function prepare() {
    return {
      state: db.prepare('SELECT size, source_seq FROM ledger_state WHERE id = 1'),
      setState: db.prepare('UPDATE ledger_state SET size = ?, source_seq = ? WHERE id = 1'),
      insLeaf: db.prepare(
        'INSERT INTO ledger_leaves (idx, kind, tenant_id, event_id, entry, leaf_hash) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      insNode: db.prepare('INSERT INTO ledger_nodes (level, idx, hash) VALUES (?, ?, ?)'),
      leafHash: db.prepare('SELECT leaf_hash FROM ledger_leaves WHERE idx = ?').pluck(),
      node: db.prepare('SELECT hash FROM ledger_nodes WHERE level = ? AND idx = ?').pluck(),
      scanLeafHashes: db.prepare('SELECT leaf_hash FROM ledger_leaves WHERE idx >= ? ORDER BY idx LIMIT ?').pluck(),
      scanNodes: db.prepare('SELECT hash FROM ledger_nodes WHERE level = ? AND idx >= ? ORDER BY idx LIMIT ?').pluck(),
      leaves: db.prepare('SELECT * FROM ledger_leaves WHERE idx >= ? ORDER BY idx LIMIT ?'),
      event: db.prepare('SELECT * FROM ledger_leaves WHERE tenant_id = ? AND event_id = ?'),
      latestCp: db.prepare('SELECT * FROM ledger_checkpoints ORDER BY id DESC LIMIT 1'),
      insOutbox: db.prepare(INSERT_OUTBOX),
      delOutbox: db.prepare('DELETE FROM ledger_outbox WHERE id = ?'),
      outbox: db.prepare('SELECT id, tenant_id, entry FROM ledger_outbox ORDER BY id LIMIT ?'),
      queued: db.prepare('SELECT 1 FROM ledger_outbox WHERE id = ?').pluck(),
    };
  }

  const readState = (): LedgerState => {
    const r = s().state.get() as Row;
    return { size: r.size as number, sourceSeq: r.source_seq as number };
  };

  const appendTx = db.transaction((b: AppendBatch) => {
    const now = readState();
    if (now.size !== b.expected.size || now.sourceSeq !== b.expected.sourceSeq) {
      throw new LedgerConflictError(b.expected, now);
    }
    const st = s();
    for (const l of b.leaves) st.insLeaf.run(l.index, l.kind, l.tenantId, l.eventId, l.entry, l.leafHash);
    for (const n of b.nodes) st.insNode.run(n.level, n.index, n.hash);
    for (const id of b.outboxIds ?? []) {
      if (st.delOutbox.run(id).changes !== 1) throw new LedgerConflictError(b.expected, readState());
    }
    st.setState.run(b.expected.size + b.leaves.length, b.sourceSeq);
  });

  const putCheckpointTx = db.transaction((cp: Omit<StoredCheckpoint, 'id'>): StoredCheckpoint | undefined => {
    const larger = db.prepare('SELECT 1 FROM ledger_checkpoints WHERE size > ? LIMIT 1').get(cp.size);
    if (larger) return undefined;
    const r = db
      .prepare('INSERT INTO ledger_checkpoints (size, note, key_id, created_at) VALUES (?, ?, ?, ?)')
      .run(cp.size, cp.note, cp.keyId, cp.createdAt);
    return { ...cp, id: Number(r.lastInsertRowid) };
  });

  const addKeyTx = db.transaction((k: StoredKey, onlyIfNone: boolean): boolean => {
    if (onlyIfNone && db.prepare('SELECT 1 FROM ledger_keys LIMIT 1').get()) return false;
    db.prepare('UPDATE ledger_keys SET retired_at = ?, active = NULL WHERE active = 1').run(k.createdAt);
    db.prepare(
      'INSERT INTO ledger_keys (verifier_key, private_key, created_at, retired_at, active) VALUES (?, ?, ?, NULL, 1)',
    ).run(k.verifierKey, k.privateKey, k.createdAt);
    return true;
  });

  const enqueueTx = db.transaction((rows: readonly { tenantId: string; entry: string; createdAt: number }[]) =>
    rows.map((r) => Number(s().insOutbox.run(r.tenantId, r.entry, r.createdAt).lastInsertRowid)),
  );

  const readNode = (id: NodeId): Uint8Array => {
    const h = (id.level === 0 ? s().leafHash.get(id.index) : s().node.get(id.level, id.index)) as Buffer | undefined;
    if (h === undefined) throw new RangeError(`no perfect node (${id.level}, ${id.index}) in the ledger`);
    return new Uint8Array(h);
  };

  return {
    kind: 'sqlite',
    async migrate() {
      await busy(() => db.exec(SCHEMA));
    },
    async close() {
      db.close();
    },
    async state() {
      return readState();
    },
    async append(batch) {
      await busy(() => appendTx.immediate(batch));
    },
    async readNodes(ids) {
      return ids.map(readNode);
    },
    async scanNodes(level, from, limit) {
      const rows = (
        level === 0 ? s().scanLeafHashes.all(from, limit) : s().scanNodes.all(level, from, limit)
      ) as Buffer[];
      return rows.map((b) => new Uint8Array(b));
    },
    async readLeaves(from, limit) {
      return (s().leaves.all(from, limit) as Row[]).map(leafFromRow);
    },
    async findEvent(tenantId, eventId) {
      const r = s().event.get(tenantId, eventId) as Row | undefined;
      return r ? leafFromRow(r) : undefined;
    },
    async putCheckpoint(cp) {
      return busy(() => putCheckpointTx.immediate(cp));
    },
    async latestCheckpoint() {
      const r = s().latestCp.get() as Row | undefined;
      return r ? checkpointFromRow(r) : undefined;
    },
    async listCheckpoints(afterId, limit) {
      return (
        db.prepare('SELECT * FROM ledger_checkpoints WHERE id > ? ORDER BY id LIMIT ?').all(afterId, limit) as Row[]
      ).map(checkpointFromRow);
    },
    async keys() {
      return (db.prepare('SELECT * FROM ledger_keys ORDER BY created_at, rowid').all() as Row[]).map((r) => ({
        verifierKey: r.verifier_key as string,
        privateKey: r.private_key as string,
        createdAt: r.created_at as number,
        retiredAt: (r.retired_at as number | null) ?? null,
      }));
    },
    async addKey(key, opts = {}) {
      return busy(() => addKeyTx.immediate(key, opts.onlyIfNone === true));
    },
    async rewrapKey(verifierKey, privateKey) {
      await busy(() =>
        db.prepare('UPDATE ledger_keys SET private_key = ? WHERE verifier_key = ?').run(privateKey, verifierKey),
      );
    },
    async enqueue(rows) {
      return busy(() => enqueueTx.immediate(rows));
    },
    async readOutbox(limit) {
      return (s().outbox.all(limit) as Row[]).map((r) => ({
        id: r.id as number,
        tenantId: r.tenant_id as string,
        entry: r.entry as string,
      }));
    },
    async stillQueued(ids) {
      return ids.filter((id) => s().queued.get(id) !== undefined);
    },
  };
}

const isBusy = (e: unknown): boolean =>
  e instanceof Error && 'code' in e && (e.code === 'SQLITE_BUSY' || e.code === 'SQLITE_LOCKED');

/** Runs a write, retrying while another connection holds the lock, yielding between tries (≤ 15 s). */
async function retryBusy<T>(write: () => T): Promise<T> {
  const until = Date.now() + 15_000;
  for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
    try {
      return write();
    } catch (e) {
      if (!isBusy(e) || Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
