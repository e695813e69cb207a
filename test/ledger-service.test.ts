import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../src/kernel/index.ts';
import {
  LedgerService,
  decisionEntry,
  encodeEntry,
  hashLeaf,
  openCheckpoint,
  parseVerifierKey,
  verifyConsistency,
  verifyInclusion,
  type LedgerStore,
} from '../src/ledger/index.ts';
import type { DecisionRecord, Store } from '../src/store/index.ts';
import { openSqliteStore, sqliteDriver } from '../src/store/adapters.ts';
import { openSqliteLedgerStore } from '../src/ledger/adapters.ts';

const decision = (i: number, tenantId = 'ten_a'): DecisionRecord => ({
  tenantId,
  eventId: `evt-${i}`,
  type: 'transfer',
  occurredAt: 1_764_000_000_000 + i,
  bodyHash: `${i}`.padStart(64, '0'),
  event: { id: `evt-${i}`, debtor: { name: '王五' } },
  decision: { eventId: `evt-${i}`, outcome: 'allow', score: i, reasons: [{ ruleId: 'r', message: `m${i}` }] },
  outcome: 'allow',
  ruleSetVersion: 'v1',
  decidedAt: 1_764_000_000_100 + i,
});

/** The master key the signing key is wrapped under (the server loads it from ZHILI_MASTER_KEY or master.key). */
const masterKey = { key: randomBytes(32), id: 'test-kek' };

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) await x.close();
});

function stores(file = join(mkdtempSync(join(tmpdir(), 'zhili-ledger-svc-')), 'zhili.db')) {
  const main = openSqliteStore(file);
  const ledger = openSqliteLedgerStore(file);
  open.push(main, ledger);
  return { file, main, ledger };
}

async function ready(main: Store, ledger: LedgerStore) {
  await main.migrate();
  await ledger.migrate();
}

