// Pure: chart options for a backtest report (hits per rule, precision and recall, alerts per day), and the
// tenant-zone midnight that starts a calendar day, for the backtest's event-time range.
import type { EChartsCoreOption } from 'echarts/core';
import type { BacktestReport } from './types.ts';

const grid = { left: 8, right: 24, top: 36, bottom: 24, containLabel: true };

/** Rules that fired, most hits first (at most `max`), as horizontal bars. */
export function hitsPerRule(r: BacktestReport, label: string, max = 25): EChartsCoreOption {
  const rows = r.rules
    .filter((x) => x.hits > 0)
    .sort((a, b) => b.hits - a.hits)
    .slice(0, max)
    .reverse();
  return {
    tooltip: { trigger: 'axis' },
    grid,
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((x) => x.id) },
    series: [{ name: label, type: 'bar', data: rows.map((x) => x.hits), itemStyle: { color: '#1f5fbf' } }],
  };
}

/** Account-level precision and recall of each rule that fired (needs labels: empty otherwise). */
export function precisionRecall(
  r: BacktestReport,
  labels: { precision: string; recall: string },
  max = 25,
): EChartsCoreOption {
  const rows = r.rules.filter((x) => x.hits > 0 && x.account).slice(0, max);
  const pct = (v: number | undefined) => Math.round((v ?? 0) * 1000) / 10;
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { ...grid, bottom: 60 },
    xAxis: { type: 'category', data: rows.map((x) => x.id), axisLabel: { rotate: 30 } },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
    series: [
      {
        name: labels.precision,
        type: 'bar',
        data: rows.map((x) => pct(x.account?.precision)),
        itemStyle: { color: '#1f5fbf' },
      },
      {
        name: labels.recall,
        type: 'bar',
        data: rows.map((x) => pct(x.account?.recall)),
        itemStyle: { color: '#ad4e00' },
      },
    ],
  };
}

/** Events decided review or block per day of the rule set's time zone, stacked. */
export function alertsPerDay(r: BacktestReport, labels: { review: string; block: string }): EChartsCoreOption {
  const days = r.alertsPerDay;
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid,
    xAxis: { type: 'category', data: days.map((d) => d.day) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: labels.review,
        type: 'bar',
        stack: 'a',
        data: days.map((d) => d.review),
        itemStyle: { color: '#ad4e00' },
      },
      { name: labels.block, type: 'bar', stack: 'a', data: days.map((d) => d.block), itemStyle: { color: '#a8071a' } },
    ],
  };
}

/** The instant a calendar day (YYYY-MM-DD) begins in `timeZone`, as RFC 3339 UTC. */
export function zonedMidnight(day: string, timeZone: string): string {
  const [y = 1970, m = 1, d = 1] = day.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d);
  const offsetAt = (t: number) => {
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })
        .formatToParts(t)
        .map((x) => [x.type, x.value]),
    );
    const asUtc = Date.UTC(
      +(p.year ?? 0),
      +(p.month ?? 1) - 1,
      +(p.day ?? 1),
      +(p.hour ?? 0),
      +(p.minute ?? 0),
      +(p.second ?? 0),
    );
    return asUtc - t;
  };
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first)).toISOString();
}
