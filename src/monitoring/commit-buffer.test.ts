import { describe, expect, it } from 'vitest';
import type { DecisionRecord, Store } from '../store/index.ts';
import { CommitBuffer } from './commit-buffer.ts';

/** A store whose group commits finish only when the test says so; it keeps what it was given. */
function slowStore() {
  const stored: string[] = [];
  const waiting: (() => void)[] = [];
  const store = {
    appendDecisions: (batch: readonly DecisionRecord[]) =>
      new Promise<{ duplicates: number[] }>((resolve) =>
        waiting.push(() => {
          stored.push(...batch.map((r) => r.eventId));
          resolve({ duplicates: [] });
        }),
      ),
  } as Pick<Store, 'appendDecisions'> as Store;
  const commitOne = async () => {
    for (let i = 0; i < 50 && waiting.length === 0; i++) await new Promise((r) => setImmediate(r));
    waiting.shift()?.();
  };
  return { store, stored, commitOne };
}

const record = (eventId: string) => ({ eventId }) as DecisionRecord;

describe('bounded group commit', () => {
  it('refuses room above its bound, and stores every admitted decision exactly once', async () => {
    const { store, stored, commitOne } = slowStore();
    const buffer = new CommitBuffer(store, { maxBatch: 2, maxQueued: 3, onFailure: () => undefined });
    const outcomes: Promise<string>[] = [];
    const admit = (id: string): boolean => {
      if (!buffer.reserve()) return false;
      outcomes.push(buffer.enqueue(record(id)));
      return true;
    };
    // Three fit; the fourth is refused before it is decided.
    expect(['a', 'b', 'c', 'd'].map(admit)).toEqual([true, true, true, false]);
    await commitOne(); // a and b are being written: their room is free again once the batch leaves the queue
    expect(admit('e')).toBe(true);
    expect(admit('f')).toBe(true);
    expect(admit('g')).toBe(false);
    expect(buffer.reserve()).toBe(false); // still full: c, e and f wait
    for (let i = 0; i < 3; i++) await commitOne();
    expect(await Promise.all(outcomes)).toEqual(Array(5).fill('stored'));
    // A reservation given back (the event was a replay, or its decision failed) frees its room.
    expect(buffer.reserve()).toBe(true);
    buffer.unreserve();
    expect([buffer.reserve(), buffer.reserve(), buffer.reserve(), buffer.reserve()]).toEqual([true, true, true, false]);
    expect(stored.sort()).toEqual(['a', 'b', 'c', 'e', 'f']);
  });
});
