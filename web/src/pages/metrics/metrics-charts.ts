import type { EChartsCoreOption } from 'echarts/core';
import type { paths } from '../../api/schema.d.ts';

export type Metrics = paths['/v1/metrics/compliance']['get']['responses'][200]['content']['application/json'];

/** The funnel alerts → cases → suspicious reports (the last stage only when the role may know of them). */
export function funnelOption(
  m: Metrics,
  label: (k: 'alerts' | 'cases' | 'reportedCases') => string,
): EChartsCoreOption {
  const f = m.funnel;
  const data = [
    { name: label('alerts'), value: f.alerts },
    { name: label('cases'), value: f.cases },
    ...(f.reportedCases !== null ? [{ name: label('reportedCases'), value: f.reportedCases }] : []),
  ];
  const max = Math.max(1, ...data.map((d) => d.value));
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    color: ['#1f5fbf', '#2f7d32', '#9e1068'],
    series: [
      {
        type: 'funnel',
        min: 0,
        max,
        minSize: '8%',
        sort: 'none',
        left: '10%',
        width: '80%',
        label: { show: true, position: 'inside', formatter: '{b}\n{c}', color: '#fff' },
        data,
      },
    ],
  };
}

/** Open cases per age bucket, with the part past its SLA. */
export function agingOption(m: Metrics, names: { open: string; overdue: string; days: string }): EChartsCoreOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, data: [names.open, names.overdue] },
    grid: { left: 40, right: 40, top: 40, bottom: 32, containLabel: true },
    xAxis: { type: 'category', name: names.days, data: m.aging.map((a) => a.bucket) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { name: names.open, type: 'bar', data: m.aging.map((a) => a.open), itemStyle: { color: '#1f5fbf' } },
      { name: names.overdue, type: 'bar', data: m.aging.map((a) => a.overdue), itemStyle: { color: '#a8071a' } },
    ],
  };
}

/** A fraction 0–1 as a percentage in the console's language. */
export function percent(v: number | null, lang: string): string {
  if (v === null) return '—';
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(v);
}

/** A duration as hours (under two days) or days, one decimal. */
export function duration(ms: number, lang: string, unit: { hours: string; days: string }): string {
  const h = ms / 3_600_000;
  const n = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  return h < 48 ? `${n.format(h)} ${unit.hours}` : `${n.format(h / 24)} ${unit.days}`;
}
