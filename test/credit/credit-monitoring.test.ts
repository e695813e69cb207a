import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionUser } from '../../src/runtime/index.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { tinyCard } from './fixtures/tiny-scorecard.ts';

const root = join(import.meta.dirname, '../..');
const run = promisify(execFile);

// One characteristic, income: below 5,000 scores 250, from 5,000 scores 350. The development sample
// put 40 % of scores below 300 and 60 % above, so a week's PSI and the income CSI are both
// (a − 0.4) ln(a / 0.4) + ((1 − a) − 0.6) ln((1 − a) / 0.6) for a share a of low incomes.
const card = () => {
  const c = tinyCard();
  return {
    ...c,
    version: '2026-10-01T00:00:00.000Z',
    metadata: { ...c.metadata, scoreBands: { cuts: [300], shares: [0.4, 0.6] } },
  };
};
const psiOf = (a: number): number => (a - 0.4) * Math.log(a / 0.4) + (0.4 - a) * Math.log((1 - a) / 0.6);

let n = 0;
const application = (day: string, income: number) => ({
  id: `mon-${process.pid}-${++n}`,
  type: 'loan_application',
  occurredAt: `${day}T${String(8 + (n % 10)).padStart(2, '0')}:00:00+08:00`,
  amount: { value: '3000.00', currency: 'CNY' },
  debtor: { partyId: `app-${n}`, partyType: 'person' },
  creditor: { partyId: 'lender', partyType: 'organization' },
  attributes: { income },
});

