/**
 * The hub's audit rows and their ledger entries. Each action's hub_audit row and its entry in the
 * ledger's outbox (`ledger_outbox`, in the hub's own database) are written in the action's own
 * transaction: an acknowledged action is in the hub's Merkle ledger once the ledger service appends
 * the outbox, and cannot lose its entry to a crash in between.
 */
import { enqueueAudit } from '../../ledger/index.ts';
import { rowOf, type Row, type SqlDriver, type SqlExec } from '../../store/index.ts';
import { hubAuditInput } from '../core/audit-entry.ts';
import type { HubAuditEntry, HubStore } from './port.ts';

export async function writeAudit(x: SqlExec, a: HubAuditEntry): Promise<void> {
  await x.run('INSERT INTO hub_audit (actor_id, action, subject_id, detail, at) VALUES (?, ?, ?, ?, ?)', [
    a.actorId,
    a.action,
    a.subjectId,
    a.detail,
    a.at,
  ]);
  await enqueueAudit(x, hubAuditInput(a), a.at);
}

const auditOf = (row: Row): HubAuditEntry & { seq: number } => {
  const r = rowOf(row, 'hub_audit');
  return {
    seq: r.int('seq'),
    actorId: r.str('actor_id'),
    action: r.str('action'),
    subjectId: r.str('subject_id'),
    detail: r.str('detail'),
    at: r.int('at'),
  };
};

export function sqlAudit(db: SqlDriver): Pick<HubStore, 'audit' | 'auditLog' | 'auditAt' | 'auditRows'> {
  return {
    audit: (entry) => db.tx((x) => writeAudit(x, entry)),
    auditLog: async (limit) =>
      (await db.all('SELECT * FROM hub_audit ORDER BY seq DESC LIMIT ?', [limit])).map(auditOf),
    auditAt: async (at) => (await db.all('SELECT * FROM hub_audit WHERE at = ? ORDER BY seq', [at])).map(auditOf),
    auditRows: async (afterSeq, limit) =>
      (await db.all('SELECT * FROM hub_audit WHERE seq > ? ORDER BY seq LIMIT ?', [afterSeq, limit])).map(auditOf),
  };
}
