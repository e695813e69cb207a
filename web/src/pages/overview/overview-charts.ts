// Pure: the overview's figures and chart options from the API's lists.
import type { EChartsCoreOption } from 'echarts/core';
import type { AlertRecord, CaseWithSla, RegisterRow } from '../../api/types.ts';

export function overviewFigures(cases: CaseWithSla[], reports: RegisterRow[]) {
  const open = cases.filter((c) => !c.sla.stopped);
  return {
    openCases: open.length,
    pastSla: open.filter((c) => c.sla.breached).length,
    pendingClosure: open.filter((c) => c.pending !== null).length,
    dueSoon: reports.filter((r) => (r.status === 'draft' || r.status === 'approved') && r.deadline.workingDaysLeft <= 5)
      .length,
  };
}

/** Alerts raised per day (tenant's time zone) by source, as a stacked bar chart. */
export function alertsPerDay(
  alerts: AlertRecord[],
  timeZone: string,
  labels: { decision: string; obligation: string },
): EChartsCoreOption {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const counts = new Map<string, { decision: number; obligation: number }>();
  for (const a of alerts) {
    const d = day.format(a.createdAt);
    const c = counts.get(d) ?? { decision: 0, obligation: 0 };
    c[a.source] += 1;
    counts.set(d, c);
  }
  const days = [...counts.keys()].sort();
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: days },
    yAxis: { type: 'value', minInterval: 1 },
    series: (['decision', 'obligation'] as const).map((s) => ({
      name: labels[s],
      type: 'bar',
      stack: 'alerts',
      data: days.map((d) => counts.get(d)?.[s] ?? 0),
    })),
  };
}

export function casesByStatus(cases: CaseWithSla[], label: (s: string) => string): EChartsCoreOption {
  const counts = new Map<string, number>();
  for (const c of cases) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['40%', '68%'],
        data: [...counts].map(([s, n]) => ({ name: label(s), value: n })),
      },
    ],
  };
}
