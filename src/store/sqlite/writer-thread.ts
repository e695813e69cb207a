import { Worker } from 'node:worker_threads';
import { ZhiliError } from '../../kernel/index.ts';
import type { AppendResult } from '../port.ts';
import type { DecisionRecord, PiiKeyRecord } from '../records.ts';
import { piiKeyRow } from '../record-rows.ts';
import { decisionRow } from '../decision-row.ts';
import { chunksInSlices } from '../slices.ts';
import type { WriteTurns } from './write-turns.ts';

type Reply =
  | { id: number; ok: true; duplicates: number[] }
  | { id: number; ok: false; message: string; code?: string }
  | { closed: true };

/** Main-thread side of the SQLite writer thread: one promise per group commit. */
export class SqliteWriterThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (r: AppendResult) => void; reject: (e: unknown) => void }>();
  private next = 1;
  private failure: Error | undefined;
  private closing = false;

  constructor(file: string, turns?: WriteTurns) {
    this.worker = new Worker(new URL('./writer-worker.js', import.meta.url), {
      workerData: { file, turns: turns?.buffer },
    });
    this.worker.on('message', (m: Reply) => {
      if ('closed' in m) return;
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      // Keep the process alive only while a commit is outstanding.
      if (this.waiting.size === 0) this.worker.unref();
      if (!w) return;
      if (m.ok) w.resolve({ duplicates: m.duplicates });
      else {
        const cause = Object.assign(new Error(m.message), { code: m.code });
        w.reject(
          m.code?.startsWith('SQLITE_CONSTRAINT')
            ? new ZhiliError('ZHILI_E_CONFLICT', { message: 'duplicate event id in commit', cause })
            : cause,
        );
      }
    });
    this.worker.on('error', (e) => this.failAll(e));
    this.worker.on('exit', (code) => this.failAll(new Error(`SQLite writer thread exited (${code})`)));
    this.worker.unref();
  }

  async append(batch: readonly DecisionRecord[], keys: readonly PiiKeyRecord[] = []): Promise<AppendResult> {
    this.throwIfFailed();
    // Rows made a chunk at a time, letting the event loop run in between; posted in one message, one transaction.
    const rows = await chunksInSlices(batch, (chunk) => chunk.map(decisionRow), 128);
    this.throwIfFailed(); // the thread may have died meanwhile
    if (this.closing) throw new Error('SQLite writer thread closed while a commit was being prepared');
    const keyRows = keys.map(piiKeyRow);
    const id = this.next++;
    return new Promise<AppendResult>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ id, rows, keyRows });
    });
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.failure) return;
    this.worker.ref();
    await new Promise<void>((resolve) => {
      this.worker.once('exit', () => resolve());
      this.worker.postMessage({ close: true });
      this.worker.once('message', () => void this.worker.terminate());
    });
  }

  private failAll(e: Error): void {
    this.failure ??= e;
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }
}
