import { Type, type TSchema } from '@sinclair/typebox';

/**
 * A string enum as one `enum` keyword rather than a union of literals: the response serializer
 * (fast-json-stringify) would otherwise run a validator on every value to pick the union branch.
 */
const StringEnum = <T extends string>(values: readonly T[]): TSchema & { static: T } =>
  Type.Unsafe<T>({ type: 'string', enum: [...values] });

/** Response shapes of the decision API; the OpenAPI document is generated from these. */
export const ReasonSchema = Type.Object({
  ruleId: Type.String(),
  typology: Type.Optional(Type.String()),
  weight: Type.Number(),
  message: Type.String(),
  messageZh: Type.String(),
  error: Type.Optional(Type.String()),
});

export const DecisionSchema = Type.Object(
  {
    eventId: Type.String(),
    outcome: StringEnum(['allow', 'review', 'block'] as const),
    score: Type.Number(),
    reasons: Type.Array(ReasonSchema),
    obligations: Type.Array(
      Type.Object({ kind: Type.String(), code: Type.String(), dueBy: Type.String(), ruleId: Type.String() }),
    ),
    shadow: Type.Array(ReasonSchema),
    /** Feature values (numbers, or booleans for is_new) as of the event. */
    features: Type.Record(Type.String(), Type.Unknown()),
    ruleSetVersion: Type.String(),
    decidedAt: Type.String(),
    shadowRuleSet: Type.Optional(
      Type.Object({
        version: Type.String(),
        outcome: StringEnum(['allow', 'review', 'block'] as const),
        score: Type.Number(),
        ruleIds: Type.Array(Type.String()),
        error: Type.Optional(Type.String()),
      }),
    ),
    /** Loan events: score, reason codes (bilingual), score-band limit and annualised cost (-1: unknown). */
    credit: Type.Optional(
      Type.Object({
        scorecard: Type.String(),
        score: Type.Integer(),
        reasons: Type.Array(
          Type.Object({ code: Type.String(), lost: Type.Integer(), en: Type.String(), zh: Type.String() }),
        ),
        limit: Type.Integer(),
        limitCurrency: Type.String(),
        apr: Type.Number(),
        outstanding: Type.Integer(),
        shadow: Type.Optional(Type.Object({ scorecard: Type.String(), score: Type.Integer() })),
      }),
    ),
    /** Investment events: category and product risk (1–5, 0: unknown) and the matching facts. */
    suitability: Type.Optional(
      Type.Object({
        category: Type.Integer(),
        productRisk: Type.Integer(),
        matched: Type.Boolean(),
        expired: Type.Boolean(),
        acknowledged: Type.Boolean(),
        professional: Type.Boolean(),
        coolingOff: Type.Boolean(),
      }),
    ),
  },
  { $id: 'Decision' },
);

export const BatchBodySchema = Type.Object(
  { events: Type.Array(Type.Unknown(), { minItems: 1 }) },
  { additionalProperties: false },
);
