/** Data-subject requests: the stored document and the HTTP bodies and answers (TypeBox). */
import { Type, type Static } from '@sinclair/typebox';
import { requestKinds, requestStates, verificationMethods } from './core/deadlines.ts';

const lits = <T extends string>(xs: readonly T[]) => Type.Union(xs.map((x) => Type.Literal(x)));
const Id = Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:\\-]+$' });
const Text = (max: number) => Type.String({ minLength: 1, maxLength: max });

const ErasedSchema = Type.Object({
  eventKeys: Type.Integer(),
  reports: Type.Integer(),
  party: Type.Boolean(),
  complaints: Type.Integer(),
});

/** What is stored: ids, names of fields and purposes, methods and hashes — no personal values. */
export const RequestDocSchema = Type.Object({
  id: Type.String(),
  subject: Type.String(),
  kind: lits(requestKinds),
  channel: Type.String(),
  receivedAt: Type.Integer(),
  timeZone: Type.String(),
  policy: Type.String(),
  fields: Type.Optional(Type.Array(Type.String())),
  purposes: Type.Optional(Type.Array(Type.String())),
  verification: Type.Optional(
    Type.Object({
      method: lits(verificationMethods),
      checkedBy: Type.String(),
      at: Type.Integer(),
      evidenceHash: Type.Optional(Type.String()),
    }),
  ),
  export: Type.Optional(
    Type.Object({ hash: Type.String(), at: Type.Integer(), by: Type.String(), items: Type.Integer() }),
  ),
  answer: Type.Optional(
    Type.Object({
      outcome: Type.Union([Type.Literal('fulfilled'), Type.Literal('refused')]),
      by: Type.String(),
      at: Type.Integer(),
      reason: Type.Optional(Type.String()),
      note: Type.Optional(Type.String()),
      erased: Type.Optional(ErasedSchema),
    }),
  ),
});
export type RequestDoc = Static<typeof RequestDocSchema>;

export const FileRequestSchema = Type.Object(
  {
    subject: Type.String({
      ...Id,
      description: "The data subject: a party id (or the platform's customer id) of its events",
    }),
    kind: lits(requestKinds),
    channel: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    receivedAt: Type.Optional(
      Type.String({ description: 'RFC 3339; default now (requests received by letter or at a branch)' }),
    ),
    policy: Type.Optional(
      Type.String({ minLength: 1, maxLength: 32, description: 'Deadline policy; default the tenant’s' }),
    ),
    fields: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
        maxItems: 50,
        description: 'correction: names of the fields to correct (never their values)',
      }),
    ),
    purposes: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
        maxItems: 50,
        description: 'withdrawal: the processing purposes consent is withdrawn for',
      }),
    ),
  },
  { additionalProperties: false },
);
export type FileRequestBody = Static<typeof FileRequestSchema>;

export const VerifySchema = Type.Object(
  {
    method: lits(verificationMethods),
    evidence: Type.Optional(
      Type.String({ minLength: 1, maxLength: 500, description: 'A reference to the evidence; kept as its hash only' }),
    ),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export const FulfilSchema = Type.Object(
  {
    note: Type.Optional(Text(1000)),
    expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export const RefuseSchema = Type.Object(
  { reason: Text(1000), expectedVersion: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);

export const DeadlineSchema = Type.Object({
  policy: Type.String(),
  source: Type.String(),
  dayKind: Type.String(),
  days: Type.Integer(),
  receivedDate: Type.String(),
  dueBy: Type.String({ description: 'Last local day for the answer' }),
  calendarCovered: Type.Boolean(),
  daysLeft: Type.Optional(Type.Integer()),
  status: Type.String({ description: 'on_time | due_soon | breached | met | met_late' }),
});

export const RequestViewSchema = Type.Object({
  id: Type.String(),
  subject: Type.String(),
  kind: Type.String(),
  channel: Type.String(),
  state: lits(requestStates),
  version: Type.Integer(),
  receivedAt: Type.String(),
  fields: Type.Optional(Type.Array(Type.String())),
  purposes: Type.Optional(Type.Array(Type.String())),
  verification: Type.Optional(Type.Object({ method: Type.String(), checkedBy: Type.String(), at: Type.String() })),
  export: Type.Optional(
    Type.Object({ hash: Type.String(), at: Type.String(), by: Type.String(), items: Type.Integer() }),
  ),
  answer: Type.Optional(
    Type.Object({
      outcome: Type.String(),
      by: Type.String(),
      at: Type.String(),
      reason: Type.Optional(Type.String()),
      note: Type.Optional(Type.String()),
      erased: Type.Optional(ErasedSchema),
    }),
  ),
  deadline: DeadlineSchema,
  next: Type.Array(Type.String()),
});
export type RequestView = Static<typeof RequestViewSchema>;

export const StepSchema = Type.Object({
  seq: Type.Integer(),
  action: Type.String(),
  actorId: Type.String(),
  at: Type.String(),
  dataHash: Type.String(),
});

export const PolicySchema = Type.Object(
  {
    source: Type.Optional(Text(300)),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
    dayKind: Type.Optional(Type.Union([Type.Literal('calendar'), Type.Literal('working')])),
    warnDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 60 })),
  },
  { additionalProperties: false },
);
export const RequestSettingsInputSchema = Type.Object(
  {
    defaultPolicy: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    policies: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z0-9-]{1,32}$' }), PolicySchema)),
  },
  { additionalProperties: false },
);
export type RequestSettingsInput = Static<typeof RequestSettingsInputSchema>;
export const RequestSettingsSchema = Type.Object({
  defaultPolicy: Type.String(),
  policies: Type.Record(
    Type.String(),
    Type.Object({ source: Type.String(), days: Type.Integer(), dayKind: Type.String(), warnDays: Type.Integer() }),
  ),
});
