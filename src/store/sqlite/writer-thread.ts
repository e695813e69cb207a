import { Worker } from 'node:worker_threads';
import { ZhiliError } from '../../kernel/index.ts';
import type { AppendResult } from '../port.ts';
import type { DecisionRecord, PiiKeyRecord } from '../records.ts';
import { piiKeyRow } from '../record-rows.ts';
import { decisionRow } from '../decision-row.ts';

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

  constructor(file: string) {
    this.worker = new Worker(new URL('./writer-worker.js', import.meta.url), { workerData: { file } });
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

  append(batch: readonly DecisionRecord[], keys: readonly PiiKeyRecord[] = []): Promise<AppendResult> {
    if (this.failure) return Promise.reject(this.failure);
    const rows = batch.map(decisionRow);
    const keyRows = keys.map(piiKeyRow);
    const id = this.next++;
    return new Promise<AppendResult>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ id, rows, keyRows });
    });
  }

  async close(): Promise<void> {
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
