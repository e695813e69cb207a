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

parentPort.on('message', (msg) => {
  if (msg.close) {
    db.close();
    parentPort.postMessage({ closed: true });
    return;
  }
  try {
    const duplicates = append(msg.rows, msg.keyRows);
    parentPort.postMessage({ id: msg.id, ok: true, duplicates });
  } catch (e) {
    parentPort.postMessage({ id: msg.id, ok: false, message: String(e && e.message), code: e && e.code });
  }
});
