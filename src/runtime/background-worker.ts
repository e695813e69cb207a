import { parentPort, workerData } from 'node:worker_threads';
import { CaseProjector } from '../cases/index.ts';
import { systemClock, systemIds } from '../kernel/index.ts';
import { LedgerService } from '../ledger/index.ts';
import type { Config } from './config.ts';
import { openStores } from './stores.ts';
import { tailerStore } from './tailers.ts';
import { personalDataOf } from './personal-data.ts';
import { loadMasterKey } from '../parties/adapters.ts';
import { WriteTurns } from '../store/adapters.ts';

/**
 * The background thread: it tails committed decisions into the audit ledger and into alerts and
 * cases, on its own database connections, so that this work never competes with requests on the main
 * thread. Both tailers keep their progress in their own tables and are safe next to another writer.
 */
const { config, turns } = workerData as { config: Config; turns?: SharedArrayBuffer };
const clock = systemClock;
// This thread's own connections: the main thread migrated the tables before starting it. Their writes
// wait for the writer thread's group commits (store/sqlite/write-turns.ts).
const stores = openStores(config, {
  writerThread: false,
  personal: personalDataOf(config, () => clock.now()),
  ...(turns ? { turns: { shared: new WriteTurns(turns), role: 'guest' as const } } : {}),
});
const { ledger: ledgerStore, cases: caseStore } = stores;
const tailed = tailerStore(stores); // sealed rows, each page read once for both
const ledger = new LedgerService({
  store: tailed,
  ledger: ledgerStore,
  clock,
  origin: config.ledgerOrigin,
  keySecret: config.ledgerKeySecret,
  masterKey: loadMasterKey({ configured: config.masterKey, dataDir: config.dataDir }),
  checkpointIntervalMs: config.ledgerCheckpointMs,
});
const projector = new CaseProjector({
  store: tailed,
  cases: caseStore,
  clock,
  ids: systemIds(),
  onError: (e) => parentPort?.postMessage({ error: e instanceof Error ? e.message : String(e) }),
});

await ledger.start();
await projector.catchUp();
projector.start();
parentPort?.postMessage({ ready: true });

parentPort?.on('message', (m: { notify?: true; stop?: true }) => {
  if (m.notify) {
    ledger.notify();
    projector.notify(); // now, not at its next poll: alerts come sooner and share the ledger's page
  }
  if (m.stop) {
    void (async () => {
      await projector.stop();
      await ledger.stop();
      await stores.close();
      parentPort?.postMessage({ stopped: true });
    })();
  }
});
