import { systemClock, type AuditSink } from '../kernel/index.ts';
import { LedgerService } from '../ledger/index.ts';
import { loadMasterKey } from '../parties/adapters.ts';
import type { Config } from './config.ts';
import { openStores, type Stores } from './stores.ts';
import { personalDataOf } from './personal-data.ts';
import { adoptClusterSecrets } from './cluster-secrets.ts';

/** Every store of the configured database, migrated, for a command-line command. */
export async function openCliStores(config: Config): Promise<Stores> {
  await adoptClusterSecrets(config);
  // A command is short-lived: no writer thread; it appends no decisions.
  const stores = openStores(config, { writerThread: false, personal: personalDataOf(config, () => systemClock.now()) });
  try {
    await stores.migrate();
  } catch (e) {
    await stores.close();
    throw e;
  }
  return stores;
}

/** The master key the ledger's signing key is wrapped under (ZHILI_MASTER_KEY or `<dataDir>/master.key`). */
export const ledgerMasterKey = (config: Config) =>
  loadMasterKey({ configured: config.masterKey, dataDir: config.dataDir });

/**
 * Operator actions taken from the command line go to the audit ledger like those over the API: a
 * ledger service that does not poll, appends on demand and signs a checkpoint when it closes.
 */
export async function ledgerAuditOn(
  stores: Stores,
  config: Config,
): Promise<{ sink: AuditSink; stop(): Promise<void> }> {
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
  return { sink: (e) => ledger.appendAudit(e), stop: () => ledger.stop() };
}
