import { Type, type Static } from '@sinclair/typebox';

/** 32 bytes, lower-case hex: a ristretto255 element, a token or a loan reference. */
export const Hex32 = Type.String({ pattern: '^[0-9a-f]{64}$', description: '32 bytes, lower-case hex' });
const RequestId = Type.String({
  pattern: '^[A-Za-z0-9_-]{16,64}$',
  description: 'Unique per platform: a second request with the same id is refused as a replay',
});
const IssuedAt = Type.String({
  minLength: 20,
  maxLength: 40,
  description: 'RFC 3339 time the platform made the request; refused outside the freshness window',
});
const ApplicationEventId = Type.String({
  minLength: 1,
  maxLength: 128,
  description: 'The loan_application event this check is for, so a supervisor can ask the platform for it',
});
const Currency = Type.String({ pattern: '^[A-Z]{3}$' });
const Amount = Type.String({ pattern: '^\\d{1,15}(\\.\\d{1,4})?$', description: 'Decimal string, e.g. "5000.00"' });

export const MAX_EVALUATE_BATCH = 1000;
export const MAX_LOANS_BATCH = 1000;

export const EvaluateBodySchema = Type.Object(
  {
    requestId: RequestId,
    issuedAt: IssuedAt,
    purpose: Type.Union([Type.Literal('register'), Type.Literal('query')]),
    applicationEventId: Type.Optional(ApplicationEventId),
    blinded: Type.Array(Hex32, { minItems: 1, maxItems: MAX_EVALUATE_BATCH }),
  },
  { additionalProperties: false },
);
export type EvaluateBody = Static<typeof EvaluateBodySchema>;

export const EvaluateResponseSchema = Type.Object({
  suite: Type.String(),
  publicKey: Hex32,
  evaluated: Type.Array(Hex32),
  proof: Type.String({ pattern: '^[0-9a-f]{128}$' }),
});

export const KeyResponseSchema = Type.Object({ suite: Type.String(), mode: Type.String(), publicKey: Hex32 });

export const LoanItemSchema = Type.Object(
  {
    loanRef: Hex32,
    token: Hex32,
    currency: Currency,
    outstanding: Amount,
    status: Type.Union([Type.Literal('outstanding'), Type.Literal('settled')]),
    asOf: IssuedAt,
  },
  { additionalProperties: false },
);
export type LoanItem = Static<typeof LoanItemSchema>;

export const PutLoansBodySchema = Type.Object(
  {
    requestId: RequestId,
    issuedAt: IssuedAt,
    loans: Type.Array(LoanItemSchema, { minItems: 1, maxItems: MAX_LOANS_BATCH }),
  },
  { additionalProperties: false },
);
export type PutLoansBody = Static<typeof PutLoansBodySchema>;

export const PutLoansResponseSchema = Type.Object({
  results: Type.Array(
    Type.Object({
      loanRef: Hex32,
      outcome: Type.Union([Type.Literal('stored'), Type.Literal('stale'), Type.Literal('conflict')]),
    }),
  ),
});

export const QueryBodySchema = Type.Object(
  {
    requestId: RequestId,
    issuedAt: IssuedAt,
    token: Hex32,
    applicationEventId: Type.Optional(ApplicationEventId),
  },
  { additionalProperties: false },
);
export type QueryBody = Static<typeof QueryBodySchema>;

export const QueryResponseSchema = Type.Object({
  platforms: Type.Integer({ minimum: 0, description: 'Other platforms with an outstanding loan to this person' }),
  outstanding: Type.Array(Type.Object({ currency: Currency, amount: Type.String() }), {
    description: 'Their outstanding balances, summed per currency',
  }),
});
export type QueryResponse = Static<typeof QueryResponseSchema>;

export const AuditQuerySchema = Type.Object(
  {
    platformId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    from: Type.Optional(IssuedAt),
    to: Type.Optional(IssuedAt),
    limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,2}$|^1000$' })),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuerySchema>;
