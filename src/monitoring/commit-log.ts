import type { Store, StoredDecision } from '../store/index.ts';
import { decisionCommitted, type DecisionCommitted } from './contracts.ts';

/**
 * The one reader of the commit log, for every module that follows it (the audit ledger, the case
 * projector, webhooks). A consumer keeps the position of the last decision it handled and asks for what
 * comes after; positions grow in commit order on every store (docs/decisions/0007-commit-position.md),
 * so a cursor never skips a decision that another node committed late.
 */
export interface CommitLogReader {
  /** Up to `limit` decisions after position `after`, in commit order, as the `DecisionCommitted` contract. */
  read(after: number, limit: number): Promise<DecisionCommitted[]>;
  /**
   * The same rows as stored, contract or not: for the audit ledger, which must record every committed
   * row as it is (a row that breaks the contract is evidence, not a reason to stop).
   */
  readRows(after: number, limit: number): Promise<StoredDecision[]>;
}

export function commitLogReader(store: Pick<Store, 'scanDecisions'>): CommitLogReader {
  return {
    read: async (after, limit) => (await store.scanDecisions(after, limit)).map(decisionCommitted),
    readRows: (after, limit) => store.scanDecisions(after, limit),
  };
}

type Scan = Store['scanDecisions'];

interface Page {
  at: number;
  limit: number;
  rows: Promise<StoredDecision[]>;
}

/**
 * One read of the commit log for all the tailers of a thread: the audit ledger and the case projector
 * follow the same positions a few milliseconds apart, and each page was read and decoded twice. A full
 * page never changes (positions only grow, docs/decisions/0007), so it is served again while it is among
 * the last `keep` read; a short one ends at the log's end, which moves, so it is served again only
 * within `freshMs`: the second tailer then sees the log as the first did a moment earlier, and the next
 * commit's notice brings it the rest.
 */
export function sharedPages(scan: Scan, o: { now: () => number; freshMs?: number; keep?: number }): Scan {
  const freshMs = o.freshMs ?? 50;
  const keep = o.keep ?? 4;
  const pages = new Map<string, Page>();
  const read = (key: string, after: number, limit: number): Promise<StoredDecision[]> => {
    const page: Page = { at: o.now(), limit, rows: scan(after, limit) };
    pages.delete(key);
    pages.set(key, page);
    for (const k of pages.keys()) {
      if (pages.size <= keep) break;
      pages.delete(k);
    }
    // A failed read is dropped: whoever asks next asks the store again.
    page.rows.catch(() => {
      if (pages.get(key) === page) pages.delete(key);
    });
    return page.rows;
  };
  return async (after, limit) => {
    const key = `${after}:${limit}`;
    const hit = pages.get(key);
    if (!hit) return read(key, after, limit);
    const asked = o.now();
    const rows = await hit.rows;
    return rows.length >= hit.limit || asked - hit.at <= freshMs ? rows : read(key, after, limit);
  };
}
