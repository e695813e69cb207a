import type { Decision } from '../core/rules/decide.ts';
import type { PendingTransfer } from './map.ts';
import type { Pacs002 } from './schemas.ts';

/** One evaluated pacs.002, what `getreportbymsgid` answers from. Times in nanoseconds. */
export interface Evaluation {
  msgId: string;
  transaction: Pacs002;
  pending: PendingTransfer;
  eventId: string;
  decision: Decision;
  prcgTmDP: number;
  prcgTmED: number;
  prcgTmTADP: number;
}

interface PendingEntry {
  transfer: PendingTransfer;
  /** MsgId of the pacs.002 that completed it (ACCC), once one has. */
  completedBy?: string;
  lastStatus?: string;
}

/**
 * In-process memory of the ISO 20022 intake, per tenant: pacs.008 messages waiting for their status
 * (by EndToEndId) and evaluations (by pacs.002 MsgId). Bounded: past `limit` entries the oldest go.
 * It is lost on restart; the decisions themselves are durable in the store (by EndToEndId).
 */
export class IsoIntakeMemory {
  private readonly pending = new Map<string, PendingEntry>();
  private readonly evaluations = new Map<string, Evaluation>();

  constructor(private readonly limit = 100_000) {}

  putPending(tenantId: string, transfer: PendingTransfer): void {
    const key = k(tenantId, transfer.endToEndId);
    this.pending.delete(key);
    bounded(this.pending, key, { transfer }, this.limit);
  }

  getPending(tenantId: string, endToEndId: string): PendingEntry | undefined {
    return this.pending.get(k(tenantId, endToEndId));
  }

  markStatus(tenantId: string, endToEndId: string, txSts: string, msgId: string): void {
    const e = this.pending.get(k(tenantId, endToEndId));
    if (!e) return;
    e.lastStatus = txSts;
    if (txSts === 'ACCC') e.completedBy = msgId;
  }

  putEvaluation(tenantId: string, ev: Evaluation): void {
    bounded(this.evaluations, k(tenantId, ev.msgId), ev, this.limit);
  }

  getEvaluation(tenantId: string, msgId: string): Evaluation | undefined {
    return this.evaluations.get(k(tenantId, msgId));
  }
}

const k = (tenantId: string, id: string): string => `${tenantId}\u0000${id}`;

function bounded<V>(map: Map<string, V>, key: string, value: V, limit: number): void {
  map.set(key, value);
  while (map.size > limit) {
    const oldest = map.keys().next();
    if (oldest.done) break;
    map.delete(oldest.value);
  }
}
