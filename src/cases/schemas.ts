import { Type, type Static } from '@sinclair/typebox';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Reason = Text(2000);

export const CaseActionSchema = Type.Union([
  Type.Object({ type: Type.Literal('assign'), assignee: Text(128) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('start') }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('escalate'), reason: Reason }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('resume') }, { additionalProperties: false }),
  Type.Object(
    {
      type: Type.Literal('request_close'),
      resolution: Type.Union([Type.Literal('false_positive'), Type.Literal('no_report'), Type.Literal('reported')]),
      reason: Reason,
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('approve'), note: Type.Optional(Type.String({ maxLength: 2000 })) },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('reject'), reason: Reason }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('reopen'), reason: Reason }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal('comment'), text: Text(10_000) }, { additionalProperties: false }),
  Type.Object(
    {
      type: Type.Literal('tag'),
      add: Type.Optional(Type.Array(Text(64), { maxItems: 20 })),
      remove: Type.Optional(Type.Array(Text(64), { maxItems: 20 })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { type: Type.Literal('set_due'), dueAt: Type.String({ description: 'RFC 3339' }) },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('set_queue'), queue: Text(64) }, { additionalProperties: false }),
]);
export type CaseActionBody = Static<typeof CaseActionSchema>;

/** Query strings arrive as text (the server does not coerce): integers and booleans are checked as text. */
export const IntQ = Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,5}$' }));
export const BoolQ = Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')]));
export const Limit = IntQ;
export const intOf = (v: string | undefined, dflt: number, max: number): number =>
  Math.min(v === undefined ? dflt : Number(v), max);

export const CaseQuery = Type.Object({
  status: Type.Optional(Type.String({ description: 'comma-separated statuses' })),
  assignee: Type.Optional(Type.String()),
  queue: Type.Optional(Type.String()),
  priority: Type.Optional(Type.Union(['low', 'medium', 'high', 'critical'].map((p) => Type.Literal(p)))),
  customerId: Type.Optional(Type.String()),
  tag: Type.Optional(Type.String()),
  overdue: BoolQ,
  limit: Limit,
  before: Type.Optional(Type.String()),
});

export const AlertQuery = Type.Object({
  caseId: Type.Optional(Type.String()),
  customerId: Type.Optional(Type.String()),
  type: Type.Optional(Type.String()),
  source: Type.Optional(Type.Union([Type.Literal('decision'), Type.Literal('obligation')])),
  unreported: BoolQ,
  limit: Limit,
  before: Type.Optional(Type.String()),
});

export const RangeQuery = {
  from: Type.Optional(Type.String({ description: 'RFC 3339, inclusive' })),
  to: Type.Optional(Type.String({ description: 'RFC 3339, exclusive' })),
};
