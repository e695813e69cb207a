import type { HistoryEntry } from '../core/types.ts';
import type { SqlExec } from '../../store/index.ts';
import { canonicalJson, sha256Hex } from '../../kernel/index.ts';
import { enqueueAudit } from '../../ledger/index.ts';
import { historyParams, placeholders } from './rows.ts';

const HISTORY_INSERT = `INSERT INTO case_history (id, tenant_id, subject_id, at, actor, action, detail) VALUES (${placeholders(7)})`;

export type HistoryWriter = (x: SqlExec, h: readonly HistoryEntry[]) => Promise<void>;

/**
 * Writes history entries in the caller's transaction. With `auditOutbox`, an entry that names a
 * `ledgerAction` also gets its audit-ledger outbox row in that same transaction: an acknowledged action
 * cannot lose its ledger entry to a crash (ids and a hash of the detail only, never the detail).
 */
export function historyWriter(o: { auditOutbox: boolean }): HistoryWriter {
  return async (x, h) => {
    for (const e of h) {
      await x.run(HISTORY_INSERT, historyParams(e));
      if (!o.auditOutbox || e.ledgerAction === undefined || e.actor === 'system') continue;
      const audit = {
        tenantId: e.tenantId,
        action: e.ledgerAction,
        actorId: e.actor,
        subjectId: e.subjectId,
        dataHash: sha256Hex(canonicalJson(e.detail)),
        at: e.at,
      };
      await enqueueAudit(x, audit, e.at);
    }
  };
}
