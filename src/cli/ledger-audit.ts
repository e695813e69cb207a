import { systemClock, type AuditSink } from '../kernel/index.ts';
import { LedgerService, openLedgerStore } from '../ledger/index.ts';
import type { Config } from '../runtime/index.ts';
import { openStore } from '../store/index.ts';

/**
 * Operator actions taken from the command line go to the audit ledger like those over the API: a
 * ledger service that does not poll, appends on demand and signs a checkpoint when it closes.
 */
export async function ledgerAudit(config: Config): Promise<{ sink: AuditSink; close(): Promise<void> }> {
  const store = openStore(config);
  const ledgerStore = openLedgerStore(config);
  await ledgerStore.migrate();
  const ledger = new LedgerService({
    store,
    ledger: ledgerStore,
    clock: systemClock,
    origin: config.ledgerOrigin,
    keySecret: config.ledgerKeySecret,
    poll: false,
  });
  await ledger.init();
  return {
    sink: (e) => ledger.appendAudit(e),
    async close() {
      await ledger.stop();
      await ledgerStore.close();
      await store.close();
    },
  };
}
