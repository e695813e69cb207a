import { describe, expect, it } from 'vitest';
import type { StoredDecision } from '../store/index.ts';
import { sharedPages } from './commit-log.ts';

const row = (seq: number): StoredDecision => ({
  seq,
  tenantId: 't',
  eventId: `e${seq}`,
  type: 'transfer',
  occurredAt: 0,
  bodyHash: 'h',
  event: {},
  decision: {},
  outcome: 'allow',
  ruleSetVersion: 'v',
  decidedAt: 0,
});

/** A commit log of `size` rows that counts the reads reaching it. */
function log(size: { n: number }) {
  const reads: string[] = [];
  const scan = async (after: number, limit: number) => {
    reads.push(`${after}:${limit}`);
    const out: StoredDecision[] = [];
    for (let s = after + 1; s <= size.n && out.length < limit; s++) out.push(row(s));
    return out;
  };
  return { reads, scan };
}

describe('sharedPages: one read of the commit log for the tailers of a thread', () => {
  it('reads a full page once, however many tailers ask for it', async () => {
    const { reads, scan } = log({ n: 100 });
    const shared = sharedPages(scan);
    const a = await shared(0, 10);
    const b = await shared(0, 10);
    expect(b).toEqual(a);
    expect(reads).toEqual(['0:10']);
  });

  it('never serves a short page (the end of the log) again: a commit after it is always seen', async () => {
    const size = { n: 5 };
    const { reads, scan } = log(size);
    const shared = sharedPages(scan);
    expect((await shared(0, 10)).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    size.n = 7; // a commit
    expect((await shared(0, 10)).map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(reads).toEqual(['0:10', '0:10']);
  });

  it('keys pages by position and size, and keeps only the last few', async () => {
    const { reads, scan } = log({ n: 100 });
    const shared = sharedPages(scan, { keep: 2 });
    await shared(0, 10);
    await shared(0, 20);
    await shared(10, 10);
    await shared(0, 20); // still kept
    await shared(0, 10); // pushed out by the two after it
    expect(reads).toEqual(['0:10', '0:20', '10:10', '0:10']);
  });

  it('keeps no failed read: the next one asks the store again', async () => {
    let fail = true;
    const reads: number[] = [];
    const shared = sharedPages(async (after) => {
      reads.push(after);
      if (fail) throw new Error('database is locked');
      return [row(after + 1)];
    });
    await expect(shared(0, 1)).rejects.toThrow('database is locked');
    fail = false;
    expect((await shared(0, 1)).map((r) => r.seq)).toEqual([1]);
    expect(reads).toEqual([0, 0]);
  });
});
