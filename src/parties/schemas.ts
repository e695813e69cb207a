/**
 * Party (KYC record) schemas: the source of truth for the HTTP bodies and the stored JSON. Each field
 * is classed per JR/T 0171-2020 in `core/classes.ts`: C2 fields are encrypted at rest and masked in
 * answers; C3 (authentication data) is never accepted.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { HitSchema } from '../screening/index.ts';

const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });
const Country = Type.String({ pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2' });

export const PartyName = Type.Object(
  {
    full: Text(300),
    kind: Type.Optional(
      Type.Union([Type.Literal('primary'), Type.Literal('aka'), Type.Literal('fka'), Type.Literal('original')]),
    ),
    script: Type.Optional(Text(16)),
  },
  { additionalProperties: false },
);

export const IdDoc = Type.Object(
  { type: Text(32), number: Text(64), country: Type.Optional(Country) },
  { additionalProperties: false },
);

export const Address = Type.Object(
  { line: Text(500), city: Type.Optional(Text(100)), country: Type.Optional(Country) },
  { additionalProperties: false },
);

export const BankCard = Type.Object(
  { number: Type.String({ pattern: '^[0-9 ]{12,23}$' }) },
  { additionalProperties: false },
);

export const Owner = Type.Object(
  {
    partyId: Text(128),
    role: Type.Union([Type.Literal('owner'), Type.Literal('controller')]),
    percent: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  },
  { additionalProperties: false },
);

export const TransactionProfile = Type.Object(
  {
    cashIntensive: Type.Optional(Type.Boolean()),
    /** Observed volume divided by the volume declared at onboarding. */
    volumeRatio: Type.Optional(Type.Number({ minimum: 0 })),
    highRiskCountryTransfers: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

export const PartyInputSchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('person'), Type.Literal('organisation')]),
    externalId: Type.Optional(Text(128)),
    names: Type.Array(PartyName, { minItems: 1, maxItems: 50 }),
    dateOfBirth: Type.Optional(
      Type.String({
        pattern: '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$',
        description: 'YYYY, YYYY-MM or YYYY-MM-DD (organisations: incorporation)',
      }),
    ),
    gender: Type.Optional(Type.Union([Type.Literal('male'), Type.Literal('female')])),
    nationalities: Type.Optional(Type.Array(Country, { maxItems: 10 })),
    residence: Type.Optional(Country),
    idDocuments: Type.Optional(Type.Array(IdDoc, { maxItems: 20 })),
    addresses: Type.Optional(Type.Array(Address, { maxItems: 10 })),
    phones: Type.Optional(Type.Array(Type.String({ pattern: '^\\+?[0-9 ()-]{5,24}$' }), { maxItems: 10 })),
    bankCards: Type.Optional(Type.Array(BankCard, { maxItems: 10 })),
    occupation: Type.Optional(Text(64)),
    pep: Type.Optional(Type.Boolean()),
    products: Type.Optional(Type.Array(Text(64), { maxItems: 20 })),
    channel: Type.Optional(Text(64)),
    owners: Type.Optional(Type.Array(Owner, { maxItems: 50 })),
    transactions: Type.Optional(TransactionProfile),
  },
  { additionalProperties: false },
);
export type PartyInput = Static<typeof PartyInputSchema>;

export const PartyUpdateSchema = Type.Composite(
  [PartyInputSchema, Type.Object({ expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })) })],
  { additionalProperties: false },
);
export type PartyUpdate = Static<typeof PartyUpdateSchema>;

export const HitDecisionSchema = Type.Object(
  { decision: Type.Union([Type.Literal('false_positive'), Type.Literal('confirmed')]), reason: Text(2000) },
  { additionalProperties: false },
);
export type HitDecisionBody = Static<typeof HitDecisionSchema>;

export const RevealQuery = Type.Object(
  {
    reveal: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
    reason: Type.Optional(
      Type.String({
        minLength: 3,
        maxLength: 500,
        description: 'Why the data is revealed; its SHA-256 is recorded in the audit ledger (party.reveal_reason)',
      }),
    ),
  },
  { additionalProperties: false },
);

export const ListQuery = Type.Object(
  {
    after: Type.Optional(
      Type.String({ minLength: 1, maxLength: 128, description: 'The last id of the previous page' }),
    ),
    limit: Type.Optional(
      Type.String({ pattern: '^([1-9]|[1-9][0-9]|1[0-9][0-9]|200)$', description: '1 to 200; 50 when absent' }),
    ),
  },
  { additionalProperties: false },
);

const Level = Type.Union([
  Type.Literal('low'),
  Type.Literal('medium'),
  Type.Literal('high'),
  Type.Literal('prohibited'),
]);
const PartyKind = Type.Union([Type.Literal('person'), Type.Literal('organisation')]);
const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** The answer shapes (views.ts): response schemas keep /openapi.json and the console's client typed. */
export const HitViewSchema = Type.Object({
  id: Type.String(),
  listId: Type.String(),
  entryId: Type.String(),
  matchedName: Type.String(),
  score: Type.Number(),
  recommendation: Type.Union([Type.Literal('block'), Type.Literal('review')]),
  sanctions: Type.Boolean(),
  listVersions: Type.Array(Type.String()),
  status: Type.Union([
    Type.Literal('open'),
    Type.Literal('confirm_requested'),
    Type.Literal('false_positive'),
    Type.Literal('confirmed'),
  ]),
  partyVersion: Type.Integer(),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Type.Integer()),
  reason: Nullable(Type.String()),
  firstSeenAt: Type.Integer(),
  lastScreenedAt: Type.Integer(),
  detail: Type.Optional(HitSchema),
});

export const VersionViewSchema = Type.Object({
  version: Type.Integer(),
  createdAt: Type.Integer(),
  actor: Type.String(),
  contentHash: Type.String(),
  pii: Type.Union([Type.Literal('masked'), Type.Literal('clear'), Type.Literal('erased')]),
  data: Type.Record(Type.String(), Type.Unknown()),
});

export const RatingViewSchema = Type.Object({
  level: Level,
  points: Type.Number(),
  reasons: Type.Array(
    Type.Object({
      factor: Type.String(),
      points: Type.Number(),
      floor: Type.Optional(Level),
      en: Type.String(),
      zh: Type.String(),
    }),
  ),
  countryList: Type.String(),
  partyVersion: Type.Integer(),
  trigger: Type.String(),
  listVersions: Type.Array(Type.String()),
  at: Type.Integer(),
});

export const PartyViewSchema = Type.Object({
  id: Type.String(),
  kind: PartyKind,
  externalId: Nullable(Type.String()),
  version: Type.Integer(),
  createdAt: Type.Integer(),
  updatedAt: Type.Integer(),
  erasedAt: Nullable(Type.Integer()),
  current: VersionViewSchema,
  rating: Nullable(RatingViewSchema),
  screening: Type.Object({
    listVersions: Type.Array(Type.String()),
    openHits: Type.Integer(),
    hits: Type.Array(HitViewSchema),
  }),
});

export const PartyListReply = Type.Object({
  parties: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: PartyKind,
      externalId: Nullable(Type.String()),
      version: Type.Integer(),
      updatedAt: Type.Integer(),
      erasedAt: Nullable(Type.Integer()),
      name: Type.Union([Type.String(), Type.Null()], { description: 'The first name, masked' }),
      riskLevel: Nullable(Level),
      openHits: Type.Array(HitViewSchema),
    }),
  ),
});

export const LookupQuery = Type.Object(
  { idNumber: Type.Optional(Text(64)), phone: Type.Optional(Text(32)), cardNumber: Type.Optional(Text(32)) },
  { additionalProperties: false },
);
