import { ZhiliError } from '../../kernel/index.ts';
import type { Evaluation, PendingTransfer } from './stored.ts';

export type { Evaluation };

export interface PendingEntry {
  transfer: PendingTransfer;
  /** MsgId of the pacs.002 that completed it (ACCC), once one has. */
  completedBy?: string;
  lastStatus?: string;
}

/**
 * What the ISO 20022 intake keeps per tenant: pacs.008 messages waiting for their status (by
 * EndToEndId) and evaluations (by pacs.002 MsgId). Every tenant has its own bound: a tenant whose
 * waiting messages reach it is refused (ZHILI_E_ISO_PENDING_FULL, 429) and no other tenant's
 * messages are ever evicted; past its evaluation bound a tenant's own oldest evaluations go.
 */
export interface IsoIntake {
  putPending(tenantId: string, transfer: PendingTransfer): Promise<void>;
  getPending(tenantId: string, endToEndId: string): Promise<PendingEntry | undefined>;
  markStatus(tenantId: string, endToEndId: string, txSts: string, msgId: string): Promise<void>;
  putEvaluation(tenantId: string, ev: Evaluation): Promise<void>;
  getEvaluation(tenantId: string, msgId: string): Promise<Evaluation | undefined>;
}

export interface IsoIntakeLimits {
  /** Messages waiting for their pacs.002 per tenant (default 10,000). */
  maxPending?: number;
  /** Evaluations kept per tenant for getreportbymsgid (default 100,000). */
  maxEvaluations?: number;
  /** A pacs.008 with no completing status after this long no longer counts, and is dropped (default 7 days). */
  pendingTtlMs?: number;
}

export const intakeLimits = (l: IsoIntakeLimits = {}): Required<IsoIntakeLimits> => ({
  maxPending: l.maxPending ?? 10_000,
  maxEvaluations: l.maxEvaluations ?? 100_000,
  pendingTtlMs: l.pendingTtlMs ?? 7 * 24 * 3600_000,
});

export function pendingFull(limit: number): ZhiliError {
  return new ZhiliError('ZHILI_E_ISO_PENDING_FULL', {
    pointer: '/FIToFICstmrCdtTrf/CdtTrfTxInf/PmtId/EndToEndId',
    message: `This tenant already has ${limit} pacs.008 messages waiting for their pacs.002 status.`,
    messageZh: `该租户已有 ${limit} 条 pacs.008 报文在等待 pacs.002 状态。`,
  });
}
