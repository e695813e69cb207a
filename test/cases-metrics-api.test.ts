// Compliance metrics over real HTTP: the figures from worked cases, tipping-off protection for the
// auditor, and each export read back by a real parser (csv-parse; unzip + fast-xml-parser; PDF structure).
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteCaseStore } from '../src/cases/adapters.ts';
import { casesRoutes, createCases, readZip, type CasesModule } from '../src/cases/index.ts';
import { errorHandler } from '../src/http/errors.ts';
import { typeboxValidatorCompiler } from '../src/http/validation.ts';
import { fixedClock, systemIds } from '../src/kernel/index.ts';
import { event, startServer, type TestServer } from './support/server.ts';

const DAY = 86_400_000;
let s: TestServer;
let mod: CasesModule;
let app: FastifyInstance;
let url: string;
const tok: Record<string, string> = {};
const clock = fixedClock(Date.parse('2026-11-27T10:00:00+08:00'));
const caseOf: Record<string, string> = {};

async function call(who: string, method: string, path: string, body?: unknown) {
  const res = await fetch(url + path, {
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
  return { status: res.status, body: parsed, raw, headers: res.headers };
}

// A possible sanctions hit puts the event to review: one decision alert per customer.
const flagged = (customer: string) =>
  event({
    debtor: {
      partyId: customer,
      partyType: 'person',
      accountId: `acc-${customer}`,
      name: 'Testlisted Sanctioned Person',
    },
  });

beforeAll(async () => {
  s = await startServer();
  mod = await createCases({
    store: s.zhili.store,
    access: s.zhili.access,
    clock,
    ids: systemIds(),
    // Its own case tables: the server's projector (on the system clock) must not open these cases first.
    caseStore: openSqliteCaseStore(join(s.dataDir, 'metrics-cases.db')),
    highRisk: async () => [
      { id: 'cust-a', externalId: null },
      { id: 'party-9', externalId: 'cust-c' },
      { id: 'cust-quiet', externalId: null },
    ],
  });
  app = Fastify();
  app.setValidatorCompiler(typeboxValidatorCompiler);
  app.setErrorHandler(errorHandler);
  await app.register(casesRoutes, mod.routes);
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  tok.ana = await s.login(['analyst'], 'ana');
  tok.apr = await s.login(['approver'], 'apr');
  tok.aud = await s.login(['auditor'], 'aud');
  tok.key = s.apiKey;

  for (const c of ['cust-a', 'cust-b', 'cust-c'])
    expect((await s.call('POST', '/v1/events', flagged(c))).status).toBe(200);
  await mod.projector.catchUp();
  for (const c of ['cust-a', 'cust-b', 'cust-c'])
    caseOf[c] = (await call('ana', 'GET', `/v1/cases?customerId=${c}`)).body.cases[0].id;
  const close = async (id: string, resolution: string) => {
    await call('ana', 'POST', `/v1/cases/${id}/assign`, { assignee: await userId('ana') });
    await call('ana', 'POST', `/v1/cases/${id}/actions`, { type: 'start' });
    const asked = await call('ana', 'POST', `/v1/cases/${id}/request-close`, { resolution, reason: 'worked' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(200);
    expect((await call('apr', 'POST', `/v1/cases/${id}/approve`, {})).status).toBe(200);
  };
  clock.advance(2 * DAY);
  await close(caseOf['cust-a']!, 'false_positive');
  clock.advance(2 * DAY);
  await close(caseOf['cust-b']!, 'reported');
}, 60_000);

afterAll(async () => {
  await app?.close();
  await mod?.close();
  await s?.close();
});

const userId = async (name: string) => (await s.zhili.store.findUserByName(s.tenantId, name))!.id;

describe('compliance metrics', () => {
  it('follows decision alerts to cases and suspicious reports, with close times and false-positive rates', async () => {
    const r = await call('ana', 'GET', '/v1/metrics/compliance');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const m = r.body;
    expect(m.strVisible).toBe(true);
    expect(m.funnel).toEqual({
      alerts: 3,
      cases: 3,
      reportedCases: 1,
      reportsFiled: 0,
      alertToCase: 1,
      caseToReport: 0.3333,
      alertToReport: 0.3333,
    });
    expect(m.timeToClose.overall).toEqual({ key: 'all', closed: 2, medianMs: 2 * DAY, p90Ms: 4 * DAY });
    expect(m.timeToClose.byAssignee).toEqual([{ key: 'ana', closed: 2, medianMs: 2 * DAY, p90Ms: 4 * DAY }]);
    expect(m.timeToClose.byQueue).toEqual([{ key: 'aml', closed: 2, medianMs: 2 * DAY, p90Ms: 4 * DAY }]);
    const rule = m.effectiveness.byRule.find((x: any) => x.key === 'sanctions-confirmed-hit');
    expect(rule).toMatchObject({ alerts: 3, cases: 3, closedAlerts: 2, falsePositives: 1, falsePositiveRate: 0.5 });
    expect(m.effectiveness.byTypology.find((x: any) => x.key === 'sanctions')).toMatchObject({ alerts: 3 });
    expect(m.aging.map((a: any) => a.open)).toEqual([1, 0, 0, 0]);
    expect(m.coverage).toMatchObject({
      events: 3,
      monitoredEvents: 3,
      monitoredShare: 1,
      highRiskCustomers: 3,
      highRiskMonitored: 2,
      highRiskMonitoredShare: 0.6667,
    });
  });

  it('ages open cases by the clock', async () => {
    clock.advance(40 * DAY);
    const m = (await call('ana', 'GET', '/v1/metrics/compliance')).body;
    expect(m.aging.map((a: any) => [a.bucket, a.open])).toEqual([
      ['0-30', 0],
      ['31-60', 1],
      ['61-90', 0],
      ['90+', 0],
    ]);
    clock.advance(-40 * DAY);
  });

  it('tells the auditor nothing about suspicious reports (tipping-off)', async () => {
    const r = await call('aud', 'GET', '/v1/metrics/compliance');
    expect(r.status).toBe(200);
    const m = r.body;
    expect(m.strVisible).toBe(false);
    // The reported case and its alert are left out, exactly as the case list leaves them out.
    expect(m.funnel).toMatchObject({
      alerts: 2,
      cases: 2,
      reportedCases: null,
      reportsFiled: null,
      caseToReport: null,
    });
    expect(m.timeToClose.overall.closed).toBe(1);
    const rule = m.effectiveness.byRule.find((x: any) => x.key === 'sanctions-confirmed-hit');
    expect(rule).toMatchObject({ alerts: 2, closedAlerts: 1, falsePositives: 1, reportsFiled: null });
    const csv = await call('aud', 'GET', '/v1/metrics/compliance/funnel/export?format=csv&lang=en');
    expect(csv.raw.toString('utf8')).not.toMatch(/suspicious/i);
    const rules = await call('aud', 'GET', '/v1/metrics/compliance/rules/export?format=csv&lang=en');
    expect(rules.raw.toString('utf8')).not.toMatch(/suspicious/i);
  });

  it('is for operators only, and checks its input', async () => {
    expect((await call('key', 'GET', '/v1/metrics/compliance')).status).toBe(403);
    const bad = await call('ana', 'GET', '/v1/metrics/compliance?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('ZHILI_E_TIMESTAMP');
    const order = await call('ana', 'GET', '/v1/metrics/compliance?from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z');
    expect(order.status).toBe(400);
    expect((await call('ana', 'GET', '/v1/metrics/compliance/all/export?format=csv')).status).toBe(400);
    expect((await call('ana', 'GET', '/v1/metrics/compliance/nope/export?format=csv')).status).toBe(400);
  });
});

describe('exports', () => {
  it('CSV parses back with csv-parse, labels in the language asked', async () => {
    const r = await call('ana', 'GET', '/v1/metrics/compliance/rules/export?format=csv&lang=en');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(r.headers.get('content-disposition')).toMatch(
      /attachment; filename="compliance-rules-\d{4}-\d\d-\d\d\.csv"/,
    );
    const rows: string[][] = parse(r.raw, { bom: true });
    expect(rows[0]).toEqual([
      'Rule',
      'Alerts',
      'Cases',
      'Suspicious reports filed',
      'Closed alerts',
      'False positives',
      'False-positive rate',
    ]);
    expect(rows).toContainEqual(['sanctions-confirmed-hit', '3', '3', '0', '2', '1', '0.5']);
    const zh: string[][] = parse((await call('ana', 'GET', '/v1/metrics/compliance/funnel/export?format=csv')).raw, {
      bom: true,
    });
    expect(zh[0]).toEqual(['阶段', '数量', '较上一阶段转化率']);
    expect(zh[1]).toEqual(['预警', '3', '']);
  });

  it('XLSX is a SpreadsheetML package: every part parses, one sheet per table', async () => {
    const r = await call('ana', 'GET', '/v1/metrics/compliance/all/export?format=xlsx&lang=zh-CN');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const parts = new Map(readZip(r.raw).map((e) => [e.name, Buffer.from(e.data).toString('utf8')]));
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
    for (const name of [
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
    ])
      expect(() => xml.parse(parts.get(name)!, true), name).not.toThrow();
    const sheets = xml.parse(parts.get('xl/workbook.xml')!).workbook.sheets.sheet;
    expect(sheets).toHaveLength(7);
    expect(sheets[0].name).toBe('转化漏斗：预警 → 案件 → 可疑交易报告'.slice(0, 28));
    const rels = xml.parse(parts.get('xl/_rels/workbook.xml.rels')!).Relationships.Relationship;
    for (const sh of sheets) {
      const target = rels.find((x: any) => x.Id === sh['r:id']).Target;
      expect(parts.has(`xl/${target}`)).toBe(true);
    }
    const rules = xml.parse(parts.get('xl/worksheets/sheet5.xml')!, true).worksheet.sheetData.row;
    const cells = (row: any) => [row.c].flat().map((c: any) => c.is?.t?.['#text'] ?? c.is?.t ?? c.v);
    expect(cells(rules[2])[0]).toBe('规则');
    const hit = rules.map(cells).find((c: any[]) => c[0] === 'sanctions-confirmed-hit');
    expect(hit).toEqual(['sanctions-confirmed-hit', 3, 3, 0, 2, 1, 0.5]);
  });

  it('PDF has a sound structure in English (Helvetica) and Chinese (STSong-Light)', async () => {
    for (const lang of ['en', 'zh-CN']) {
      const r = await call('ana', 'GET', `/v1/metrics/compliance/all/export?format=pdf&lang=${lang}`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('application/pdf');
      const pdf = r.raw.toString('latin1');
      expect(pdf.startsWith('%PDF-1.4\n')).toBe(true);
      expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
      const startxref = Number(/startxref\n(\d+)\n%%EOF\s*$/.exec(pdf)?.[1]);
      expect(pdf.slice(startxref, startxref + 4)).toBe('xref');
      const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(pdf.slice(startxref))!.map(Number);
      expect(first).toBe(0);
      const entries = pdf
        .slice(startxref)
        .split('\n')
        .slice(2, 2 + count!);
      entries.slice(1).forEach((e, i) => {
        expect(e).toMatch(/^\d{10} 00000 n $/);
        expect(pdf.slice(Number(e.slice(0, 10))).startsWith(`${i + 1} 0 obj\n`)).toBe(true);
      });
      // Every stream's /Length is its byte count.
      for (const m of pdf.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
        const at = m.index + m[0].length;
        expect(pdf.slice(at + Number(m[1]), at + Number(m[1]) + 10)).toBe('\nendstream');
      }
      if (lang === 'en') {
        expect(pdf).toContain('/BaseFont /Helvetica');
        expect(pdf).toContain('(sanctions-confirmed-hit) Tj');
      } else {
        expect(pdf).toContain('/Encoding /UniGB-UCS2-H');
        const hex = [...'误报率'].map((c) => c.charCodeAt(0).toString(16).padStart(4, '0')).join('');
        expect(pdf).toContain(`<${hex}> Tj`);
      }
    }
  });
});
