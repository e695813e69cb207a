/**
 * List reloads off the main thread: the lists are parsed and indexed in a worker thread
 * (list-build-worker.ts), and the result crosses back in parts (core/index-transfer.ts) that this side
 * takes one per turn of the event loop, so a reload of OFAC SDN and UN holds the loop for a few ms at a
 * time instead of the seconds parsing and indexing take. An adapter: the composition root chooses it.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { ZhiliError, type ErrorCode } from '../kernel/index.ts';
import { IndexAssembler, type IndexPart } from './core/index-transfer.ts';
import type { BuiltLists, ListBuildInput } from './list-build.ts';
import type { ListVersion } from './lists/version.ts';

type Part = IndexPart | { kind: 'lists'; versions: ListVersion[] } | { kind: 'end' };
interface Failure {
  error: { code: ErrorCode; message: string; messageZh: string; internal: string };
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function buildListsInThread(input: ListBuildInput): Promise<BuiltLists> {
  const { port1, port2 } = new MessageChannel();
  // The one bootstrap of TypeScript worker threads (training and the background thread use it too).
  const worker = new Worker(new URL('../runtime/worker-boot.mjs', import.meta.url), {
    workerData: { entry: new URL('./list-build-worker.ts', import.meta.url).href, input, port: port2 },
    transferList: [port2],
  });
  let failed: ZhiliError | undefined;
  let exited = false;
  worker.once('message', (m: Failure) => {
    failed = new ZhiliError(m.error.code, {
      message: m.error.message,
      messageZh: m.error.messageZh,
      cause: new Error(m.error.internal),
    });
  });
  worker.once('error', (e) => (failed ??= new ZhiliError('ZHILI_E_INTERNAL', { cause: e })));
  worker.once('exit', () => (exited = true));
  try {
    const assembler = new IndexAssembler();
    let versions: ListVersion[] | undefined;
    // Parts are pulled one per turn (not delivered by 'message' events, which may copy many at once).
    for (;;) {
      const got = receiveMessageOnPort(port1);
      if (!got) {
        if (failed) throw failed;
        if (exited) throw new ZhiliError('ZHILI_E_INTERNAL', { cause: new Error('list build thread exited early') });
        await new Promise((resolve) => setTimeout(resolve, 5));
        continue;
      }
      // From our own worker (list-build-worker.ts), in the shapes it sends.
      const part = got.message as Part;
      if (part.kind === 'end') break;
      if (part.kind === 'lists') versions = part.versions;
      else assembler.add(part);
      await turn();
    }
    const index = assembler.finish();
    if (!versions) throw new ZhiliError('ZHILI_E_INTERNAL', { cause: new Error('list versions missing') });
    // The lists' entries are the index's, list after list, in the same order.
    let at = 0;
    const lists = versions.map((version) => {
      const entries = index.entries.slice(at, at + version.counts.entries);
      at += version.counts.entries;
      return { version, entries };
    });
    return { lists, index };
  } finally {
    port1.close();
    void worker.terminate();
  }
}
