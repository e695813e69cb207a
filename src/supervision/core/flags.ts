/**
 * Early-warning flags over one platform's indicators at the hub: pure, so each flag can be replayed
 * with the figures and the threshold that raised it. Thresholds are configurable (ZHILI_HUB_THRESHOLDS);
 * the defaults below are documented in docs/supervision.md.
 */
import { Type, type Static } from '@sinclair/typebox';

export const ThresholdsSchema = Type.Object(
  {
    /** Open AML cases (assigned, investigating, escalated included). */
    caseBacklog: Type.Integer({ minimum: 0 }),
    /** Alerts in open cases. */
    alertBacklog: Type.Integer({ minimum: 0 }),
    /** Open cases past their SLA deadline. */
    slaBreaches: Type.Integer({ minimum: 0 }),
    /** Regulatory reports submitted after their due date, over reports submitted. */
    reportLateRate: Type.Number({ minimum: 0, maximum: 1 }),
    /** Complaints decided late or past their deadline, over complaints received (the platform's statistics). */
    complaintBreachRate: Type.Number({ minimum: 0, maximum: 1 }),
    /** Overdue principal over principal outstanding, in any currency of the loan book. */
    overdueRate: Type.Number({ minimum: 0, maximum: 1 }),
    /** A disclosure published more than this many days after its month ended is late. */
    disclosureLateDays: Type.Integer({ minimum: 0 }),
    /** Late disclosures tolerated. */
    lateDisclosures: Type.Integer({ minimum: 0 }),
    /** Hours since the hub last cosigned a checkpoint of the platform. */
    ledgerAgeHours: Type.Number({ minimum: 0 }),
    /** Hours since the platform last sent its filings and indicators. */
    syncAgeHours: Type.Number({ minimum: 0 }),
    /** Open incidents. */
    openIncidents: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type Thresholds = Static<typeof ThresholdsSchema>;

export const defaultThresholds: Thresholds = {
  caseBacklog: 200,
  alertBacklog: 1000,
  slaBreaches: 0,
  reportLateRate: 0.05,
  complaintBreachRate: 0.05,
  overdueRate: 0.05,
  disclosureLateDays: 15,
  lateDisclosures: 0,
  ledgerAgeHours: 24,
  syncAgeHours: 24,
  openIncidents: 3,
};

/** What the hub knows of one platform, as the dashboard shows it (null: the platform sent nothing yet). */
export interface PlatformIndicators {
  alertBacklog: number | null;
  caseBacklog: number | null;
  slaBreaches: number | null;
  reports: { submitted: number; late: number; lateRate: number | null };
  complaints: { received: number; breached: number; breachRate: number | null; open: number | null };
  /** Per currency: overdue / outstanding principal (null: nothing outstanding). */
  overdue: { currency: string; balanceMinor: number; overdueMinor: number; rate: number | null }[];
  disclosures: { published: number; late: number; verified: number; pending: number; mismatched: number };
  incidentsOpen: number;
  ledger: { lastCosignedAt: number | null; ageHours: number | null; openAlerts: number };
  lastSyncAt: number | null;
  syncAgeHours: number | null;
}

export type FlagCode =
  | 'case_backlog'
  | 'alert_backlog'
  | 'sla_breaches'
  | 'report_late_rate'
  | 'complaint_breach_rate'
  | 'overdue_rate'
  | 'late_disclosures'
  | 'disclosure_mismatch'
  | 'ledger_age'
  | 'ledger_alerts'
  | 'sync_age'
  | 'open_incidents';

export interface Flag {
  code: FlagCode;
  severity: 'warning' | 'critical';
  /** The figure that crossed the threshold (a rate as a fraction). */
  value: number;
  /** The threshold it is compared with (`value > threshold` raises the flag). */
  threshold: number;
  /** Which threshold setting (ZHILI_HUB_THRESHOLDS key); none for flags without one. */
  setting: keyof Thresholds | null;
  message: string;
  messageZh: string;
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

/** The flags raised by `ind` against `th`: each with the value and the threshold it crossed. */
export function earlyWarnings(ind: PlatformIndicators, th: Thresholds): Flag[] {
  const out: Flag[] = [];
  const over = (
    code: FlagCode,
    setting: keyof Thresholds | null,
    value: number | null,
    threshold: number,
    severity: Flag['severity'],
    en: (v: string, t: string) => string,
    zh: (v: string, t: string) => string,
    fmt: (x: number) => string = String,
  ) => {
    if (value === null || !(value > threshold)) return;
    out.push({
      code,
      severity,
      value,
      threshold,
      setting,
      message: en(fmt(value), fmt(threshold)),
      messageZh: zh(fmt(value), fmt(threshold)),
    });
  };
  over(
    'case_backlog',
    'caseBacklog',
    ind.caseBacklog,
    th.caseBacklog,
    'warning',
    (v, t) => `${v} open cases (threshold ${t}).`,
    (v, t) => `未结案件 ${v} 件（阈值 ${t}）。`,
  );
  over(
    'alert_backlog',
    'alertBacklog',
    ind.alertBacklog,
    th.alertBacklog,
    'warning',
    (v, t) => `${v} alerts in open cases (threshold ${t}).`,
    (v, t) => `未结案件中的预警 ${v} 条（阈值 ${t}）。`,
  );
  over(
    'sla_breaches',
    'slaBreaches',
    ind.slaBreaches,
    th.slaBreaches,
    'critical',
    (v, t) => `${v} open cases past their SLA deadline (threshold ${t}).`,
    (v, t) => `超过处理时限的未结案件 ${v} 件（阈值 ${t}）。`,
  );
  over(
    'report_late_rate',
    'reportLateRate',
    ind.reports.lateRate,
    th.reportLateRate,
    'critical',
    (v, t) => `${v} of regulatory reports submitted after their due date (threshold ${t}).`,
    (v, t) => `逾期报送的监管报告占比 ${v}（阈值 ${t}）。`,
    pct,
  );
  over(
    'complaint_breach_rate',
    'complaintBreachRate',
    ind.complaints.breachRate,
    th.complaintBreachRate,
    'warning',
    (v, t) => `Complaint deadline breach rate ${v} (threshold ${t}).`,
    (v, t) => `投诉处理超时率 ${v}（阈值 ${t}）。`,
    pct,
  );
  for (const o of ind.overdue)
    over(
      'overdue_rate',
      'overdueRate',
      o.rate,
      th.overdueRate,
      'warning',
      (v, t) => `${o.currency} loan book: overdue rate ${v} (threshold ${t}).`,
      (v, t) => `${o.currency} 贷款逾期率 ${v}（阈值 ${t}）。`,
      pct,
    );
  over(
    'late_disclosures',
    'lateDisclosures',
    ind.disclosures.late,
    th.lateDisclosures,
    'warning',
    (v, t) => `${v} disclosures published more than ${th.disclosureLateDays} days after their month (threshold ${t}).`,
    (v, t) => `${v} 份披露在月末 ${th.disclosureLateDays} 天后才发布（阈值 ${t}）。`,
  );
  over(
    'disclosure_mismatch',
    null,
    ind.disclosures.mismatched,
    0,
    'critical',
    (v) => `${v} disclosures do not match the platform's witnessed ledger.`,
    (v) => `${v} 份披露与平台经见证的账本不一致。`,
  );
  over(
    'ledger_age',
    'ledgerAgeHours',
    ind.ledger.ageHours,
    th.ledgerAgeHours,
    'warning',
    (v, t) => `Last cosigned ledger checkpoint ${v} h ago (threshold ${t} h).`,
    (v, t) => `最近一次联署的账本检查点在 ${v} 小时前（阈值 ${t} 小时）。`,
    (x) => x.toFixed(1),
  );
  over(
    'ledger_alerts',
    null,
    ind.ledger.openAlerts,
    0,
    'critical',
    (v) => `${v} open hub alerts (ledger or disclosure).`,
    (v) => `未关闭的枢纽告警 ${v} 条（账本或披露）。`,
  );
  over(
    'sync_age',
    'syncAgeHours',
    ind.syncAgeHours,
    th.syncAgeHours,
    'warning',
    (v, t) => `No filings from the platform for ${v} h (threshold ${t} h).`,
    (v, t) => `平台已 ${v} 小时未报送数据（阈值 ${t} 小时）。`,
    (x) => x.toFixed(1),
  );
  over(
    'open_incidents',
    'openIncidents',
    ind.incidentsOpen,
    th.openIncidents,
    'warning',
    (v, t) => `${v} open incidents (threshold ${t}).`,
    (v, t) => `未关闭的突发事件 ${v} 起（阈值 ${t}）。`,
  );
  return out;
}

/** Days from the end of the disclosure month (`YYYY-MM`) to its publication (UTC days, ≥ 0). */
export function daysAfterPeriod(period: string, publishedAt: number): number {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const end = Date.UTC(y, m, 1); // first instant of the next month
  return Math.max(0, Math.floor((publishedAt - end) / 86_400_000));
}
