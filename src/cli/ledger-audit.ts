import type { AuditSink } from '../kernel/index.ts';
import { ledgerAuditOn, openCliStores, type Config, type Stores } from '../runtime/index.ts';

/** The stores of the configured database with an audit sink to its ledger; closing signs a checkpoint. */
export async function auditedStores(
  config: Config,
): Promise<{ stores: Stores; sink: AuditSink; close(): Promise<void> }> {
  const stores = await openCliStores(config);
  const audit = await ledgerAuditOn(stores, config).catch(async (e: unknown) => {
    await stores.close();
    throw e;
  });
  return {
    stores,
    sink: audit.sink,
    async close() {
      await audit.stop();
      await stores.close();
    },
  };
}
