/** HTTP bodies and answers of the complaints API (TypeBox: validation, OpenAPI and the console's types). */
import { Type, type Static } from '@sinclair/typebox';
import { channels, complaintStates, outcomes } from './core/types.ts';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Id = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:\\-]+$' });
const lits = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const LocalDay = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (tenant time zone)' });

export const AmountSchema = Type.Object(
  {
    value: Type.String({ pattern: '^-?\\d+(\\.\\d+)?$', description: 'Decimal string, e.g. "500.00"' }),
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  },
  { additionalProperties: false },
);

export const FileComplaintSchema = Type.Object(
  {
    customerId: Id,
    channel: lits(channels),
    category: Text(16),
    cause: Text(16),
    productId: Type.Optional(Id),
    eventIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
    loanIds: Type.Optional(Type.Array(Id, { maxItems: 100 })),
    regulator: Type.Optional(Text(32)),
    receivedAt: Type.Optional(
      Type.String({ description: 'RFC 3339; default now (phone and branch complaints entered later)' }),
    ),
    complainant: Type.Optional(
      Type.Object(
        { name: Type.Optional(Text(200)), phone: Type.Optional(Text(32)) },
        { additionalProperties: false, description: 'Sealed at rest; shown only on an audited reveal' },
      ),
    ),
    description: Type.Optional(Text(10_000)),
  },
  { additionalProperties: false },
);
export type FileComplaintBody = Static<typeof FileComplaintSchema>;

const Version = { expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })) };
export const ActionSchema = Type.Union([
  Type.Object({ action: Type.Literal('acknowledge'), ...Version }, { additionalProperties: false }),
  Type.Object({ action: Type.Literal('investigate'), ...Version }, { additionalProperties: false }),
  Type.Object(
    {
      action: Type.Literal('extend'),
      to: Type.Union([Type.Literal('complex'), Type.Literal('special')]),
      consumerNotified: Type.Optional(Type.Boolean()),
      ...Version,
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      action: Type.Literal('propose'),
      outcome: lits(outcomes),
      compensation: Type.Optional(AmountSchema),
      rootCause: Type.Optional(Text(64)),
      ...Version,
    },
    { additionalProperties: false },
  ),
  Type.Object({ action: Type.Literal('approve'), ...Version }, { additionalProperties: false }),
  Type.Object({ action: Type.Literal('return'), reason: Text(500), ...Version }, { additionalProperties: false }),
  Type.Object({ action: Type.Literal('communicate'), ...Version }, { additionalProperties: false }),
  Type.Object({ action: Type.Literal('close'), ...Version }, { additionalProperties: false }),
  Type.Object(
    {
      action: Type.Literal('escalate'),
      to: Type.Union([Type.Literal('mediation'), Type.Literal('regulator')]),
      ...Version,
    },
    { additionalProperties: false },
  ),
  Type.Object({ action: Type.Literal('reopen'), ...Version }, { additionalProperties: false }),
]);
export type ActionBody = Static<typeof ActionSchema>;

const AmountOut = Type.Object({ value: Type.String(), currency: Type.String() });

export const ClockSchema = Type.Object({
  regulator: Type.String(),
  source: Type.String(),
  dayKind: Type.String(),
  days: Type.Integer(),
  receivedDate: Type.String(),
  decisionBy: Type.String({ description: 'Last local day for the decision' }),
  calendarCovered: Type.Boolean({ description: 'False: working days counted beyond the published holidays' }),
  daysLeft: Type.Optional(Type.Integer()),
  status: Type.String({ description: 'on_time | due_soon | breached | met | met_late | stopped' }),
});

export const ComplaintViewSchema = Type.Object(
  {
    id: Type.String(),
    customerId: Type.String(),
    channel: Type.String(),
    category: Type.String(),
    cause: Type.String(),
    productId: Type.Optional(Type.String()),
    eventIds: Type.Array(Type.String()),
    loanIds: Type.Array(Type.String()),
    regulator: Type.String(),
    receivedAt: Type.String(),
    complexity: Type.String(),
    state: lits(complaintStates),
    proposal: Type.Optional(
      Type.Object({
        outcome: Type.String(),
        compensation: AmountOut,
        proposedBy: Type.String(),
        proposedAt: Type.String(),
        rootCause: Type.Optional(Type.String()),
      }),
    ),
    approvedBy: Type.Optional(Type.String()),
    decidedAt: Type.Optional(Type.String()),
    communicatedAt: Type.Optional(Type.String()),
    closedAt: Type.Optional(Type.String()),
    escalatedTo: Type.Optional(Type.String()),
    reopened: Type.Integer(),
    rootCause: Type.Optional(Type.String({ description: 'Latest root-cause tag, kept across an appeal' })),
    version: Type.Integer(),
    contentHash: Type.String(),
    clock: ClockSchema,
    actions: Type.Array(Type.String()),
    personal: Type.Optional(
      Type.Object({
        complainant: Type.Optional(
          Type.Object({ name: Type.Optional(Type.String()), phone: Type.Optional(Type.String()) }),
        ),
        description: Type.Optional(Type.String()),
      }),
    ),
    personalErased: Type.Optional(Type.Boolean()),
  },
  { description: 'A complaint with its statutory clock' },
);

