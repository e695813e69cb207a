import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from './port.ts';
import { decisionRecord } from './decision-record.fixture.ts';
import type { DecisionRecord } from './records.ts';

/**
 * Two writers on one database (two pools, or two SQLite connections) and the commit-log reader.
 * `stall`, where the adapter can, makes writer A stop inside its transaction after its rows are
 * inserted (so holding the lower insert order) until `release`; `rawSeq` is that insert order.
 */
export interface TwoWriters {
  a: Store;
  b: Store;
  stall?: {
    /** Blocks the next `a.appendDecisions` that carries this key until release; resolves once A waits. */
    hold(piiKey: { tenantId: string; subject: string; keyId: string }): Promise<{
      waiting: () => Promise<void>;
      release: () => Promise<void>;
    }>;
    rawSeq(eventId: string): Promise<number>;
  };
  close(): Promise<void>;
}

const decision = (eventId: string): DecisionRecord => decisionRecord('ten_log', eventId);

/** Reads the commit log from `after` to its end, as the ledger tailer and the case projector do. */
async function tail(store: Store, after: number): Promise<{ ids: string[]; seqs: number[] }> {
  const ids: string[] = [];
  const seqs: number[] = [];
  for (let cursor = after; ;) {
    const page = await store.scanDecisions(cursor, 7);
    if (page.length === 0) return { ids, seqs };
    for (const d of page) {
      ids.push(d.eventId);
      seqs.push(d.seq);
      cursor = d.seq;
    }
  }
}

export function commitLogContract(name: string, open: () => Promise<TwoWriters>): void {
  describe(`Commit log contract: ${name}`, () => {
    let w: TwoWriters;
    beforeAll(async () => {
      w = await open();
    });
    afterAll(async () => {
      await w.close();
    });

    it('a reader tailing two concurrent writers reads every decision exactly once, in commit order', async () => {
      const read: string[] = [];
      const seqs: number[] = [];
      let cursor = 0;
      let writing = true;
      const write = async (s: Store, prefix: string): Promise<void> => {
        for (let i = 0; i < 25; i++) {
          await s.appendDecisions(Array.from({ length: 4 }, (_, j) => decision(`${prefix}-${i}-${j}`)));
        }
      };
      const reader = (async () => {
        while (writing) {
          const got = await tail(w.a, cursor);
          read.push(...got.ids);
          seqs.push(...got.seqs);
          cursor = seqs.at(-1) ?? cursor;
          await new Promise<void>((r) => setImmediate(r));
        }
      })();
      await Promise.all([write(w.a, 'a'), write(w.b, 'b')]);
      writing = false;
      await reader;
      const rest = await tail(w.b, cursor);
      read.push(...rest.ids);
      seqs.push(...rest.seqs);

      expect(read).toHaveLength(200);
      expect(new Set(read).size).toBe(200);
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]!);
      expect((await tail(w.b, 0)).ids).toEqual(read);
    });

    it('never skips a decision whose writer began first and committed last', async (ctx) => {
      if (!w.stall) return ctx.skip(); // one writer at a time: the interleaving cannot happen
      const start = (await tail(w.a, 0)).seqs.at(-1) ?? 0;
      const key = { tenantId: 'ten_log', subject: 'P-slow', keyId: 'k1' };
      const held = await w.stall.hold(key);
      const slow = w.a.appendDecisions([decision('slow')], [{ ...key, wrapped: 'w', createdAt: 1 }]);
      await held.waiting();
      await w.b.appendDecisions([decision('fast')]);

      const first = await tail(w.a, start);
      expect(first.ids).toEqual(['fast']);
      await held.release();
      expect(await slow).toEqual({ duplicates: [] });
      const second = await tail(w.a, first.seqs[0]!);
      expect(second.ids).toEqual(['slow']);

      // The slow writer inserted first (lower insert order) yet is read after: positions follow commits.
      expect(await w.stall.rawSeq('slow')).toBeLessThan(await w.stall.rawSeq('fast'));
      expect(second.seqs[0]).toBeGreaterThan(first.seqs[0]!);
      expect((await w.a.getDecision('ten_log', 'slow'))?.seq).toBe(second.seqs[0]);
    });
  });
}
