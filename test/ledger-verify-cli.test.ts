/**
 * `zhili ledger verify`, run as the real command: by default it checks every entry (every entry since
 * the trusted checkpoint of --state), so one altered entry in a large ledger fails it; --sample is an
 * explicit choice and the report says only a sample was checked.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/kernel/index.ts';
import { LedgerService, hashLeaf } from '../src/ledger/index.ts';
import { openSqliteLedgerStore } from '../src/ledger/adapters.ts';
import { openSqliteStore } from '../src/store/adapters.ts';

const root = join(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'zhili-verify-cli-'));
const file = join(dataDir, 'zhili.db');
const stateFile = join(dataDir, 'trusted.json');
const masterKey = { key: randomBytes(32), id: 'test-kek' };

async function zhili(...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const r = await promisify(execFile)(
      process.execPath,
      [join(root, 'bin/zhili.js'), '--data-dir', dataDir, ...args],
      {
        cwd: root,
        env: { ...process.env, ZHILI_DATABASE_URL: '', ZHILI_DATA_DIR: '' },
      },
    );
    return { code: 0, out: r.stdout + r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout + x.stderr };
  }
}

const decision = (i: number) => ({
  tenantId: 'ten_a',
  eventId: `evt-${i}`,
  type: 'transfer',
  occurredAt: i,
  bodyHash: `${i}`.padStart(64, 'a'),
  event: { id: `evt-${i}` },
  decision: { eventId: `evt-${i}`, outcome: 'allow', score: i, reasons: [] },
  outcome: 'allow' as const,
  ruleSetVersion: 'v1',
  decidedAt: 1000 + i,
});

/** Commits decisions from..to-1 and appends them to the ledger with a signed checkpoint. */
async function grow(from: number, to: number): Promise<void> {
  const main = openSqliteStore(file);
  const ledger = openSqliteLedgerStore(file);
  await main.migrate();
  await ledger.migrate();
  await main.appendDecisions(Array.from({ length: to - from }, (_, i) => decision(from + i)));
  const svc = new LedgerService({ store: main, ledger, clock: fixedClock(5), masterKey, poll: false });
  await svc.start();
  await svc.stop();
  await ledger.close();
  await main.close();
}

/** Rewrites one ledger entry together with its stored leaf hash (an attacker with the database). */
function tamper(index: number): void {
  const db = new Database(file);
  const entry = db.prepare('SELECT entry FROM ledger_leaves WHERE idx = ?').pluck().get(index) as string;
  const forged = entry.replace('"outcome":"allow"', '"outcome":"block"');
  expect(forged).not.toBe(entry);
  db.prepare('UPDATE ledger_leaves SET entry = ?, leaf_hash = ? WHERE idx = ?').run(
    forged,
    Buffer.from(hashLeaf(forged)),
    index,
  );
  db.close();
}

beforeAll(async () => {
  await grow(1, 1501);
}, 120_000);

describe('zhili ledger verify', () => {
  it('checks every entry by default and fails on one altered entry in 1,500', async () => {
    const ok = await zhili('ledger', 'verify', '--store', '--state', stateFile);
    expect(ok.out).toContain('entries checked: 1500');
    expect(ok.code).toBe(0);

    await grow(1501, 2001);
    tamper(1800);
    const bad = await zhili('ledger', 'verify', '--store', '--state', stateFile);
    expect(bad.code).toBe(2);
    expect(bad.out).toContain('first bad entry: 1800');
    // Since the trusted checkpoint of 1,500 entries: the 500 new ones, all of them.
    expect(bad.out).toContain('entries 1500–1999 (all');
    expect(bad.out).toContain('FAILED');
  }, 120_000);

  it('finds an altered old entry with --full, and samples only when asked, saying so', async () => {
    tamper(700);
    const full = await zhili('ledger', 'verify', '--store', '--full');
    expect(full.code).toBe(2);
    expect(full.out).toContain('first bad entry: 700');

    const sampled = await zhili('ledger', 'verify', '--store', '--sample', '1');
    expect(sampled.out).toContain('a random sample only');
    expect(sampled.out).toMatch(/entries checked: 1\n/);
    expect((await zhili('ledger', 'verify', '--store', '--sample', 'x')).code).not.toBe(0);
  }, 120_000);
});
