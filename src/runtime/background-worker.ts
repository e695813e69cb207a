import { parentPort, workerData } from 'node:worker_threads';
import { CaseProjector, openCaseStore } from '../cases/index.ts';
import { systemClock, systemIds } from '../kernel/index.ts';
import { LedgerService, openLedgerStore } from '../ledger/index.ts';
import { openStore } from '../store/index.ts';
import type { Config } from './config.ts';

/**
 * The background thread: it tails committed decisions into the audit ledger and into alerts and
 * cases, on its own database connections, so that this work never competes with requests on the main
 * thread. Both tailers keep their progress in their own tables and are safe next to another writer.
 */
const config = (workerData as { config: Config }).config;
const clock = systemClock;
const store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const ledgerStore = openLedgerStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const caseStore = openCaseStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const ledger = new LedgerService({
  store,
  ledger: ledgerStore,
  clock,
  origin: config.ledgerOrigin,
  keySecret: config.ledgerKeySecret,
  checkpointIntervalMs: config.ledgerCheckpointMs,
});
const projector = new CaseProjector({
  store,
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
  if (m.notify) ledger.notify();
  if (m.stop) {
    void (async () => {
      await projector.stop();
      await ledger.stop();
      await Promise.all([caseStore.close(), ledgerStore.close(), store.close()]);
      parentPort?.postMessage({ stopped: true });
    })();
  }
});