describe('score stability monitoring over HTTP and the CLI', () => {
  let s: TestServer;
  let analyst: string;
  beforeAll(async () => {
    s = await startServer({ screeningLists: '' });
    analyst = await s.login(['analyst'], 'mon.analyst');
    const approver = await s.login(['approver'], 'mon.approver');
    await provisionUser(s.zhili.store, {
      tenantId: s.tenantId,
      username: 'mon.cli',
      password: 'correct horse battery',
      roles: ['analyst'],
    });
    const saved = await s.call('POST', '/v1/credit/scorecards', { scorecard: card() }, analyst);
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    const v = saved.body.version;
    expect((await s.call('POST', `/v1/credit/scorecards/${v}/submit`, {}, analyst)).status).toBe(200);
    expect((await s.call('POST', `/v1/credit/scorecards/${v}/approve`, {}, approver)).status).toBe(200);
    expect((await s.call('POST', `/v1/credit/scorecards/${v}/activate`, {}, analyst)).status).toBe(200);

    // Three ISO weeks of 20 applications: 8, 12 and 16 of them with a low income (one batch).
    const weeks = [
      ['2026-11-04', 8],
      ['2026-11-11', 12],
      ['2026-11-18', 16],
    ] as const;
    const lows = weeks.flatMap(([, low]) => Array.from({ length: 20 }, (_, i) => i < low));
    const events = weeks.flatMap(([day, low]) =>
      Array.from({ length: 20 }, (_, i) => application(day, i < low ? 4000 : 8000)),
    );
    const r = await s.call('POST', '/v1/events:batch', { events });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.accepted).toBe(60);
    r.body.results.forEach((x: { decision: { credit: unknown } }, i: number) =>
      expect(x.decision.credit).toMatchObject({ scorecard: v, score: lows[i] ? 250 : 350 }),
    );
  }, 60_000);
  afterAll(async () => {
    await s?.close();
  });

  it('thresholds per tenant: defaults, then set by an analyst (audited), checked', async () => {
    expect((await s.call('GET', '/v1/credit/monitoring/settings', undefined, analyst)).body).toEqual({
      watch: 0.1,
      alert: 0.25,
      minRows: 30,
    });
    const bad = await s.call('PUT', '/v1/credit/monitoring/settings', { watch: 0.3, alert: 0.2, minRows: 10 }, analyst);
    expect(bad.status).toBe(400);
    const set = await s.call(
      'PUT',
      '/v1/credit/monitoring/settings',
      { watch: 0.1, alert: 0.25, minRows: 20 },
      analyst,
    );
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect((await s.call('GET', '/v1/credit/monitoring/settings', undefined, analyst)).body).toMatchObject({
      minRows: 20,
      updatedBy: expect.any(String),
    });
  });

  it('weekly PSI and CSI: stable, watch, then an alert in the shifted week only, raised once and on the ledger', async () => {
    const r = await s.call('GET', '/v1/credit/monitoring?from=2026-11-02&to=2026-11-22', undefined, analyst);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const b = r.body;
    expect(b).toMatchObject({
      from: '2026-11-02',
      to: '2026-11-22',
      scorecard: { version: '2026-10-01T00:00:00.000Z' },
    });
    expect(b.weeks.map((w: { week: string; rows: number; level: string }) => [w.week, w.rows, w.level])).toEqual([
      ['2026-W45', 20, 'stable'],
      ['2026-W46', 20, 'watch'],
      ['2026-W47', 20, 'alert'],
    ]);
    // 8/20 = 0.4: no shift; 12/20: 0.2 ln 1.5 + 0.2 ln 1.5 = 0.1622; 16/20: 0.4 ln 2 + 0.4 ln 3 = 0.7167
    expect(b.weeks[0].psi).toBeCloseTo(0, 9);
    expect(b.weeks[1].psi).toBeCloseTo(psiOf(0.6), 9);
    expect(b.weeks[1].psi).toBeCloseTo(0.162186, 5);
    expect(b.weeks[2].psi).toBeCloseTo(0.716704, 5);
    expect(b.weeks[2].characteristics).toEqual([
      expect.objectContaining({ name: 'income', csi: expect.closeTo(psiOf(0.8), 9), level: 'alert' }),
    ]);
    expect(b.weeks[2].bands.map((x: { actual: number }) => x.actual)).toEqual([0.8, 0.2]);
    expect(b.raised).toEqual(['2026-W47']);
    expect(b.alerts).toEqual([expect.objectContaining({ week: '2026-W47', rows: 20, threshold: 0.25 })]);

    // Asked again: the same figures, no second alert.
    const again = await s.call('GET', '/v1/credit/monitoring?from=2026-11-02&to=2026-11-22', undefined, analyst);
    expect(again.body.raised).toEqual([]);
    expect(again.body.alerts).toHaveLength(1);

    const audited: string[] = [];
    const count = Number((await s.call('GET', '/v1/ledger/checkpoint', undefined, analyst)).body.split('\n')[1]);
    for (let i = 0; i < count; i++) {
      const e = (await s.call('GET', `/v1/ledger/entries/${i}`, undefined, analyst)).body.entry;
      if (e?.kind === 'audit' && e.action.startsWith('credit.monitoring.'))
        audited.push(`${e.action} ${e.subjectId ?? ''}`);
    }
    expect(audited).toEqual([
      'credit.monitoring.settings ',
      'credit.monitoring.alert 2026-W47:2026-10-01T00:00:00.000Z',
    ]);
  }, 30_000);

  it('the HTML report has the PSI line with thresholds, the CSI heat table and the score distribution', async () => {
    const res = await fetch(`${s.url}/v1/credit/monitoring?from=2026-11-02&to=2026-11-22&format=html`, {
      headers: { authorization: `Bearer ${analyst}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const page = await res.text();
    const svgs = page.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(2);
    for (const svg of svgs) expect(XMLValidator.validate(svg)).toBe(true);
    expect(svgs[0]).toContain('每周评分 PSI');
    expect(svgs[0]).toContain('alert · 预警 0.25');
    expect(svgs[0]).toContain('watch · 关注 0.1');
    expect(svgs[0]).toContain('W47');
    expect(svgs[1]).toContain('开发样本');
    expect(page).toContain('class="heat"');
    expect(page).toMatch(/<td style="background:#f5c6cb" title="ALERT · 预警">0\.7167<\/td>/);
    expect(page).not.toContain('<script');
  });

  it('zhili credit monitor writes the JSON and HTML files and exits 2 on an alert', async () => {
    const json = join(s.dataDir, 'monitor.json');
    const html = join(s.dataDir, 'monitor.html');
    const args = ['credit', 'monitor', '--from', '2026-11-02', '--to', '2026-11-22', '--json', json, '--html', html];
    const auth = ['--tenant', s.tenantId, '--as', 'mon.cli'];
    let code = 0;
    let stdout = '';
    try {
      stdout = (
        await run(process.execPath, [join(root, 'bin/zhili.js'), '--data-dir', s.dataDir, ...args, ...auth], {
          cwd: root,
          env: { ...process.env, ZHILI_PASSWORD: 'correct horse battery' },
        })
      ).stdout;
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      code = x.code;
      stdout = x.stdout;
      expect(x.code, x.stderr).toBe(2);
    }
    expect(code).toBe(2);
    expect(stdout).toMatch(/2026-W47\s+20\s+0\.7167\s+ALERT · 预警/);
    const report = JSON.parse(readFileSync(json, 'utf8'));
    expect(report.weeks.map((w: { level: string }) => w.level)).toEqual(['stable', 'watch', 'alert']);
    expect(report.raised).toEqual([]); // raised once already, by the API
    expect(readFileSync(html, 'utf8')).toContain('<svg');
  }, 30_000);
});
