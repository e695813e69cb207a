import { Type, type Static } from '@sinclair/typebox';
import { Ajv } from 'ajv';
import type { Decision } from '../core/rules/decide.ts';
import { DecisionSchema } from '../schemas.ts';
import { Pacs002Schema } from './schemas.ts';

/**
 * The intake's rows as stored JSON (iso_pending.transfer, iso_evaluations.body): read back through these
 * checks, never cast, so a corrupted or older row fails where it is read, naming its table.
 */
const Amount = Type.Object({ amt: Type.Number(), ccy: Type.String() });

/** Tazama's DataCache for one transaction: the keys rules and reports refer to. */
const DataCacheSchema = Type.Object({
  dbtrId: Type.String(),
  cdtrId: Type.String(),
  dbtrAcctId: Type.String(),
  cdtrAcctId: Type.String(),
  intrBkSttlmAmt: Amount,
  instdAmt: Type.Optional(Amount),
  creDtTm: Type.String(),
});

export type DataCache = Static<typeof DataCacheSchema>;

/** A pacs.008 waiting for its pacs.002, keyed by EndToEndId. */
export const PendingTransferSchema = Type.Object({
  endToEndId: Type.String(),
  msgId: Type.String(),
  amount: Type.Object({ value: Type.String(), currency: Type.String() }),
  dataCache: DataCacheSchema,
  debtorAgent: Type.String(),
  creditorAgent: Type.String(),
  purpose: Type.Optional(Type.String()),
  remittance: Type.Optional(Type.String()),
});

export type PendingTransfer = Static<typeof PendingTransferSchema>;

/** One evaluated pacs.002, what `getreportbymsgid` answers from. Times in nanoseconds. */
const EvaluationSchema = Type.Object({
  msgId: Type.String(),
  transaction: Pacs002Schema,
  pending: PendingTransferSchema,
  eventId: Type.String(),
  decision: DecisionSchema,
  prcgTmDP: Type.Number(),
  prcgTmED: Type.Number(),
  prcgTmTADP: Type.Number(),
});

/** The decision typed as the engine made it (its schema is the API's response shape). */
export type Evaluation = Omit<Static<typeof EvaluationSchema>, 'decision'> & { decision: Decision };

// Ajv, not TypeBox's checker: the decision schema's enums are plain JSON-schema enums (monitoring/schemas.ts).
const ajv = new Ajv({ allErrors: false, strict: false });
export const isPendingTransfer = ajv.compile<PendingTransfer>(PendingTransferSchema);
export const isEvaluation = ajv.compile<Evaluation>(EvaluationSchema);
