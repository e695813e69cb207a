import { Type } from '@sinclair/typebox';
import { ScorecardSchema, ScoreLimitsSchema } from './core/scorecard.ts';

const Status = Type.Union(
  ['draft', 'submitted', 'approved', 'active', 'superseded', 'rejected'].map((s) => Type.Literal(s)),
);

export const ScorecardViewSchema = Type.Object({
  version: Type.String(),
  name: Type.String(),
  status: Status,
  shadow: Type.Boolean(),
  createdAt: Type.String(),
  createdBy: Type.String(),
});

export const ScorecardDetailSchema = Type.Object({
  ...ScorecardViewSchema.properties,
  scorecard: ScorecardSchema,
  history: Type.Array(
    Type.Object({
      action: Type.String(),
      fromStatus: Type.String(),
      toStatus: Type.String(),
      actorId: Type.String(),
      at: Type.String(),
      note: Type.Optional(Type.String()),
    }),
  ),
});

export const SaveScorecardBodySchema = Type.Object(
  {
    scorecard: Type.Optional(ScorecardSchema),
    trainingJobId: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: "A finished training job's scorecard" }),
    ),
    limits: Type.Optional(ScoreLimitsSchema),
  },
  { additionalProperties: false },
);

export const StepBodySchema = Type.Optional(
  Type.Object(
    { note: Type.Optional(Type.String({ maxLength: 2000 })), reason: Type.Optional(Type.String({ maxLength: 2000 })) },
    { additionalProperties: false },
  ),
);

const BucketRow = Type.Object({ loans: Type.Integer(), balanceMinor: Type.Integer() });
const BucketCounts = Type.Object({ M0: Type.Integer(), M1: Type.Integer(), M2: Type.Integer(), 'M3+': Type.Integer() });
const NullableRate = Type.Union([Type.Number(), Type.Null()]);

export const LoanBookReportSchema = Type.Object({
  asOf: Type.String(),
  currencies: Type.Array(
    Type.Object({
      currency: Type.String(),
      loans: Type.Integer(),
      open: Type.Integer(),
      balanceMinor: Type.Integer(),
      overdueMinor: Type.Integer(),
      buckets: Type.Object({ M0: BucketRow, M1: BucketRow, M2: BucketRow, 'M3+': BucketRow }),
      rollRates: Type.Object({
        from: Type.Integer(),
        to: Type.Integer(),
        counts: Type.Object({ M0: BucketCounts, M1: BucketCounts, M2: BucketCounts, 'M3+': BucketCounts }),
        rollForward: Type.Object({ M0: NullableRate, M1: NullableRate, M2: NullableRate, 'M3+': NullableRate }),
      }),
      vintages: Type.Array(
        Type.Object({
          cohort: Type.String(),
          loans: Type.Integer(),
          principalMinor: Type.Integer(),
          curve: Type.Array(Type.Number()),
        }),
      ),
    }),
  ),
});
