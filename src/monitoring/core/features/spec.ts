import { Type, type Static } from '@sinclair/typebox';

/** Entity keys a feature can be kept per. Each names a path into the normalized event. */
export const entityKeys = [
  'debtor.partyId',
  'debtor.accountId',
  'creditor.partyId',
  'creditor.accountId',
  'device.id',
  'device.ip',
] as const;
export type EntityKey = (typeof entityKeys)[number];

export const aggregations = [
  'count',
  'sum',
  'min',
  'max',
  'avg',
  'distinct',
  'first_seen',
  'last_seen',
  'since_last',
  'is_new',
  /** Events in the window whose `of` equals this event's (e.g. transfers to the same payee). */
  'count_same',
  /** Length of the shortest cycle this transfer closes in the windowed graph (0: none); see cycle.ts. */
  'cycle',
] as const;
export type Aggregation = (typeof aggregations)[number];

export const FeatureSpecSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$' }),
    description: Type.Optional(Type.String()),
    descriptionZh: Type.Optional(Type.String()),
    entity: Type.Union(entityKeys.map((k) => Type.Literal(k))),
    aggregation: Type.Union(aggregations.map((a) => Type.Literal(a))),
    /** A sliding window ("10m", "24h", "90d") or "day": the calendar day in the tenant's time zone. */
    window: Type.String({ pattern: '^(\\d{1,6}[smhdw]|day)$' }),
    /** CEL predicate over `event`: which events this feature counts. */
    when: Type.Optional(Type.String({ maxLength: 2000 })),
    /**
     * What sum/min/max/avg add up: "amount" is exact minor units of `currency` (events in other
     * currencies are not counted), "usd" the US-dollar cents at the dated FX rate.
     */
    value: Type.Optional(Type.Union([Type.Literal('amount'), Type.Literal('usd')])),
    currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
    /** For distinct / is_new: which event path is counted (e.g. "creditor.accountId"). */
    of: Type.Optional(Type.Union(entityKeys.map((k) => Type.Literal(k)))),
    /**
     * Whose history to read for the current event, when not `entity`: a feature kept per creditor
     * (money received) read with `lookup: "debtor.accountId"` gives what the payer received before paying.
     */
    lookup: Type.Optional(Type.Union(entityKeys.map((k) => Type.Literal(k)))),
    /** For cycle: the longest cycle searched, in transfers, the current one included (2–6). */
    maxHops: Type.Optional(Type.Integer({ minimum: 2, maximum: 6 })),
    /** For cycle: only time-respecting paths (each transfer no earlier than the one before it). */
    ordered: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type FeatureSpec = Static<typeof FeatureSpecSchema>;

/** Largest sliding window a feature may declare: 90 days of history is what regulators ask for. */
export const maxWindowMs = 90 * 86_400_000;
