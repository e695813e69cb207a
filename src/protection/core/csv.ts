/**
 * The quarterly statistics file (CSV, UTF-8 with BOM so spreadsheet programs read the Chinese labels).
 * Layout, one row per figure: section, code, label_en, label_zh, count. Sections: summary, category,
 * cause, product, channel, outcome, root_cause (tags of decided complaints, for rule and product owners). docs/protection.md documents it.
 */
import { labelOf, type ClassificationTable } from './classification.ts';
import type { ComplaintStatistics } from './stats.ts';

const cell = (v: string | number): string => {
  const t = String(v);
  // Quote always; neutralise leading formula characters so a spreadsheet never evaluates a cell.
  const safe = /^[=+\-@\t\r]/.test(t) ? `'${t}` : t;
  return `"${safe.replace(/"/g, '""')}"`;
};

const channelLabels: Record<string, [string, string]> = {
  api: ['API', '接口'],
  console: ['Console', '管理台'],
  portal: ['Consumer portal', '消费者门户'],
  phone: ['Phone', '电话'],
  branch: ['Branch', '网点'],
};
const outcomeLabels: Record<string, [string, string]> = {
  upheld: ['Upheld', '支持'],
  partially_upheld: ['Partially upheld', '部分支持'],
  rejected: ['Rejected', '不予支持'],
  pending: ['No decision yet', '尚未决定'],
};

export type StatisticsRow = (string | number)[];

/** The file's rows, header first: shared by the CSV and the XLSX file. */
export function statisticsRows(s: ComplaintStatistics, table: ClassificationTable, tenantId: string): StatisticsRow[] {
  const rows: StatisticsRow[] = [['section', 'code', 'label_en', 'label_zh', 'value']];
  const summary: [string, string, string, string | number][] = [
    ['tenant', 'Tenant', '租户', tenantId],
    ['from', 'Period from', '统计起始日', s.from],
    ['to', 'Period to', '统计截止日', s.to],
    ['received', 'Complaints received', '受理投诉数', s.received],
    ['decided', 'Decided', '已作出处理决定数', s.decided],
    ['mean_days', 'Mean days to decision', '平均处理天数', s.meanDaysToDecision ?? ''],
    ['median_days', 'Median days to decision', '处理天数中位数', s.medianDaysToDecision ?? ''],
    ['breached', 'Past the statutory deadline', '超出法定时限数', s.breached],
    ['breach_rate', 'Breach rate', '超时率', s.breachRate],
    ['resolution_rate', 'Resolution rate', '办结率', s.resolutionRate],
  ];
  for (const [code, en, zh, v] of summary) rows.push(['summary', code, en, zh, v]);
  const add = (section: string, m: Record<string, number>, label: (k: string) => [string, string]) => {
    for (const k of Object.keys(m).sort()) rows.push([section, k, ...label(k), m[k] ?? 0]);
  };
  const cl = (list: ClassificationTable['categories']) => (k: string) => {
    const l = labelOf(list, k);
    return [l.en, l.zh] as [string, string];
  };
  add('category', s.byCategory, cl(table.categories));
  add('cause', s.byCause, cl(table.causes));
  add('product', s.byProduct, (k) => [k, k]);
  add('channel', s.byChannel, (k) => channelLabels[k] ?? [k, k]);
  add('outcome', s.byOutcome, (k) => outcomeLabels[k] ?? [k, k]);
  add('root_cause', s.byRootCause, (k) => [k, k]);
  return rows;
}

export function statisticsCsv(s: ComplaintStatistics, table: ClassificationTable, tenantId: string): string {
  const rows = statisticsRows(s, table, tenantId);
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
