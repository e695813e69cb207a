// The pure core of the compliance metrics: funnel, aging boundaries, percentiles, effectiveness, and the
// CSV writer's quoting.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { AlertRecord, CaseRecord, ReportRecord } from '../src/cases/index.ts';
import { agingOf, complianceMetrics, funnelOf } from '../src/cases/metrics/core/compute.ts';
import { closeStat, percentile } from '../src/cases/metrics/core/stats.ts';
import { metricsTable } from '../src/cases/metrics/core/tables.ts';
import { toCsv } from '../src/cases/metrics/export/csv.ts';
import { toPdf } from '../src/cases/metrics/export/pdf.ts';
import { columnName } from '../src/cases/metrics/export/xlsx.ts';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-30T00:00:00Z');

const kase = (id: string, over: Partial<CaseRecord> = {}): CaseRecord => ({
  id,
  tenantId: 't',
  customerId: `cust-${id}`,
  status: 'open',
  priority: 'medium',
  score: 10,
  queue: 'aml',
  assignee: null,
  tags: [],
  dueAt: NOW + DAY,
  openedAt: NOW - DAY,
  lastAlertAt: NOW - DAY,
  alertCount: 1,
  pending: null,
  resolution: null,
  closedAt: null,
  version: 1,
  updatedAt: NOW,
  ...over,
});
const alert = (id: string, caseId: string, over: Partial<AlertRecord> = {}): AlertRecord => ({
  id,
  tenantId: 't',
  caseId,
  eventId: `evt-${id}`,
  decisionSeq: 1,
  customerId: 'c',
  source: 'decision',
  type: 'structuring',
  code: 'review',
  ruleIds: ['r1'],
  score: 10,
  priority: 'medium',
  dueBy: null,
  occurredAt: NOW - DAY,
  createdAt: NOW - DAY,
  reportId: null,
  ...over,
});
const report = (id: string, caseId: string, status: ReportRecord['status']): ReportRecord =>
  ({ id, tenantId: 't', format: 'pboc_bstr', str: true, caseId, status }) as ReportRecord;

