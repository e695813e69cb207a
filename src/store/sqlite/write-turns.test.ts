import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decisionRecord } from '../decision-record.fixture.ts';
import type { DecisionRecord } from '../records.ts';
import { sqliteDriver } from '../sql-driver.ts';
import { openSqliteStore } from './sqlite-store.ts';
import { WriteTurns } from './write-turns.ts';
import type { Store } from '../port.ts';

const decision = (eventId: string): DecisionRecord => decisionRecord('ten_a', eventId);

const settledWithin = async (p: Promise<unknown>, ms: number): Promise<boolean> => {
  let settled = false;
  void p.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((r) => setTimeout(r, ms));
  return settled;
};

describe('WriteTurns: the writer thread and the background thread at SQLite’s lock', () => {
  const open: Store[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
  });

  it('holds a group commit on the real writer thread while a background transaction runs, and lets it go at once after', async () => {
    const turns = WriteTurns.create();
    const file = join(mkdtempSync(join(tmpdir(), 'zhili-turns-')), 'zhili.db');
    const store = openSqliteStore(file, { turns });
    open.push(store);
    await store.migrate();
    await store.appendDecisions([decision('warm')]); // the thread is started and idle

    turns.guestEnter(); // a background transaction is running
    const commit = store.appendDecisions([decision('e1')]);
    expect(await settledWithin(commit, 40)).toBe(false);
    const released = performance.now();
    turns.guestLeave();
    await commit;
    expect(performance.now() - released).toBeLessThan(30); // woken, not polled
    expect(turns.state).toEqual([false, false]);
    expect((await store.getDecision('ten_a', 'e1'))?.eventId).toBe('e1');
  });

  it('a group commit waits at most 100 ms for a background thread that never lets go (SQLite’s lock still decides)', async () => {
    const turns = WriteTurns.create();
    const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'zhili-turns-')), 'zhili.db'), { turns });
    open.push(store);
    await store.migrate();
    turns.guestEnter();
    const t0 = performance.now();
    await store.appendDecisions([decision('e2')]);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(90);
    turns.guestLeave();
  });

  it('the background side gives way while the writer wants the lock, for at most 100 ms, and not at all when it is idle', () => {
    const turns = WriteTurns.create();
    let t0 = performance.now();
    turns.asGuest(() => undefined);
    expect(performance.now() - t0).toBeLessThan(20);

    turns.writerEnter(); // the writer wants the lock (here on this thread, so it can never let go)
    t0 = performance.now();
    turns.asGuest(() => expect(turns.state).toEqual([true, true]));
    expect(performance.now() - t0).toBeGreaterThanOrEqual(90);
    turns.writerLeave();
    expect(turns.state).toEqual([false, false]);
  });

  it('a write inside a turn already held (a transaction that awaits) does not wait, and the turn ends with the outermost', () => {
    const turns = WriteTurns.create();
    turns.guestEnter();
    turns.writerEnter(); // the writer now waits for us; a nested write of ours must not wait for it
    const t0 = performance.now();
    turns.asGuest(() => undefined);
    expect(performance.now() - t0).toBeLessThan(20);
    expect(turns.state).toEqual([true, true]);
    turns.guestLeave();
    expect(turns.state).toEqual([true, false]);
    turns.writerLeave();
  });

  it('a background connection holds its turn from BEGIN to COMMIT, awaits included, and gives it back on failure', async () => {
    const turns = WriteTurns.create();
    const driver = sqliteDriver(join(mkdtempSync(join(tmpdir(), 'zhili-turns-')), 'zhili.db'), { turns });
    try {
      await driver.exec('CREATE TABLE t (x INTEGER)');
      const seen: boolean[] = [];
      await driver.tx(async (x) => {
        seen.push(turns.state[1]);
        await x.run('INSERT INTO t (x) VALUES (1)');
        await new Promise((r) => setImmediate(r));
        seen.push(turns.state[1]);
      });
      expect(seen).toEqual([true, true]);
      expect(turns.state).toEqual([false, false]);
      await expect(
        driver.tx(async () => {
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(turns.state).toEqual([false, false]);
      expect(await driver.all('SELECT x FROM t')).toEqual([{ x: 1 }]);
    } finally {
      await driver.close();
    }
  });
});
