import type { FastifyInstance } from 'fastify';
import type { AccessService } from '../access/index.ts';
import { CreditTrainingJobs, creditModule, type CreditStore } from '../credit/index.ts';
import { workerTrainRunner } from '../credit/adapters.ts';
import type { AuditSink, Clock, Ids } from '../kernel/index.ts';
import type { PartiesModule } from '../parties/index.ts';
import type { Config } from './config.ts';
import { lprTableOf } from './lpr-table.ts';
import { externalCheckRoutes, openMultiLending } from './multi-lending.ts';
import { loanSyncRoutes, startLoanSync } from './multi-lending-sync.ts';
import { partyFactsFrom } from './party-facts.ts';

/**
 * The credit side of the platform, wired in one place: scorecards and the loan book in memory for the
 * decision path, scorecard training jobs, and (when configured) the private multi-lending check at the
 * hub, whose cache `credit.external.*` reads, with the platform's loans synced to it.
 */
export function openCreditSide(d: { config: Config; clock: Clock; ids: Ids; store: CreditStore; audit: AuditSink }) {
  const { config, clock, ids } = d;
  const lending = openMultiLending(config, clock, ids);
  const lpr = lprTableOf(config.lprFile);
  const credit = creditModule({
    store: d.store,
    clock,
    audit: d.audit,
    ...(lending ? { external: lending.cache.lookup } : {}),
    ...(lpr ? { lpr } : {}),
  });
  const jobs = new CreditTrainingJobs({
    clock,
    ids,
    audit: d.audit,
    runner: workerTrainRunner(),
    scorecards: credit.lifecycle,
    loanBook: credit.book,
  });
  return {
    credit,
    jobs,
    /**
     * The multi-lending routes (the check, the loan sync) and the sync timer (ZHILI_LENDING_SYNC_MS),
     * when the check is configured; gives what stops the timer.
     */
    async register(
      server: FastifyInstance,
      r: {
        access: AccessService;
        timeZoneOf: (tenantId: string) => Promise<string>;
        parties: () => PartiesModule | undefined;
        tenantIds: () => Promise<string[]>;
      },
    ): Promise<() => void> {
      if (!lending) return () => undefined;
      await server.register(externalCheckRoutes, { access: r.access, lending });
      const facts = partyFactsFrom(r.parties);
      const sync = {
        client: lending.client,
        book: credit.book,
        clock,
        timeZoneOf: r.timeZoneOf,
        idNumberOf: async (tenantId: string, customerId: string, actorId: string) =>
          (await facts(tenantId, customerId, actorId))?.idNumber,
      };
      await server.register(loanSyncRoutes, { access: r.access, sync });
      if (config.lendingSyncMs === undefined) return () => undefined;
      return startLoanSync(sync, r.tenantIds, config.lendingSyncMs, (e) => server.log.error(e));
    },
  };
}
