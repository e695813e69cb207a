/** Trains one scorecard in a worker thread (see adapters.ts): progress and the result go back as messages. */
import { parentPort, workerData } from 'node:worker_threads';
import { ZhiliError } from '../kernel/index.ts';
import { trainScorecard, type TrainStep } from './core/train.ts';
import type { TrainingRequest } from './service.ts';

const { request, now } = workerData as { request: TrainingRequest; now: number };
let lastSent = 0;
try {
  const result = trainScorecard({
    ...request,
    clock: { now: () => now },
    onProgress: (step: TrainStep, done: number, total: number) => {
      // At most one progress message per 100 ms, and always the last of a step.
      const t = performance.now();
      if (done < total && t - lastSent < 100) return;
      lastSent = t;
      parentPort?.postMessage({ progress: { step, done, total } });
    },
  });
  parentPort?.postMessage({ result });
} catch (e) {
  const z = e instanceof ZhiliError ? e : new ZhiliError('ZHILI_E_INTERNAL', { cause: e });
  parentPort?.postMessage({
    error: { code: z.code, message: z.message, messageZh: z.messageZh, pointer: z.pointer, internal: String(e) },
  });
}
