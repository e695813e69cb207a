import { readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../src/http/errors.ts';
import { typeboxValidatorCompiler } from '../src/http/validation.ts';
import { iso20022Routes, toZhiliId } from '../src/monitoring/iso20022/index.ts';
import { startServer, type TestServer } from './support/server.ts';
import { pacs002, pacs008, tazamaClient } from './iso20022-messages.ts';

let s: TestServer;
let app: FastifyInstance;
let url: string;
let tms: ReturnType<typeof tazamaClient>;

beforeAll(async () => {
  s = await startServer();
  app = Fastify();
  app.setValidatorCompiler(typeboxValidatorCompiler);
  app.setErrorHandler(errorHandler);
  app.addSchema({ $id: 'ErrorBody', type: 'object', additionalProperties: true });
  await app.register(iso20022Routes, { engine: s.zhili.engine, access: s.zhili.access });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  // The tenant runs the tazama-compat pack (activated directly: the rule-set lifecycle is not the subject here).
  const pack: unknown = JSON.parse(readFileSync('src/monitoring/packs/tazama-compat.json', 'utf8'));
  await s.zhili.engine.activate(s.tenantId, s.zhili.engine.compile(pack, 'UTC'));
  tms = tazamaClient(url, s.apiKey);
});
afterAll(async () => {
  await app.close();
  await s.close();
});

async function post(path: string, body: unknown, auth: string | null = s.apiKey) {
  const res = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** pacs.008 then pacs.002 ACCC; returns the report. */
async function transact(m8: Record<string, any>, at?: string) {
  const m2 = pacs002(m8, at ? { at } : {});
  expect((await tms.evaluate(m8)).status).toBe(200);
  expect((await tms.evaluate(m2)).status).toBe(200);
  const r = await tms.report(m2.FIToFIPmtSts.GrpHdr.MsgId);
  expect(r.status).toBe(200);
  return r.body.data;
}

describe('Tazama TMS API compatibility', () => {
  it('answers health checks without credentials', async () => {
    for (const p of ['/', '/health']) {
      const res = await fetch(url + p);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'UP' });
    }
  });

  it('echoes an accepted pacs.008 and pacs.002 as TMS does', async () => {
    const m8 = pacs008({
      debtor: { id: 'dbtr-echo', member: 'fsp001' },
      creditor: { id: 'cdtr-echo', member: 'fsp002' },
    });
    const r8 = await tms.evaluate(m8);
    expect(r8).toEqual({ status: 200, body: { message: 'Transaction is valid', data: m8 } });
    const m2 = pacs002(m8);
    const r2 = await tms.evaluate(m2);
    expect(r2).toEqual({ status: 200, body: { message: 'Transaction is valid', data: m2 } });
  });

  it('reports rule 901 bands under typology 999: one, two, three transfers of a debtor in 24 hours', async () => {
    const debtor = { id: 'dbtr_5f1c2a', member: 'fsp001' };
    const creditor = { id: 'cdtr_9b7e40', scheme: 'TAZAMA_EID', member: 'fsp002' };
    const first = await transact(
      pacs008({ debtor, creditor, at: '2026-11-26T08:00:00.000Z' }),
      '2026-11-26T08:00:01.000Z',
    );
    expect(first.report.status).toBe('NALT');
    const t1 = first.report.tadpResult.typologyResult[0];
    expect(t1).toMatchObject({
      id: 'typology-processor@1.0.0',
      cfg: '999@1.0.0',
      result: 100,
      review: false,
      workflow: { alertThreshold: 200, interdictionThreshold: 400 },
      ruleResults: [
        { id: '901@1.0.0', cfg: '1.0.0', subRuleRef: '.01', wght: 100 },
        { id: 'EFRuP@1.0.0', cfg: 'none', subRuleRef: 'none', wght: 0 },
      ],
    });
    const rr = t1.ruleResults[0];
    expect(Object.keys(rr).sort()).toEqual(['cfg', 'id', 'prcgTm', 'subRuleRef', 'wght']);
    expect(Number.isInteger(rr.prcgTm) && rr.prcgTm > 0).toBe(true);
    expect(first.report.metaData.prcgTmDP).toBeGreaterThan(0);
    expect(Number.isInteger(first.report.metaData.prcgTmED)).toBe(true);
    expect(first.report.tadpResult.prcgTm).toBeGreaterThan(0);
    expect(first.networkMap.messages[0]).toMatchObject({
      txTp: 'pacs.002.001.12',
      typologies: [
        {
          cfg: '999@1.0.0',
          rules: [
            { id: '901@1.0.0', cfg: '1.0.0' },
            { id: 'EFRuP@1.0.0', cfg: 'none' },
          ],
        },
      ],
    });
    expect(first.DataCache).toMatchObject({
      dbtrId: 'dbtr_5f1c2aMSISDN',
      cdtrId: 'cdtr_9b7e40TAZAMA_EID',
      dbtrAcctId: 'dbtr_5f1c2aMSISDNfsp001',
      cdtrAcctId: 'cdtr_9b7e40TAZAMA_EIDfsp002',
    });

    const second = await transact(
      pacs008({ debtor, creditor, at: '2026-11-26T09:00:00.000Z' }),
      '2026-11-26T09:00:01.000Z',
    );
    expect(second.report.status).toBe('ALRT');
    expect(second.report.tadpResult.typologyResult[0]).toMatchObject({
      result: 200,
      review: true,
      ruleResults: [
        { subRuleRef: '.02', wght: 200 },
        { id: 'EFRuP@1.0.0', cfg: 'none', subRuleRef: 'none', wght: 0 },
      ],
    });
    expect(second.zhili.outcome).toBe('review');

    const third = await transact(
      pacs008({ debtor, creditor, at: '2026-11-26T10:00:00.000Z' }),
      '2026-11-26T10:00:01.000Z',
    );
    expect(third.report.tadpResult.typologyResult[0]).toMatchObject({
      result: 400,
      ruleResults: [{ subRuleRef: '.03' }, { id: 'EFRuP@1.0.0', cfg: 'none', subRuleRef: 'none', wght: 0 }],
    });
    expect(third.zhili.outcome).toBe('block');

    // The same person at another bank is another account: its count starts again.
    const other = await transact(
      pacs008({ debtor: { ...debtor, member: 'fsp003' }, creditor, at: '2026-11-26T11:00:00.000Z' }),
      '2026-11-26T11:00:01.000Z',
    );
    expect(other.report.tadpResult.typologyResult[0].ruleResults[0].subRuleRef).toBe('.01');
    // A day later the window has moved on.
    const later = await transact(
      pacs008({ debtor, creditor, at: '2026-11-27T12:00:00.000Z' }),
      '2026-11-27T12:00:01.000Z',
    );
    expect(later.report.tadpResult.typologyResult[0].ruleResults[0].subRuleRef).toBe('.01');
  });

  it('decides the completed transfer as a Zhili event with Tazama ids', async () => {
    const m8 = pacs008({
      debtor: { id: '+27-710000001', member: 'fsp001' },
      creditor: { id: 'cdtr-plain', member: 'fsp002' },
      amount: 1234.5,
      ccy: 'ZAR',
    });
    const data = await transact(m8);
    expect(data.transactionID).toBe(data.transaction.FIToFIPmtSts.GrpHdr.MsgId);
    const e2e = m8.FIToFICstmrCdtTrf.CdtTrfTxInf.PmtId.EndToEndId as string;
    const stored = await s.call('GET', `/v1/events/${e2e}`);
    expect(stored.status).toBe(200);
    expect(stored.body.event).toMatchObject({
      id: e2e,
      type: 'transfer',
      amount: { value: '1234.5', currency: 'ZAR' },
      debtor: { partyId: 'iso:@2B27-710000001MSISDN', accountId: 'iso:@2B27-710000001MSISDNfsp001' },
      creditor: { partyId: 'cdtr-plainMSISDN', accountId: 'cdtr-plainMSISDNfsp002' },
      channel: 'iso20022',
    });
    expect(stored.body.decision.ruleSetVersion).toBe('tazama-compat-1.1.0');
  });

  it('is idempotent for a repeated pacs.002 and refuses a second completion', async () => {
    const m8 = pacs008({
      debtor: { id: 'dbtr-idem', member: 'fsp001' },
      creditor: { id: 'cdtr-idem', member: 'fsp002' },
    });
    const first = await transact(m8);
    const m2 = first.transaction;
    expect((await tms.evaluate(m2)).status).toBe(200);
    const again = await tms.report(m2.FIToFIPmtSts.GrpHdr.MsgId);
    expect(again.body.data.report.tadpResult.typologyResult[0].result).toBe(100);
    expect((await tms.evaluate(m8)).status).toBe(200);
    const changed = structuredClone(m8);
    changed.FIToFICstmrCdtTrf.CdtTrfTxInf.IntrBkSttlmAmt.Amt.Amt = 999;
    expect((await tms.evaluate(changed)).body.error.code).toBe('ZHILI_E_CONFLICT');
    const other = await tms.evaluate(pacs002(m8));
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({
      code: 'ZHILI_E_CONFLICT',
      pointer: '/FIToFIPmtSts/TxInfAndSts/OrgnlEndToEndId',
    });
  });

  it('evaluates nothing until the status is ACCC', async () => {
    const m8 = pacs008({
      debtor: { id: 'dbtr-rjct', member: 'fsp001' },
      creditor: { id: 'cdtr-rjct', member: 'fsp002' },
    });
    await tms.evaluate(m8);
    const rjct = pacs002(m8, { status: 'RJCT' });
    expect((await tms.evaluate(rjct)).status).toBe(200);
    expect((await tms.report(rjct.FIToFIPmtSts.GrpHdr.MsgId, 0)).status).toBe(204);
    const e2e = m8.FIToFICstmrCdtTrf.CdtTrfTxInf.PmtId.EndToEndId as string;
    expect((await s.call('GET', `/v1/events/${e2e}`)).status).toBe(404);
  });
});

