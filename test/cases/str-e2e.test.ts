import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exampleFincenProfile,
  exampleGoamlProfile,
  pbocFileNamePattern,
  readZip,
  sarDueBy,
  validateFincenXml,
  validateGoamlXml,
  validatePbocXml,
} from '../../src/cases/index.ts';
import { event, startServer, type TestServer } from '../support/server.ts';

const RICD = 'ZHILI000000002';
let s: TestServer;
const tok: Record<string, string> = {};

async function call(
  who: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: any; raw: Buffer }> {
  const res = await fetch(s.url + path, {
    method,
    headers: {
      authorization: `Bearer ${tok[who]}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const raw = Buffer.from(await res.arrayBuffer());
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, raw };
}

beforeAll(async () => {
  // The tenant's reporting profiles come from the configuration, validated at start.
  s = await startServer({
    config: {
      pbocInstitutionCode: RICD,
      pbocBranchCode: 'ZHILI00000000201',
      pbocAreaCode: 'CHN310000',
      goamlProfile: JSON.stringify(exampleGoamlProfile),
      fincenProfile: JSON.stringify(exampleFincenProfile),
    },
  });
  // The tenant runs the AML typology pack (activated directly: the rule-set lifecycle is not the subject here).
  const pack: unknown = JSON.parse(readFileSync('src/monitoring/packs/aml-typologies.json', 'utf8'));
  await s.zhili.engine.activate(s.tenantId, s.zhili.engine.compile(pack, 'Asia/Shanghai'));
  tok.ana = await s.login(['analyst'], 'ana');
  tok.apr = await s.login(['approver'], 'apr');
  tok.aud = await s.login(['auditor'], 'aud');
});
afterAll(async () => {
  await s.close();
});

/** Three USD cash withdrawals just below the FinCEN CTR threshold: a case for a SAR. */
async function usdStructuringCase(): Promise<string> {
  const customer = { partyId: 'cust-us-smurf', partyType: 'person', accountId: '000111222333', country: 'US' };
  for (const [i, value] of ['9600.00', '9800.00', '9900.00'].entries())
    await s.call(
      'POST',
      '/v1/events',
      event({
        id: `us-smurf-${i + 1}`,
        occurredAt: `2026-11-1${i}T10:00:00-05:00`,
        amount: { value, currency: 'USD' },
        debtor: customer,
        attributes: { debtorName: 'John Q Public' },
      }),
    );
  await s.zhili.cases.projector.catchUp();
  const cases = (await call('ana', 'GET', '/v1/cases?customerId=cust-us-smurf')).body.cases;
  expect(cases).toHaveLength(1);
  return cases[0].id as string;
}

describe('a structuring case becomes a BSTR and a goAML STR (four eyes, over HTTP)', () => {
  it('drafts both from the case, hides them from the auditor, files them after a second operator approves', async () => {
    const customer = { partyId: 'cust-smurf', partyType: 'person', accountId: '6222000077770001', country: 'CN' };
    const attributes = { debtorName: '赵六', debtorIdType: '110001', debtorIdNumber: '310101198502021234' };
    const amounts = ['49000.00', '48500.00', '49900.00', '49500.00'];
    for (const [i, value] of amounts.entries()) {
      const r = await s.call(
        'POST',
        '/v1/events',
        event({
          id: `smurf-${i + 1}`,
          occurredAt: `2026-11-0${i + 2}T10:00:00+08:00`,
          amount: { value, currency: 'CNY' },
          debtor: customer,
          attributes,
        }),
      );
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    }
    await s.zhili.cases.projector.catchUp();

    const alerts = (await call('ana', 'GET', '/v1/alerts?customerId=cust-smurf')).body.alerts;
    expect(alerts.some((a: any) => a.type === 'aml-structuring')).toBe(true);
    const cases = (await call('ana', 'GET', '/v1/cases?customerId=cust-smurf')).body.cases;
    expect(cases).toHaveLength(1);
    const caseId = cases[0].id;
    expect((await call('aud', 'GET', `/v1/cases/${caseId}`)).status).toBe(200);

    const bstr = await call('ana', 'POST', '/v1/reports/pboc/suspicious', {
      caseId,
      // Only the withdrawals that completed the pattern alerted; the investigator adds the earlier ones.
      eventIds: ['smurf-1', 'smurf-2', 'smurf-3'],
      narrative: '客户11月2日至5日在柜台分4笔提取现金共196,900元，每笔均略低于5万元。',
      analysis: '金额集中于大额报告标准以下，疑似拆分交易规避报告。',
      characteristicCodes: ['0904'],
      measures: '强化尽职调查',
    });
    expect(bstr.status, JSON.stringify(bstr.body)).toBe(201);
    expect(bstr.body.report).toMatchObject({ format: 'pboc_bstr', str: true, status: 'draft', caseId });
    expect(
      (
        await call('ana', 'POST', '/v1/reports/pboc/suspicious', {
          caseId,
          narrative: 'x',
          analysis: 'y',
          characteristicCodes: ['0904'],
        })
      ).status,
    ).toBe(409);

    // Tipping-off: once an STR is drafted the case, its alerts and the reports are invisible to the auditor.
    expect((await call('aud', 'GET', `/v1/cases/${caseId}`)).status).toBe(404);
    expect((await call('aud', 'GET', `/v1/reports/${bstr.body.report.id}`)).status).toBe(404);
    expect((await call('aud', 'GET', '/v1/alerts?customerId=cust-smurf')).body.alerts).toEqual([]);
    expect(
      (await call('aud', 'POST', '/v1/reports/goaml', { reportCode: 'str', caseId, indicators: ['STRUCT'] })).status,
    ).toBe(403);

    const bad = await call('ana', 'POST', '/v1/reports/goaml', {
      reportCode: 'str',
      caseId,
      indicators: ['NOT-IN-LIST'],
    });
    expect(bad.status).toBe(400);
    const str = await call('ana', 'POST', '/v1/reports/goaml', {
      reportCode: 'str',
      caseId,
      eventIds: ['smurf-1', 'smurf-2', 'smurf-3'],
      reason: '拆分现金交易',
      action: '强化尽职调查',
      indicators: ['STRUCT', 'CASH'],
    });
    expect(str.status, JSON.stringify(str.body)).toBe(201);
    expect(str.body.report).toMatchObject({ format: 'goaml', str: true, payload: { reportCode: 'STR' } });
    // FinCEN files in US dollars: a CNY case is refused rather than mislabelled.
    const cnySar = await call('ana', 'POST', '/v1/reports/fincen/sar', {
      caseId,
      narrative: 'x',
      classifications: [{ typeId: '11', subtypeId: '1101' }],
      suspectIdentified: true,
    });
    expect(cnySar.status).toBe(400);
    const usCase = await usdStructuringCase();
    const sar = await call('ana', 'POST', '/v1/reports/fincen/sar', {
      caseId: usCase,
      // Only the third withdrawal completed the pattern; the investigator adds the first two.
      eventIds: ['us-smurf-1', 'us-smurf-2'],
      narrative: 'Three cash withdrawals just below USD 10,000 in three days.',
      classifications: [{ typeId: '11', subtypeId: '1101' }],
      suspectIdentified: false,
    });
    expect(sar.status, JSON.stringify(sar.body)).toBe(201);
    expect(sar.body.report.dueBy).toBe(sarDueBy(sar.body.report.payload.detectedOn, false));
    const ids = [bstr.body.report.id, str.body.report.id, sar.body.report.id];

    expect((await call('ana', 'POST', `/v1/reports/${ids[0]}/approve`, {})).status).toBe(403);
    expect((await call('ana', 'POST', '/v1/reports:submit', { reportIds: ids })).status).toBe(409);
    for (const id of ids)
      expect((await call('apr', 'POST', `/v1/reports/${id}/approve`, { note: '同意报送' })).body.report.status).toBe(
        'approved',
      );

    const sub = await call('ana', 'POST', '/v1/reports:submit', { reportIds: ids });
    expect(sub.status, JSON.stringify(sub.body)).toBe(200);
    const names = sub.body.packages.map((p: any) => p.name);
    const bstrPkg = names.find((n: string) => n.startsWith('NBS'));
    const goamlPkg = names.find((n: string) => n.startsWith('GOAML-STR-'));
    expect(bstrPkg).toMatch(pbocFileNamePattern);
    expect(bstrPkg).toMatch(new RegExp(`^NBS${RICD}-\\d{8}-00000001\\.ZIP$`));
    expect(goamlPkg).toMatch(/^GOAML-STR-\d{8}-00000001\.ZIP$/);
    const sarPkg = names.find((n: string) => n.startsWith('FINCEN-SARX-'));
    expect(sarPkg).toMatch(/^FINCEN-SARX-\d{8}-00000001\.ZIP$/);
    const sarXml = Buffer.from(
      readZip((await call('ana', 'GET', `/v1/report-packages/${sarPkg}`)).raw)[0]!.data,
    ).toString('utf8');
    expect(validateFincenXml(sarXml)).toEqual([]);
    expect(sarXml).toContain('<fc2:TotalSuspiciousAmountText>29300</fc2:TotalSuspiciousAmountText>');

    const bstrXml = Buffer.from(
      readZip((await call('ana', 'GET', `/v1/report-packages/${bstrPkg}`)).raw)[0]!.data,
    ).toString('utf8');
    expect(validatePbocXml(bstrXml)).toEqual([]);
    for (const frag of [
      '<BSTR>',
      `<RICD>${RICD}</RICD>`,
      '<STCR seqno="1">0904</STCR>',
      '<TTNM>4</TTNM>',
      '<CTNM>赵六</CTNM>',
      '<TICD>smurf-1</TICD>',
      '<CRAT>49900.00</CRAT>',
    ])
      expect(bstrXml).toContain(frag);
    const goamlXml = Buffer.from(
      readZip((await call('ana', 'GET', `/v1/report-packages/${goamlPkg}`)).raw)[0]!.data,
    ).toString('utf8');
    expect(validateGoamlXml(goamlXml, { indicators: exampleGoamlProfile.indicators, reportCodes: ['STR'] })).toEqual(
      [],
    );
    for (const frag of [
      '<report_code>STR</report_code>',
      `<entity_reference>${ids[1]}</entity_reference>`,
      '<transactionnumber>smurf-4</transactionnumber>',
      '<indicator>STRUCT</indicator>',
      '<last_name>赵</last_name>',
    ])
      expect(goamlXml).toContain(frag);
    expect((await call('aud', 'GET', `/v1/report-packages/${goamlPkg}`)).status).toBe(404);

    const ack = await call('ana', 'POST', `/v1/reports/${ids[0]}/ack`, { accepted: true, note: '回执成功' });
    expect(ack.body.report.status).toBe('acknowledged');
    const reg = (await call('ana', 'GET', '/v1/reports')).body.reports;
    expect(
      reg
        .filter((r: any) => ids.includes(r.id))
        .map((r: any) => [r.format, r.status])
        .sort(),
    ).toEqual([
      ['fincen_sar', 'submitted'],
      ['goaml', 'submitted'],
      ['pboc_bstr', 'acknowledged'],
    ]);
    expect((await call('aud', 'GET', '/v1/reports')).body.reports.filter((r: any) => ids.includes(r.id))).toEqual([]);
    const hist = (await call('ana', 'GET', `/v1/reports/${ids[0]}`)).body.history.map((h: any) => h.action);
    expect(hist).toEqual(['drafted', 'approved', 'submitted', 'acknowledged']);
  });
});
