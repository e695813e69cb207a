import type { AccessService } from '../access/index.ts';
import type { AuditSink, Clock, Ids } from '../kernel/index.ts';
import type { ScreeningService } from '../screening/index.ts';
import { loadMasterKey, type MasterKey } from './crypto/master-key.ts';
import type { PartiesRoutesOptions } from './routes.ts';
import { PartyService } from './service.ts';
import { openPartyStore } from './storage/open.ts';
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
  partyStore?: PartyStore;
  databaseUrl?: string | undefined;
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
}): Promise<PartiesModule> {
  const dataDir = o.dataDir ?? './data';
  const store = o.partyStore ?? openPartyStore({ databaseUrl: o.databaseUrl, dataDir });
  await store.migrate();
  const master = loadMasterKey({ dataDir, ...(o.env ? { env: o.env } : {}) });
  const parties = new PartyService({
    store,
    master,
    clock: o.clock,
    ids: o.ids,
    screening: o.screening,
    audit: o.audit,
  });
  return {
    store,
    parties,
    master: { id: master.id, source: master.source },
    routes: { access: o.access, parties },
    close: () => store.close(),
  };
}
