/** Incidents, contingency plans and drills: stored documents and HTTP bodies (TypeBox). */
import { Type, type Static } from '@sinclair/typebox';
import { grades } from './core/grading.ts';

const lits = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Count = Type.Integer({ minimum: 0 });
const TypeName = Type.String({ minLength: 1, maxLength: 48, pattern: '^[a-z0-9_]+$' });
const Version = { expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })) };
export const incidentStates = ['open', 'contained', 'resolved', 'closed'] as const;
export type IncidentState = (typeof incidentStates)[number];

export const FactsSchema = Type.Object(
  {
    outageMinutes: Type.Optional(Count),
    customersAffected: Type.Optional(Count),
    personalRecords: Type.Optional(Count),
    loss: Type.Optional(
      Type.String({ pattern: '^\\d+(\\.\\d{1,2})?$', description: 'Direct loss in CNY, decimal string' }),
    ),
    personalInfo: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type FactsBody = Static<typeof FactsSchema>;
const StoredFacts = Type.Object({
  outageMinutes: Type.Optional(Count),
  customersAffected: Type.Optional(Count),
  personalRecords: Type.Optional(Count),
  lossMinor: Type.Optional(Count),
  personalInfo: Type.Optional(Type.Boolean()),
});

const ReportBody = {
  summary: Text(5000),
  summaryZh: Type.Optional(Text(5000)),
  rootCause: Text(2000),
  rootCauseZh: Type.Optional(Text(2000)),
  actions: Type.Array(Text(500), { maxItems: 50 }),
  lessons: Type.Array(Text(500), { maxItems: 50 }),
};
export const ReportInputSchema = Type.Object({ ...ReportBody, ...Version }, { additionalProperties: false });
export type ReportInput = Static<typeof ReportInputSchema>;

export const IncidentDocSchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  title: Type.String(),
  titleZh: Type.Optional(Type.String()),
  detectedAt: Type.Integer(),
  occurredAt: Type.Optional(Type.Integer()),
  timeZone: Type.String(),
  facts: StoredFacts,
  grade: lits(grades),
  gradeReasons: Type.Array(Type.String()),
  override: Type.Optional(
    Type.Object({ grade: lits(grades), reason: Type.String(), by: Type.String(), at: Type.Integer() }),
  ),
  planId: Type.Optional(Type.String()),
  notices: Type.Array(
    Type.Object({
      authority: Type.String(),
      dueAt: Type.Integer(),
      sentAt: Type.Optional(Type.Integer()),
      by: Type.Optional(Type.String()),
      reference: Type.Optional(Type.String()),
    }),
  ),
  times: Type.Object({
    contained: Type.Optional(Type.Integer()),
    resolved: Type.Optional(Type.Integer()),
    closed: Type.Optional(Type.Integer()),
  }),
  report: Type.Optional(
    Type.Object({
      ...ReportBody,
      author: Type.String(),
      at: Type.Integer(),
      approvedBy: Type.Optional(Type.String()),
      approvedAt: Type.Optional(Type.Integer()),
    }),
  ),
});
export type IncidentDoc = Static<typeof IncidentDocSchema>;

export const OpenIncidentSchema = Type.Object(
  {
    type: TypeName,
    title: Text(300),
    titleZh: Type.Optional(Text(300)),
    detectedAt: Type.Optional(Type.String({ description: 'RFC 3339; default now. Reporting clocks run from here' })),
    occurredAt: Type.Optional(Type.String()),
    facts: Type.Optional(FactsSchema),
  },
  { additionalProperties: false },
);
export type OpenIncidentBody = Static<typeof OpenIncidentSchema>;

export const IncidentActionSchema = Type.Union([
  Type.Object(
    { action: Type.Literal('update_facts'), facts: FactsSchema, ...Version },
    { additionalProperties: false },
  ),
  Type.Object(
    { action: Type.Literal('regrade'), grade: lits(grades), reason: Text(1000), ...Version },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      action: Type.Literal('notify'),
      authority: Text(32),
      reference: Type.Optional(Text(200)),
      sentAt: Type.Optional(Type.String({ description: 'RFC 3339; default now' })),
      ...Version,
    },
    { additionalProperties: false },
  ),
  Type.Object({ action: Type.Literal('contain'), ...Version }, { additionalProperties: false }),
  Type.Object({ action: Type.Literal('resolve'), ...Version }, { additionalProperties: false }),
  Type.Object({ action: Type.Literal('close'), ...Version }, { additionalProperties: false }),
]);
export type IncidentAction = Static<typeof IncidentActionSchema>;

