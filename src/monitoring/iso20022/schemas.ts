import { Type, type Static } from '@sinclair/typebox';

/**
 * The subset of ISO 20022 pacs.008.001.10 and pacs.002.001.12 (JSON, as Tazama's TMS API takes them)
 * that Zhili reads. Every object allows extra fields: clients send the full message and get it echoed.
 */
const Text = Type.String({ minLength: 1, maxLength: 256 });

/** ISODateTime; without an offset it is read as UTC. */
export const IsoDateTime = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|z|[+-]\\d{2}:\\d{2})?$',
  description: 'ISO 8601 date and time, e.g. 2026-11-26T10:00:00.000Z',
});

const Othr = Type.Object({
  Id: Text,
  SchmeNm: Type.Object({ Prtry: Text }),
});
const OthrList = Type.Array(Othr, { minItems: 1, maxItems: 16 });

const Party = Type.Object({
  Nm: Type.Optional(Type.String({ maxLength: 256 })),
  Id: Type.Object({ PrvtId: Type.Object({ Othr: OthrList }) }),
});

const Account = Type.Object({
  Id: Type.Object({ Othr: OthrList }),
  Nm: Type.Optional(Type.String({ maxLength: 256 })),
});

export const Agent = Type.Object({
  FinInstnId: Type.Object({ ClrSysMmbId: Type.Object({ MmbId: Text }) }),
});

const ActiveAmount = Type.Object({
  Amt: Type.Object({
    Amt: Type.Number({ minimum: 0 }),
    Ccy: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' }),
  }),
});

export const Pacs008Schema = Type.Object({
  TxTp: Type.Optional(Type.String({ maxLength: 64 })),
  FIToFICstmrCdtTrf: Type.Object({
    GrpHdr: Type.Object({
      MsgId: Text,
      CreDtTm: IsoDateTime,
      NbOfTxs: Type.Optional(Type.Union([Type.Integer(), Type.String()])),
    }),
    CdtTrfTxInf: Type.Object({
      PmtId: Type.Object({ InstrId: Type.Optional(Text), EndToEndId: Text }),
      IntrBkSttlmAmt: ActiveAmount,
      InstdAmt: Type.Optional(ActiveAmount),
      Dbtr: Party,
      DbtrAcct: Account,
      DbtrAgt: Agent,
      CdtrAgt: Agent,
      Cdtr: Party,
      CdtrAcct: Account,
      Purp: Type.Optional(Type.Object({ Cd: Type.Optional(Type.String({ maxLength: 64 })) })),
    }),
    RmtInf: Type.Optional(Type.Object({ Ustrd: Type.Optional(Type.String({ maxLength: 1024 })) })),
  }),
});
export type Pacs008 = Static<typeof Pacs008Schema>;

export const Pacs002Schema = Type.Object({
  TxTp: Type.Optional(Type.String({ maxLength: 64 })),
  FIToFIPmtSts: Type.Object({
    GrpHdr: Type.Object({ MsgId: Text, CreDtTm: IsoDateTime }),
    TxInfAndSts: Type.Object({
      OrgnlInstrId: Type.Optional(Text),
      OrgnlEndToEndId: Text,
      TxSts: Type.String({ pattern: '^[A-Z]{4}$', description: 'ACCC completes the transaction' }),
      AccptncDtTm: Type.Optional(IsoDateTime),
      InstgAgt: Type.Optional(Agent),
      InstdAgt: Type.Optional(Agent),
    }),
  }),
});
export type Pacs002 = Static<typeof Pacs002Schema>;

export const ReportQuerySchema = Type.Object({ msgid: Text });
