import { Type, type Static } from '@sinclair/typebox';
import { Ajv } from 'ajv';
import type { StoredDecision } from '../store/index.ts';
import { DecisionSchema } from './schemas.ts';

const PartyRefSchema = Type.Object({
  partyId: Type.Optional(Type.String()),
  accountId: Type.Optional(Type.String()),
  isCustomer: Type.Optional(Type.Boolean()),
});

/**
 * The parts of a committed event that other modules may rely on. The event was validated against
 * `EventSchema` when it was accepted; later versions of that schema must keep these fields.
 */
export const CommittedEventSchema = Type.Object({
  id: Type.String(),
  type: Type.String(),
  occurredAt: Type.String(),
  amount: Type.Optional(Type.Object({ value: Type.String(), currency: Type.String() })),
  debtor: Type.Optional(PartyRefSchema),
  creditor: Type.Optional(PartyRefSchema),
});

/**
 * `DecisionCommitted`: the published contract between monitoring and the modules that consume its
 * commit log (cases, the ledger, webhooks). One committed event with its decision, in commit order.
 */
export const DecisionCommittedSchema = Type.Object(
  {
    seq: Type.Integer({
      minimum: 1,
      description: 'Commit position: grows in commit order, so a cursor on it never skips a decision',
    }),
    tenantId: Type.String({ minLength: 1 }),
    eventId: Type.String({ minLength: 1 }),
    type: Type.String(),
    occurredAt: Type.Number(),
    outcome: Type.Union([Type.Literal('allow'), Type.Literal('review'), Type.Literal('block')]),
    ruleSetVersion: Type.String(),
    decidedAt: Type.Number(),
    bodyHash: Type.String(),
    event: CommittedEventSchema,
    decision: DecisionSchema,
  },
  { $id: 'DecisionCommitted' },
);
export type DecisionCommitted = Static<typeof DecisionCommittedSchema>;

// Ajv, not TypeBox's compiler: the decision schema uses plain JSON-schema enums (see schemas.ts).
const check = new Ajv({ allErrors: false, strict: false }).compile<DecisionCommitted>(DecisionCommittedSchema);

/** A committed row that does not keep the contract: a bug or a corrupted store, never skipped silently. */
export class DecisionContractError extends Error {
  constructor(
    readonly seq: number,
    readonly pointer: string,
    problem: string,
  ) {
    super(`decision at seq ${seq} breaks the DecisionCommitted contract at ${pointer || '/'}: ${problem}`);
    this.name = 'DecisionContractError';
  }
}

/** The contract's view of a stored decision row; throws DecisionContractError when the row does not fit. */
export function decisionCommitted(row: StoredDecision): DecisionCommitted {
  if (check(row)) return row;
  const first = check.errors?.[0];
  throw new DecisionContractError(row.seq, first?.instancePath ?? '', first?.message ?? 'invalid');
}
