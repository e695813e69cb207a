import { Type } from '@sinclair/typebox';
import { platformStatuses } from './core/status.ts';
import { alertStates } from './core/alert-handling.ts';

export const ErrorRef = Type.Ref('ErrorBody');
export const Status = Type.Union(platformStatuses.map((s) => Type.Literal(s)));
const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.-]+$' });
export const IdParams = Type.Object({ id: Id });
const VKey = Type.String({ minLength: 10, maxLength: 400 });

export const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 128 }), password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);
export const SupervisorOut = Type.Object({ id: Type.String(), username: Type.String(), admin: Type.Boolean() });
export const NewSupervisorBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9_.-]+$' }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
    admin: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const NewPlatformBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    licenceType: Type.String({ minLength: 1, maxLength: 100, description: 'e.g. payment, online_lending, wealth' }),
    businessScope: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 }),
    origin: Type.String({ minLength: 1, maxLength: 200, description: "the platform ledger's checkpoint origin line" }),
    ledgerKeys: Type.Array(VKey, { minItems: 1, maxItems: 20 }),
    requestKey: VKey,
  },
  { additionalProperties: false },
);
export const LedgerKeysBody = Type.Object(
  { ledgerKeys: Type.Array(VKey, { minItems: 1, maxItems: 20 }) },
  { additionalProperties: false },
);

export const PlatformOut = Type.Object({
  id: Type.String(),
  name: Type.String(),
  licenceType: Type.String(),
  businessScope: Type.Array(Type.String()),
  status: Status,
  origin: Type.String(),
  ledgerKeys: Type.Array(Type.String()),
  requestKey: Type.String(),
  registeredAt: Type.Number(),
  registeredBy: Type.String(),
});

export const ProposeBody = Type.Object(
  { to: Status, reason: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
export const ChangeOut = Type.Object({
  id: Type.String(),
  platformId: Type.String(),
  from: Status,
  to: Status,
  reason: Type.String(),
  proposedBy: Type.String(),
  proposedAt: Type.Number(),
  decision: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
  decidedBy: Type.Union([Type.String(), Type.Null()]),
  decidedAt: Type.Union([Type.Number(), Type.Null()]),
});

export const CheckpointOut = Type.Object({
  size: Type.Number(),
  rootHash: Type.String(),
  note: Type.String(),
  cosignature: Type.String(),
  at: Type.Number(),
});

const NullStr = Type.Union([Type.String(), Type.Null()]);
const NullNum = Type.Union([Type.Number(), Type.Null()]);
export const AlertOut = Type.Object({
  id: Type.String(),
  platformId: Type.String(),
  kind: Type.Union([
    Type.Literal('inconsistent'),
    Type.Literal('unknown_key'),
    Type.Literal('stale'),
    Type.Literal('disclosure_mismatch'),
  ]),
  message: Type.String(),
  messageZh: Type.String(),
  acceptedCheckpoint: Type.Union([Type.String(), Type.Null()]),
  submittedCheckpoint: Type.Union([Type.String(), Type.Null()]),
  raisedAt: Type.Number(),
  closedAt: Type.Union([Type.Number(), Type.Null()]),
  state: Type.Union(
    alertStates.map((s) => Type.Literal(s)),
    {
      description: 'open → acknowledged → (resolving →) resolved; closed: the hub closed it (its cause went away)',
    },
  ),
  fourEyes: Type.Boolean({ description: 'its resolution needs a second supervisor to confirm' }),
  handling: Type.Union([
    Type.Object({
      acknowledgedBy: Type.String(),
      acknowledgedAt: Type.Number(),
      acknowledgeNote: Type.String(),
      resolutionProposedBy: NullStr,
      resolutionProposedAt: NullNum,
      resolutionNote: NullStr,
      resolvedBy: NullStr,
      resolvedAt: NullNum,
    }),
    Type.Null(),
  ]),
  names: Type.Record(Type.String(), Type.String(), { description: "usernames of the supervisors named in 'handling'" }),
});
export const AlertNoteBody = Type.Object(
  { note: Type.String({ minLength: 1, maxLength: 2000, pattern: '\\S' }) },
  { additionalProperties: false },
);
export const AlertQuery = Type.Object(
  {
    platformId: Type.Optional(Id),
    open: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
    limit: Type.Optional(Type.String({ pattern: '^[1-9][0-9]{0,3}$' })),
  },
  { additionalProperties: false },
);
