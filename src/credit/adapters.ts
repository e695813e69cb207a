/** Adapters of the credit module, for the composition root (src/runtime/) only. */
export { sqlCreditStore, type CreditStore } from './store.ts';
import { Worker } from 'node:worker_threads';
import { ZhiliError, type ErrorCode } from '../kernel/index.ts';
import type { TrainResult } from './core/train.ts';
import type { TrainRunner } from './service.ts';

type Message =
  | { progress: { step: Parameters<Parameters<TrainRunner>[2]>[0]; done: number; total: number } }
  | { result: TrainResult }
  | { error: { code: ErrorCode; message: string; messageZh: string; pointer?: string; internal: string } };

/**
 * Trains each scorecard in a worker thread of its own, so a large training set never stalls the
 * decision API; the result is bit-for-bit the in-process one (same code, same seed, same start time).
 */
export function workerTrainRunner(): TrainRunner {
  return (request, now, onProgress) =>
    new Promise<TrainResult>((resolve, reject) => {
      // The one bootstrap of TypeScript worker threads (the runtime's background thread uses it too).
      const worker = new Worker(new URL('../runtime/worker-boot.mjs', import.meta.url), {
        workerData: { entry: new URL('./train-worker.ts', import.meta.url).href, request, now },
      });
      let settled = false;
      const settle = (f: () => void): void => {
        if (settled) return;
        settled = true;
        f();
        void worker.terminate();
      };
      worker.on('message', (m: Message) => {
        if ('progress' in m) onProgress(m.progress.step, m.progress.done, m.progress.total);
        else if ('result' in m) settle(() => resolve(m.result));
        else
          settle(() =>
            reject(
              new ZhiliError(m.error.code, {
                message: m.error.message,
                messageZh: m.error.messageZh,
                ...(m.error.pointer === undefined ? {} : { pointer: m.error.pointer }),
                cause: m.error.internal,
              }),
            ),
          );
      });
      worker.once('error', (e) => settle(() => reject(new ZhiliError('ZHILI_E_INTERNAL', { cause: e }))));
      worker.once('exit', (code) =>
        settle(() =>
          reject(new ZhiliError('ZHILI_E_INTERNAL', { cause: new Error(`training thread exited (${code})`) })),
        ),
      );
    });
}