export const HistorySchema = Type.Object({
  seq: Type.Integer(),
  action: Type.String(),
  actorId: Type.String(),
  from: Type.Union([Type.String(), Type.Null()]),
  to: Type.String(),
  at: Type.String(),
  dataHash: Type.String(),
});

export const MovementSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  amount: AmountOut,
  complaintId: Type.Optional(Type.String()),
  actorId: Type.String(),
  at: Type.String(),
});

export const ListQuery = Type.Object(
  {
    state: Type.Optional(lits(complaintStates)),
    after: Type.Optional(Id),
    limit: Type.Optional(Type.String({ pattern: '^[1-9]\\d{0,2}$' })),
  },
  { additionalProperties: false },
);
export const RevealQuery = Type.Object(
  {
    reveal: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
    reason: Type.Optional(Text(500)),
  },
  { additionalProperties: false },
);
export const PeriodQuery = Type.Object({ from: LocalDay, to: LocalDay }, { additionalProperties: false });
export const QuarterQuery = Type.Object(
  { quarter: Type.String({ pattern: '^\\d{4}Q[1-4]$', description: 'e.g. 2026Q4' }) },
  { additionalProperties: false },
);
export const MovementInputSchema = Type.Object(
  { kind: Type.Union([Type.Literal('deposit'), Type.Literal('adjustment')]), amount: AmountSchema },
  { additionalProperties: false },
);
const Counts = Type.Record(Type.String(), Type.Integer());
export const StatisticsSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  received: Type.Integer(),
  byCategory: Counts,
  byCause: Counts,
  byProduct: Counts,
  byChannel: Counts,
  byOutcome: Counts,
  byState: Counts,
  byRootCause: Counts,
  decided: Type.Integer(),
  meanDaysToDecision: Type.Optional(Type.Number()),
  medianDaysToDecision: Type.Optional(Type.Number()),
  breached: Type.Integer(),
  breachRate: Type.Number(),
  resolutionRate: Type.Number(),
});
const Label = Type.Object({ code: Type.String(), en: Type.String(), zh: Type.String() });
const LabelIn = Type.Object(
  { code: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,16}$' }), en: Text(200), zh: Text(200) },
  { additionalProperties: false },
);
export const ClockPolicySchema = Type.Object(
  {
    source: Type.Optional(Text(300)),
    decisionDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
    complexDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
    specialDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
    dayKind: Type.Optional(Type.Union([Type.Literal('calendar'), Type.Literal('working')])),
    warnDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 60 })),
  },
  { additionalProperties: false },
);
export const SettingsInputSchema = Type.Object(
  {
    defaultRegulator: Type.Optional(Text(32)),
    clocks: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z0-9_-]{1,32}$' }), ClockPolicySchema)),
    fourEyes: Type.Optional(
      Type.Object(
        { thresholds: Type.Record(Type.String({ pattern: '^[A-Z]{3}$' }), Type.Integer({ minimum: 0 })) },
        { additionalProperties: false },
      ),
    ),
    classification: Type.Optional(
      Type.Object(
        {
          id: Type.Optional(Text(64)),
          source: Type.Optional(Text(500)),
          sourceZh: Type.Optional(Text(500)),
          categories: Type.Array(LabelIn, { minItems: 1, maxItems: 500 }),
          causes: Type.Array(LabelIn, { minItems: 1, maxItems: 500 }),
        },
        { additionalProperties: false, description: "The tenant's own code table, replacing the shipped one" },
      ),
    ),
  },
  { additionalProperties: false, $id: 'ComplaintSettingsInput' },
);
export type SettingsInput = Static<typeof SettingsInputSchema>;
const FullPolicy = Type.Object({
  source: Type.String(),
  decisionDays: Type.Integer(),
  complexDays: Type.Integer(),
  specialDays: Type.Integer(),
  dayKind: Type.String(),
  warnDays: Type.Integer(),
});
export const SettingsSchema = Type.Object({
  defaultRegulator: Type.String(),
  clocks: Type.Record(Type.String(), FullPolicy),
  fourEyes: Type.Object({ thresholds: Type.Record(Type.String(), Type.Integer()) }),
  classification: Type.Optional(
    Type.Object({
      id: Type.String(),
      source: Type.String(),
      sourceZh: Type.String(),
      categories: Type.Array(Label),
      causes: Type.Array(Label),
    }),
  ),
});
export const ClassificationSchema = Type.Object({
  id: Type.String(),
  source: Type.String(),
  sourceZh: Type.String(),
  categories: Type.Array(Label),
  causes: Type.Array(Label),
});
