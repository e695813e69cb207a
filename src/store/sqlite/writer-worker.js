// The SQLite writer thread: group commits of decisions run here, so their inserts and fsync overlap
// with HTTP and rule work on the main thread. Plain JavaScript so that it starts without a TS loader.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const db = new Database(workerData.file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');
const insert = db.prepare(
  `INSERT INTO decisions (tenant_id, event_id, type, occurred_at, body_hash, event, decision, outcome, rule_set_version, decided_at)
   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, event_id) DO NOTHING`,
);
// The data keys of the batch's sealed personal fields commit with it (see src/store/personal/).
const insertKey = db.prepare(
  'INSERT INTO pii_keys (tenant_id, subject, key_id, wrapped, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
);
const append = db.transaction((rows, keyRows) => {
  for (const k of keyRows ?? []) insertKey.run(k);
  // A key already committed (or earlier in the batch) is reported, not fatal: the caller replays it.
  const duplicates = [];
  rows.forEach((r, i) => {
    if (insert.run(r).changes === 0) duplicates.push(i);
  });
  return duplicates;
});

// Turns at the write lock with the background thread (the writer's side of write-turns.ts, which says why):
// flag 0 is ours, flag 1 the background thread's; a wait gives up after 100 ms, SQLite's lock still decides.
const turns = workerData.turns ? new Int32Array(workerData.turns, 0, 2) : undefined;
function inTurn(write) {
  if (!turns) return write();
  Atomics.store(turns, 0, 1);
  const until = performance.now() + 100;
  for (;;) {
    const left = until - performance.now();
    if (Atomics.load(turns, 1) === 0 || left <= 0) break;
    Atomics.wait(turns, 1, 1, left);
  }
  try {
    return write();
  } finally {
    Atomics.store(turns, 0, 0);
    Atomics.notify(turns, 0);
  }
}

parentPort.on('message', (msg) => {
  if (msg.close) {
    db.close();
    parentPort.postMessage({ closed: true });
    return;
  }
  try {
    const duplicates = inTurn(() => append(msg.rows, msg.keyRows));
    parentPort.postMessage({ id: msg.id, ok: true, duplicates });
  } catch (e) {
    parentPort.postMessage({ id: msg.id, ok: false, message: String(e && e.message), code: e && e.code });
  }
});
