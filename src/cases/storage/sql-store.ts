import { caseStatuses, closedStatuses } from '../core/types.ts';
import type { SqlDriver } from '../../store/index.ts';
import { postgresDriver, sqliteDriver } from '../../store/adapters.ts';
import { attachmentMethods } from './sql-attachments.ts';
import { reportMethods } from './sql-reports.ts';
import { historyWriter } from './sql-history.ts';
import { ProjectionConflictError, StaleWriteError, type CaseStore, type MovementFilter } from './port.ts';
import {
  alertColumns,
  alertFromRow,
  alertParams,
  caseColumns,
  caseFromRow,
  caseParams,
  historyFromRow,
  movementFromRow,
  movementParams,
  placeholders,
  priorityRank,
} from './rows.ts';
import { caseSchema } from './schema.ts';

const open = caseStatuses.filter((s) => !closedStatuses.has(s));
function timeRange(f: MovementFilter, params: unknown[]): string {
  let sql = '';
  if (f.from !== undefined) {
    sql += ' AND occurred_at >= ?';
    params.push(f.from);
  }
  if (f.to !== undefined) {
    sql += ' AND occurred_at < ?';
    params.push(f.to);
  }
  return sql;
}

/** The one CaseStore implementation over a dialect driver: the SQL is portable between SQLite and PostgreSQL. */
/**
 * The cases tables on one SQL driver. With `auditOutbox` (the composition root, where the ledger's
 * tables share the database), history entries that name a ledger action reach the audit outbox in the
 * transaction of the write itself.
 */
