import { Worker } from 'node:worker_threads';
import type { Config } from './config.ts';
import type { WatchedThread } from './process-metrics.ts';
import type { WriteTurns } from '../store/adapters.ts';

export interface Background {
  /** New decisions were committed: wake the ledger tailer (coalesced, at most every 20 ms). */
  notify(): void;
  stop(): Promise<void>;
  /** The thread itself, for its event-loop utilisation in /metrics. */
  readonly thread: WatchedThread;
}

/** Starts the background thread (see background-worker.ts) and waits until it has caught up. */
export async function startBackground(
  config: Config,
  turns: WriteTurns | undefined,
  onError: (e: unknown) => void,
): Promise<Background> {
  const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
    workerData: { entry: new URL('./background-worker.ts', import.meta.url).href, config, turns: turns?.buffer },
  });
  let stopped = false;
  await new Promise<void>((resolve, reject) => {
    const onMessage = (m: { ready?: true }) => {
      if (m.ready) {
        worker.off('message', onMessage);
        resolve();
      }
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
  worker.on('message', (m: { error?: string }) => {
    if (m.error) onError(new Error(m.error));
  });
  worker.on('error', (e) => onError(e));
  worker.on('exit', (code) => {
    if (!stopped) onError(new Error(`background thread exited (${code})`));
  });
  worker.unref();
  let pending = false;
  return {
    thread: worker,
    notify() {
      if (pending) return;
      pending = true;
      setTimeout(() => {
        pending = false;
        if (!stopped) worker.postMessage({ notify: true });
      }, 20).unref();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      worker.ref();
      await new Promise<void>((resolve) => {
        worker.on('message', (m: { stopped?: true }) => {
          if (m.stopped) resolve();
        });
        worker.once('exit', () => resolve());
        worker.postMessage({ stop: true });
      });
      await worker.terminate();
    },
  };
}
