import { join } from 'node:path';
import { openSqliteCaseStore } from '../../src/cases/adapters.ts';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCases,
  casesRoutes,
  exampleFincenProfile,
  exampleGoamlProfile,
  validateFincenXml,
  readZip,
  validateGoamlXml,
  validatePbocXml,
  pbocFileNamePattern,
  type CasesModule,
} from '../../src/cases/index.ts';
import { errorHandler } from '../../src/http/errors.ts';
import { typeboxValidatorCompiler } from '../../src/http/validation.ts';
import { fixedClock, systemIds } from '../../src/kernel/index.ts';
import { event, startServer, type TestServer } from '../support/server.ts';

const RICD = 'ZHILI000000001';
let s: TestServer;
let mod: CasesModule;
let app: FastifyInstance;
let url: string;
const tok: Record<string, string> = {};
// "Today" for the report files: the first working day after the 2026 National Day holiday.
const clock = fixedClock(Date.parse('2026-10-08T10:00:00+08:00'));

async function call(
  who: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: any; raw: Buffer; headers: Headers }> {
  const res = await fetch(url + path, {
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
  return { status: res.status, body: parsed, raw, headers: res.headers };
}

beforeAll(async () => {
  s = await startServer();
  mod = await createCases({
    store: s.zhili.store,
    access: s.zhili.access,
    clock,
    ids: systemIds(),
    caseStore: openSqliteCaseStore(join(s.dataDir, 'zhili.db')),
    profileOf: () => ({ institutionCode: RICD, industry: 'B', branchCode: 'ZHILI00000000101', areaCode: 'CHN310000' }),
    goamlProfileOf: () => exampleGoamlProfile,
    fincenProfileOf: () => exampleFincenProfile,
  });
  app = Fastify();
  app.setValidatorCompiler(typeboxValidatorCompiler);
  app.setErrorHandler(errorHandler);
  await app.register(casesRoutes, mod.routes);
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  tok.ana = await s.login(['analyst'], 'ana');
  tok.bob = await s.login(['analyst'], 'bob');
  tok.apr = await s.login(['approver'], 'apr');
  tok.aud = await s.login(['auditor'], 'aud');
  tok.key = s.apiKey;
});
afterAll(async () => {
  await app.close();
  await mod.close();
  await s.close();
});

const userId = async (name: string): Promise<string> => (await s.zhili.store.findUserByName(s.tenantId, name))!.id;

describe('from a large cash withdrawal to a filed HVTR package', () => {
  it('turns the obligation into an alert and a case, and files a valid, correctly named HVTR in a ZIP due after the holiday', async () => {
    const withdrawal = event({
      id: 'e2e-lv-1',
      occurredAt: '2026-09-30T15:00:00+08:00',
      amount: { value: '80000', currency: 'CNY' },
      debtor: { partyId: 'cust-lv', partyType: 'person', accountId: '6222000011112222', country: 'CN' },
      attributes: { debtorName: '张三', debtorIdType: '110001', debtorIdNumber: '110101199001011234' },
    });
    const d = await s.call('POST', '/v1/events', withdrawal);
    expect(d.body.obligations).toEqual([
      { kind: 'large_value_report', code: '0501', dueBy: '2026-10-13', ruleId: 'cn-pboc-lv-cash' },
    ]);
    await mod.projector.catchUp();

    const alerts = await call('ana', 'GET', '/v1/alerts?customerId=cust-lv');
    expect(alerts.status).toBe(200);
    expect(alerts.body.alerts.map((a: any) => [a.source, a.type, a.code]).sort()).toEqual([
      ['decision', 'cn-pboc-large-value', 'review'],
      ['obligation', 'large_value_report', '0501'],
    ]);
    const cases = await call('ana', 'GET', '/v1/cases?customerId=cust-lv');
    expect(cases.body.cases).toHaveLength(1);
    expect(cases.body.cases[0]).toMatchObject({
      status: 'open',
      priority: 'medium',
      alertCount: 2,
      sla: { breached: false },
    });

    const obligation = alerts.body.alerts.find((a: any) => a.source === 'obligation');
    const draft = await call('ana', 'POST', '/v1/reports/pboc/large-value', { alertIds: [obligation.id] });
    expect(draft.status).toBe(201);
    expect(draft.body.report).toMatchObject({
      format: 'pboc_hvtr',
      messageType: 'N',
      status: 'draft',
      dueBy: '2026-10-13',
    });
    const id = draft.body.report.id;

    const again = await call('bob', 'POST', '/v1/reports/pboc/large-value', { alertIds: [obligation.id] });
    expect(again.status).toBe(404); // already taken up by the draft

    const self = await call('ana', 'POST', `/v1/reports/${id}/approve`, {});
    expect(self.status).toBe(403);
    const early = await call('ana', 'POST', '/v1/reports:submit', { reportIds: [id] });
    expect(early.status).toBe(409);
    const ok = await call('apr', 'POST', `/v1/reports/${id}/approve`, { note: '核对无误' });
    expect(ok.body.report).toMatchObject({ status: 'approved', approvedBy: await userId('apr') });

    const sub = await call('ana', 'POST', '/v1/reports:submit', { reportIds: [id] });
    expect(sub.status).toBe(200);
    const [pkg] = sub.body.packages;
    expect(pkg.name).toBe(`NBH${RICD}-20261008-00000001.ZIP`);
    expect(pkg.name).toMatch(pbocFileNamePattern);
    expect(pkg.bytes).toBeLessThanOrEqual(5 * 1024 * 1024);

    const file = await call('aud', 'GET', `/v1/report-packages/${pkg.name}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/zip');
    const entries = readZip(file.raw);
    expect(entries.map((e) => e.name)).toEqual([`NBH${RICD}-20261008-00000001.XML`]);
    const xml = Buffer.from(entries[0]!.data).toString('utf8');
    expect(validatePbocXml(xml)).toEqual([]);
    for (const frag of [
      '<HVTR>',
      `<RICD>${RICD}</RICD>`,
      '<HTDT>20260930</HTDT>',
      '<CRCD>0501</CRCD>',
      '<TICD>e2e-lv-1</TICD>',
      '<TSTM>20260930150000</TSTM>',
      '<CRAT>80000.00</CRAT>',
      '<CTNM>张三</CTNM>',
      '<TSDR>02</TSDR>',
    ])
      expect(xml).toContain(frag);

    const reg = await call('aud', 'GET', '/v1/reports');
    const row = reg.body.reports.find((r: any) => r.id === id);
    expect(row).toMatchObject({
      status: 'submitted',
      fileName: `NBH${RICD}-20261008-00000001.XML`,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(row.deadline).toMatchObject({ dueBy: '2026-10-13', overdue: false, warning: false });

    const ack = await call('ana', 'POST', `/v1/reports/${id}/ack`, { accepted: true, note: '回执成功' });
    expect(ack.body.report.status).toBe('acknowledged');
    const del = await call('ana', 'POST', `/v1/reports/${id}/deletion`, { reason: 'duplicate' });
    expect(del.status).toBe(201);
    expect(del.body.report).toMatchObject({ messageType: 'D', correctsId: id });
    await call('apr', 'POST', `/v1/reports/${del.body.report.id}/approve`, {});
    const delSub = await call('ana', 'POST', '/v1/reports:submit', { reportIds: [del.body.report.id] });
    expect(delSub.body.packages[0].name).toBe(`DBH${RICD}-20261008-00000002.ZIP`);
    const hist = await call('ana', 'GET', `/v1/reports/${id}`);
    expect(hist.body.history.map((h: any) => h.action)).toEqual(['drafted', 'approved', 'submitted', 'acknowledged']);
  });
});

describe('goAML CTR from a large-value obligation', () => {
  it('drafts a valid CTR visible to the auditor (not an STR) and takes the obligation up', async () => {
    await s.call(
      'POST',
      '/v1/events',
      event({
        id: 'ctr-1',
        amount: { value: '90000', currency: 'CNY' },
        debtor: { partyId: 'cust-ctr', partyType: 'person', accountId: 'acc-ctr', country: 'CN' },
        attributes: { debtorName: '钱七' },
      }),
    );
    await mod.projector.catchUp();
    const obligation = (await call('ana', 'GET', '/v1/alerts?customerId=cust-ctr&source=obligation')).body.alerts[0];
    const ctr = await call('ana', 'POST', '/v1/reports/goaml', {
      reportCode: 'ctr',
      alertIds: [obligation.id],
      indicators: ['LARGE'],
    });
    expect(ctr.status, JSON.stringify(ctr.body)).toBe(201);
    expect(ctr.body.report).toMatchObject({ format: 'goaml', str: false, payload: { reportCode: 'CTR' } });
    expect(validateGoamlXml(ctr.body.report.payload.xml)).toEqual([]);
    expect((await call('aud', 'GET', `/v1/reports/${ctr.body.report.id}`)).status).toBe(200);
    expect(
      (
        await call('ana', 'POST', '/v1/reports/goaml', {
          reportCode: 'ctr',
          alertIds: [obligation.id],
          indicators: ['LARGE'],
        })
      ).status,
    ).toBe(404);
    expect((await call('ana', 'GET', '/v1/reports/fincen/deadline?kind=ctr&date=2026-12-20')).body).toEqual({
      dueBy: '2027-01-04',
    });
  });

  it('drafts a FinCEN CTR (CTRX) from a USD cash obligation, due 15 days later; refuses CNY', async () => {
    await s.call(
      'POST',
      '/v1/events',
      event({
        id: 'ctr-usd-1',
        occurredAt: '2026-11-20T10:00:00+08:00',
        amount: { value: '12000.00', currency: 'USD' },
        debtor: { partyId: 'cust-usd', partyType: 'person', accountId: 'acc-usd', country: 'US' },
        attributes: { debtorName: 'John Q Public' },
      }),
    );
    await mod.projector.catchUp();
    const obligation = (await call('ana', 'GET', '/v1/alerts?customerId=cust-usd&source=obligation')).body.alerts[0];
    expect(obligation, 'a USD cash withdrawal above USD 10,000 is a PBOC large-value obligation').toBeDefined();
    const ctr = await call('ana', 'POST', '/v1/reports/fincen/ctr', { alertIds: [obligation.id] });
    expect(ctr.status, JSON.stringify(ctr.body)).toBe(201);
    expect(ctr.body.report).toMatchObject({
      format: 'fincen_ctr',
      str: false,
      dueBy: '2026-12-05',
      payload: { reportCode: 'CTRX' },
    });
    expect(validateFincenXml(ctr.body.report.payload.xml)).toEqual([]);
    await s.call(
      'POST',
      '/v1/events',
      event({
        id: 'ctr-cny-2',
        amount: { value: '90000', currency: 'CNY' },
        debtor: { partyId: 'cust-cny2', partyType: 'person', accountId: 'acc-cny2' },
      }),
    );
    await mod.projector.catchUp();
    const cny = (await call('ana', 'GET', '/v1/alerts?customerId=cust-cny2&source=obligation')).body.alerts[0];
    expect((await call('ana', 'POST', '/v1/reports/fincen/ctr', { alertIds: [cny.id] })).status).toBe(400);
  });
});

describe('case workflow over HTTP', () => {
  it('assigns, investigates, and closes only with a second approver; bulk actions report per case', async () => {
    await s.call(
      'POST',
      '/v1/events',
      event({
        id: 'wf-1',
        amount: { value: '60000', currency: 'CNY' },
        debtor: { partyId: 'cust-wf', partyType: 'person', accountId: 'acc-wf' },
      }),
    );
    await mod.projector.catchUp();
    const [c] = (await call('ana', 'GET', '/v1/cases?customerId=cust-wf')).body.cases;
    const anaId = await userId('ana');
    expect((await call('ana', 'POST', `/v1/cases/${c.id}/assign`, { assignee: anaId })).body.case.status).toBe(
      'assigned',
    );
    expect((await call('ana', 'POST', `/v1/cases/${c.id}/actions`, { type: 'start' })).body.case.status).toBe(
      'investigating',
    );
    expect((await call('ana', 'POST', `/v1/cases/${c.id}/actions`, { type: 'start' })).status).toBe(409);
    await call('ana', 'POST', `/v1/cases/${c.id}/comments`, { text: '客户解释为购房款' });
    await call('ana', 'POST', `/v1/cases/${c.id}/request-close`, { resolution: 'no_report', reason: 'explained' });
    expect((await call('ana', 'POST', `/v1/cases/${c.id}/approve`, {})).status).toBe(403);
    expect((await call('aud', 'POST', `/v1/cases/${c.id}/comments`, { text: 'x' })).status).toBe(403);
    const done = await call('apr', 'POST', `/v1/cases/${c.id}/approve`, { note: 'ok' });
    expect(done.body.case).toMatchObject({ status: 'closed_no_report', resolution: 'no_report' });
    const full = await call('aud', 'GET', `/v1/cases/${c.id}`);
    expect(full.body.history.map((h: any) => [h.action, h.actor])).toEqual([
      ['opened', 'system'],
      ['alerts_added', 'system'],
      ['assign', anaId],
      ['start', anaId],
      ['comment', anaId],
      ['request_close', anaId],
      ['approve', await userId('apr')],
    ]);
    expect(full.body.alerts.length).toBeGreaterThan(0);
    const bulk = await call('ana', 'POST', '/v1/cases:bulk', {
      caseIds: [c.id, 'case_nope'],
      action: { type: 'reopen', reason: 'new facts' },
    });
    expect(bulk.body.results.map((r: any) => r.status)).toEqual([200, 404]);
    expect((await call('key', 'GET', '/v1/cases')).status).toBe(403);
  });

  it('hides STR-related cases from the auditor (tipping-off protection)', async () => {
    await s.call(
      'POST',
      '/v1/events',
      event({
        id: 'str-1',
        amount: { value: '70000', currency: 'CNY' },
        debtor: { partyId: 'cust-str', partyType: 'person', accountId: 'acc-str' },
      }),
    );
    await mod.projector.catchUp();
    const [c] = (await call('ana', 'GET', '/v1/cases?customerId=cust-str')).body.cases;
    await call('ana', 'POST', `/v1/cases/${c.id}/assign`, { assignee: 'bob' });
    await call('bob', 'POST', `/v1/cases/${c.id}/actions`, { type: 'start' });
    expect((await call('aud', 'GET', `/v1/cases/${c.id}`)).status).toBe(200);
    await call('bob', 'POST', `/v1/cases/${c.id}/request-close`, { resolution: 'reported', reason: 'structuring' });
    expect((await call('aud', 'GET', `/v1/cases/${c.id}`)).status).toBe(404);
    expect((await call('aud', 'GET', '/v1/cases?customerId=cust-str')).body.cases).toEqual([]);
    expect((await call('aud', 'GET', '/v1/alerts?customerId=cust-str')).body.alerts).toEqual([]);
    expect((await call('ana', 'GET', `/v1/cases/${c.id}`)).status).toBe(200);
  });
});

describe('investigation views', () => {
  it("shows a customer's timeline and the counterparty graph with a cycle", async () => {
    const p = (id: string) => ({ partyId: id, partyType: 'person', accountId: `acc-${id}`, country: 'CN' });
    const t = (id: string, from: string, to: string, v: string, at: string) =>
      s.call(
        'POST',
        '/v1/events',
        event({
          id,
          type: 'transfer',
          debtor: p(from),
          creditor: p(to),
          amount: { value: v, currency: 'CNY' },
          occurredAt: at,
        }),
      );
    await t('g-1', 'ga', 'gb', '600000.00', '2026-11-01T10:00:00+08:00');
    await t('g-2', 'gb', 'gc', '590000.00', '2026-11-01T11:00:00+08:00');
    await t('g-3', 'gc', 'ga', '580000.00', '2026-11-01T12:00:00+08:00');
    await t('g-4', 'gd', 'gb', '100.00', '2026-11-02T12:00:00+08:00');
    await mod.projector.catchUp();
    const g = await call('ana', 'GET', '/v1/accounts/acc-ga/graph?hops=2&to=2026-11-02T00:00:00%2B08:00');
    expect(g.status, JSON.stringify(g.body)).toBe(200);
    expect(g.body.edges.map((e: any) => `${e.from}>${e.to}:${e.amounts.CNY}`).sort()).toEqual([
      'acc-ga>acc-gb:600000.00',
      'acc-gb>acc-gc:590000.00',
      'acc-gc>acc-ga:580000.00',
    ]);
    const tl = await call('ana', 'GET', '/v1/customers/gb/timeline');
    const events = tl.body.items.filter((i: any) => i.kind === 'event');
    expect(events.map((i: any) => [i.eventId, i.direction, i.amount])).toEqual([
      ['g-1', 'in', '600000.00'],
      ['g-2', 'out', '590000.00'],
      ['g-4', 'in', '100.00'],
    ]);
    expect(events[1].obligations[0]).toMatchObject({ kind: 'large_value_report', code: '0503' });
    expect(tl.body.items.some((i: any) => i.kind === 'alert')).toBe(true);
  });
});
