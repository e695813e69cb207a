import { ZhiliError, type Histogram } from '../kernel/index.ts';
import type { DecisionRecord, Store, TxExecutor } from '../store/index.ts';

/** `duplicate`: the (tenant, event id) was already committed, by another node or earlier in the batch. */
export type CommitOutcome = 'stored' | 'duplicate';

/**
 * Cluster mode (docs/decisions/0008): which decisions of a batch may still be stored — a decision made
 * under a partition lease that has moved since is refused. `check` runs first inside the group commit's
 * own transaction (`tx`), so what it locks there (a takeover waits) is held until that commit is done,
 * and what it claims commits or rolls back with the decisions: fence and commit are one transaction.
 */
export interface CommitGate {
  check(batch: readonly DecisionRecord[], tx: TxExecutor): Promise<ReadonlySet<number>>;
}

interface Pending {
  record: DecisionRecord;
  resolve: (outcome: CommitOutcome) => void;
  reject: (e: unknown) => void;
}

/**
 * Group commit: decisions made while the event loop is busy are written together in one transaction
 * (one fsync), and each request is answered only when its batch is durable. One commit is in flight at a
 * time; whatever arrives meanwhile forms the next batch. The queue is bounded: room is reserved before
 * an event is decided, so above the bound an event is refused before any work, never dropped after.
 */
export class CommitBuffer {
  private queue: Pending[] = [];
  /** Reserved by events being decided, not yet enqueued. */
  private reserved = 0;
  private flushing: Promise<void> | undefined;
  private scheduled = false;

  constructor(
    private readonly store: Store,
    private readonly opts: {
      maxBatch: number;
      /** Most decisions reserved or waiting for a commit (besides the batch being written). */
      maxQueued: number;
      batchSizes?: Histogram;
      /** Called when a batch fails: the in-memory state of these tenants assumed it and must be rebuilt. */
      onFailure: (error: unknown, tenants: ReadonlySet<string>) => void;
      /** Decisions the gate refused (their requests get 503): these tenants' windows counted them. */
      onRefused?: (tenants: ReadonlySet<string>) => void;
      gate?: CommitGate;
    },
  ) {}

  /** Takes room for one decision before it is made; false when the queue is full. */
  reserve(): boolean {
    if (this.reserved + this.queue.length >= this.opts.maxQueued) return false;
    this.reserved++;
    return true;
  }

  /** Gives back room reserved for a decision that will not be enqueued. */
  unreserve(): void {
    this.reserved--;
  }

  /** Queues a decision whose room was reserved. */
  enqueue(record: DecisionRecord): Promise<CommitOutcome> {
    this.reserved--;
    return new Promise<CommitOutcome>((resolve, reject) => {
      this.queue.push({ record, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when everything enqueued so far is committed (or failed). */
  async drain(): Promise<void> {
    while (this.flushing || this.queue.length > 0) {
      if (this.flushing) await this.flushing;
      else this.kick();
    }
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    // setImmediate lets every request already read from the sockets join this batch.
    setImmediate(() => {
      this.scheduled = false;
      this.kick();
    });
  }

  private kick(): void {
    if (this.flushing || this.queue.length === 0) return;
    const batch = this.queue.splice(0, this.opts.maxBatch);
    this.opts.batchSizes?.observe(batch.length);
    this.flushing = this.commit(batch.map((p) => p.record))
      .then(
        ({ duplicates, refused }) => {
          // The rebuild first: it pauses the tenant before a refused request can be retried here.
          if (refused.size > 0)
            this.opts.onRefused?.(new Set(batch.flatMap((p, i) => (refused.has(i) ? [p.record.tenantId] : []))));
          batch.forEach((p, i) => {
            if (refused.has(i)) p.reject(new ZhiliError('ZHILI_E_PARTITION_UNAVAILABLE', { retryAfterSeconds: 1 }));
            else p.resolve(duplicates.has(i) ? 'duplicate' : 'stored');
          });
        },
        (e: unknown) => {
          this.opts.onFailure(e, new Set(batch.map((p) => p.record.tenantId)));
          for (const p of batch) p.reject(e);
        },
      )
      .finally(() => {
        this.flushing = undefined;
        if (this.queue.length > 0) this.schedule();
      });
  }

  /** One group commit: through the gate when there is one, only the decisions it admits. */
  private async commit(
    records: readonly DecisionRecord[],
  ): Promise<{ duplicates: ReadonlySet<number>; refused: ReadonlySet<number> }> {
    const gate = this.opts.gate;
    const r = await this.store.appendDecisions(records, [], gate ? { inTx: (tx) => gate.check(records, tx) } : {});
    // Fail closed: a store (or a decorator of it) that did not run the fence must not pass for a fenced commit.
    if (gate && r.refused === undefined) throw new Error('commit fence: the store did not run the gate in its commit');
    return { duplicates: new Set(r.duplicates), refused: new Set(r.refused ?? []) };
  }
}
