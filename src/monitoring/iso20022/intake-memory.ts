import type { Clock } from '../../kernel/index.ts';
import {
  intakeLimits,
  pendingFull,
  type Evaluation,
  type IsoIntake,
  type IsoIntakeLimits,
  type PendingEntry,
} from './intake.ts';
import type { PendingTransfer } from './map.ts';

interface Held extends PendingEntry {
  at: number;
}

/**
 * The intake in process memory, per tenant (tests, and a server without a database for it): the
 * same bounds as the SQL intake, lost on restart.
 */
export class IsoIntakeMemory implements IsoIntake {
  private readonly pending = new Map<string, Map<string, Held>>();
  private readonly evaluations = new Map<string, Map<string, Evaluation>>();
  private readonly limits: Required<IsoIntakeLimits>;

  constructor(
    limits: IsoIntakeLimits = {},
    private readonly clock: Clock = { now: () => Date.now() },
  ) {
    this.limits = intakeLimits(limits);
  }

  private of<V>(m: Map<string, Map<string, V>>, tenantId: string): Map<string, V> {
    let t = m.get(tenantId);
    if (!t) m.set(tenantId, (t = new Map<string, V>()));
    return t;
  }

  async putPending(tenantId: string, transfer: PendingTransfer): Promise<void> {
    const mine = this.of(this.pending, tenantId);
    const now = this.clock.now();
    if (!mine.has(transfer.endToEndId)) {
      let waiting = 0;
      for (const [id, e] of mine) {
        if (e.completedBy !== undefined) continue;
        if (e.at + this.limits.pendingTtlMs <= now) mine.delete(id);
        else waiting++;
      }
      if (waiting >= this.limits.maxPending) throw pendingFull(this.limits.maxPending);
    }
    mine.set(transfer.endToEndId, { transfer, at: now });
  }

  async getPending(tenantId: string, endToEndId: string): Promise<PendingEntry | undefined> {
    const e = this.pending.get(tenantId)?.get(endToEndId);
    return (
      e && {
        transfer: e.transfer,
        ...(e.completedBy ? { completedBy: e.completedBy } : {}),
        ...(e.lastStatus ? { lastStatus: e.lastStatus } : {}),
      }
    );
  }

  async markStatus(tenantId: string, endToEndId: string, txSts: string, msgId: string): Promise<void> {
    const e = this.pending.get(tenantId)?.get(endToEndId);
    if (!e) return;
    e.lastStatus = txSts;
    if (txSts === 'ACCC') e.completedBy = msgId;
  }

  async putEvaluation(tenantId: string, ev: Evaluation): Promise<void> {
    const mine = this.of(this.evaluations, tenantId);
    mine.set(ev.msgId, ev);
    while (mine.size > this.limits.maxEvaluations) {
      const [oldest, gone] = mine.entries().next().value as [string, Evaluation];
      mine.delete(oldest);
      this.pending.get(tenantId)?.delete(gone.pending.endToEndId);
    }
  }

  async getEvaluation(tenantId: string, msgId: string): Promise<Evaluation | undefined> {
    return this.evaluations.get(tenantId)?.get(msgId);
  }
}
