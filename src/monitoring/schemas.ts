import { Type } from '@sinclair/typebox';

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
    outcome: Type.Union([Type.Literal('allow'), Type.Literal('review'), Type.Literal('block')]),
    score: Type.Number(),
    reasons: Type.Array(ReasonSchema),
    obligations: Type.Array(
      Type.Object({ kind: Type.String(), code: Type.String(), dueBy: Type.String(), ruleId: Type.String() }),
    ),
    shadow: Type.Array(ReasonSchema),
    features: Type.Record(Type.String(), Type.Union([Type.Number(), Type.Boolean()])),
    ruleSetVersion: Type.String(),
    decidedAt: Type.String(),
  },
  { $id: 'Decision' },
);

export const BatchBodySchema = Type.Object(
  { events: Type.Array(Type.Unknown(), { minItems: 1 }) },
  { additionalProperties: false },
);
