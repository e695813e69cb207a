import { Type, type Static } from '@sinclair/typebox';

/** What a platform sends: the wire contract of `POST /v1/events`. Field names are part of the API. */
export const eventTypes = [
  'transfer',
  'payment',
  'cash_deposit',
  'cash_withdrawal',
  'loan_application',
  'loan_disbursement',
  'loan_repayment',
  'investment_purchase',
  'investment_redemption',
  /** Undoing a purchase, e.g. within its cooling-off period (see docs/protection.md). */
  'investment_cancellation',
  'account_opening',
  'login',
] as const;
export type EventType = (typeof eventTypes)[number];

/** Event types that move money and therefore must carry an amount. */
export const monetaryTypes: ReadonlySet<EventType> = new Set<EventType>([
  'transfer',
  'payment',
  'cash_deposit',
  'cash_withdrawal',
  'loan_disbursement',
  'loan_repayment',
  'investment_purchase',
  'investment_redemption',
  'investment_cancellation',
]);

const Id = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9][A-Za-z0-9._:@/-]*$' });

export const AmountSchema = Type.Object(
  {
    value: Type.String({ minLength: 1, maxLength: 32, description: 'Decimal string in major units, e.g. "50000.00"' }),
    currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' }),
  },
  { additionalProperties: false },
);

export const PartySchema = Type.Object(
  {
    partyId: Id,
    /**
     * `organization` is the spelling of this field (rules compare against it); `organisation`, the
     * spelling of `/v1/parties` and `/v1/screen`, is accepted on input and normalized to it.
     */
    partyType: Type.Union([Type.Literal('person'), Type.Literal('organization'), Type.Literal('organisation')]),
    accountId: Type.Optional(Id),
    /** The party's name in any script; when present it is screened against sanctions and PEP lists. */
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' })),
    /** False when the party is a counterparty at another institution, not the platform's customer. */
    isCustomer: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const EventSchema = Type.Object(
  {
    id: Id,
    type: Type.Union(eventTypes.map((t) => Type.Literal(t))),
    occurredAt: Type.String({ minLength: 1, maxLength: 40, description: 'RFC 3339 with offset' }),
    amount: Type.Optional(AmountSchema),
    debtor: Type.Optional(PartySchema),
    creditor: Type.Optional(PartySchema),
    channel: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    device: Type.Optional(
      Type.Object(
        {
          id: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
          ip: Type.Optional(Type.String({ minLength: 2, maxLength: 45 })),
        },
        { additionalProperties: false },
      ),
    ),
    attributes: Type.Optional(
      Type.Record(
        Type.String({ maxLength: 64 }),
        Type.Union([Type.String({ maxLength: 1024 }), Type.Number(), Type.Boolean(), Type.Null()]),
        { maxProperties: 64 },
      ),
    ),
  },
  { additionalProperties: false, $id: 'Event' },
);
export type EventInput = Static<typeof EventSchema>;
