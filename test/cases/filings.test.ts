import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReportFile, readZip, validatePbocXml } from '../../src/cases/index.ts';
import { loadConfig } from '../../src/runtime/index.ts';
import { reportingProfilesOf } from '../../src/runtime/reporting-profiles.ts';
import { event, startServer, type TestServer } from '../support/server.ts';

/**
 * Issue 16, filings and tipping-off, over real HTTP against the whole server: each test names the
 * finding it closes.
 */
let s: TestServer;
const tok: Record<string, string> = {};

async function call(who: string, method: string, path: string, body?: unknown) {
  const res = await fetch(s.url + path, {
    method,
    headers: {
      authorization: `Bearer ${tok[who]}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const raw = Buffer.from(await res.arrayBuffer());
  let parsed: any;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  return { status: res.status, body: parsed, raw };
}

beforeAll(async () => {
  s = await startServer({
    config: { pbocInstitutionCode: 'ZHILI000000003', pbocBranchCode: 'ZHILI00000000301', pbocAreaCode: 'CHN310000' },
  });
  tok.ana = await s.login(['analyst'], 'ana');
  tok.apr = await s.login(['approver'], 'apr');
  tok.aud = await s.login(['auditor'], 'aud');
});
afterAll(async () => {
  await s?.close();
});

async function post(over: Record<string, unknown>): Promise<void> {
  const r = await s.call('POST', '/v1/events', event(over));
  expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
}

async function obligations(customerId: string): Promise<any[]> {
  await s.zhili.cases.projector.catchUp();
  const alerts = (await call('ana', 'GET', `/v1/alerts?customerId=${customerId}`)).body.alerts as any[];
  return alerts.filter((a) => a.type === 'large_value_report');
}

describe('filings are complete (issue 16)', () => {
  it('an incomplete draft shows the missing fields in en and zh, and approval is refused with a stable code', async () => {
    await post({
      id: 'fil-anon-1',
      occurredAt: '2026-11-24T10:00:00+08:00',
      amount: { value: '80000.00', currency: 'CNY' },
      debtor: { partyId: 'cust-anon', partyType: 'person', accountId: '6222000000000001' },
    });
    const [ob] = await obligations('cust-anon');
    const draft = await call('ana', 'POST', '/v1/reports/pboc/large-value', { alertIds: [ob.id] });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const missing = draft.body.report.payload.missing as any[];
    expect(missing.map((m) => m.field).sort()).toEqual(['CITP', 'CTID', 'CTNM', 'CTNT']);
    expect(missing.find((m) => m.field === 'CTNM')).toMatchObject({
      label: 'customer name',
      labelZh: '客户名称',
      messageZh: '缺少客户名称（CTNM）',
    });
    const approve = await call('apr', 'POST', `/v1/reports/${draft.body.report.id}/approve`, {});
    expect(approve.status).toBe(422);
    expect(approve.body.error.code).toBe('ZHILI_E_REPORT_INCOMPLETE');
    expect(JSON.stringify(approve.body)).toContain('客户名称');
  });

  it('names and IDs come from the party record when the events do not carry them (no @N)', async () => {
    await s.zhili.parties.parties.create(
      { tenantId: s.tenantId, actorId: 'test', permissions: ['parties:read', 'parties:write'] },
      {
        kind: 'person',
        externalId: 'cust-kyc',
        names: [{ full: '王五', kind: 'primary' }],
        idDocuments: [{ type: '110001', number: '110101198001011234', country: 'CN' }],
        nationalities: ['CN'],
        addresses: [{ line: '上海市浦东新区世纪大道100号', city: '上海' }],
      },
    );
    await post({
      id: 'fil-kyc-1',
      occurredAt: '2026-11-24T11:00:00+08:00',
      amount: { value: '90000.00', currency: 'CNY' },
      debtor: { partyId: 'cust-kyc', partyType: 'person', accountId: '6222000000000002' },
    });
    const [ob] = await obligations('cust-kyc');
    const draft = await call('ana', 'POST', '/v1/reports/pboc/large-value', { alertIds: [ob.id] });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const xml = draft.body.report.payload.xml as string;
    for (const frag of [
      '<CTNM>王五</CTNM>',
      '<CITP>110001</CITP>',
      '<CTID>110101198001011234</CTID>',
      '<CTNT seqno="1">CHN</CTNT>',
    ])
      expect(xml).toContain(frag);
    expect(draft.body.report.payload.missing).toEqual([]);
    const ok = await call('apr', 'POST', `/v1/reports/${draft.body.report.id}/approve`, {});
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  });

  it('a same-day cumulative report lists every contributing transaction, not only the last', async () => {
    const debtor = { partyId: 'cust-cum', partyType: 'person', accountId: '6222000000000003', country: 'CN' };
    const attributes = { debtorName: '钱七', debtorIdType: '110001', debtorIdNumber: '110101197001011234' };
    for (const [i, value] of ['30000.00', '25000.00'].entries())
      await post({
        id: `fil-cum-${i + 1}`,
        occurredAt: `2026-11-24T1${i + 2}:00:00+08:00`,
        amount: { value, currency: 'CNY' },
        debtor,
        attributes,
      });
    const obs = await obligations('cust-cum');
    expect(obs).toHaveLength(1);
    const draft = await call('ana', 'POST', '/v1/reports/pboc/large-value', { alertIds: [obs[0].id] });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const xml = draft.body.report.payload.xml as string;
    expect(xml).toContain('<TICD>fil-cum-1</TICD>');
    expect(xml).toContain('<TICD>fil-cum-2</TICD>');
    expect(xml).toContain('<TTNM>2</TTNM>');
    expect(draft.body.report.payload.transactions).toHaveLength(2);
  });

  it('control characters in names give a file that libxml2 validates, and it is approved and filed', async () => {
    await post({
      id: 'fil-ctl-1',
      occurredAt: '2026-11-24T15:00:00+08:00',
      amount: { value: '60000.00', currency: 'CNY' },
      debtor: { partyId: 'cust-ctl', partyType: 'person', accountId: '6222000000000004', country: 'CN' },
      attributes: {
        debtorName: '孙\u0001八\u001b',
        debtorIdType: '110001',
        debtorIdNumber: '11010119900101\u00071234',
      },
    });
    const [ob] = await obligations('cust-ctl');
    const draft = await call('ana', 'POST', '/v1/reports/pboc/large-value', { alertIds: [ob.id] });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const id = draft.body.report.id;
    expect((await call('apr', 'POST', `/v1/reports/${id}/approve`, {})).status).toBe(200);
    const sub = await call('ana', 'POST', '/v1/reports:submit', { reportIds: [id] });
    expect(sub.status, JSON.stringify(sub.body)).toBe(200);
    const pkg = await call('ana', 'GET', `/v1/report-packages/${sub.body.packages[0].name}`);
    const xml = Buffer.from(readZip(pkg.raw)[0]!.data).toString('utf8');

    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(await checkReportFile(xml)).toEqual([]);
    expect(validatePbocXml(xml)).toEqual([]);
  });

  it('asking twice for the deletion of a filed report gives the same open deletion, not a second one', async () => {
    await post({
      id: 'fil-del-1',
      occurredAt: '2026-11-25T14:00:00+08:00',
      amount: { value: '65000.00', currency: 'CNY' },
      debtor: { partyId: 'cust-del', partyType: 'person', accountId: '6222000000000006', country: 'CN' },
      attributes: { debtorName: '郑一', debtorIdType: '110001', debtorIdNumber: '110101196501011234' },
    });
    const [ob] = await obligations('cust-del');
    const id = (await call('ana', 'POST', '/v1/reports/pboc/large-value', { alertIds: [ob.id] })).body.report.id;
    expect((await call('apr', 'POST', `/v1/reports/${id}/approve`, {})).status).toBe(200);
    expect((await call('ana', 'POST', '/v1/reports:submit', { reportIds: [id] })).status).toBe(200);
    const first = await call('ana', 'POST', `/v1/reports/${id}/deletion`, { reason: '重复报送' });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const second = await call('ana', 'POST', `/v1/reports/${id}/deletion`, { reason: '重复报送' });
    expect(second.body.report.id).toBe(first.body.report.id);
    const deletions = ((await call('ana', 'GET', '/v1/reports')).body.reports as any[]).filter(
      (r) => r.correctsId === id,
    );
    expect(deletions).toHaveLength(1);
  });

  it('one bad obligation is reported and skipped; the rest of the batch is drafted', async () => {
    const attributes = { debtorName: '周九', debtorIdType: '110001', debtorIdNumber: '110101196001011234' };
    await post({
      id: 'fil-batch-ok',
      occurredAt: '2026-11-25T10:00:00+08:00',
      amount: { value: '70000.00', currency: 'CNY' },
      debtor: { partyId: 'cust-batch-ok', partyType: 'person', accountId: '6222000000000005', country: 'CN' },
      attributes,
    });
    // An account number longer than the layout's 64 characters: this obligation's file cannot be valid.
    await post({
      id: 'fil-batch-bad',
      occurredAt: '2026-11-25T11:00:00+08:00',
      amount: { value: '70000.00', currency: 'CNY' },
      debtor: { partyId: 'cust-batch-bad', partyType: 'person', accountId: '9'.repeat(80), country: 'CN' },
      attributes,
    });
    const [good] = await obligations('cust-batch-ok');
    const [bad] = await obligations('cust-batch-bad');
    const draft = await call('ana', 'POST', '/v1/reports/pboc/large-value', { alertIds: [good.id, bad.id] });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    expect(draft.body.report.alertIds).toEqual([good.id]);
    expect(draft.body.report.payload.skipped).toEqual([
      expect.objectContaining({ alertId: bad.id, message: expect.stringContaining('CTAC') }),
    ]);
    // The skipped obligation stays open for a later report.
    const again = await call('ana', 'GET', '/v1/alerts?customerId=cust-batch-bad');
    expect(again.body.alerts.find((a: any) => a.id === bad.id).reportId).toBeNull();
  });
});

describe('tipping-off follows from the suspicious report, not a tag (issue 16)', () => {
  it('removing the str tag does not show the case to the auditor, and the ledger withholds STR entries from them', async () => {
    await post({
      id: 'fil-str-1',
      occurredAt: '2026-11-26T10:00:00+08:00',
      amount: { value: '95000.00', currency: 'CNY' },
      debtor: { partyId: 'cust-str', partyType: 'person', accountId: '6222000000000009', country: 'CN' },
      attributes: { debtorName: '吴十', debtorIdType: '110001', debtorIdNumber: '110101195001011234' },
    });
    await s.zhili.cases.projector.catchUp();
    const caseId = (await call('ana', 'GET', '/v1/cases?customerId=cust-str')).body.cases[0].id as string;
    expect((await call('aud', 'GET', `/v1/cases/${caseId}`)).status).toBe(200);
    const bstr = await call('ana', 'POST', '/v1/reports/pboc/suspicious', {
      caseId,
      narrative: '客户短期内大额提现，与其身份不符。',
      analysis: '疑似洗钱。',
      characteristicCodes: ['0904'],
    });
    expect(bstr.status, JSON.stringify(bstr.body)).toBe(201);
    expect((await call('aud', 'GET', `/v1/cases/${caseId}`)).status).toBe(404);

    const untag = await call('ana', 'POST', `/v1/cases/${caseId}/actions`, { type: 'tag', remove: ['str'] });
    expect(untag.status, JSON.stringify(untag.body)).toBe(200);
    expect(untag.body.case.tags).not.toContain('str');
    expect((await call('aud', 'GET', `/v1/cases/${caseId}`)).status).toBe(404);
    const listed = (await call('aud', 'GET', '/v1/cases?customerId=cust-str')).body.cases as any[];
    expect(listed.map((c) => c.id)).not.toContain(caseId);
    const alerts = (await call('aud', 'GET', '/v1/alerts?customerId=cust-str')).body.alerts as any[];
    expect(alerts).toEqual([]);

    // The ledger: every entry is still there for both, but the auditor sees no content of STR entries.
    const strEntries: number[] = [];
    for (let i = 0; ; i++) {
      const a = await call('ana', 'GET', `/v1/ledger/entries/${i}`);
      if (a.status === 404) {
        if ((await call('ana', 'GET', `/v1/ledger/entries/${i + 1}`)).status === 404) break;
        continue;
      }
      if (String(a.body.entry?.action).startsWith('str.')) strEntries.push(i);
    }
    expect(strEntries.length).toBeGreaterThanOrEqual(2); // the draft and the tag removal at least
    for (const i of strEntries) {
      const a = await call('ana', 'GET', `/v1/ledger/entries/${i}`);
      const d = await call('aud', 'GET', `/v1/ledger/entries/${i}`);
      expect(d.status).toBe(200);
      expect(d.body).toMatchObject({ index: i, leafHash: a.body.leafHash, withheld: true, entryJson: '', entry: null });
      expect(JSON.stringify(d.body)).not.toContain(bstr.body.report.id);
    }
  });
});

describe('reporting profiles are validated at start (issue 16)', () => {
  it('a bad PBOC code, a goAML profile missing fields or unreadable JSON stop the start, naming the variable', async () => {
    expect(() => loadConfig({}, { ZHILI_PBOC_INSTITUTION_CODE: 'SHORT' })).toThrow(/ZHILI_PBOC_INSTITUTION_CODE/);
    expect(() =>
      loadConfig({}, { ZHILI_PBOC_INSTITUTION_CODE: 'ZHILI000000003', ZHILI_PBOC_AREA_CODE: '310000' }),
    ).toThrow(/ZHILI_PBOC_AREA_CODE/);
    const goaml = loadConfig({}, { ZHILI_GOAML_PROFILE: '{"rentityId":"12"}' });
    expect(() => reportingProfilesOf(goaml)).toThrow(/ZHILI_GOAML_PROFILE/);
    const fincen = loadConfig({}, { ZHILI_FINCEN_PROFILE: '@/no/such/profile.json' });
    expect(() => reportingProfilesOf(fincen)).toThrow(/ZHILI_FINCEN_PROFILE: cannot read/);
    await expect(startServer({ config: { goamlProfile: '{not json' } })).rejects.toThrow(/ZHILI_GOAML_PROFILE/);
  });
});

describe('reporting profiles (read-only, for the console and auditors)', () => {
  it('shows what the server files under, and null for a format not configured', async () => {
    const r = await call('aud', 'GET', '/v1/reporting-profiles');
    expect(r.status).toBe(200);
    expect(r.body.pboc).toMatchObject({ institutionCode: 'ZHILI000000003', branchCode: 'ZHILI00000000301' });
    expect(r.body.goaml).toBeNull();
    expect(r.body.fincen).toBeNull();
    expect((await s.call('GET', '/v1/reporting-profiles')).status).toBe(403);
  });
});
