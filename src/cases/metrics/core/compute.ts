import { closedStatuses, type AlertRecord, type CaseRecord, type ReportRecord } from '../../core/types.ts';
import type { AgingRow, ComplianceMetrics, Coverage, EffectivenessRow, Funnel } from '../schemas.ts';
import { closeStat, closeStats, rate } from './stats.ts';

const DAY = 86_400_000;

/** What the metrics are computed from; the service has already hidden what the viewer may not see. */
export interface MetricsInput {
  now: number;
  from: number;
  to: number;
  alerts: readonly AlertRecord[];
  cases: readonly CaseRecord[];
  /** Suspicious reports (empty, and `strVisible` false, for roles that may not know of them). */
  reports: readonly ReportRecord[];
  strVisible: boolean;
  coverage: { events: number; monitoredEvents: number; highRiskCustomers: number; highRiskMonitored: number };
}

const filed = (r: ReportRecord) => r.status === 'submitted' || r.status === 'acknowledged';

/** Suspicious reports per case: the live ones (not rejected) and the filed ones. */
function reportsByCase(reports: readonly ReportRecord[]) {
  const live = new Set<string>();
  const filedOf = new Map<string, Set<string>>();
  for (const r of reports) {
    if (!r.str || r.caseId === null || r.status === 'rejected') continue;
    live.add(r.caseId);
    if (filed(r)) filedOf.set(r.caseId, (filedOf.get(r.caseId) ?? new Set()).add(r.id));
  }
  return { live, filedOf };
}

/**
 * The funnel follows the alerts raised by decisions in the period (suspicion, not large-value
 * obligations, which are reported whatever an investigator finds) to their cases and to the
 * suspicious reports of those cases.
 */
export function funnelOf(
  alerts: readonly AlertRecord[],
  caseOf: ReadonlyMap<string, CaseRecord>,
  reports: readonly ReportRecord[],
  strVisible: boolean,
): Funnel {
  const caseIds = new Set(alerts.map((a) => a.caseId));
  if (!strVisible)
    return {
      alerts: alerts.length,
      cases: caseIds.size,
      reportedCases: null,
      reportsFiled: null,
      alertToCase: rate(caseIds.size, alerts.length),
      caseToReport: null,
      alertToReport: null,
    };
  const { live, filedOf } = reportsByCase(reports);
  // A case closed as reported counts even when its report was filed outside Zhili.
  const reported = [...caseIds].filter((id) => live.has(id) || caseOf.get(id)?.status === 'reported').length;
  const filedIds = new Set([...caseIds].flatMap((id) => [...(filedOf.get(id) ?? [])]));
  return {
    alerts: alerts.length,
    cases: caseIds.size,
    reportedCases: reported,
    reportsFiled: filedIds.size,
    alertToCase: rate(caseIds.size, alerts.length),
    caseToReport: rate(reported, caseIds.size),
    alertToReport: rate(reported, alerts.length),
  };
}

/** Open cases by age in whole days since they were opened, at `now`. */
export function agingOf(cases: readonly CaseRecord[], now: number): AgingRow[] {
  const rows: AgingRow[] = [
    { bucket: '0-30', open: 0, overdue: 0 },
    { bucket: '31-60', open: 0, overdue: 0 },
    { bucket: '61-90', open: 0, overdue: 0 },
    { bucket: '90+', open: 0, overdue: 0 },
  ];
  for (const c of cases) {
    if (closedStatuses.has(c.status)) continue;
    const days = Math.floor(Math.max(0, now - c.openedAt) / DAY);
    const row = rows[days <= 30 ? 0 : days <= 60 ? 1 : days <= 90 ? 2 : 3] as AgingRow;
    row.open += 1;
    if (now > c.dueAt) row.overdue += 1;
  }
  return rows;
}

