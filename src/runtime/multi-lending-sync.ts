/**
 * Pushing the platform's loans to the hub's multi-lending registry: each loan in the tenant's loan book
 * with its principal outstanding today (0: settled), under the borrower's identity number read from
 * the party record (an audited reveal). Loans whose borrower has no party record with an id number
 * cannot be registered and are counted as skipped.
 */
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf, requirePermission, type AccessService } from '../access/index.ts';
import type { LoanBookMemory } from '../credit/index.ts';
import { dayNumber, formatMoney, localDate, type Clock } from '../kernel/index.ts';
import { normaliseResidentId, type MultiLendingClient } from '../supervision/index.ts';

/** The registry's largest batch (MAX_LOANS_BATCH). */
const BATCH = 1000;

export interface LoanSyncDeps {
  client: MultiLendingClient;
  book: LoanBookMemory;
  clock: Clock;
  timeZoneOf: (tenantId: string) => Promise<string>;
  /** The borrower's identity number from the party record, read by `actorId` (audited); undefined: none. */
  idNumberOf: (tenantId: string, customerId: string, actorId: string) => Promise<string | undefined>;
}

export interface LoanSyncResult {
  registered: number;
  settled: number;
  skipped: number;
  /** Loans the registry did not take (stale or conflicting with what it holds). */
  refused: number;
}

export async function syncLoans(d: LoanSyncDeps, tenantId: string, actorId: string): Promise<LoanSyncResult> {
  const now = d.clock.now();
  const today = dayNumber(localDate(now, await d.timeZoneOf(tenantId)));
  const ids = new Map<string, string | undefined>();
  const reports = [];
  let skipped = 0;
  for (const l of d.book.balances(tenantId, today)) {
    if (!ids.has(l.customerId)) ids.set(l.customerId, await d.idNumberOf(tenantId, l.customerId, actorId));
    const idNumber = ids.get(l.customerId);
    // Only a resident identity number names the same person at every platform (not a passport's).
    if (!idNumber || !normaliseResidentId(idNumber).ok) {
      skipped++;
      continue;
    }
    reports.push({
      idNumber,
      // Loan ids are unique per tenant only; the reference the registry sees is an HMAC of this.
      loanId: `${tenantId}/${l.loanId}`,
      currency: l.currency,
      outstanding: formatMoney({ minor: l.balanceMinor, currency: l.currency }),
      status: l.balanceMinor > 0 ? ('outstanding' as const) : ('settled' as const),
      asOf: now,
    });
  }
  const r: LoanSyncResult = { registered: 0, settled: 0, skipped, refused: 0 };
  for (let i = 0; i < reports.length; i += BATCH) {
    const batch = reports.slice(i, i + BATCH);
    const results = await d.client.register(batch);
    results.forEach((x, k) => {
      if (x.outcome !== 'stored') r.refused++;
      else if (batch[k]!.status === 'settled') r.settled++;
      else r.registered++;
    });
  }
  return r;
}

const SyncResultSchema = Type.Object({
  registered: Type.Integer({ minimum: 0, description: 'Outstanding loans stored at the registry' }),
  settled: Type.Integer({ minimum: 0, description: 'Settled loans reported (the registry stops counting them)' }),
  skipped: Type.Integer({
    minimum: 0,
    description: 'Loans whose borrower has no party record with a resident identity number',
  }),
  refused: Type.Integer({ minimum: 0, description: 'Loans the registry refused as stale or conflicting' }),
});
const ErrorRef = Type.Ref('ErrorBody');

/** POST /v1/credit/external-sync: the tenant's loans pushed to the registry now. */
export const loanSyncRoutes: FastifyPluginAsyncTypebox<{ access: AccessService; sync: LoanSyncDeps }> = async (
  app,
  o,
) => {
  app.post(
    '/v1/credit/external-sync',
    {
      preHandler: requirePermission(o.access, 'events:write'),
      schema: {
        tags: ['credit'],
        summary: "Register the tenant's outstanding and settled loans at the multi-lending registry",
        description:
          'Each loan in the loan book with its principal outstanding today, under the borrower’s identity number from the party record (blinded; the hub never sees it). 将本平台贷款余额登记到多头借贷登记处（身份证号经盲化，枢纽不可见）。',
        response: { 200: SyncResultSchema, 401: ErrorRef, 403: ErrorRef, 503: ErrorRef },
      },
    },
    async (req) => {
      const p = principalOf(req);
      // The party records are read (and the reveals audited) in the caller's name, as elsewhere.
      return syncLoans(o.sync, p.tenantId, p.kind === 'apiKey' ? `key:${p.keyPrefix}` : p.userId);
    },
  );
};

/**
 * Pushes every tenant's loans every `everyMs` (ZHILI_LENDING_SYNC_MS), one round at a time; reveals are
 * audited as `system:multi-lending`. Returns how to stop it. In a cluster every node may push: the
 * registry keeps the newest balance per loan reference, so a repeat is harmless.
 */
export function startLoanSync(
  d: LoanSyncDeps,
  tenants: () => Promise<string[]>,
  everyMs: number,
  onError: (e: unknown) => void,
): () => void {
  let running = false;
  const round = async (): Promise<void> => {
    for (const tenantId of await tenants()) await syncLoans(d, tenantId, 'system:multi-lending');
  };
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    round()
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
