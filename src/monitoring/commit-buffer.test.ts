import { describe, expect, it } from 'vitest';
import type { ZhiliError } from '../kernel/index.ts';
import type { AppendOptions, DecisionRecord, Store } from '../store/index.ts';
import { CommitBuffer, type CommitGate } from './commit-buffer.ts';

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

describe('group commit through a gate (cluster mode)', () => {
  /** The transaction a fake store hands to the gate: whatever runs on it is part of the group commit. */
  const tx = { query: async () => ({ rows: [] }) };

  it('checks the batch inside the commit transaction, stores what the gate admits, refuses the others with 503 and Retry-After, and names their tenants', async () => {
    const stored: string[] = [];
    const store = {
      // e2 was committed before (another node): reported as a duplicate, by its index in the batch.
      appendDecisions: async (batch: readonly DecisionRecord[], _keys?: unknown, options: AppendOptions = {}) => {
        const refused = options.inTx ? await options.inTx(tx) : new Set<number>();
        const admitted = batch.filter((_, i) => !refused.has(i));
        stored.push(...admitted.map((r) => r.eventId));
        return {
          duplicates: batch.flatMap((r, i) => (r.eventId === 'e2' ? [i] : [])),
          refused: [...refused].sort((a, b) => a - b),
        };
      },
    } as Pick<Store, 'appendDecisions'> as Store;
    const seen: unknown[] = [];
    const gate: CommitGate = {
      check: async (batch, t) => {
        seen.push(t);
        return new Set(batch.flatMap((r, i) => (r.eventId.startsWith('lost') ? [i] : [])));
      },
    };
    const rebuilt: string[][] = [];
    const failed: unknown[] = [];
    const buffer = new CommitBuffer(store, {
      maxBatch: 10,
      maxQueued: 10,
      gate,
      onFailure: (e) => failed.push(e),
      onRefused: (tenants) => rebuilt.push([...tenants].sort()),
    });
    const items: [string, string][] = [
      ['t1', 'e1'],
      ['t1', 'lost-1'],
      ['t2', 'e2'],
      ['t3', 'lost-2'],
      ['t2', 'e3'],
    ];
    const outcomes = await Promise.allSettled(
      items.map(([tenantId, eventId]) => {
        buffer.reserve();
        return buffer.enqueue({ tenantId, eventId } as DecisionRecord);
      }),
    );
    expect(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as ZhiliError).code))).toEqual([
      'stored',
      'ZHILI_E_PARTITION_UNAVAILABLE',
      'duplicate',
      'ZHILI_E_PARTITION_UNAVAILABLE',
      'stored',
    ]);
    const refusal = outcomes[1];
    expect(refusal?.status === 'rejected' && (refusal.reason as ZhiliError).retryAfterSeconds).toBe(1);
    expect(stored).toEqual(['e1', 'e2', 'e3']); // one transaction, the refused left out
    expect(seen).toEqual([tx]); // the gate ran once, on the commit's own transaction
    expect(rebuilt).toEqual([['t1', 't3']]); // only the tenants whose windows counted a refused decision
    expect(failed).toEqual([]);
  });

  it('fails the batch, fenced by nothing, when the store did not run the gate in its commit', async () => {
    const store = {
      appendDecisions: async () => ({ duplicates: [] }), // a decorator that dropped the gate
    } as Pick<Store, 'appendDecisions'> as Store;
    const failed: unknown[] = [];
    const buffer = new CommitBuffer(store, {
      maxBatch: 10,
      maxQueued: 10,
      gate: { check: async () => new Set() },
      onFailure: (e) => failed.push(e),
    });
    buffer.reserve();
    await expect(buffer.enqueue({ tenantId: 't1', eventId: 'e1' } as DecisionRecord)).rejects.toThrow('commit fence');
    expect(failed).toHaveLength(1);
  });

  it('fails every request of the batch when its commit fails after the gate admitted it, and names every tenant', async () => {
    const store = {
      appendDecisions: async (_batch: readonly DecisionRecord[], _keys?: unknown, options: AppendOptions = {}) => {
        await options.inTx?.(tx);
        throw new Error('connection lost');
      },
    } as Pick<Store, 'appendDecisions'> as Store;
    let checks = 0;
    const failedTenants: string[][] = [];
    const buffer = new CommitBuffer(store, {
      maxBatch: 10,
      maxQueued: 10,
      gate: { check: async () => (checks++, new Set()) },
      onFailure: (_e, tenants) => failedTenants.push([...tenants].sort()),
    });
    const outcomes = await Promise.allSettled(
      ['t1', 't2', 't1'].map((tenantId, i) => {
        buffer.reserve();
        return buffer.enqueue({ tenantId, eventId: `e${i}` } as DecisionRecord);
      }),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(checks).toBe(1);
    expect(failedTenants).toEqual([['t1', 't2']]);
  });
});
