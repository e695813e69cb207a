import type { NormalizedEvent } from '../monitoring/index.ts';
import type { StoredDecision } from '../store/index.ts';
import type { LoanBookMemory } from './book.ts';
import { recordLoanEvent } from './decision-port.ts';

const loanTypes = new Set(['loan_disbursement', 'loan_repayment']);

/**
 * Rebuilds the loan book from every stored decision on a loan event, in commit order (the decisions
 * store is the truth; the book in memory is derived from it). `normalize` gives the event as the
 * tenant's rule set sees it, or undefined to skip it.
 */
export async function rebuildLoanBook(
  scan: (afterSeq: number, limit: number) => Promise<StoredDecision[]>,
  normalize: (tenantId: string, body: unknown) => NormalizedEvent | undefined,
  book: LoanBookMemory,
): Promise<number> {
  let after = 0;
  let n = 0;
  for (;;) {
    const page = await scan(after, 5000);
    if (page.length === 0) return n;
    for (const d of page) {
      after = d.seq;
      if (!loanTypes.has(d.type)) continue;
      const e = normalize(d.tenantId, d.event);
      if (!e) continue;
      recordLoanEvent(book, d.tenantId, e);
      n++;
    }
  }
}
