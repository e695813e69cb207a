import { Type, type Static } from '@sinclair/typebox';
import { FeatureSpecSchema } from '../features/spec.ts';

const Id = Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,63}$' });
const Text = Type.String({ minLength: 1, maxLength: 500 });

export const ObligationSpecSchema = Type.Object(
  {
    kind: Type.Union([
      Type.Literal('large_value_report'),
      Type.Literal('suspicious_transaction_report'),
      Type.Literal('currency_transaction_report'),
    ]),
    /** The regulator's code for the obligation, e.g. PBOC large-value characteristic code "0501". */
    code: Type.String({ minLength: 1, maxLength: 32 }),
    /** Due this many working days after the event's local date (tenant calendar). */
    dueWorkingDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
    /** Or this many calendar days after it. */
    dueDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
  },
  { additionalProperties: false },
);

export const RuleSpecSchema = Type.Object(
  {
    id: Id,
    name: Text,
    nameZh: Text,
    /** CEL predicate over event, features, party, lists. */
    expression: Type.String({ minLength: 1, maxLength: 10_000 }),
    reason: Text,
    reasonZh: Text,
    /** The least this rule does when it fires; typology thresholds may raise it. */
    outcome: Type.Optional(Type.Union([Type.Literal('allow'), Type.Literal('review'), Type.Literal('block')])),
    weight: Type.Integer({ minimum: 0, maximum: 1000 }),
    typology: Type.Optional(Id),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 32 })),
    obligations: Type.Optional(Type.Array(ObligationSpecSchema, { maxItems: 8 })),
    /** Shadow rules are evaluated and recorded but never change the outcome. */
    mode: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('shadow')])),
  },
  { additionalProperties: false },
);

export const TypologySpecSchema = Type.Object(
  {
    id: Id,
    name: Text,
    nameZh: Text,
    /** Score at or above which the event goes to review. */
    alertThreshold: Type.Integer({ minimum: 0 }),
    /** Score at or above which the event is blocked. */
    interdictionThreshold: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const RuleSetSchema = Type.Object(
  {
    version: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' }),
    name: Text,
    nameZh: Text,
    /** The tenant's business day for calendar-day windows and due dates. */
    timeZone: Type.Optional(Type.String({ maxLength: 64 })),
    /**
     * Opt-in compatibility for test clients (Tazama's samples): amounts in the ISO 4217 testing code
     * XTS are accepted, with two decimals. Off by default: XTS is not money a platform moves.
     */
    acceptTestCurrency: Type.Optional(Type.Boolean()),
    features: Type.Array(FeatureSpecSchema, { maxItems: 500 }),
    lists: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$' }), Type.Array(Type.String()))),
    typologies: Type.Array(TypologySpecSchema, { maxItems: 200 }),
    rules: Type.Array(RuleSpecSchema, { maxItems: 2000 }),
  },
  { additionalProperties: false, $id: 'RuleSet' },
);

export type RuleSetSpec = Static<typeof RuleSetSchema>;
export type RuleSpec = Static<typeof RuleSpecSchema>;
export type TypologySpec = Static<typeof TypologySpecSchema>;
export type ObligationSpec = Static<typeof ObligationSpecSchema>;
