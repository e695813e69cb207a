/**
 * Tazama compatibility, tried as a Tazama-style client would: its sample configuration (typology 999 with
 * rules 901 and EFRuP@1.0.0), amounts in the ISO 4217 testing code XTS, and a tenant made for it from
 * the CLI. XTS stays refused for every tenant that did not opt in.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/adapters.ts';
import { loadConfig } from '../src/runtime/index.ts';
import { pacs002, pacs008, tazamaClient } from './iso20022-messages.ts';
import { event, startServer, type TestServer } from './support/server.ts';

const root = join(import.meta.dirname, '..');
const run = promisify(execFile);

let s: TestServer;
let compatKey = '';

beforeAll(async () => {
  s = await startServer();
  compatKey = (await s.zhili.createTenant('Tazama sandbox 沙箱', 'UTC', 'tazama-compat')).apiKey;
});
afterAll(async () => s.close());

describe('a tazama-compat tenant', () => {
  it('reports typology 999 with rule 901 and EFRuP@1.0.0 (weight 0, cfg none) for an XTS transfer', async () => {
    const tms = tazamaClient(s.url, compatKey);
    const m8 = pacs008({
      debtor: { id: 'dbtr-xts-1', member: 'fsp001' },
      creditor: { id: 'cdtr-xts-1', member: 'fsp002' },
      amount: 153.34,
      ccy: 'XTS',
    });
    expect((await tms.evaluate(m8)).status).toBe(200);
    const m2 = pacs002(m8);
    expect((await tms.evaluate(m2)).status).toBe(200);
    const r = await tms.report(m2.FIToFIPmtSts.GrpHdr.MsgId);
    expect(r.status).toBe(200);
    const data = r.body.data;
    const rules = data.networkMap.messages[0].typologies[0].rules;
    expect(rules).toEqual([
      { id: '901@1.0.0', cfg: '1.0.0' },
      { id: 'EFRuP@1.0.0', cfg: 'none' },
    ]);
    const t = data.report.tadpResult.typologyResult[0];
    expect(t.cfg).toBe('999@1.0.0');
    expect(t.ruleResults.map((x: any) => [x.id, x.cfg, x.subRuleRef, x.wght])).toEqual([
      ['901@1.0.0', '1.0.0', '.01', 100],
      ['EFRuP@1.0.0', 'none', 'none', 0],
    ]);
    expect(t.result).toBe(100);
    expect(data.report.status).toBe('NALT');
  });

  it('takes XTS on POST /v1/events too', async () => {
    const e = event({ type: 'transfer', amount: { value: '10.50', currency: 'XTS' } });
    const r = await s.call('POST', '/v1/events', e, compatKey);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  });
});

describe('a tenant that did not opt in', () => {
  it('refuses XTS with a stable code and the field, over both APIs', async () => {
    const r = await s.call('POST', '/v1/events', event({ amount: { value: '10.50', currency: 'XTS' } }));
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'ZHILI_E_UNKNOWN_CURRENCY', pointer: '/amount/currency' });
    const tms = tazamaClient(s.url, s.apiKey);
    const m8 = pacs008({
      debtor: { id: 'dbtr-xts-2', member: 'fsp001' },
      creditor: { id: 'cdtr-xts-2', member: 'fsp002' },
      ccy: 'XTS',
    });
    const bad = await tms.evaluate(m8);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('ZHILI_E_UNKNOWN_CURRENCY');
    expect(bad.body.error.pointer).toMatch(/\/Ccy$/);
  });
});

describe('zhili tenant create --rule-set', () => {
  const cli = async (...args: string[]) => {
    try {
      return { code: 0, ...(await run(process.execPath, [join(root, 'bin/zhili.js'), ...args], { cwd: root })) };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, stdout: x.stdout, stderr: x.stderr };
    }
  };

  it('starts a tenant on the tazama-compat rule set, and names the choices for a wrong one', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'zhili-tazama-'));
    const r = await cli('--data-dir', dataDir, 'tenant', 'create', 'Sandbox', '--rule-set', 'tazama-compat', '--json');
    expect(r.code, r.stderr).toBe(0);
    const { tenantId } = JSON.parse(r.stdout) as { tenantId: string };
    const store = openSqliteStore(join(dataDir, 'zhili.db'));
    const active = await store.getActiveRuleSet(tenantId);
    await store.close();
    expect(active?.version).toBe('tazama-compat-1.1.0');
    expect((active?.content as { acceptTestCurrency?: boolean }).acceptTestCurrency).toBe(true);
    const bad = await cli('--data-dir', dataDir, 'tenant', 'create', 'X', '--rule-set', 'tazama');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('default, aml-typologies, tazama-compat');
  });
});

describe('intake without credentials (ZHILI_ISO_OPEN_TENANT)', () => {
  it('is refused at start unless the server listens on loopback', () => {
    expect(() => loadConfig({ isoOpenTenant: 'ten_x', host: '0.0.0.0' }, {})).toThrow(/ZHILI_ISO_OPEN_TENANT/);
    expect(loadConfig({ isoOpenTenant: 'ten_x', host: '127.0.0.1' }, {}).isoOpenTenant).toBe('ten_x');
  });

  it('takes a Tazama client with no credentials from this machine, as the one tenant named, and nothing else', async () => {
    const first = await startServer();
    const dataDir = first.dataDir;
    const sandbox = await first.zhili.createTenant('Open sandbox', 'UTC', 'tazama-compat');
    await first.close();
    const open = await startServer({ dataDir, config: { isoOpenTenant: sandbox.tenant.id } });
    try {
      const bare = async (path: string, body: unknown) => {
        const res = await fetch(open.url + path, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return res.status;
      };
      const m8 = pacs008({
        debtor: { id: 'dbtr-open', member: 'fsp001' },
        creditor: { id: 'cdtr-open', member: 'fsp002' },
        ccy: 'XTS',
      });
      expect(await bare('/v1/evaluate/iso20022/pacs.008.001.10', m8)).toBe(200);
      const m2 = pacs002(m8);
      expect(await bare('/v1/evaluate/iso20022/pacs.002.001.12', m2)).toBe(200);
      const res = await fetch(`${open.url}/v1/admin/reports/getreportbymsgid?msgid=${m2.FIToFIPmtSts.GrpHdr.MsgId}`);
      expect(res.status).toBe(200);
      // The decision went to the named tenant: its own key reads it back.
      const withKey = await tazamaClient(open.url, sandbox.apiKey).report(m2.FIToFIPmtSts.GrpHdr.MsgId);
      expect(withKey.status).toBe(200);
      // Every other route still needs credentials.
      expect((await open.call('POST', '/v1/events', event(), null)).status).toBe(401);
    } finally {
      await open.close();
    }
  });
});
