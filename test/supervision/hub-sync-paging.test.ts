/**
 * A platform with more reports and incidents than fit one request sends them all, page by page
 * (reports and incidents past the first 200 used to be left out without a word); and its tenant's time
 * zone (here Europe/London, not China Standard Time) goes with each report copy, so that the hub
 * counts a report submitted at 20:00 London time on its due day as on time. Over real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.ts';
import { PASSWORD, requestKeys, startHub, startPlatform, type TestHub } from './hub-support.ts';

let t: TestHub;
let s: TestServer;
const p = { id: '', origin: 'many.example/audit', keys: requestKeys('many.example') };
const tok: Record<string, string> = {};
const REPORTS = 230;
const INCIDENTS = 205;

const ok = (r: { status: number; body: unknown }, status = 200) =>
  expect(r.status, JSON.stringify(r.body)).toBe(status);

beforeAll(async () => {
  t = await startHub();
  for (const u of ['alice', 'bob'])
    await t.hub.supervisors.create({ username: u, password: PASSWORD, admin: u === 'alice' }, 'cli');
  tok.alice = await t.login('alice');
  tok.bob = await t.login('bob');
  const r = await t.call(
    'POST',
    '/v1/hub/platforms',
    {
      name: 'Many 多报告',
      licenceType: 'payment',
      businessScope: ['payments'],
      origin: p.origin,
      ledgerKeys: [requestKeys(p.origin).verifierKey],
      requestKey: p.keys.verifierKey,
    },
    tok.alice,
  );
  ok(r, 201);
  p.id = r.body.id;
  s = await startPlatform(t, p, { defaultTimeZone: 'Europe/London' });
}, 90_000);

afterAll(async () => {
  await s?.close();
  await t?.close();
});

describe('filings past one page, and due days in the tenant time zone', () => {
  it('sends every report and incident, and judges lateness in the tenant time zone', async () => {
    // Submitted reports, written straight into the platform's case store (drafting 230 through four eyes is another test's job).
    const at = (iso: string) => Date.parse(iso);
    const submitted: [string, number][] = [
      // On its due day in London (20:00 and 23:59:59.999), though the next day in CST: on time.
      ['2026-11-20', at('2026-11-20T20:00:00Z')],
      ['2026-11-20', at('2026-11-20T23:59:59.999Z')],
      // The first instant of the next London day: late.
      ['2026-11-20', at('2026-11-21T00:00:00Z')],
    ];
    for (let i = 0; i < REPORTS; i++) {
      const [dueBy, submittedAt] = submitted[i] ?? ['2026-12-31', at('2026-11-02T08:00:00Z')];
      await s.zhili.cases.caseStore.createReport(
        {
          id: `rep_${String(i).padStart(4, '0')}`,
          tenantId: s.tenantId,
          format: 'pboc_hvtr',
          messageType: 'N',
          status: 'submitted',
          str: false,
          caseId: null,
          alertIds: [],
          correctsId: null,
          payload: {},
          dueBy,
          createdBy: 'op1',
          createdAt: submittedAt - 3_600_000,
          approvedBy: 'op2',
          approvedAt: submittedAt - 60_000,
          submittedAt,
          fileName: null,
          packageName: null,
          sha256: null,
          ackAt: null,
          ackNote: null,
          version: 1,
        },
        [],
      );
    }
    for (let i = 0; i < INCIDENTS; i += 8)
      await Promise.all(
        Array.from({ length: Math.min(8, INCIDENTS - i) }, async (_, j) =>
          ok(
            await s.call('POST', '/v1/incidents', {
              type: 'system_outage',
              title: `Outage ${i + j}`,
              titleZh: `中断 ${i + j}`,
              detectedAt: new Date(Date.now() - 3_600_000).toISOString(),
              facts: { outageMinutes: 5 },
            }),
            201,
          ),
        ),
      );

    const answer = await s.call('POST', '/v1/hub-sync', {});
    ok(answer);
    expect(answer.body.received).toMatchObject({ reports: REPORTS, incidents: INCIDENTS, indicators: 1 });

    const filings = await t.call('GET', `/v1/hub/platforms/${p.id}/filings`, undefined, tok.alice);
    ok(filings);
    const reports = filings.body.reports as { id: string; timeZone?: string }[];
    expect(reports).toHaveLength(REPORTS);
    expect(new Set(reports.map((r) => r.id)).size).toBe(REPORTS);
    expect(reports.every((r) => r.timeZone === 'Europe/London')).toBe(true);
    expect(filings.body.incidents).toHaveLength(INCIDENTS);

    const dash = await t.call('GET', `/v1/hub/platforms/${p.id}/dashboard`, undefined, tok.alice);
    ok(dash);
    expect(dash.body.indicators.reports).toMatchObject({ submitted: REPORTS, late: 1 });
    expect(dash.body.indicators.incidentsOpen).toBe(INCIDENTS);
  }, 180_000);
});
