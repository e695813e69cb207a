/**
 * The hub's own audit ledger: what recording a hub action costs now that its ledger outbox row is
 * written in the action's transaction (baseline, same run: the hub_audit row alone, as before), and how
 * fast `zhili hub ledger-verify` checks the hub's ledger (entries/s, every entry re-derived from its row).
 * SQLite, and PostgreSQL when reachable. Prints JSON.
 * Run: node --import tsx bench/hub-audit.ts [actions=500]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { systemClock } from '../src/kernel/index.ts';
import { parseVerifierKey } from '../src/ledger/index.ts';
import { openHubStore } from '../src/supervision/adapters.ts';
import { hubLedgerService, verifyHubLedger, type HubStore } from '../src/supervision/index.ts';

const n = Number(process.argv[2] ?? 500);
const pgUrl = process.env.ZHILI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const quantile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round((s[Math.min(s.length - 1, Math.floor(p * s.length))] as number) * 100) / 100;
};

async function run(store: HubStore, raw: (sql: string, params: unknown[]) => Promise<unknown>) {
  await store.migrate();
  const row = (i: number) => ({
    actorId: 'sup_bench',
    action: 'platform.status.propose',
    subjectId: `plat_${i % 50}`,
    detail: '{"platformId":"plat_x","from":"licensed","to":"restricted"}',
    at: Date.now(),
  });
  const baseline: number[] = [];
  const withLedger: number[] = [];
  // Interleaved, so that load on the machine falls on both alike.
  for (let i = 0; i < n; i++) {
    const a = row(i);
    let t0 = performance.now();
    await raw('INSERT INTO hub_audit (actor_id, action, subject_id, detail, at) VALUES (?, ?, ?, ?, ?)', [
      'sup_baseline',
      a.action,
      a.subjectId,
      a.detail,
      a.at,
    ]);
    baseline.push(performance.now() - t0);
    t0 = performance.now();
    await store.audit(row(i));
    withLedger.push(performance.now() - t0);
  }
  // The baseline rows have no entries (they are the "before" case): drop them before verifying.
  await raw('DELETE FROM hub_audit WHERE actor_id = ?', ['sup_baseline']);
  const ledger = hubLedgerService({
    store,
    clock: systemClock,
    origin: 'bench.hub/audit',
    keySecret: 'bench secret 0123456789',
    pollMs: 50,
  });
  const t0 = performance.now();
  await ledger.start();
  const appendMs = performance.now() - t0;
  await ledger.stop();
  const verifiers = (await ledger.verifierKeys()).map((k) => {
    const p = parseVerifierKey(k.verifierKey);
    if (!p.ok) throw new Error(p.reason);
    return p.verifier;
  });
  const t1 = performance.now();
  const report = await verifyHubLedger(store, { verifiers, full: true, concurrency: 1 });
  const verifyMs = performance.now() - t1;
  return {
    dialect: store.dialect,
    actions: n,
    auditAloneMs: { p50: quantile(baseline, 0.5), p99: quantile(baseline, 0.99) },
    auditWithLedgerOutboxMs: { p50: quantile(withLedger, 0.5), p99: quantile(withLedger, 0.99) },
    ledgerAppendAndSignMs: Math.round(appendMs),
    verify: {
      ok: report.ok,
      entries: report.checked,
      ms: Math.round(verifyMs),
      entriesPerSecond: Math.round((report.checked / verifyMs) * 1000),
    },
  };
}

const out: unknown[] = [];
const dir = mkdtempSync(join(tmpdir(), 'zhili-hub-audit-bench-'));
{
  const store = openHubStore({ hubDir: dir });
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(join(dir, 'hub.db'));
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 10000');
  out.push(await run(store, async (sql, params) => db.prepare(sql).run(...params)));
  db.close();
  await store.close();
}
const schema = `hub_audit_bench_${process.pid}`;
const c = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 2000 });
try {
  await c.connect();
  const url = new URL(pgUrl);
  url.searchParams.set('schema', schema);
  const store = openHubStore({ hubDir: dir, databaseUrl: url.toString() });
  await store.migrate(); // creates the schema before this client's search_path points at it
  await c.query(`SET search_path TO ${schema}`);
  out.push(
    await run(store, (sql, params) => {
      let k = 0;
      return c.query(
        sql.replace(/\?/g, () => `$${++k}`),
        params,
      );
    }),
  );
  await store.close();
  await c.query(`DROP SCHEMA ${schema} CASCADE`);
} catch (e) {
  out.push({ dialect: 'postgres', skipped: String(e) });
} finally {
  await c.end().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify({ bench: 'hub-audit', results: out }, null, 2));
