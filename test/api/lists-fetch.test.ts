import { execFile } from 'node:child_process';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event, startServer, type TestServer } from '../support/server.ts';

const root = join(import.meta.dirname, '../..');
const sanctions = resolve(root, '../shared/testdata/sanctions');
const haveLists =
  existsSync(join(sanctions, 'ofac-sdn-2021/sdn.csv')) && existsSync(join(sanctions, 'un-consolidated.xml'));
if (!haveLists) console.warn('SKIPPED: list fetch tests — ../shared/testdata/sanctions is absent');

const run = promisify(execFile);
async function zhili(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [join(root, 'bin/zhili.js'), ...args], {
      cwd: root,
      env: { ...process.env, ZHILI_SCREENING_LISTS: '' },
    });
    return { code: 0, ...r };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

/**
 * A stand-in for the OFAC and UN publication sites on 127.0.0.1: /ofac/<file> and /un/consolidated.xml
 * from the shared test data; /short/ serves an OFAC directory whose sdn.csv is cut to 20 rows.
 */
let files: Server;
let base: string;
beforeAll(async () => {
  files = createServer((req, res) => {
    const url = req.url ?? '';
    const ofac = /^\/(ofac|short)\/([a-z_]+\.csv)$/.exec(url);
    const path = ofac
      ? join(sanctions, 'ofac-sdn-2021', ofac[2]!)
      : url === '/un/consolidated.xml'
        ? join(sanctions, 'un-consolidated.xml')
        : '';
    if (!path || !existsSync(path)) return void res.writeHead(404).end('not found');
    if (ofac?.[1] === 'short' && ofac[2] === 'sdn.csv') {
      return void res.writeHead(200).end(readFileSync(path, 'utf8').split('\n').slice(0, 20).join('\n'));
    }
    res.writeHead(200, { 'content-length': String(statSync(path).size) });
    createReadStream(path).pipe(res);
  });
  await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => files.close(r));
});

const named = (name: string) =>
  event({
    type: 'transfer',
    amount: { value: '100.00', currency: 'CNY' },
    creditor: { partyId: `c-${Math.random().toString(36).slice(2)}`, partyType: 'person', accountId: 'x', name },
  });

describe('a fresh install without lists', { timeout: 120_000 }, () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer({ screeningLists: '' });
  });
  afterAll(async () => {
    await s.close();
  });

  it('is not ready, and says why', async () => {
    const r = await s.call('GET', '/readyz', undefined, null);
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ status: 'not_ready', reason: 'ZHILI_E_SCREENING_NO_LISTS' });
    expect(r.body.messageZh).toContain('名单');
  });

  it('refuses to screen with a clear code instead of answering "no hits"', async () => {
    const r = await s.call('POST', '/v1/screen', { query: { name: 'Vladimir Putin' } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('ZHILI_E_SCREENING_NO_LISTS');
    expect(r.body.error.messageZh).toContain('zhili lists fetch');
  });

  it('sends decisions that need screening to review with the reason; unnamed parties need none', async () => {
    const r = await s.call('POST', '/v1/events', named('Vladimir Putin'));
    expect(r.body.outcome).toBe('review');
    const reason = r.body.reasons.find((x: { ruleId: string }) => x.ruleId === 'feature:screening.creditor');
    expect(reason.message).toMatch(/No sanctions list is loaded/);
    expect((await s.call('POST', '/v1/events', event())).body.outcome).toBe('allow');
  });

  it("lets the tenant's admin switch screening off on purpose, audited, and back on", async () => {
    const analyst = await s.login(['analyst']);
    const admin = await s.login(['admin']);
    const off = { enabled: false, reason: 'We screen upstream with our bank partner' };
    expect((await s.call('PUT', '/v1/screening/settings', off, analyst)).status).toBe(403);
    expect((await s.call('PUT', '/v1/screening/settings', off, s.apiKey)).status).toBe(403);
    const r = await s.call('PUT', '/v1/screening/settings', off, admin);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ enabled: false, reason: off.reason });
    expect((await s.call('GET', '/v1/screening/settings', undefined, analyst)).body.enabled).toBe(false);
    expect((await s.call('POST', '/v1/events', named('Vladimir Putin'))).body.outcome).toBe('allow');
    await s.zhili.ledger.catchUp();
    const actions: string[] = [];
    for (let i = 0; ; i++) {
      const row = await s.zhili.ledger.entry(i);
      if (!row) break;
      const e = JSON.parse(row.entry) as { action?: string; tenantId: string };
      if (e.tenantId === s.tenantId && e.action) actions.push(e.action);
    }
    expect(actions).toContain('screening.disable');
    await s.call('PUT', '/v1/screening/settings', { enabled: true, reason: 'Screening here again' }, admin);
    expect((await s.call('POST', '/v1/events', named('Vladimir Putin'))).body.outcome).toBe('review');
  });

  it('zhili screen fails with the code and a message in both languages', async () => {
    const r = await zhili('--data-dir', s.dataDir, 'screen', 'Vladimir Putin');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('ZHILI_E_SCREENING_NO_LISTS');
    expect(r.stderr).toContain('未加载任何制裁名单');
  });
});

