// The routes the console's Rules, Screening and Customers pages added: the CEL checker, the parties list
// with masked names and open hits, a reveal with its reason committed in the ledger, alerts per day in a backtest.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listVersion, xiEntry } from '../parties-support.ts';
import { event, startServer, type TestServer } from '../support/server.ts';

let s: TestServer;
let analyst: string;
let auditor: string;

beforeAll(async () => {
  s = await startServer({ screeningLists: '' });
  s.zhili.screening.put(listVersion('ofac-sdn'), [xiEntry()]);
  analyst = await s.login(['analyst']);
  auditor = await s.login(['auditor']);
});
afterAll(() => s.close());

describe('POST /v1/cel:check', () => {
  it('gives the type of a good rule expression', async () => {
    const r = await s.call('POST', '/v1/cel:check', { expression: 'event.amount.minor >= cny(50000)' }, auditor);
    expect(r).toMatchObject({ status: 200, body: { ok: true, type: 'bool', errors: [] } });
  });

  it('names every error at its line and column', async () => {
    const r = await s.call(
      'POST',
      '/v1/cel:check',
      { expression: 'event.amount.minor >= 1 &&\n  event.nope == "x"' },
      analyst,
    );
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(false);
    expect(r.body.errors[0]).toMatchObject({ line: 2, column: expect.any(Number), code: 'unknown_field' });
    const syntax = await s.call('POST', '/v1/cel:check', { expression: 'event.amount.minor >= (' }, analyst);
    expect(syntax.body.errors[0]).toMatchObject({ line: 1, code: 'syntax' });
  });

  it('refuses a non-bool rule and an unknown version', async () => {
    const r = await s.call('POST', '/v1/cel:check', { expression: 'event.amount.minor' }, analyst);
    expect(r.body.errors[0]).toMatchObject({ code: 'type_mismatch', line: 1, column: 1 });
    const nf = await s.call('POST', '/v1/cel:check', { expression: 'true', version: 'nope' }, analyst);
    expect(nf.status).toBe(404);
  });
});

describe('parties list and reveal reason', () => {
  it('lists parties with masked names and their open hits; a reveal takes its reason, for allowed roles only', async () => {
    const created = await s.call(
      'POST',
      '/v1/parties',
      { kind: 'person', names: [{ full: 'Xi Jinping' }], dateOfBirth: '1953-06-15', nationalities: ['CN'] },
      analyst,
    );
    expect(created.status).toBe(201);
    const list = await s.call('GET', '/v1/parties:list?limit=10', undefined, auditor);
    expect(list.status).toBe(200);
    const row = list.body.parties.find((p: { id: string }) => p.id === created.body.id);
    expect(row.name).not.toContain('Jinping');
    expect(row.openHits[0]).toMatchObject({ listId: 'ofac-sdn', status: 'open' });
    const shown = await s.call(
      'GET',
      `/v1/parties/${created.body.id}?reveal=true&reason=${encodeURIComponent('案件调查核实身份')}`,
      undefined,
      analyst,
    );
    expect(shown.body.current).toMatchObject({ pii: 'clear', data: { names: [{ full: 'Xi Jinping' }] } });
    const refused = await s.call('GET', `/v1/parties/${created.body.id}?reveal=true&reason=why`, undefined, auditor);
    expect(refused.status).toBe(403);
  });
});

describe('parties list paging', () => {
  it('pages by id with after and limit', async () => {
    for (const full of ['王五', '赵六'])
      expect((await s.call('POST', '/v1/parties', { kind: 'person', names: [{ full }] }, analyst)).status).toBe(201);
    const all = (await s.call('GET', '/v1/parties:list', undefined, auditor)).body.parties.map(
      (p: { id: string }) => p.id,
    );
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all).toEqual([...all].sort());
    const first = await s.call('GET', '/v1/parties:list?limit=2', undefined, auditor);
    const next = await s.call('GET', `/v1/parties:list?limit=2&after=${first.body.parties[1].id}`, undefined, auditor);
    expect([...first.body.parties, ...next.body.parties].map((p: { id: string }) => p.id)).toEqual(all.slice(0, 4));
    expect((await s.call('GET', '/v1/parties:list?limit=201', undefined, auditor)).status).toBe(400);
  });
});

describe('backtest alerts per day', () => {
  it('counts alerted events per local day', async () => {
    const events = ['2026-11-02', '2026-11-02', '2026-11-03'].map((d, i) =>
      event({ id: `bt-${i}`, occurredAt: `${d}T10:00:00+08:00`, amount: { value: '60000.00', currency: 'CNY' } }),
    );
    const job = await s.call('POST', '/v1/backtests', { events }, analyst);
    expect(job.status).toBe(202);
    let r = job;
    for (let i = 0; i < 100 && r.body.status !== 'done' && r.body.status !== 'failed'; i++) {
      await new Promise((ok) => setTimeout(ok, 50));
      r = await s.call('GET', `/v1/backtests/${job.body.id}`, undefined, analyst);
    }
    expect(r.body.status).toBe('done');
    const perDay = r.body.result.alertsPerDay as { day: string; review: number; block: number }[];
    const total = perDay.reduce((n, d) => n + d.review + d.block, 0);
    expect(total).toBe(r.body.result.overall.alertedEvents);
    expect(perDay.map((d) => d.day)).toEqual([...perDay.map((d) => d.day)].sort());
  });
});