describe('compliance metrics core', () => {
  it('the funnel counts cases with a live suspicious report (or closed as reported), not rejected ones', () => {
    const cases = [kase('a'), kase('b'), kase('c', { status: 'reported', closedAt: NOW }), kase('d')];
    const alerts = [alert('1', 'a'), alert('2', 'a'), alert('3', 'b'), alert('4', 'c'), alert('5', 'd')];
    const reports = [report('r1', 'a', 'submitted'), report('r2', 'b', 'rejected'), report('r3', 'd', 'draft')];
    const f = funnelOf(alerts, new Map(cases.map((c) => [c.id, c])), reports, true);
    expect(f).toEqual({
      alerts: 5,
      cases: 4,
      reportedCases: 3,
      reportsFiled: 1,
      alertToCase: 0.8,
      caseToReport: 0.75,
      alertToReport: 0.6,
    });
    expect(funnelOf(alerts, new Map(), reports, false)).toMatchObject({ reportedCases: null, caseToReport: null });
    expect(funnelOf([], new Map(), [], true).alertToCase).toBeNull();
  });

  it('ages open cases in whole days: 30 is in 0–30, 31 in 31–60, 91 in 90+; closed cases do not age', () => {
    const at = (days: number, over: Partial<CaseRecord> = {}) =>
      kase(`d${days}`, { openedAt: NOW - days * DAY - 1000, ...over });
    const rows = agingOf(
      [
        at(0),
        at(30),
        at(31),
        at(60),
        at(61),
        at(90),
        at(91, { dueAt: NOW - 1 }),
        at(400, { status: 'closed_no_report' }),
      ],
      NOW,
    );
    expect(rows).toEqual([
      { bucket: '0-30', open: 2, overdue: 0 },
      { bucket: '31-60', open: 2, overdue: 0 },
      { bucket: '61-90', open: 2, overdue: 0 },
      { bucket: '90+', open: 1, overdue: 1 },
    ]);
  });

  it('percentiles are nearest-rank: always an observed duration', () => {
    expect(percentile([], 0.5)).toBe(0);
    expect(percentile([5], 0.9)).toBe(5);
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentile(ten, 0.5)).toBe(5);
    expect(percentile(ten, 0.9)).toBe(9);
    expect(closeStat('q', [10, 1, 4])).toEqual({ key: 'q', closed: 3, medianMs: 4, p90Ms: 10 });
  });

  it('false-positive rate is alerts closed as false positive over closed alerts, per rule and typology', () => {
    const cases = [
      kase('a', { status: 'closed_false_positive', closedAt: NOW - 1 }),
      kase('b', { status: 'closed_no_report', closedAt: NOW - 1 }),
      kase('c'),
    ];
    const alerts = [
      alert('1', 'a', { ruleIds: ['r1', 'r2'] }),
      alert('2', 'b', { ruleIds: ['r1'] }),
      alert('3', 'c', { ruleIds: ['r2'], type: 'fraud' }),
      alert('4', 'c', { source: 'obligation', ruleIds: ['lv'] }),
      alert('5', 'c', { createdAt: NOW - 200 * DAY }),
      alert('6', 'b', { ruleIds: ['r3', 'r3'] }),
    ];
    const m = complianceMetrics({
      now: NOW,
      from: NOW - 90 * DAY,
      to: NOW,
      alerts,
      cases,
      reports: [],
      strVisible: true,
      coverage: { events: 10, monitoredEvents: 9, highRiskCustomers: 0, highRiskMonitored: 0 },
    });
    expect(m.effectiveness.byRule).toEqual([
      { key: 'r1', alerts: 2, cases: 2, reportsFiled: 0, closedAlerts: 2, falsePositives: 1, falsePositiveRate: 0.5 },
      { key: 'r2', alerts: 2, cases: 2, reportsFiled: 0, closedAlerts: 1, falsePositives: 1, falsePositiveRate: 1 },
      // The same rule twice on one alert counts once.
      { key: 'r3', alerts: 1, cases: 1, reportsFiled: 0, closedAlerts: 1, falsePositives: 0, falsePositiveRate: 0 },
    ]);
    expect(m.effectiveness.byTypology.map((r) => r.key)).toEqual(['structuring', 'fraud']);
    expect(m.coverage).toMatchObject({ monitoredShare: 0.9, highRiskMonitoredShare: null });
    expect(m.timeToClose.overall.closed).toBe(2);
    expect(m.effectiveness.byTypology[0]).toMatchObject({ key: 'structuring', alerts: 3, cases: 2 });
  });

  it('CSV quotes commas, quotes and newlines, and defuses spreadsheet formulas', () => {
    const t = { ...metricsTable(emptyMetrics(), 'rules', 'en'), rows: [['=HYPERLINK("x"),1', 1, 1, 0, 0, 0, null]] };
    const rows: string[][] = parse(toCsv(t), { bom: true });
    expect(rows[1]).toEqual([`'=HYPERLINK("x"),1`, '1', '1', '0', '0', '0', '']);
  });

  it('PDF tables run over pages, the header repeated, every object where the cross-reference says', () => {
    const rows = Array.from({ length: 200 }, (_, i) => [`rule-${i}`, i, i, 0, i, 0, 0.5]);
    const t = { ...metricsTable(emptyMetrics(), 'rules', 'en'), rows };
    const pdf = Buffer.from(toPdf([t], { title: 'T', note: 'N' }, 'en')).toString('latin1');
    const pages = Number(/\/Count (\d+)/.exec(pdf)?.[1]);
    expect(pages).toBeGreaterThan(4);
    expect(pdf.match(/\(Rule\) Tj/g)).toHaveLength(pages);
    expect(pdf).toContain('(rule-199) Tj');
    const xref = Number(/startxref\n(\d+)/.exec(pdf)?.[1]);
    const offsets = pdf
      .slice(xref)
      .split('\n')
      .slice(3)
      .filter((l) => / n $/.test(l));
    offsets.forEach((l, i) => expect(pdf.startsWith(`${i + 1} 0 obj`, Number(l.slice(0, 10)))).toBe(true));
  });

  it('names spreadsheet columns A…Z, AA…', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});

function emptyMetrics() {
  return complianceMetrics({
    now: NOW,
    from: NOW - DAY,
    to: NOW,
    alerts: [],
    cases: [],
    reports: [],
    strVisible: true,
    coverage: { events: 0, monitoredEvents: 0, highRiskCustomers: 0, highRiskMonitored: 0 },
  });
}
