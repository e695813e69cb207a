import { parseMoney, parseTimestamp, ZhiliError, type ErrorCode } from '../../kernel/index.ts';
import type { EventInput } from '../core/event-schema.ts';
import { accountKey, entityKey, toZhiliId } from './ids.ts';
import type { Pacs002, Pacs008 } from './schemas.ts';
import type { DataCache, PendingTransfer } from './stored.ts';

export type { DataCache, PendingTransfer };

const P008 = '/FIToFICstmrCdtTrf';
const P002 = '/FIToFIPmtSts';

function invalid(code: ErrorCode, pointer: string, message?: string): ZhiliError {
  return new ZhiliError(code, {
    pointer,
    ...(message ? { message } : {}),
    details: [{ pointer, message: message ?? new ZhiliError(code).message, messageZh: new ZhiliError(code).messageZh }],
  });
}

/** ISODateTime as RFC 3339: a time without an offset is taken as UTC. Throws with the pointer if not a real time. */
export function rfc3339(value: string, pointer: string): string {
  const s = /([zZ]|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`;
  if (parseTimestamp(s) === undefined) throw invalid('ZHILI_E_TIMESTAMP', pointer);
  return s;
}

/** The JSON number as the decimal string Zhili keeps; checked against the currency's minor unit. */
function amountOf(
  amt: number,
  ccy: string,
  pointer: string,
  acceptTestCurrency: boolean,
): { value: string; currency: string } {
  const value = String(amt);
  const m = parseMoney(value, ccy, { acceptTestCurrency });
  if (!m.ok) {
    throw invalid(m.error, m.error === 'ZHILI_E_UNKNOWN_CURRENCY' ? `${pointer}/Ccy` : `${pointer}/Amt`);
  }
  return { value, currency: ccy };
}

function first<T>(xs: readonly T[]): T {
  const x = xs[0];
  if (x === undefined) throw new ZhiliError('ZHILI_E_VALIDATION');
  return x;
}

/** Checks what the schema cannot and keeps what the evaluation will need. */
export function pendingFromPacs008(msg: Pacs008, opts: { acceptTestCurrency?: boolean } = {}): PendingTransfer {
  const m = msg.FIToFICstmrCdtTrf;
  const tx = m.CdtTrfTxInf;
  const creDtTm = rfc3339(m.GrpHdr.CreDtTm, `${P008}/GrpHdr/CreDtTm`);
  const amount = amountOf(
    tx.IntrBkSttlmAmt.Amt.Amt,
    tx.IntrBkSttlmAmt.Amt.Ccy,
    `${P008}/CdtTrfTxInf/IntrBkSttlmAmt/Amt`,
    opts.acceptTestCurrency === true,
  );
  // The schema asks for at least one Othr entry; Tazama reads the first.
  const dbtr = first(tx.Dbtr.Id.PrvtId.Othr);
  const cdtr = first(tx.Cdtr.Id.PrvtId.Othr);
  const dbtrAcct = first(tx.DbtrAcct.Id.Othr);
  const cdtrAcct = first(tx.CdtrAcct.Id.Othr);
  const debtorAgent = tx.DbtrAgt.FinInstnId.ClrSysMmbId.MmbId;
  const creditorAgent = tx.CdtrAgt.FinInstnId.ClrSysMmbId.MmbId;
  const instd = tx.InstdAmt?.Amt;
  return {
    endToEndId: tx.PmtId.EndToEndId,
    msgId: m.GrpHdr.MsgId,
    amount,
    dataCache: {
      dbtrId: entityKey(dbtr.Id, dbtr.SchmeNm.Prtry),
      cdtrId: entityKey(cdtr.Id, cdtr.SchmeNm.Prtry),
      dbtrAcctId: accountKey(dbtrAcct.Id, dbtrAcct.SchmeNm.Prtry, debtorAgent),
      cdtrAcctId: accountKey(cdtrAcct.Id, cdtrAcct.SchmeNm.Prtry, creditorAgent),
      intrBkSttlmAmt: { amt: tx.IntrBkSttlmAmt.Amt.Amt, ccy: tx.IntrBkSttlmAmt.Amt.Ccy },
      ...(instd ? { instdAmt: { amt: instd.Amt, ccy: instd.Ccy } } : {}),
      creDtTm,
    },
    debtorAgent,
    creditorAgent,
    ...(tx.Purp?.Cd ? { purpose: tx.Purp.Cd } : {}),
    ...(m.RmtInf?.Ustrd ? { remittance: m.RmtInf.Ustrd } : {}),
  };
}

/**
 * The completed transfer as a Zhili event: it happened when the pacs.002 says it completed. The event
 * id is the EndToEndId, so `GET /v1/events/:id` finds it and a repeated pacs.002 is idempotent.
 */
export function transferEvent(p: PendingTransfer, status: Pacs002): EventInput {
  const grp = status.FIToFIPmtSts.GrpHdr;
  const occurredAt = rfc3339(grp.CreDtTm, `${P002}/GrpHdr/CreDtTm`);
  const dc = p.dataCache;
  return {
    id: toZhiliId(p.endToEndId),
    type: 'transfer',
    occurredAt,
    amount: p.amount,
    debtor: { partyId: toZhiliId(dc.dbtrId), partyType: 'person', accountId: toZhiliId(dc.dbtrAcctId) },
    creditor: { partyId: toZhiliId(dc.cdtrId), partyType: 'person', accountId: toZhiliId(dc.cdtrAcctId) },
    channel: 'iso20022',
    attributes: {
      source: 'pacs.008.001.10',
      endToEndId: p.endToEndId.slice(0, 1024),
      pacs008MsgId: p.msgId.slice(0, 1024),
      pacs002MsgId: grp.MsgId.slice(0, 1024),
      txSts: status.FIToFIPmtSts.TxInfAndSts.TxSts,
      debtorAgent: p.debtorAgent.slice(0, 1024),
      creditorAgent: p.creditorAgent.slice(0, 1024),
      ...(p.purpose ? { purpose: p.purpose } : {}),
      ...(p.remittance ? { remittance: p.remittance.slice(0, 1024) } : {}),
    },
  };
}
