import type { CloseStat, ComplianceMetrics, EffectivenessRow, MetricTable } from '../schemas.ts';

export type Lang = 'zh-CN' | 'en';
export type CellKind = 'text' | 'int' | 'rate' | 'hours';
export type Cell = string | number | null;

/** One exportable table: labels in the asked language, values typed so each writer formats them its way. */
export interface MetricsTable {
  id: MetricTable;
  title: string;
  columns: { label: string; kind: CellKind }[];
  rows: Cell[][];
}

type Label = readonly [en: string, zh: string];
const L = (en: string, zh: string): Label => [en, zh] as const;
const pick = (l: Label, lang: Lang) => (lang === 'en' ? l[0] : l[1]);
const HOUR = 3_600_000;
const hours = (ms: number) => Math.round((ms / HOUR) * 10) / 10;

const titles: Record<MetricTable, Label> = {
  funnel: L('Funnel: alerts → cases → suspicious reports', '转化漏斗：预警 → 案件 → 可疑交易报告'),
  aging: L('Open case aging (days)', '未结案件账龄（天）'),
  'time-to-close-queue': L('Time to close per queue', '各队列结案时长'),
  'time-to-close-assignee': L('Time to close per assignee', '各经办人结案时长'),
  rules: L('Effectiveness per rule', '各规则有效性'),
  typologies: L('Effectiveness per typology', '各类型有效性'),
  coverage: L('Monitoring coverage', '监测覆盖率'),
};

const closeColumns = (first: Label) => [
  { l: first, kind: 'text' as const },
  { l: L('Closed cases', '已结案件'), kind: 'int' as const },
  { l: L('Median (hours)', '中位数（小时）'), kind: 'hours' as const },
  { l: L('90th percentile (hours)', '第90百分位（小时）'), kind: 'hours' as const },
];
const closeRows = (rows: readonly CloseStat[], none: string): Cell[][] =>
  rows.map((r) => [r.key ?? none, r.closed, hours(r.medianMs), hours(r.p90Ms)]);

function effectiveness(first: Label, rows: readonly EffectivenessRow[], str: boolean) {
  const cols = [
    { l: first, kind: 'text' as const },
    { l: L('Alerts', '预警'), kind: 'int' as const },
    { l: L('Cases', '案件'), kind: 'int' as const },
    ...(str ? [{ l: L('Suspicious reports filed', '已报送可疑交易报告'), kind: 'int' as const }] : []),
    { l: L('Closed alerts', '已结预警'), kind: 'int' as const },
    { l: L('False positives', '误报'), kind: 'int' as const },
    { l: L('False-positive rate', '误报率'), kind: 'rate' as const },
  ];
  const data = rows.map((r) => [
    r.key,
    r.alerts,
    r.cases,
    ...(str ? [r.reportsFiled] : []),
    r.closedAlerts,
    r.falsePositives,
    r.falsePositiveRate,
  ]);
  return { cols, data };
}

/**
 * The metrics as tables for CSV, XLSX and PDF. For roles that may not know of suspicious reports the
 * report stages and columns are left out entirely (tipping-off protection), not shown as empty.
 */
export function metricsTable(m: ComplianceMetrics, id: MetricTable, lang: Lang): MetricsTable {
  const str = m.strVisible;
  const none = pick(L('(unassigned)', '（未分配）'), lang);
  let cols: { l: Label; kind: 'text' | 'int' | 'rate' | 'hours' }[];
  let rows: Cell[][];
  switch (id) {
    case 'funnel': {
      const f = m.funnel;
      cols = [
        { l: L('Stage', '阶段'), kind: 'text' },
        { l: L('Count', '数量'), kind: 'int' },
        { l: L('Conversion from previous stage', '较上一阶段转化率'), kind: 'rate' },
      ];
      rows = [
        [pick(L('Alerts', '预警'), lang), f.alerts, null],
        [pick(L('Cases', '案件'), lang), f.cases, f.alertToCase],
        ...(str
          ? [
              [
                pick(L('Cases with a suspicious report', '已形成可疑交易报告的案件'), lang),
                f.reportedCases,
                f.caseToReport,
              ],
              [pick(L('Suspicious reports filed', '已报送可疑交易报告'), lang), f.reportsFiled, null],
            ]
          : []),
      ];
      break;
    }
    case 'aging':
      cols = [
        { l: L('Age (days)', '账龄（天）'), kind: 'text' },
        { l: L('Open cases', '未结案件'), kind: 'int' },
        { l: L('Past SLA', '已超时'), kind: 'int' },
      ];
      rows = m.aging.map((r) => [r.bucket, r.open, r.overdue]);
      break;
    case 'time-to-close-queue':
      cols = closeColumns(L('Queue', '队列'));
      rows = closeRows(m.timeToClose.byQueue, none);
      break;
    case 'time-to-close-assignee':
      cols = closeColumns(L('Assignee', '经办人'));
      rows = closeRows(m.timeToClose.byAssignee, none);
      break;
    case 'rules':
    case 'typologies': {
      const e =
        id === 'rules'
          ? effectiveness(L('Rule', '规则'), m.effectiveness.byRule, str)
          : effectiveness(L('Typology', '类型'), m.effectiveness.byTypology, str);
      cols = e.cols;
      rows = e.data;
      break;
    }
    case 'coverage': {
      const c = m.coverage;
      cols = [
        { l: L('Measure', '指标'), kind: 'text' },
        { l: L('Covered', '已覆盖'), kind: 'int' },
        { l: L('Total', '总数'), kind: 'int' },
        { l: L('Share', '占比'), kind: 'rate' },
      ];
      rows = [
        [
          pick(L('Events monitored by a rule set in force', '经生效规则集监测的事件'), lang),
          c.monitoredEvents,
          c.events,
          c.monitoredShare,
        ],
        [
          pick(L('High-risk customers under monitoring', '受监测的高风险客户'), lang),
          c.highRiskMonitored,
          c.highRiskCustomers,
          c.highRiskMonitoredShare,
        ],
      ];
      break;
    }
  }
  return {
    id,
    title: pick(titles[id], lang),
    columns: cols.map((c) => ({ label: pick(c.l, lang), kind: c.kind })),
    rows,
  };
}

/** The period line under each title, in the tenant's time zone (named, so nobody guesses). */
export function periodLine(m: ComplianceMetrics, lang: Lang, timeZone: string): string {
  const d = (t: number) => formatIn(t, timeZone);
  return lang === 'en'
    ? `Period ${d(m.from)} – ${d(m.to)} (${timeZone}); generated ${d(m.generatedAt)}`
    : `统计期间 ${d(m.from)} 至 ${d(m.to)}（${timeZone}）；生成于 ${d(m.generatedAt)}`;
}

function formatIn(t: number, timeZone: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(t)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
