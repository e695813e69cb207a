import type { AccessService } from '../access/index.ts';
import type { AuditSink, Clock, Ids } from '../kernel/index.ts';
import type { ScreeningService } from '../screening/index.ts';
import type { MasterKey } from './crypto/master-key.ts';
import type { PartiesRoutesOptions } from './routes.ts';
import { PartyService } from './service.ts';
import type { PartyStore } from './storage/port.ts';

export interface PartiesModule {
  store: PartyStore;
  parties: PartyService;
  master: Pick<MasterKey, 'id' | 'source'>;
  /** Options for `app.register(partiesRoutes, …)`. */
  routes: PartiesRoutesOptions;
  close(): Promise<void>;
}

/**
 * Wires the parties module: its tables next to the main store's, the master key (ZHILI_MASTER_KEY or
 * `<dataDir>/master.key`, see crypto/master-key.ts), screening on write and the audit sink for reveals.
 */
export async function createParties(o: {
  access: AccessService;
  clock: Clock;
  ids: Ids;
  screening?: ScreeningService;
  audit?: AuditSink;
  /** The party tables and the key-encryption key, from the composition root. */
  partyStore: PartyStore;
  master: MasterKey;
  /** Erases the party's personal data in events and reports when the party is erased. */
  eraseElsewhere?: (tenantId: string, subjects: readonly string[]) => Promise<unknown>;
  /** After a write queued its audit in its own transaction: move it into the ledger now. */
  settleAudit?: () => Promise<unknown>;
}): Promise<PartiesModule> {
  const store = o.partyStore;
  await store.migrate();
  const master = o.master;
  const parties = new PartyService({
    store,
    master,
    clock: o.clock,
    ids: o.ids,
    screening: o.screening,
    audit: o.audit,
    ...(o.eraseElsewhere ? { eraseElsewhere: o.eraseElsewhere } : {}),
    ...(o.settleAudit ? { settleAudit: o.settleAudit } : {}),
  });
  return {
    store,
    parties,
    master: { id: master.id, source: master.source },
    routes: { access: o.access, parties },
    close: () => store.close(),
  };
}
