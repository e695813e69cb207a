import { randomUUID } from 'node:crypto';
import type { CommitFence } from './port.ts';

type Values = Record<string, number | boolean>;

export interface CounterpartAnswer {
  readonly ok: true;
  readonly values: Values;
  /** The counterparty partition's lease epoch when it was read. */
  readonly epoch: number;
  /** This read's id: the deciding node claims it at commit; the reader voids it if that never comes. */
  readonly read: string;
}

/** What settling needs of the node's engine. */
export interface Settling {
  committed(tenantId: string, eventId: string): Promise<boolean>;
  /** `counted`: keep the event in the windows; otherwise rebuild the tenant's windows without it. */
  settleCounterpart(tenantId: string, eventId: string, counted: boolean): Promise<void>;
}

interface Read {
  readonly tenantId: string;
  readonly eventId: string;
  readonly partition: number;
  readonly at: number;
  readonly answer: CounterpartAnswer;
}

const keyOf = (tenantId: string, eventId: string) => `${tenantId}\u0000${eventId}`;

/**
 * Counterparty reads answered by this node (docs/decisions/0008): the event was recorded in the windows
 * here when read, provisionally. A read whose decision is not committed within `boundMs` is voided in
 * the fence (from then on no commit can claim it) and, unless its decision made it in before, the
 * tenant's windows are rebuilt without it. A read whose decision committed is simply forgotten: every
 * later rebuild replays it from the log.
 */
export class CounterpartReads {
  private readonly reads = new Map<string, Read>();
  /** Reads taken out of `reads` by `settle` and not yet settled in the engine. */
  private readonly settling = new Set<string>();
  private swept = 0;

  constructor(
    private readonly fence: CommitFence,
    private readonly boundMs: number,
  ) {}

  /** Reads answered here and not settled yet. */
  get open(): number {
    return this.reads.size;
  }

  /** The answer already given for this event under this epoch (the deciding node retried): counted once. */
  again(tenantId: string, eventId: string, epoch: number): CounterpartAnswer | undefined {
    const r = this.reads.get(keyOf(tenantId, eventId));
    return r && r.answer.epoch === epoch ? r.answer : undefined;
  }

  /**
   * Takes out the read of this event, open or being settled: the event is about to be decided here (this
   * node now owns the partition it is routed to), so its first decider's commit can no longer pass the
   * fence, and the read must not stay counted beside the decision. True when there was one.
   */
  take(tenantId: string, eventId: string): boolean {
    const k = keyOf(tenantId, eventId);
    return this.reads.delete(k) || this.settling.has(k);
  }

  answered(tenantId: string, eventId: string, partition: number, epoch: number, values: Values, now: number) {
    const answer: CounterpartAnswer = { ok: true, values, epoch, read: randomUUID() };
    this.reads.set(keyOf(tenantId, eventId), { tenantId, eventId, partition, at: now, answer });
    return answer;
  }

  /** Reads past the bound: each voided or found committed, and settled in the engine. */
  async settle(now: number, engine: Settling): Promise<void> {
    for (const [k, r] of this.reads) {
      if (now - r.at < this.boundMs) continue;
      this.reads.delete(k);
      this.settling.add(k);
      try {
        const voided = await this.fence.voidRead(r.answer.read, now);
        // Void, yet its decision may have committed just before (its fence transaction lost after the commit).
        const counted = !voided || (await engine.committed(r.tenantId, r.eventId));
        await engine.settleCounterpart(r.tenantId, r.eventId, counted);
      } finally {
        this.settling.delete(k);
      }
    }
    if (now - this.swept > 10 * this.boundMs) {
      this.swept = now;
      await this.fence.sweep(now - 10 * this.boundMs);
    }
  }

  /**
   * Partitions no longer served here: their reads stop mattering (the windows here are not used for
   * them, and a node taking them again restores from the log; a decision that read them under the old
   * epoch is refused by the fence).
   */
  async forget(partitions: readonly number[], engine: Settling): Promise<void> {
    const gone = new Set(partitions);
    for (const [k, r] of this.reads) {
      if (!gone.has(r.partition)) continue;
      this.reads.delete(k);
      await engine.settleCounterpart(r.tenantId, r.eventId, true);
    }
  }
}
