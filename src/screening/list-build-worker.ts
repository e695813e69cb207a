/**
 * A list reload in a worker thread (see list-build-thread.ts): parses every list and builds the index,
 * then sends the versions and the index in parts over the port it was given, ending with `end`.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { ZhiliError } from '../kernel/index.ts';
import { indexParts } from './core/index-transfer.ts';
import { buildLists, type ListBuildInput } from './list-build.ts';

const { input, port } = workerData as { input: ListBuildInput; port: MessagePort };
try {
  const { lists, index } = buildLists(input);
  port.postMessage({ kind: 'lists', versions: lists.map((l) => l.version) });
  for (const part of indexParts(index)) port.postMessage(part);
  port.postMessage({ kind: 'end' });
} catch (e) {
  // A ZhiliError (a configured file missing) keeps its code; anything else is internal, with its text.
  const z = e instanceof ZhiliError ? e : new ZhiliError('ZHILI_E_INTERNAL', { cause: e });
  parentPort?.postMessage({
    error: {
      code: z.code,
      message: z.message,
      messageZh: z.messageZh,
      internal: e instanceof Error ? e.stack : String(e),
    },
  });
}