describe('ids', () => {
  it('keeps Tazama keys that are valid Zhili ids and escapes the rest without collisions', () => {
    expect(toZhiliId('dbtr_1f2eMSISDN')).toBe('dbtr_1f2eMSISDN');
    expect(toZhiliId('+27 71@x')).toBe('iso:@2B27@2071@40x');
    expect(toZhiliId('_a')).toBe('iso:@5Fa');
    expect(toZhiliId('iso:@5Fa')).not.toBe(toZhiliId('_a'));
    expect(toZhiliId('x'.repeat(200))).toMatch(/^iso:sha256:[0-9a-f]{64}$/);
  });
});

describe('errors in Zhili’s format', () => {
  it('answers 400 with the JSON pointer of a missing or malformed field', async () => {
    const m8 = pacs008({ debtor: { id: 'd-bad', member: 'fsp001' }, creditor: { id: 'c-bad', member: 'fsp002' } });
    delete m8.FIToFICstmrCdtTrf.CdtTrfTxInf.PmtId.EndToEndId;
    const r = await post('/v1/evaluate/iso20022/pacs.008.001.10', m8);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({
      code: 'ZHILI_E_VALIDATION',
      pointer: '/FIToFICstmrCdtTrf/CdtTrfTxInf/PmtId/EndToEndId',
    });

    const noOthr = pacs008({ debtor: { id: 'd-bad', member: 'fsp001' }, creditor: { id: 'c-bad', member: 'fsp002' } });
    noOthr.FIToFICstmrCdtTrf.CdtTrfTxInf.DbtrAcct.Id.Othr = [];
    const r2 = await post('/v1/evaluate/iso20022/pacs.008.001.10', noOthr);
    expect(r2.status).toBe(400);
    expect(r2.body.error.pointer).toBe('/FIToFICstmrCdtTrf/CdtTrfTxInf/DbtrAcct/Id/Othr');

    const r3 = await post('/v1/evaluate/iso20022/pacs.002.001.12', { FIToFIPmtSts: { GrpHdr: { MsgId: 'x' } } });
    expect(r3.status).toBe(400);
    expect(r3.body.error.code).toBe('ZHILI_E_VALIDATION');
  });

  it('checks the currency and its minor unit', async () => {
    // Not a currency at all (XTS, the testing code, is taken by this tazama-compat tenant: test/tazama-compat.test.ts).
    const xxx = pacs008({ debtor: { id: 'd-ccy', member: 'f1' }, creditor: { id: 'c-ccy', member: 'f2' }, ccy: 'QQQ' });
    const r = await post('/v1/evaluate/iso20022/pacs.008.001.10', xxx);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({
      code: 'ZHILI_E_UNKNOWN_CURRENCY',
      pointer: '/FIToFICstmrCdtTrf/CdtTrfTxInf/IntrBkSttlmAmt/Amt/Ccy',
    });
    const jpy = pacs008({
      debtor: { id: 'd-ccy', member: 'f1' },
      creditor: { id: 'c-ccy', member: 'f2' },
      ccy: 'JPY',
      amount: 10.5,
    });
    const r2 = await post('/v1/evaluate/iso20022/pacs.008.001.10', jpy);
    expect(r2.body.error).toMatchObject({
      code: 'ZHILI_E_AMOUNT_PRECISION',
      pointer: '/FIToFICstmrCdtTrf/CdtTrfTxInf/IntrBkSttlmAmt/Amt/Amt',
    });
  });

  it('needs the pacs.008 before its pacs.002, credentials, and keeps tenants apart', async () => {
    const m8 = pacs008({ debtor: { id: 'd-order', member: 'f1' }, creditor: { id: 'c-order', member: 'f2' } });
    const early = await post('/v1/evaluate/iso20022/pacs.002.001.12', pacs002(m8));
    expect(early.status).toBe(404);
    expect(early.body.error).toMatchObject({
      code: 'ZHILI_E_NOT_FOUND',
      pointer: '/FIToFIPmtSts/TxInfAndSts/OrgnlEndToEndId',
    });
    expect((await post('/v1/evaluate/iso20022/pacs.008.001.10', m8, null)).status).toBe(401);

    const data = await transact(m8);
    const other = await s.zhili.createTenant('Other 其他');
    const peek = await tazamaClient(url, other.apiKey).report(data.transactionID, 0);
    expect(peek.status).toBe(204);
    expect((await tms.report('no-such-msg', 0)).status).toBe(204);
  });
});
