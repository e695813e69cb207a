import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZhili, loadConfig, provisionUser, type Zhili } from '../../src/runtime/index.ts';

const german = join(import.meta.dirname, '../../../shared/testdata/credit/germancredit.csv');
const present = existsSync(german);
if (!present) console.warn(`skipped credit API test: ${german} is absent (../shared/testdata is not in a fresh clone)`);

// The server as `zhili serve` runs it (credit mounted by the composition root, training in a worker
// thread), over HTTP with real operators and API keys; submissions are read back from the audit ledger.
describe.skipIf(!present)('credit API: training in the background, scoring with reason codes', () => {
  let zhili: Zhili;
  let url: string;
  let apiKey: string;
  let analyst: string;
  let tenantId: string;
  /** The tenant's audit entries as `action actor dataHash`, read over the ledger API. */
  const audited = async (): Promise<string[]> => {
    const note = await (
      await fetch(`${url}/v1/ledger/checkpoint`, { headers: { authorization: `Bearer ${analyst}` } })
    ).text();
    const out: string[] = [];
    for (let i = 0; i < Number(note.split('\n')[1]); i++) {
      const e = (await call('GET', `/v1/ledger/entries/${i}`)).body.entry;
      if (e?.kind === 'audit' && e.action.startsWith('credit.'))
        out.push(`${e.action} ${e.actorId} ${e.dataHash ?? ''}`);
    }
    return out;
  };

  const call = async (method: string, path: string, body?: unknown, key = analyst) => {
    const res = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'zhili-credit-api-'));
    zhili = await createZhili(
      loadConfig(
        { dataDir, port: 0, host: '127.0.0.1', logger: false, maxEventLoopDelayMs: 0, screeningLists: '' },
        {},
      ),
    );
    const t = await zhili.createTenant('Credit Co 信贷公司');
    tenantId = t.tenant.id;
    apiKey = t.apiKey;
    url = await zhili.server.listen({ port: 0, host: '127.0.0.1' });
    await provisionUser(zhili.store, {
      tenantId,
      username: 'zhang.wei',
      password: 'correct horse battery',
      roles: ['analyst'],
    });
    const login = await fetch(`${url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenantId, username: 'zhang.wei', password: 'correct horse battery' }),
    });
    analyst = ((await login.json()) as { token: string }).token;
  });
  afterAll(async () => {
    await zhili?.close();
  });

  it('trains a scorecard as a job with progress, then scores applicants with it', async () => {
    const csv = readFileSync(german, 'utf8');
    const started = await call('POST', '/v1/credit/training-jobs', {
      csv,
      target: 'creditability',
      bad: 'bad',
      config: { seed: 1, exclude: ['personal_status_and_sex'] },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    expect(started.body.status).toMatch(/queued|running/);
    let job = started.body;
    for (let i = 0; i < 200 && (job.status === 'queued' || job.status === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await call('GET', `/v1/credit/training-jobs/${started.body.id}`)).body;
    }
    expect(job.status, JSON.stringify(job.error)).toBe('done');
    expect(job.progress.step).toBe('done');
    expect(job.scorecard.metadata.seed).toBe(1);
    expect(job.scorecard.metadata.figures.test.auc).toBeGreaterThan(0.79);
    expect(job.dataHash).toMatch(/^2c0bae00/);
    expect(await audited()).toEqual([expect.stringMatching(/^credit\.scorecard\.train .+ 2c0bae00/)]);

    // A platform scores with its API key.
    const scored = await call(
      'POST',
      '/v1/credit/score',
      {
        scorecard: job.scorecard,
        applicants: [
          { status_of_existing_checking_account: '... < 0 DM', duration_in_month: '48', credit_amount: '12000' },
          { status_of_existing_checking_account: 'no checking account', duration_in_month: '6', credit_amount: '1000' },
        ],
        reasons: 3,
      },
      apiKey,
    );
    expect(scored.status, JSON.stringify(scored.body)).toBe(200);
    const [risky, safe] = scored.body.results;
    expect(risky.score).toBeLessThan(safe.score);
    expect(risky.reasons).toHaveLength(3);
    expect(risky.reasons[0]).toMatchObject({
      code: expect.any(String),
      en: expect.any(String),
      zh: expect.any(String),
    });
  });

  it('says which field is wrong, keeps tenants apart and checks permissions', async () => {
    const bad = await call('POST', '/v1/credit/training-jobs', { csv: 'a,b\n1,2\n', target: 'nope', bad: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'ZHILI_E_VALIDATION', pointer: '/target' });
    const cfg = await call('POST', '/v1/credit/training-jobs', {
      csv: 'a,b\n1,2\n',
      target: 'a',
      bad: 'x',
      config: { maxBins: 0 },
    });
    expect(cfg.status).toBe(400);
    expect(cfg.body.error.pointer).toBe('/config/maxBins');
    // An API key may score but not train.
    expect(
      (await call('POST', '/v1/credit/training-jobs', { csv: 'a\n1\n', target: 'a', bad: '1' }, apiKey)).status,
    ).toBe(403);
    expect((await call('GET', '/v1/credit/training-jobs/crt_nope')).status).toBe(404);
    const other = await zhili.createTenant('Other 其他');
    await provisionUser(zhili.store, {
      tenantId: other.tenant.id,
      username: 'li',
      password: 'correct horse battery',
      roles: ['analyst'],
    });
    const login = await fetch(`${url}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ tenantId: other.tenant.id, username: 'li', password: 'correct horse battery' }),
    });
    const token = ((await login.json()) as { token: string }).token;
    const mine = await call('POST', '/v1/credit/training-jobs', { csv: 'a,b\n1,x\n2,y\n', target: 'b', bad: 'x' });
    expect(mine.status).toBe(202);
    expect((await call('GET', `/v1/credit/training-jobs/${mine.body.id}`, undefined, token)).status).toBe(404);
    const tampered = await call(
      'POST',
      '/v1/credit/score',
      { scorecard: { format: 'zhili-scorecard' }, applicants: [{}] },
      apiKey,
    );
    expect(tampered.status).toBe(400);
    expect(tampered.body.error.code).toBe('ZHILI_E_VALIDATION');
  });
});
