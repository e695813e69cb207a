import type { CaseStore } from './port.ts';
import { StaleWriteError } from './port.ts';
import { isUniqueViolation, type SqlDriver } from '../../store/index.ts';
import { packageFromRow, placeholders, reportColumns, reportFromRow, reportParams } from './rows.ts';
import type { HistoryWriter } from './sql-history.ts';

type ReportMethods = Pick<
  CaseStore,
  'createReport' | 'updateReport' | 'getReport' | 'listReports' | 'nextSequence' | 'putPackage' | 'getPackage'
>;

/** Reports, file sequence counters and submitted packages. */
export function reportMethods(d: SqlDriver, insertHistory: HistoryWriter): ReportMethods {
  return {
    async createReport(r, history) {
      await d.tx(async (x) => {
        await x.run(`INSERT INTO case_reports (${reportColumns}) VALUES (${placeholders(22)})`, reportParams(r));
        for (const id of r.alertIds) {
          const n = await x.run(
            'UPDATE case_alerts SET report_id = ? WHERE tenant_id = ? AND id = ? AND report_id IS NULL',
            [r.id, r.tenantId, id],
          );
          if (n !== 1) throw new StaleWriteError(id);
        }
        await insertHistory(x, history);
      });
    },

    async updateReport(r, history, opts = {}) {
      await d.tx(async (x) => {
        const cols = reportColumns.split(', ').slice(2);
        const vals = reportParams(r).slice(2);
        const n = await x.run(
          `UPDATE case_reports SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE tenant_id = ? AND id = ? AND version = ?`,
          [...vals, r.tenantId, r.id, r.version - 1],
        );
        if (n !== 1) throw new StaleWriteError(r.id);
        if (opts.releaseAlerts)
          await x.run('UPDATE case_alerts SET report_id = NULL WHERE tenant_id = ? AND report_id = ?', [
            r.tenantId,
            r.id,
          ]);
        await insertHistory(x, history);
      });
    },

    async getReport(tenantId, id) {
      const [r] = await d.all('SELECT * FROM case_reports WHERE tenant_id = ? AND id = ?', [tenantId, id]);
      return r ? reportFromRow(r) : undefined;
    },

    async listReports(tenantId, f) {
      const params: unknown[] = [tenantId];
      let sql = 'SELECT * FROM case_reports WHERE tenant_id = ?';
      if (f.status?.length) {
        sql += ` AND status IN (${placeholders(f.status.length)})`;
        params.push(...f.status);
      }
      if (f.format !== undefined) {
        sql += ' AND format = ?';
        params.push(f.format);
      }
      if (f.str !== undefined) {
        sql += ' AND str = ?';
        params.push(f.str ? 1 : 0);
      }
      if (f.dueBefore !== undefined) {
        sql += ' AND due_by <= ?';
        params.push(f.dueBefore);
      }
      sql += ' ORDER BY id DESC LIMIT ?';
      params.push(f.limit);
      return (await d.all(sql, params)).map(reportFromRow);
    },

    async nextSequence(tenantId, name) {
      return d.tx(async (x) => {
        const [r] = await x.all(
          `INSERT INTO case_counters (tenant_id, name, value) VALUES (?, ?, 1)
           ON CONFLICT (tenant_id, name) DO UPDATE SET value = case_counters.value + 1 RETURNING value`,
          [tenantId, name],
        );
        return Number(r?.value);
      });
    },

    async putPackage(p) {
      await d
        .run(
          `INSERT INTO case_packages (tenant_id, name, report_ids, sha256, bytes, created_at) VALUES (${placeholders(6)})`,
          [p.tenantId, p.name, JSON.stringify(p.reportIds), p.sha256, Buffer.from(p.bytes), p.createdAt],
        )
        .catch((e: unknown) => {
          throw isUniqueViolation(e) ? new StaleWriteError(p.name) : e;
        });
    },

    async getPackage(tenantId, name) {
      const [r] = await d.all('SELECT * FROM case_packages WHERE tenant_id = ? AND name = ?', [tenantId, name]);
      return r ? packageFromRow(r) : undefined;
    },
  };
}