describe('LedgerService', () => {
  it('records an operator action while another connection of this thread holds a transaction, without stalling it', async () => {
    const { file, main, ledger } = stores();
    await ready(main, ledger);
    const svc = new LedgerService({ store: main, ledger, clock: fixedClock(1), masterKey, poll: false });
    await svc.init();
    const other = sqliteDriver(file); // the cases and parties tables' connection
    open.push(other);
    const started = Date.now();
    let recorded: Promise<number> | undefined;
    await other.tx(async (x) => {
      await x.run('CREATE TABLE IF NOT EXISTS some_action (v TEXT)');
      await x.run('INSERT INTO some_action (v) VALUES (?)', ['a']);
      recorded = svc.appendAudit({ tenantId: 'ten_a', action: 'case.assign', actorId: 'usr_1', at: 1 });
      await new Promise((r) => setTimeout(r, 200)); // the transaction awaits, as a request's would
    });
    expect(await recorded).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await svc.latestCheckpoint())?.size).toBe(1);
  });

  it('appends committed decisions in commit order, interleaves operator actions, and proves them', async () => {
    const { main, ledger } = stores();
    await ready(main, ledger);
    await main.appendDecisions([decision(1), decision(2), decision(3, 'ten_b')]);
    const clock = fixedClock(1_000);
    const svc = new LedgerService({ store: main, ledger, clock, batchSize: 2, origin: 'test.zhili/audit', masterKey });
    await svc.start();
    expect(svc.lag()).toMatchObject({ size: 3, sourceSeq: 3, caughtUp: true, lagMs: 0, checkpointSize: 3 });

    const idx = await svc.appendAudit({ tenantId: 'ten_a', action: 'auth.login', actorId: 'usr_1', at: clock.now() });
    expect(idx).toBe(3);
    await main.appendDecisions([decision(4)]);
    svc.notify();
    await expect.poll(() => svc.lag().size, { timeout: 3000 }).toBe(5);

    // The entry of evt-4 (newer than the last checkpoint) is exactly the decision's hashes and ids, and it is proved against a signed checkpoint.
    const stored = await main.getDecision('ten_a', 'evt-4');
    const { row, checkpoint, proof } = await svc.proveEvent('ten_a', 'evt-4');
    expect(row.entry).toBe(encodeEntry(decisionEntry(stored!)));
    expect(row.entry).not.toContain('王五');
    const verifierKey = (await svc.verifierKeys())[0]!.verifierKey;
    const v = parseVerifierKey(verifierKey);
    const opened = openCheckpoint(checkpoint.note, v.ok ? [v.verifier] : [], 'test.zhili/audit');
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.checkpoint.size).toBe(5); // published on demand: evt-4 was newer than the last checkpoint
    expect(verifyInclusion(hashLeaf(row.entry), row.index, 5, proof, opened.checkpoint.rootHash)).toEqual({ ok: true });
    await expect(svc.proveEvent('ten_b', 'evt-4')).rejects.toMatchObject({ code: 'ZHILI_E_NOT_FOUND' });
    await expect(
      svc.appendAudit({ tenantId: 'ten_a', action: 'auth.login', actorId: 'Li Lei', at: 1 }),
    ).rejects.toThrow(/actorId/);
    await svc.stop();
  });

  it('resumes exactly where the ledger store says after a crash, with no gap and no duplicate', async () => {
    const { file, main, ledger } = stores();
    await ready(main, ledger);
    await main.appendDecisions(Array.from({ length: 10 }, (_, i) => decision(i)));
    const a = new LedgerService({ store: main, ledger, clock: fixedClock(1), batchSize: 4, masterKey });
    await a.init();
    await a.catchUp();
    const root1 = (await a.publishCheckpoint()).note;
    // "Crash": a new process over the same file; more decisions committed in between.
    await main.appendDecisions(Array.from({ length: 7 }, (_, i) => decision(100 + i)));
    const again = openSqliteLedgerStore(file);
    open.push(again);
    const b = new LedgerService({ store: main, ledger: again, clock: fixedClock(2), batchSize: 4, masterKey });
    await b.start();
    expect(await again.state()).toEqual({ size: 17, sourceSeq: 17 });
    const rows = await again.readLeaves(0, 100);
    expect(rows.map((r) => JSON.parse(r.entry).seq)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1));
    // The tree after the restart extends the one before.
    const vk = parseVerifierKey((await b.verifierKeys())[0]!.verifierKey);
    const v = vk.ok ? [vk.verifier] : [];
    const before = openCheckpoint(root1, v);
    const after = openCheckpoint((await b.latestCheckpoint())!.note, v);
    expect(before.ok && after.ok).toBe(true);
    if (!before.ok || !after.ok) return;
    const proof = await b.consistency(10, 17);
    expect(verifyConsistency(10, 17, proof, before.checkpoint.rootHash, after.checkpoint.rootHash)).toEqual({
      ok: true,
    });
    await b.stop();
  });

  it('publishes at the interval only when the size changed, and signs with a rotated key from then on', async () => {
    const { main, ledger } = stores();
    await ready(main, ledger);
    const clock = fixedClock(0);
    const svc = new LedgerService({
      store: main,
      ledger,
      clock,
      pollMs: 10,
      checkpointIntervalMs: 10_000,
      keySecret: 's3cret',
    });
    await svc.start();
    const first = await svc.latestCheckpoint();
    expect(first?.size).toBe(0);
    clock.advance(20_000);
    await new Promise((r) => setTimeout(r, 60));
    expect((await svc.latestCheckpoint())?.id).toBe(first?.id); // nothing new: no new checkpoint
    await main.appendDecisions([decision(1)]);
    svc.notify();
    await expect.poll(async () => (await svc.latestCheckpoint())?.size, { timeout: 3000 }).toBe(1);
    const oldKey = (await svc.verifierKeys())[0]!.verifierKey;
    const newKey = await svc.rotateKey();
    const keys = await svc.verifierKeys();
    expect(keys.map((k) => k.verifierKey)).toEqual([newKey, oldKey]);
    expect(keys[1]!.retiredAt).not.toBeNull();
    const note = (await svc.latestCheckpoint())!.note;
    const pn = parseVerifierKey(newKey);
    const po = parseVerifierKey(oldKey);
    expect(pn.ok && openCheckpoint(note, [pn.verifier]).ok).toBe(true);
    expect(po.ok && openCheckpoint(note, [po.verifier]).ok).toBe(false);
    // The stored private key is encrypted: a service without the secret cannot sign.
    expect((await ledger.keys()).every((k) => k.privateKey.startsWith('scrypt-aes256gcm:'))).toBe(true);
    await svc.stop();
    const other = new LedgerService({ store: main, ledger, clock, masterKey });
    await expect(other.init()).rejects.toThrow(/encrypted/);
  });
});
