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

/**
 * One read of the commit log for all the tailers of a thread: the audit ledger and the case projector
 * follow the same positions, and under load each full page was read and decoded twice. A full page never
 * changes (positions only grow, docs/decisions/0007), so it is served again while it is among the last
 * `keep` read. A short page ends at the log's end, which the next commit moves: it is never served again,
 * so a tailer that catches up after a commit always sees that commit.
 */
export function sharedPages(scan: Scan, o: { keep?: number } = {}): Scan {
  const keep = o.keep ?? 4;
  const pages = new Map<string, StoredDecision[]>();
  return async (after, limit) => {
    const key = `${after}:${limit}`;
    const hit = pages.get(key);
    if (hit) return hit;
    const rows = await scan(after, limit);
    if (rows.length < limit) return rows;
    pages.set(key, rows);
    for (const k of pages.keys()) {
      if (pages.size <= keep) break;
      pages.delete(k);
    }
    return rows;
  };
}