export const PlanInputSchema = Type.Object(
  {
    incidentType: TypeName,
    title: Text(300),
    titleZh: Text(300),
    owner: Text(128),
    steps: Type.Array(Text(1000), { minItems: 1, maxItems: 100 }),
    stepsZh: Type.Optional(Type.Array(Text(1000), { maxItems: 100 })),
    reviewedOn: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
    ...Version,
  },
  { additionalProperties: false },
);
export type PlanInput = Static<typeof PlanInputSchema>;
export const PlanDocSchema = Type.Object({
  id: Type.String(),
  incidentType: Type.String(),
  title: Type.String(),
  titleZh: Type.String(),
  owner: Type.String(),
  steps: Type.Array(Type.String()),
  stepsZh: Type.Optional(Type.Array(Type.String())),
  reviewedOn: Type.Optional(Type.String()),
  updatedBy: Type.String(),
  updatedAt: Type.Integer(),
});
export type PlanDoc = Static<typeof PlanDocSchema>;

export const DrillInputSchema = Type.Object(
  {
    date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    scenario: Text(2000),
    planId: Type.Optional(Text(128)),
    participants: Type.Array(Text(128), { minItems: 1, maxItems: 200 }),
    findings: Type.Array(Text(1000), { maxItems: 100 }),
  },
  { additionalProperties: false },
);
export const DrillDocSchema = Type.Object({
  id: Type.String(),
  date: Type.String(),
  scenario: Type.String(),
  planId: Type.Optional(Type.String()),
  planVersion: Type.Optional(Type.Integer()),
  participants: Type.Array(Type.String()),
  findings: Type.Array(Type.String()),
  recordedBy: Type.String(),
  recordedAt: Type.Integer(),
});
export type DrillDoc = Static<typeof DrillDocSchema>;

const Thresholds = Type.Object(
  {
    outageMinutes: Type.Optional(Count),
    customersAffected: Type.Optional(Count),
    personalRecords: Type.Optional(Count),
    lossMinor: Type.Optional(Count),
  },
  { additionalProperties: false },
);
export const IncidentSettingsSchema = Type.Object(
  {
    grading: Type.Optional(
      Type.Object(
        { source: Type.String(), thresholds: Type.Object({ I: Thresholds, II: Thresholds, III: Thresholds }) },
        { additionalProperties: false },
      ),
    ),
    rules: Type.Optional(
      Type.Array(
        Type.Object(
          {
            authority: Type.String({ pattern: '^[a-z0-9-]{1,32}$' }),
            name: Text(200),
            nameZh: Text(200),
            minGrade: Type.Optional(lits(grades)),
            personalInfo: Type.Optional(Type.Boolean()),
            hours: Type.Number({ exclusiveMinimum: 0, maximum: 720 }),
            source: Text(500),
          },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    ),
    warnMinutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_080 })),
  },
  { additionalProperties: false },
);
export type IncidentSettingsInput = Static<typeof IncidentSettingsSchema>;

const NoticeViewSchema = Type.Object({
  authority: Type.String(),
  name: Type.String(),
  nameZh: Type.String(),
  source: Type.String(),
  dueAt: Type.String(),
  sentAt: Type.Optional(Type.String()),
  status: Type.String({ description: 'pending | due_soon | overdue | sent | sent_late' }),
  minutesLeft: Type.Optional(Type.Integer()),
  reference: Type.Optional(Type.String()),
  by: Type.Optional(Type.String()),
});
export const IncidentViewSchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  title: Type.String(),
  titleZh: Type.Optional(Type.String()),
  state: Type.String({ description: 'open | contained | resolved | closed' }),
  version: Type.Integer(),
  detectedAt: Type.String(),
  occurredAt: Type.Optional(Type.String()),
  facts: StoredFacts,
  grade: lits(grades),
  gradeName: Type.Object({ en: Type.String(), zh: Type.String() }),
  gradeReasons: Type.Array(Type.String()),
  override: Type.Optional(
    Type.Object({ grade: Type.String(), reason: Type.String(), by: Type.String(), at: Type.String() }),
  ),
  planId: Type.Optional(Type.String()),
  notices: Type.Array(NoticeViewSchema),
  containedAt: Type.Optional(Type.String()),
  resolvedAt: Type.Optional(Type.String()),
  closedAt: Type.Optional(Type.String()),
  report: Type.Optional(
    Type.Object({
      ...ReportBody,
      author: Type.String(),
      at: Type.String(),
      approvedBy: Type.Optional(Type.String()),
      approvedAt: Type.Optional(Type.String()),
    }),
  ),
});
export const PlanViewSchema = Type.Object({
  id: Type.String(),
  incidentType: Type.String(),
  title: Type.String(),
  titleZh: Type.String(),
  owner: Type.String(),
  steps: Type.Array(Type.String()),
  stepsZh: Type.Optional(Type.Array(Type.String())),
  reviewedOn: Type.Optional(Type.String()),
  updatedBy: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
});
export const DrillViewSchema = Type.Object({
  id: Type.String(),
  date: Type.String(),
  scenario: Type.String(),
  planId: Type.Optional(Type.String()),
  planVersion: Type.Optional(Type.Integer()),
  participants: Type.Array(Type.String()),
  findings: Type.Array(Type.String()),
  recordedBy: Type.String(),
  recordedAt: Type.String(),
});
