import { join } from 'node:path';
import type { Command } from 'commander';
import { createDisclosure, registerDisclosureCommands } from '../disclosure/index.ts';
import { openDisclosureStore } from '../disclosure/adapters.ts';
import { chinaCalendar, makeFxTable, systemClock, systemIds } from '../kernel/index.ts';
import { enqueueAudit, LedgerService } from '../ledger/index.ts';
import { fxTableData } from '../monitoring/index.ts';
import { createProtection } from '../protection/index.ts';
import { ledgerMasterKey, openCliStores } from '../runtime/index.ts';
import { cliAccess, cliOperator } from './auth.ts';
import { configFrom } from './global.ts';

/**
 * `zhili disclosure …` on the configured database: the same module as the server, with a ledger that
 * appends this command's audit entries at once (no poller) and verifies against the stored tree.
 */
export function registerDisclosure(program: Command): void {
  registerDisclosureCommands(program, {
    open: async (cmd) => {
      const config = configFrom(cmd);
      const stores = await openCliStores(config);
      const ledger = new LedgerService({
        store: stores.main,
        ledger: stores.ledger,
        clock: systemClock,
        origin: config.ledgerOrigin,
        keySecret: config.ledgerKeySecret,
        masterKey: ledgerMasterKey(config),
        poll: false,
      });
      await ledger.init();
      const sink = (e: Parameters<LedgerService['appendAudit']>[0]) => ledger.appendAudit(e);
      const access = cliAccess(stores, sink);
      const timeZoneOf = async (t: string) => (await stores.main.getTenant(t))?.timeZone ?? config.defaultTimeZone;
      const protection = createProtection({
        access,
        store: stores.complaints,
        master: ledgerMasterKey(config),
        clock: systemClock,
        ids: systemIds(),
        calendar: chinaCalendar(),
        timeZoneOf,
        audit: sink,
      });
      // The SQLite file the other stores use (runtime's sqliteFile), so the outbox rows reach this ledger.
      const url = config.databaseUrl;
      const store = openDisclosureStore(
        {
          databaseUrl: url,
          sqliteFile: url?.startsWith('sqlite:') ? url.slice('sqlite:'.length) : join(config.dataDir, 'zhili.db'),
        },
        enqueueAudit,
      );
      await store.migrate();
      const zones = new Map((await stores.main.listTenants()).map((t) => [t.id, t.timeZone]));
      const { disclosures } = createDisclosure({
        access,
        store,
        clock: systemClock,
        ids: systemIds(),
        timeZoneOf,
        scanDecisions: (after, limit) => stores.main.scanDecisions(after, limit),
        // Stored events were accepted when decided: read them in the tenant's zone, test currency included.
        eventContext: (t) => ({ timeZone: zones.get(t) ?? config.defaultTimeZone, acceptTestCurrency: true }),
        fx: makeFxTable(fxTableData(config.fxFile)),
        complaintStore: stores.complaints,
        complaintReports: protection.reports,
        ledger,
        tenants: { get: (id) => stores.main.getTenant(id), list: () => stores.main.listTenants() },
        settleAudit: () => ledger.catchUp(),
      });
      return {
        disclosures,
        async operator(tenant, as) {
          const p = await cliOperator(access, cmd, { tenant, as });
          return { id: p.userId, tenantId: p.tenantId, roles: p.roles };
        },
        async close() {
          await ledger.stop();
          await store.close();
          await stores.close();
        },
      };
    },
  });
}
