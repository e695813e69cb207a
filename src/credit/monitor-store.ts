/**
 * Score-stability monitoring rows beside the scorecards: each tenant's thresholds and the alerts raised,
 * one per (tenant, scorecard, ISO week) — the primary key is what makes an alert be raised only once,
 * whichever node or process computes the week first.
 */
import type { Row, SqlDriver } from '../store/index.ts';
import type { StabilityLevels } from './core/monitoring.ts';

export interface MonitoringSettings extends StabilityLevels {
  updatedAt: number;
  updatedBy: string;
}

export interface StabilityAlert {
  tenantId: string;
  scorecard: string;
  week: string;
  psi: number;
  rows: number;
  /** The alert threshold in force when it was raised. */
  threshold: number;
  raisedAt: number;
}

export interface MonitorStore {
  getMonitoringSettings(tenantId: string): Promise<MonitoringSettings | undefined>;
  putMonitoringSettings(tenantId: string, s: MonitoringSettings): Promise<void>;
  /** Records the alert unless one is recorded for that tenant, scorecard and week; true when new. */
  raiseStabilityAlert(a: StabilityAlert): Promise<boolean>;
  /** The tenant's alerts, newest week first (of one scorecard if given). */
  listStabilityAlerts(tenantId: string, scorecard?: string): Promise<StabilityAlert[]>;
}

export const monitorSchema = (dialect: 'sqlite' | 'postgres'): string => {
  const big = dialect === 'sqlite' ? 'INTEGER' : 'BIGINT';
  const real = dialect === 'sqlite' ? 'REAL' : 'DOUBLE PRECISION';
  return `
CREATE TABLE IF NOT EXISTS credit_monitoring_settings (
  tenant_id TEXT PRIMARY KEY, watch_psi ${real} NOT NULL, alert_psi ${real} NOT NULL, min_rows INT NOT NULL,
  updated_at ${big} NOT NULL, updated_by TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS credit_stability_alerts (
  tenant_id TEXT NOT NULL, scorecard TEXT NOT NULL, week TEXT NOT NULL, psi ${real} NOT NULL, rows_n INT NOT NULL,
  threshold ${real} NOT NULL, raised_at ${big} NOT NULL, PRIMARY KEY (tenant_id, scorecard, week));`;
};

const alertOf = (r: Row): StabilityAlert => ({
  tenantId: String(r.tenant_id),
  scorecard: String(r.scorecard),
  week: String(r.week),
  psi: Number(r.psi),
  rows: Number(r.rows_n),
  threshold: Number(r.threshold),
  raisedAt: Number(r.raised_at),
});

export function sqlMonitorStore(d: SqlDriver): MonitorStore {
  return {
    async getMonitoringSettings(tenantId) {
      const [r] = await d.all('SELECT * FROM credit_monitoring_settings WHERE tenant_id = ?', [tenantId]);
      return (
        r && {
          watch: Number(r.watch_psi),
          alert: Number(r.alert_psi),
          minRows: Number(r.min_rows),
          updatedAt: Number(r.updated_at),
          updatedBy: String(r.updated_by),
        }
      );
    },
    async putMonitoringSettings(tenantId, s) {
      await d.run(
        `INSERT INTO credit_monitoring_settings (tenant_id, watch_psi, alert_psi, min_rows, updated_at, updated_by)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (tenant_id) DO UPDATE SET watch_psi = excluded.watch_psi, alert_psi = excluded.alert_psi,
           min_rows = excluded.min_rows, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        [tenantId, s.watch, s.alert, s.minRows, s.updatedAt, s.updatedBy],
      );
    },
    async raiseStabilityAlert(a) {
      const n = await d.run(
        `INSERT INTO credit_stability_alerts (tenant_id, scorecard, week, psi, rows_n, threshold, raised_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id, scorecard, week) DO NOTHING`,
        [a.tenantId, a.scorecard, a.week, a.psi, a.rows, a.threshold, a.raisedAt],
      );
      return n > 0;
    },
    async listStabilityAlerts(tenantId, scorecard) {
      const rows = await d.all(
        `SELECT * FROM credit_stability_alerts WHERE tenant_id = ?${scorecard === undefined ? '' : ' AND scorecard = ?'}
         ORDER BY week DESC, scorecard`,
        scorecard === undefined ? [tenantId] : [tenantId, scorecard],
      );
      return rows.map(alertOf);
    },
  };
}
