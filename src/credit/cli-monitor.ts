import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ZhiliError } from '../kernel/index.ts';
import type { StabilityLevel } from './core/monitoring.ts';
import type { CreditMonitor, MonitoringReport } from './monitor.ts';
import { monitoringHtml } from './monitor-html.ts';

export interface MonitorCliOptions {
  from?: string;
  to?: string;
  html?: string;
  json?: string;
  tenant?: string;
  as?: string;
}

/** Runs `fn` with a monitor on the configured database, as the operator the options name. */
export type WithMonitor = (
  cmd: Command,
  o: MonitorCliOptions,
  fn: (monitor: CreditMonitor, tenantId: string) => Promise<MonitoringReport>,
) => Promise<MonitoringReport>;

const reading: Record<StabilityLevel, string> = {
  stable: 'stable · 稳定',
  watch: 'watch · 关注',
  alert: 'ALERT · 预警',
  'too-few': 'too few · 样本不足',
};

const checkDate = (v: string | undefined, name: string): void => {
  if (v !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v))
    throw new ZhiliError('ZHILI_E_VALIDATION', {
      message: `--${name} must be a date such as 2026-11-02.`,
      messageZh: `--${name} 必须是日期，例如 2026-11-02。`,
      pointer: `/${name}`,
    });
};

/** The report as text: one line per week, then the characteristics of the latest week. */
export function formatMonitoring(r: MonitoringReport): string {
  if (!r.scorecard) return 'No active scorecard: nothing to monitor. · 没有已上线的评分卡。';
  const lines = [
    `Score stability · 评分稳定性  ${r.scorecard.name} ${r.scorecard.version}, ${r.from} – ${r.to} (${r.timeZone})`,
    `thresholds · 阈值: watch · 关注 > ${r.levels.watch}, alert · 预警 > ${r.levels.alert}, at least ${r.levels.minRows} applications a week · 每周至少 ${r.levels.minRows} 笔申请`,
    '',
    `${'week · 周'.padEnd(12)} ${'rows'.padStart(7)} ${'PSI'.padStart(8)}`,
    ...r.weeks.map(
      (w) => `${w.week.padEnd(12)} ${String(w.rows).padStart(7)} ${w.psi.toFixed(4).padStart(8)}  ${reading[w.level]}`,
    ),
  ];
  const latest = r.weeks.at(-1);
  if (latest) {
    const width = Math.max(30, ...latest.characteristics.map((c) => c.name.length));
    lines.push(
      '',
      `CSI, ${latest.week}`,
      ...latest.characteristics.map(
        (c) => `${c.name.padEnd(width)} ${c.csi.toFixed(4).padStart(8)}  ${reading[c.level]}`,
      ),
    );
  }
  if (r.raised.length > 0) lines.push('', `alerts raised · 新预警: ${r.raised.join(', ')}`);
  return lines.join('\n');
}

/**
 * `zhili credit monitor`: the weekly score-stability report of the tenant's active scorecard from the
 * stored decisions, as text, JSON and a self-contained HTML page; exits 2 when a week in the range is
 * over the alert threshold.
 */
export function registerMonitorCommand(credit: Command, withMonitor: WithMonitor): void {
  credit
    .command('monitor')
    .description('weekly score PSI and CSI of the active scorecard from stored decisions · 评分稳定性周报')
    .option('--from <date>', 'first local date (widened to its ISO week; default 8 weeks back)')
    .option('--to <date>', 'last local date (widened to its ISO week; default today)')
    .option('--json <file>', 'write the report as JSON')
    .option('--html <file>', 'write a self-contained HTML report with charts')
    .option('--tenant <id>', 'tenant id (not needed with ZHILI_TOKEN)')
    .option('--as <username>', 'act as this operator (not needed with ZHILI_TOKEN)')
    .action(async (o: MonitorCliOptions, cmd: Command) => {
      checkDate(o.from, 'from');
      checkDate(o.to, 'to');
      const r = await withMonitor(cmd, o, (m, tenantId) =>
        m.report(tenantId, { ...(o.from ? { from: o.from } : {}), ...(o.to ? { to: o.to } : {}) }),
      );
      console.log(formatMonitoring(r));
      if (o.json) writeFileSync(o.json, `${JSON.stringify(r, null, 2)}\n`);
      if (o.html) writeFileSync(o.html, monitoringHtml(r));
      if (r.weeks.some((w) => w.level === 'alert')) process.exitCode = 2;
    });
}
