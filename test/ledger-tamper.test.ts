/**
 * Tamper test: change one stored decision row, or one ledger row, directly in the database; verify
 * (on the store, on an export, and through the CLI) must detect it and name the entry.
 */
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../src/kernel/index.ts';
import {
  LedgerService,
  exportLedger,
  exportSource,
  hashLeaf,
  parseVerifierKey,
  registerLedgerCommands,
  storeSource,
  verifyLedger,
  type LedgerStore,
  type NoteVerifier,
} from '../src/ledger/index.ts';
import type { Store } from '../src/store/index.ts';
import { openSqliteStore } from '../src/store/adapters.ts';
import { openSqliteLedgerStore } from '../src/ledger/adapters.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'zhili-tamper-'));
const file = join(dataDir, 'zhili.db');
let main: Store;
let ledger: LedgerStore;
let verifiers: NoteVerifier[];
let vkey: string;
let raw: Database.Database;

const decision = (i: number) => ({
  tenantId: i % 3 === 0 ? 'ten_b' : 'ten_a',
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

async function runCli(...args: string[]): Promise<{ out: string; code: number | undefined }> {
  const program = new Command().option('--data-dir <dir>').exitOverride();
  registerLedgerCommands(program, {
    open: async () => {
      const l = openSqliteLedgerStore(file);
      const m = openSqliteStore(file);
      return {
        ledger: l,
        main: m,
        keySecret: undefined,
        close: async () => void (await Promise.all([l.close(), m.close()])),
      };
    },
  });
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void lines.push(a.join(' ')));
  const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync(['node', 'zhili', '--data-dir', dataDir, 'ledger', ...args]);
    return { out: lines.join('\n'), code: process.exitCode as number | undefined };
  } finally {
    process.exitCode = before;
    log.mockRestore();
    err.mockRestore();
  }
}

const verifyStore = () => verifyLedger(storeSource(ledger, main), { verifiers, full: true });

beforeAll(async () => {
  main = openSqliteStore(file);
  ledger = openSqliteLedgerStore(file);
  await main.migrate();
  await ledger.migrate();
  await main.appendDecisions(Array.from({ length: 40 }, (_, i) => decision(i + 1)));
  const svc = new LedgerService({
    store: main,
    ledger,
    clock: fixedClock(5),
    batchSize: 16,
    masterKey: { key: randomBytes(32), id: 'test-kek' },
  });
  await svc.start();
  await svc.appendAudit({ tenantId: 'ten_a', action: 'ruleset.activate', actorId: 'usr_1', subjectId: 'v2', at: 6 });
  await svc.stop();
  vkey = (await svc.verifierKeys())[0]!.verifierKey;
  const p = parseVerifierKey(vkey);
  if (!p.ok) throw new Error(p.reason);
  verifiers = [p.verifier];
  raw = new Database(file);
});

afterAll(async () => {
  raw.close();
  await ledger.close();
  await main.close();
});

describe('tamper detection', () => {
  it('passes on an untouched ledger: store, export and CLI', async () => {
    const report = await verifyStore();
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, checked: 41, checkpoint: { size: 41 } });
    const dir = join(dataDir, 'export-clean');
    await exportLedger(ledger, dir, { main });
    expect((await verifyLedger(exportSource(dir), { verifiers, full: true })).ok).toBe(true);
    const cli = await runCli('verify', '--store', '--full', '--key', vkey);
    expect(cli.out).toMatch(/OK: the ledger verifies/);
    expect(cli.code).toBeUndefined();
  });

  it('names the entry and event when a decision row is changed after it was logged', async () => {
    const row = raw.prepare("SELECT decision FROM decisions WHERE event_id = 'evt-17'").get() as { decision: string };
    const forged = { ...JSON.parse(row.decision), outcome: 'block' };
    raw.prepare("UPDATE decisions SET decision = ? WHERE event_id = 'evt-17'").run(JSON.stringify(forged));
    try {
      const report = await verifyStore();
      expect(report.ok).toBe(false);
      expect(report.firstBad).toMatchObject({
        index: 16,
        eventId: 'evt-17',
        reason: expect.stringMatching(/no longer matches/),
      });
      // Offline, from an export taken after the change.
      const dir = join(dataDir, 'export-tampered');
      await exportLedger(ledger, dir, { main });
      const offline = await verifyLedger(exportSource(dir), { verifiers, full: true });
      expect(offline.firstBad).toMatchObject({ index: 16, eventId: 'evt-17' });
      const cli = await runCli('verify', '--dir', dir, '--full', '--key', vkey);
      expect(cli.code).toBe(2);
      expect(cli.out).toMatch(/first bad entry: 16 \(event evt-17\)/);
    } finally {
      raw.prepare("UPDATE decisions SET decision = ? WHERE event_id = 'evt-17'").run(row.decision);
    }
    expect((await verifyStore()).ok).toBe(true);
  });

  it('names the entry when a ledger row is edited, with or without its leaf hash', async () => {
    const row = raw.prepare('SELECT entry, leaf_hash FROM ledger_leaves WHERE idx = 30').get() as {
      entry: string;
      leaf_hash: Buffer;
    };
    const forged = row.entry.replace('"outcome":"allow"', '"outcome":"review"');
    expect(forged).not.toBe(row.entry);
    // 1. The entry only: its bytes no longer hash to the stored leaf hash.
    raw.prepare('UPDATE ledger_leaves SET entry = ? WHERE idx = 30').run(forged);
    let report = await verifyStore();
    expect(report.firstBad).toMatchObject({ index: 30, eventId: 'evt-31', reason: expect.stringMatching(/leaf hash/) });
    // 2. The entry and its leaf hash: the signed tree no longer contains it (its sibling's proof breaks too).
    raw.prepare('UPDATE ledger_leaves SET leaf_hash = ? WHERE idx = 30').run(Buffer.from(hashLeaf(forged)));
    report = await verifyStore();
    expect(report.ok).toBe(false);
    expect(report.firstBad?.index).toBe(30);
    expect(report.firstBad?.reason).toMatch(/not in the signed tree.*entries 30 and 31/);
    // Sampling finds it too when the sample covers it; the last entry is always checked.
    const sampled = await verifyLedger(storeSource(ledger, main), { verifiers, sample: 5, random: () => 30 / 41 });
    expect(sampled.firstBad?.index).toBe(30);
    raw.prepare('UPDATE ledger_leaves SET entry = ?, leaf_hash = ? WHERE idx = 30').run(row.entry, row.leaf_hash);
    expect((await verifyStore()).ok).toBe(true);
  });

  it('refuses a forged checkpoint and a log that was rewritten since the trusted checkpoint', async () => {
    const good = await verifyStore();
    const trusted = good.newState!;
    // Rewrite history consistently in the ledger tables (entry, leaf hash and every node above it), re-sign with a
    // key the auditor does not trust: the signature check fails. With the trusted key it would be a different tree.
    raw.prepare("UPDATE ledger_checkpoints SET note = replace(note, '\n41\n', '\n40\n')").run();
    const forged = await verifyStore();
    expect(forged.problems.join('\n')).toMatch(/checkpoint rejected/);
    raw.prepare("UPDATE ledger_checkpoints SET note = replace(note, '\n40\n', '\n41\n')").run();
    const shrunk = await verifyLedger(storeSource(ledger, main), { verifiers, trusted: { ...trusted, size: 50 } });
    expect(shrunk.problems.join('\n')).toMatch(/shrank/);
    const other = await verifyLedger(storeSource(ledger, main), { verifiers, trusted: { ...trusted, size: 20 } });
    expect(other.problems.join('\n')).toMatch(/not an extension/);
  });
});
