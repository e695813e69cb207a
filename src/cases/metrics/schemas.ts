import { Type, type Static } from '@sinclair/typebox';

/** Compliance metrics as examiners ask for them. Durations are milliseconds; rates are fractions 0–1 (null: nothing to divide). */
const Rate = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]);
const Count = Type.Integer({ minimum: 0 });

export const FunnelSchema = Type.Object({
  alerts: Count,
  cases: Count,
  /** Cases with a suspicious report (any state but rejected) or closed as reported; null for roles that may not know of one. */
  reportedCases: Type.Union([Count, Type.Null()]),
  /** Suspicious reports submitted or acknowledged; null as above. */
  reportsFiled: Type.Union([Count, Type.Null()]),
  alertToCase: Rate,
  caseToReport: Rate,
  alertToReport: Rate,
});

export const agingBuckets = ['0-30', '31-60', '61-90', '90+'] as const;
export const AgingRowSchema = Type.Object({
  bucket: Type.Union(agingBuckets.map((b) => Type.Literal(b))),
  open: Count,
  /** Open cases of the bucket past their SLA deadline. */
  overdue: Count,
});

export const CloseStatSchema = Type.Object({
  /** The queue or assignee; null: no assignee. */
  key: Type.Union([Type.String(), Type.Null()]),
  closed: Count,
  medianMs: Type.Integer({ minimum: 0 }),
  p90Ms: Type.Integer({ minimum: 0 }),
});

export const EffectivenessRowSchema = Type.Object({
  /** Rule id or typology. */
  key: Type.String(),
  alerts: Count,
  cases: Count,
  reportsFiled: Type.Union([Count, Type.Null()]),
  closedAlerts: Count,
  falsePositives: Count,
  /** Alerts closed as false positive / closed alerts. */
  falsePositiveRate: Rate,
});

export const CoverageSchema = Type.Object({
  events: Count,
  /** Events decided by a rule-set version that was put in force (active) and holds at least one rule. */
  monitoredEvents: Count,
  monitoredShare: Rate,
  /** Customers rated high or prohibited (not erased). */
  highRiskCustomers: Count,
  /** Of those, customers with an event in the period decided by a rule set in force, or an open case. */
  highRiskMonitored: Count,
  highRiskMonitoredShare: Rate,
});

export const ComplianceMetricsSchema = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  generatedAt: Type.Integer(),
  /** Whether suspicious-report figures are included (AML roles only: tipping-off protection). */
  strVisible: Type.Boolean(),
  funnel: FunnelSchema,
  aging: Type.Array(AgingRowSchema),
  timeToClose: Type.Object({
    overall: CloseStatSchema,
    byQueue: Type.Array(CloseStatSchema),
    byAssignee: Type.Array(CloseStatSchema),
  }),
  effectiveness: Type.Object({
    byRule: Type.Array(EffectivenessRowSchema),
    byTypology: Type.Array(EffectivenessRowSchema),
  }),
  coverage: CoverageSchema,
});

export type Funnel = Static<typeof FunnelSchema>;
export type AgingRow = Static<typeof AgingRowSchema>;
export type CloseStat = Static<typeof CloseStatSchema>;
export type EffectivenessRow = Static<typeof EffectivenessRowSchema>;
export type Coverage = Static<typeof CoverageSchema>;
export type ComplianceMetrics = Static<typeof ComplianceMetricsSchema>;

export const metricTables = [
  'funnel',
  'aging',
  'time-to-close-queue',
  'time-to-close-assignee',
  'rules',
  'typologies',
  'coverage',
] as const;
export type MetricTable = (typeof metricTables)[number];

const Timestamp = Type.Optional(Type.String({ description: 'RFC 3339; default: the last 90 days up to now' }));
export const MetricsQuery = Type.Object({ from: Timestamp, to: Timestamp }, { additionalProperties: false });
export const ExportParams = Type.Object({
  table: Type.Union([...metricTables.map((t) => Type.Literal(t)), Type.Literal('all')]),
});
export const ExportQuery = Type.Object(
  {
    from: Timestamp,
    to: Timestamp,
    format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx'), Type.Literal('pdf')]),
    lang: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')], { default: 'zh-CN' })),
  },
  { additionalProperties: false },
);
