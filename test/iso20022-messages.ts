/**
 * ISO 20022 messages in the JSON shape Tazama's TMS API takes (its sample pacs.008.001.10 and
 * pacs.002.001.12: TxTp at the top, FIToFICstmrCdtTrf / FIToFIPmtSts inside, Othr as arrays, amounts
 * as JSON numbers), with the fields Zhili does not read (InitgPty, ChrgsInf, RgltryRptg, SplmtryData…)
 * left in, as Tazama's clients send them. Values are made up.
 */
let n = 0;
const uid = (p: string): string => `${p}${process.pid.toString(16)}${(++n).toString(16).padStart(6, '0')}`;

export interface PartyIds {
  id: string;
  scheme?: string;
  member: string;
  name?: string;
}

const person = (p: PartyIds) => ({
  Nm: p.name ?? 'Sample Person',
  Id: {
    PrvtId: {
      DtAndPlcOfBirth: { BirthDt: '1970-01-01', CityOfBirth: 'Unknown', CtryOfBirth: 'ZZ' },
      Othr: [{ Id: p.id, SchmeNm: { Prtry: p.scheme ?? 'MSISDN' } }],
    },
  },
  CtctDtls: { MobNb: '+27-000000000' },
});
const account = (p: PartyIds) => ({
  Id: { Othr: [{ Id: p.id, SchmeNm: { Prtry: p.scheme ?? 'MSISDN' } }] },
  Nm: p.name ?? 'Sample Account',
});
const agent = (member: string) => ({ FinInstnId: { ClrSysMmbId: { MmbId: member } } });

export function pacs008(opts: {
  debtor: PartyIds;
  creditor: PartyIds;
  amount?: number;
  ccy?: string;
  at?: string;
  endToEndId?: string;
}): Record<string, any> {
  const amount = opts.amount ?? 615.44;
  const ccy = opts.ccy ?? 'USD';
  return {
    TxTp: 'pacs.008.001.10',
    FIToFICstmrCdtTrf: {
      GrpHdr: {
        MsgId: uid('msg8'),
        CreDtTm: opts.at ?? '2026-11-26T08:00:00.000Z',
        NbOfTxs: 1,
        SttlmInf: { SttlmMtd: 'CLRG' },
      },
      CdtTrfTxInf: {
        PmtId: { InstrId: uid('instr'), EndToEndId: opts.endToEndId ?? uid('e2e') },
        IntrBkSttlmAmt: { Amt: { Amt: amount, Ccy: ccy } },
        InstdAmt: { Amt: { Amt: amount, Ccy: ccy } },
        ChrgBr: 'DEBT',
        ChrgsInf: { Amt: { Amt: 0, Ccy: ccy }, Agt: agent(opts.debtor.member) },
        InitgPty: person(opts.debtor),
        Dbtr: person(opts.debtor),
        DbtrAcct: account(opts.debtor),
        DbtrAgt: agent(opts.debtor.member),
        CdtrAgt: agent(opts.creditor.member),
        Cdtr: person(opts.creditor),
        CdtrAcct: account(opts.creditor),
        Purp: { Cd: 'MP2P' },
      },
      RgltryRptg: { Dtls: { Tp: 'BALANCE OF PAYMENTS', Cd: '100' } },
      RmtInf: { Ustrd: 'Generic payment description' },
      SplmtryData: { Envlp: { Doc: { Xprtn: '2026-11-26T09:00:00.000Z' } } },
    },
  };
}

export function pacs002(of: Record<string, any>, opts: { status?: string; at?: string } = {}): Record<string, any> {
  const tx = of.FIToFICstmrCdtTrf.CdtTrfTxInf;
  return {
    TxTp: 'pacs.002.001.12',
    FIToFIPmtSts: {
      GrpHdr: { MsgId: uid('msg2'), CreDtTm: opts.at ?? '2026-11-26T08:00:01.000Z' },
      TxInfAndSts: {
        OrgnlInstrId: tx.PmtId.InstrId,
        OrgnlEndToEndId: tx.PmtId.EndToEndId,
        TxSts: opts.status ?? 'ACCC',
        ChrgsInf: [
          { Amt: { Amt: 0, Ccy: 'USD' }, Agt: tx.DbtrAgt },
          { Amt: { Amt: 0, Ccy: 'USD' }, Agt: tx.CdtrAgt },
        ],
        AccptncDtTm: opts.at ?? '2026-11-26T08:00:01.000Z',
        InstgAgt: tx.DbtrAgt,
        InstdAgt: tx.CdtrAgt,
      },
    },
  };
}

/** A minimal client as written against Tazama: TMS API for messages, admin service for reports. */
export function tazamaClient(baseUrl: string, token: string) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return {
    async evaluate(message: Record<string, any>): Promise<{ status: number; body: any }> {
      const res = await fetch(`${baseUrl}/v1/evaluate/iso20022/${String(message.TxTp)}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(message),
      });
      return { status: res.status, body: await res.json() };
    },
    /** Polls as Tazama clients do: 204 until the evaluation is there. */
    async report(msgId: string, tries = 20): Promise<{ status: number; body: any }> {
      for (let i = 0; ; i++) {
        const res = await fetch(`${baseUrl}/v1/admin/reports/getreportbymsgid?msgid=${encodeURIComponent(msgId)}`, {
          headers: { authorization: headers.authorization },
        });
        if (res.status !== 204 || i >= tries) {
          const text = await res.text();
          return { status: res.status, body: text ? JSON.parse(text) : undefined };
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}
