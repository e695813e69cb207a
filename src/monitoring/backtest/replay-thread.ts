import { Worker } from 'node:worker_threads';
import type { NormalizedEvent } from '../core/normalize.ts';
import type { CompiledRuleSet } from '../core/rules/compiled.ts';
import type { Labels } from '../importers/index.ts';
import type { BacktestReport, ReportInput } from './report.ts';
import type { FromWorker, ToWorker } from './replay-worker.ts';

/** Events per message: small enough that posting one never holds the decision API up for long. */
const BATCH = 4096;
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Replays `events` (in event-time order) and builds the report in a worker thread of its own, so a
 * large backtest never competes with decisions for the main thread. The main thread only posts the
 * events, a batch per turn of its event loop; `onProgress` hears how many the worker has replayed.
 */
export async function replayInThread(
  rs: CompiledRuleSet,
  events: readonly NormalizedEvent[],
  report: { labels: Labels | undefined; data: ReportInput['data'] },
  onProgress: (done: number) => void,
): Promise<BacktestReport> {
  // The one bootstrap of TypeScript worker threads (the runtime's background thread uses it too).
  const worker = new Worker(new URL('../../runtime/worker-boot.mjs', import.meta.url), {
    workerData: { entry: new URL('./replay-worker.ts', import.meta.url).href },
    // A larger young generation: a replay allocates short-lived decisions fast, and scavenges were
    // about a tenth of its time (AMLSim, aml-typologies: ~8 % more events per CPU second).
    resourceLimits: { maxYoungGenerationSizeMb: 96 },
  });
  try {
    const done = new Promise<BacktestReport>((resolve, reject) => {
      worker.on('message', (m: FromWorker) => {
        if ('progress' in m) onProgress(m.progress);
        else if ('result' in m) resolve(m.result);
        else reject(new Error(`backtest thread failed: ${m.error}`));
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`backtest thread exited (${code})`)));
    });
    done.catch(() => undefined); // awaited below; a failure while posting must not go unobserved
    const post = (m: ToWorker): void => worker.postMessage(m);
    post({ start: { doc: rs.spec, timeZone: rs.timeZone, total: events.length } });
    for (let i = 0; i < events.length; i += BATCH) {
      post({ events: events.slice(i, i + BATCH) });
      await yieldToLoop();
    }
    post({ end: report });
    return await done;
  } finally {
    void worker.terminate();
  }
}
