/**
 * Where the figures' inputs come from: loan events from the stored decisions (the truth the credit
 * module's loan book is rebuilt from), risk-reserve payouts from the complaint store, and complaint
 * statistics from the protection module's reports (its core/stats.ts).
 */
import { dayNumber, localDate } from '../kernel/index.ts';
import type { Repayment } from '../credit/index.ts';
import type { NormalizedEvent } from '../monitoring/index.ts';
import type { ComplaintReports, ComplaintStore } from '../protection/index.ts';
import type { StoredDecision } from '../store/index.ts';
import type { ComplaintFacts, LoanFact, PayoutFact } from './core/figures.ts';
import { LoanFacts } from './core/loan-facts.ts';

export interface DisclosureSources {
  loans(tenantId: string): Promise<{ loans: LoanFact[]; repayments: Repayment[] }>;
  payouts(tenantId: string, timeZone: string): Promise<PayoutFact[]>;
  complaints(tenantId: string, from: string, to: string): Promise<ComplaintFacts>;
}

const loanTypes = new Set(['loan_disbursement', 'loan_repayment']);

export function platformSources(o: {
  scanDecisions: (afterSeq: number, limit: number) => Promise<StoredDecision[]>;
  /** The event as the tenant's rule set sees it (time zone, FX), or undefined to skip it. */
  normalize: (tenantId: string, body: unknown) => NormalizedEvent | undefined;
  complaintStore: Pick<ComplaintStore, 'movements'>;
  complaintReports: Pick<ComplaintReports, 'statistics'>;
}): DisclosureSources {
  return {
    async loans(tenantId) {
      const facts = new LoanFacts();
      for (let after = 0; ;) {
        const page = await o.scanDecisions(after, 5000);
        if (page.length === 0) break;
        for (const d of page) {
          after = d.seq;
          if (d.tenantId !== tenantId || !loanTypes.has(d.type)) continue;
          const e = o.normalize(tenantId, d.event);
          if (e) facts.add(e);
        }
      }
      return facts.facts;
    },
    async payouts(tenantId, timeZone) {
      const rows = await o.complaintStore.movements(tenantId, { kind: 'payout' });
      return rows.map((m) => ({
        currency: m.currency,
        amountMinor: -m.amountMinor,
        day: dayNumber(localDate(m.at, timeZone)),
      }));
    },
    async complaints(tenantId, from, to) {
      // The reports' read permission, held by this module's own read of the statistics it publishes.
      const s = await o.complaintReports.statistics(
        { tenantId, actorId: 'system:disclosure', permissions: ['complaints:read'], approver: false },
        from,
        to,
      );
      return {
        received: s.received,
        resolved: (s.byState.communicated ?? 0) + (s.byState.closed ?? 0),
        byCategory: s.byCategory,
      };
    },
  };
}
