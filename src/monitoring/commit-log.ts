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