/** Per rule (each rule of an alert) or per typology: what its alerts became. */
export function effectivenessOf(
  alerts: readonly AlertRecord[],
  caseOf: ReadonlyMap<string, CaseRecord>,
  reports: readonly ReportRecord[],
  strVisible: boolean,
  keysOf: (a: AlertRecord) => readonly string[],
): EffectivenessRow[] {
  const { filedOf } = reportsByCase(reports);
  // Alerts grouped by case first, so a rule's cases and filed reports are counted once per case
  // without a set of case ids per rule (hundreds of thousands of alerts stay fast).
  const byCase = new Map<string, AlertRecord[]>();
  for (const a of alerts) {
    const g = byCase.get(a.caseId);
    if (g) g.push(a);
    else byCase.set(a.caseId, [a]);
  }
  const acc = new Map<string, { alerts: number; cases: number; filed: Set<string>; closed: number; fp: number }>();
  for (const [caseId, group] of byCase) {
    const c = caseOf.get(caseId);
    const closed = c !== undefined && closedStatuses.has(c.status);
    const fp = closed && c.status === 'closed_false_positive';
    const filedIds = filedOf.get(caseId);
    const seen = new Set<string>();
    for (const a of group) {
      const keys = keysOf(a);
      keys.forEach((key, i) => {
        if (keys.indexOf(key) !== i) return; // the same rule twice on one alert counts once
        let r = acc.get(key);
        if (!r) acc.set(key, (r = { alerts: 0, cases: 0, filed: new Set(), closed: 0, fp: 0 }));
        r.alerts += 1;
        if (closed) r.closed += 1;
        if (fp) r.fp += 1;
        if (seen.has(key)) return;
        seen.add(key);
        r.cases += 1;
        for (const id of filedIds ?? []) r.filed.add(id);
      });
    }
  }
  return [...acc.entries()]
    .map(([key, r]) => ({
      key,
      alerts: r.alerts,
      cases: r.cases,
      reportsFiled: strVisible ? r.filed.size : null,
      closedAlerts: r.closed,
      falsePositives: r.fp,
      falsePositiveRate: rate(r.fp, r.closed),
    }))
    .sort((a, b) => b.alerts - a.alerts || a.key.localeCompare(b.key));
}

export function coverageOf(c: MetricsInput['coverage']): Coverage {
  return {
    ...c,
    monitoredShare: rate(c.monitoredEvents, c.events),
    highRiskMonitoredShare: rate(c.highRiskMonitored, c.highRiskCustomers),
  };
}

/** Every compliance metric of one period, from records the viewer may see. */
export function complianceMetrics(i: MetricsInput): ComplianceMetrics {
  const inPeriod = (t: number) => t >= i.from && t <= i.to;
  const raised = i.alerts.filter((a) => a.source === 'decision' && inPeriod(a.createdAt));
  const caseOf = new Map(i.cases.map((c) => [c.id, c]));
  const closed = i.cases.filter((c) => c.closedAt !== null && closedStatuses.has(c.status) && inPeriod(c.closedAt));
  const durations = closed.map((c) => ({ c, ms: Math.max(0, (c.closedAt as number) - c.openedAt) }));
  return {
    from: i.from,
    to: i.to,
    generatedAt: i.now,
    strVisible: i.strVisible,
    funnel: funnelOf(raised, caseOf, i.reports, i.strVisible),
    aging: agingOf(i.cases, i.now),
    timeToClose: {
      overall: closeStat(
        'all',
        durations.map((d) => d.ms),
      ),
      byQueue: closeStats(durations.map((d) => ({ key: d.c.queue, ms: d.ms }))),
      byAssignee: closeStats(durations.map((d) => ({ key: d.c.assignee, ms: d.ms }))),
    },
    effectiveness: {
      byRule: effectivenessOf(raised, caseOf, i.reports, i.strVisible, (a) => a.ruleIds),
      byTypology: effectivenessOf(raised, caseOf, i.reports, i.strVisible, (a) => [a.type]),
    },
    coverage: coverageOf(i.coverage),
  };
}