export function sqlCaseStore(d: SqlDriver, opts: { auditOutbox?: boolean } = {}): CaseStore {
  const insertHistory = historyWriter({ auditOutbox: opts.auditOutbox === true });
  return {
    kind: d.dialect,
    auditsInTransaction: opts.auditOutbox === true,
    migrate: () => d.exec(caseSchema(d.dialect)),
    close: () => d.close(),

    async progress() {
      const [r] = await d.all('SELECT seq FROM case_progress WHERE id = 1');
      return r ? Number(r.seq) : 0;
    },

    async applyProjection(p) {
      await d.tx(async (x) => {
        const lock = d.dialect === 'postgres' ? ' FOR UPDATE' : '';
        const [r] = await x.all(`SELECT seq FROM case_progress WHERE id = 1${lock}`);
        const actual = r ? Number(r.seq) : 0;
        if (actual !== p.expectedSeq) throw new ProjectionConflictError(p.expectedSeq, actual);
        for (const c of p.newCases)
          await x.run(`INSERT INTO case_cases (${caseColumns}) VALUES (${placeholders(19)})`, caseParams(c));
        for (const a of p.alerts)
          await x.run(`INSERT INTO case_alerts (${alertColumns}) VALUES (${placeholders(16)})`, alertParams(a));
        for (const b of p.caseBumps) {
          const rank = priorityRank(b.priority);
          await x.run(
            `UPDATE case_cases SET priority = CASE WHEN priority_rank < ? THEN ? ELSE priority END,
               priority_rank = CASE WHEN priority_rank < ? THEN ? ELSE priority_rank END,
               score = CASE WHEN score < ? THEN ? ELSE score END,
               last_alert_at = CASE WHEN last_alert_at < ? THEN ? ELSE last_alert_at END,
               alert_count = alert_count + ? WHERE id = ?`,
            [rank, b.priority, rank, rank, b.score, b.score, b.lastAlertAt, b.lastAlertAt, b.alerts, b.caseId],
          );
        }
        for (const m of p.movements)
          await x.run(
            `INSERT INTO case_movements (tenant_id, event_id, seq, type, occurred_at, outcome, debtor_party, debtor_account,
               creditor_party, creditor_account, amount_minor, currency) VALUES (${placeholders(12)})`,
            movementParams(m),
          );
        await insertHistory(x, p.history);
        await x.run('UPDATE case_progress SET seq = ? WHERE id = 1', [p.seq]);
      });
    },

    async findGroupingCase(tenantId, customerId, since) {
      const [r] = await d.all(
        `SELECT * FROM case_cases WHERE tenant_id = ? AND customer_id = ? AND last_alert_at >= ?
           AND status IN (${placeholders(open.length)}) ORDER BY last_alert_at DESC, id DESC LIMIT 1`,
        [tenantId, customerId, since, ...open],
      );
      return r ? caseFromRow(r) : undefined;
    },

    async getCase(tenantId, id) {
      const [r] = await d.all('SELECT * FROM case_cases WHERE tenant_id = ? AND id = ?', [tenantId, id]);
      return r ? caseFromRow(r) : undefined;
    },

    async listCases(tenantId, f) {
      const params: unknown[] = [tenantId];
      let sql = 'SELECT * FROM case_cases WHERE tenant_id = ?';
      const eq = (col: string, v: unknown): void => {
        if (v === undefined) return;
        sql += ` AND ${col} = ?`;
        params.push(v);
      };
      if (f.status?.length) {
        sql += ` AND status IN (${placeholders(f.status.length)})`;
        params.push(...f.status);
      }
      eq('assignee', f.assignee);
      eq('queue', f.queue);
      eq('priority', f.priority);
      eq('customer_id', f.customerId);
      if (f.tag !== undefined) {
        sql += ' AND tags LIKE ?';
        params.push(`%${JSON.stringify(f.tag)}%`);
      }
      if (f.dueBefore !== undefined) {
        sql += ' AND due_at < ?';
        params.push(f.dueBefore);
      }
      if (f.before !== undefined) {
        sql += ' AND id < ?';
        params.push(f.before);
      }
      sql += ' ORDER BY id DESC LIMIT ?';
      params.push(f.limit);
      return (await d.all(sql, params)).map(caseFromRow);
    },

    async updateCase(c, history) {
      await d.tx(async (x) => {
        const n = await x.run(
          `UPDATE case_cases SET status = ?, queue = ?, assignee = ?, tags = ?, due_at = ?, pending = ?, resolution = ?,
             closed_at = ?, version = ?, updated_at = ? WHERE tenant_id = ? AND id = ? AND version = ?`,
          [
            c.status,
            c.queue,
            c.assignee,
            JSON.stringify(c.tags),
            c.dueAt,
            c.pending === null ? null : JSON.stringify(c.pending),
            c.resolution,
            c.closedAt,
            c.version,
            c.updatedAt,
            c.tenantId,
            c.id,
            c.version - 1,
          ],
        );
        if (n !== 1) throw new StaleWriteError(c.id);
        await insertHistory(x, history);
      });
    },

    async getAlert(tenantId, id) {
      const [r] = await d.all('SELECT * FROM case_alerts WHERE tenant_id = ? AND id = ?', [tenantId, id]);
      return r ? alertFromRow(r) : undefined;
    },

    async listAlerts(tenantId, f) {
      const params: unknown[] = [tenantId];
      let sql = 'SELECT * FROM case_alerts WHERE tenant_id = ?';
      for (const [col, v] of [
        ['case_id', f.caseId],
        ['customer_id', f.customerId],
        ['type', f.type],
        ['source', f.source],
      ] as const) {
        if (v === undefined) continue;
        sql += ` AND ${col} = ?`;
        params.push(v);
      }
      if (f.unreported) sql += " AND report_id IS NULL AND source = 'obligation'";
      if (f.before !== undefined) {
        sql += ' AND id < ?';
        params.push(f.before);
      }
      sql += ' ORDER BY id DESC LIMIT ?';
      params.push(f.limit);
      return (await d.all(sql, params)).map(alertFromRow);
    },

    async history(tenantId, subjectId) {
      return (
        await d.all('SELECT * FROM case_history WHERE tenant_id = ? AND subject_id = ? ORDER BY seq', [
          tenantId,
          subjectId,
        ])
      ).map(historyFromRow);
    },

    async appendHistory(h) {
      if (h.length === 0) return;
      await d.tx((x) => insertHistory(x, h));
    },

    async movementsOfParty(tenantId, partyId, f) {
      const params: unknown[] = [tenantId, partyId, partyId];
      const range = timeRange(f, params);
      params.push(f.limit);
      return (
        await d.all(
          `SELECT * FROM case_movements WHERE tenant_id = ? AND (debtor_party = ? OR creditor_party = ?)${range}
           ORDER BY occurred_at, seq LIMIT ?`,
          params,
        )
      ).map(movementFromRow);
    },

    async movementsOfAccounts(tenantId, accounts, f) {
      if (accounts.length === 0) return [];
      const ph = placeholders(accounts.length);
      const params: unknown[] = [tenantId, ...accounts, ...accounts];
      const range = timeRange(f, params);
      params.push(f.limit);
      return (
        await d.all(
          `SELECT * FROM case_movements WHERE tenant_id = ? AND (debtor_account IN (${ph}) OR creditor_account IN (${ph}))${range}
           ORDER BY occurred_at, seq LIMIT ?`,
          params,
        )
      ).map(movementFromRow);
    },

    ...reportMethods(d, insertHistory),
    ...attachmentMethods(d, insertHistory),
  };
}

export function openSqliteCaseStore(file: string): CaseStore {
  return sqlCaseStore(sqliteDriver(file));
}

export function openPostgresCaseStore(url: string, opts: { schema?: string; poolSize?: number } = {}): CaseStore {
  return sqlCaseStore(postgresDriver(url, opts.schema ?? 'zhili', opts.poolSize));
}