// Each CLI run starts a Node process that loads the whole tree; on a busy 2-core machine that takes a while.
describe.skipIf(!haveLists)('zhili lists fetch', { timeout: 300_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhili-fetch-'));

  it('refuses a truncated list and stores nothing', async () => {
    const r = await zhili(
      '--data-dir',
      dataDir,
      'lists',
      'fetch',
      '--ofac-base-url',
      `${base}/short/`,
      '--un-url',
      `${base}/un/consolidated.xml`,
    );
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('ZHILI_E_LIST_FETCH');
    expect(r.stderr).toMatch(/only \d+ entries/);
    const shown = await zhili('--data-dir', dataDir, 'lists', 'show', '--json');
    expect(JSON.parse(shown.stdout)).toEqual([]);
  });

  it('downloads, checks and stores OFAC SDN and UN; a restarted server loads them and is ready', async () => {
    const r = await zhili(
      '--data-dir',
      dataDir,
      'lists',
      'fetch',
      '--ofac-base-url',
      `${base}/ofac`,
      '--un-url',
      `${base}/un/consolidated.xml`,
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/ofac-sdn sdn\.csv: [\d.]+ MB downloaded/);
    expect(r.stderr).toMatch(/ofac-sdn@[0-9a-f]{12}: 8976 entries/);
    expect(r.stderr).toMatch(/un-sc@[0-9a-f]{12}: \d+ entries/);
    expect(r.stdout).toMatch(/stored · 已保存/);

    const again = await zhili(
      '--data-dir',
      dataDir,
      'lists',
      'fetch',
      '--ofac-base-url',
      `${base}/ofac/`,
      '--un-url',
      `${base}/un/consolidated.xml`,
      '--json',
    );
    expect((JSON.parse(again.stdout) as { changed: boolean }[]).map((x) => x.changed)).toEqual([false, false]);

    const s = await startServer({ dataDir, screeningLists: '' });
    try {
      expect((await s.call('GET', '/readyz', undefined, null)).status).toBe(200);
      const versions = (await s.call('GET', '/v1/screening/lists')).body as {
        version: string;
        counts: { entries: number };
      }[];
      expect(versions.map((v) => v.version.split('@')[0]).sort()).toEqual(['ofac-sdn', 'un-sc']);
      expect(versions.find((v) => v.version.startsWith('ofac-sdn'))?.counts.entries).toBe(8976);
      const hit = await s.call('POST', '/v1/screen', {
        query: { name: 'Aerocaribbean Airlines', kind: 'organisation' },
      });
      expect(hit.status).toBe(200);
      expect(hit.body.results[0].hits[0]).toMatchObject({ listId: 'ofac-sdn' });
    } finally {
      await s.close();
    }
  });
});
