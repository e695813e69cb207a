import { sharedPages } from '../monitoring/index.ts';
import type { Store } from '../store/index.ts';
import type { Stores } from './stores.ts';

/**
 * Where the commit log's tailers (the audit ledger, the case projector) read decisions: the log as
 * stored — personal fields stay sealed, since neither reads them (the DecisionCommitted contract holds
 * none), so tailing costs no key lookup or decryption — each full page read once for both (sharedPages).
 * A single decision (the ledger's proof by event id) is read from the main store.
 */
export function tailerStore(stores: Pick<Stores, 'commitLog' | 'main'>): Pick<Store, 'scanDecisions' | 'getDecision'> {
  return {
    scanDecisions: sharedPages((after, limit) => stores.commitLog.scanDecisions(after, limit)),
    getDecision: (tenantId, eventId) => stores.main.getDecision(tenantId, eventId),
  };
}
