// A real Zhili server for the console journeys: a fresh data directory, the built console at /console,
// operators for each role and seed events that raise alerts and cases through the public API.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createZhili, loadConfig, provisionUser, type Zhili } from '../../src/runtime/index.ts';

export const chromiumPath = '/usr/bin/chromium';
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-gpu',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
export const password = 'correct horse battery';

/** Why the journeys cannot run here, or undefined. Without Chromium they skip, except in CI where that fails. */
export function browserMissing(): string | undefined {
  if (existsSync(chromiumPath)) return undefined;
  const why = `Chromium is not at ${chromiumPath} (apt-get install -y chromium): console journeys skipped`;
  if (process.env.CI) throw new Error(`${why} — CI requires it`);
  return why;
}

/** Builds the console once when web/dist is missing (npm ci builds it through the root prepare script). */
export function ensureConsoleBuilt(): void {
  if (existsSync('web/dist/index.html')) return;
  execFileSync('npm', ['run', 'build', '-w', 'web'], { stdio: 'inherit' });
}

export interface ConsoleServer {
  zhili: Zhili;
  url: string;
  tenantId: string;
  apiKey: string;
  /** Seeds events with the tenant's API key. */
  post(path: string, body: unknown): Promise<{ status: number; body: any }>;
  /** Calls the API as an operator. */
  as(user: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  catchUp(): Promise<void>;
  close(): Promise<void>;
}

// The PBOC reporting profile, as configuration (the server reads no ambient environment here).
const pboc = {
  pbocInstitutionCode: 'ZHILI000000001',
  pbocBranchCode: 'ZHILI00000000101',
  pbocAreaCode: 'CHN310000',
};

export const users = {
  ana: ['analyst'],
  bob: ['analyst'],
  apr: ['approver'],
  aud: ['auditor'],
  adm: ['admin'],
} as const;

type Doc = Record<string, unknown> & { rules: unknown[]; features: unknown[]; typologies: unknown[] };
function combinedRules(): Doc {
  const read = (f: string) => JSON.parse(readFileSync(`src/monitoring/packs/${f}`, 'utf8')) as Doc;
  const base = read('default.json');
  const aml = read('aml-typologies.json');
  return {
    ...base,
    version: `${String(base.version)}.${String(aml.version)}`.slice(0, 64),
    features: [...base.features, ...aml.features],
    typologies: [...base.typologies, ...aml.typologies],
    lists: { ...(base.lists as object), ...(aml.lists as object) },
    rules: [...base.rules, ...aml.rules],
  };
}

export async function startConsoleServer(): Promise<ConsoleServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhili-e2e-'));
  const zhili = await createZhili(
    loadConfig(
      // Event-loop shedding off: the browser tests share two cores with the other test files.
      {
        ...pboc,
        dataDir,
        port: 0,
        host: '127.0.0.1',
        logger: false,
        maxEventLoopDelayMs: 0,
        screeningLists: '',
        backgroundThread: false,
      },
      {},
    ),
  );
  const { tenant, apiKey } = await zhili.createTenant('示例支付 Demo Pay', 'Asia/Shanghai');
  // The tenant runs the default rules (large-value obligations) with the AML typology pack (structuring).
  await zhili.engine.activate(tenant.id, zhili.engine.compile(combinedRules(), 'Asia/Shanghai'));
  for (const [username, roles] of Object.entries(users))
    await provisionUser(zhili.store, { tenantId: tenant.id, username, password, roles: [...roles] });
  const url = await zhili.server.listen({ port: 0, host: '127.0.0.1' });
  const tokens = new Map<string, string>();
  const request = async (method: string, path: string, auth: string, body?: unknown) => {
    const res = await fetch(url + path, {
      method,
      headers: {
        authorization: `Bearer ${auth}`,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as any };
  };
  return {
    zhili,
    url,
    tenantId: tenant.id,
    apiKey,
    post: (path, body) => request('POST', path, apiKey, body),
    async as(user, method, path, body) {
      if (!tokens.has(user)) {
        const r = await fetch(`${url}/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ tenantId: tenant.id, username: user, password }),
        });
        tokens.set(user, ((await r.json()) as { token: string }).token);
      }
      return request(method, path, tokens.get(user)!, body);
    },
    catchUp: async () => {
      await zhili.cases.projector.catchUp();
    },
    close: () => zhili.close(),
  };
}

let n = 0;
function event(over: Record<string, unknown>): Record<string, unknown> {
  n += 1;
  return {
    id: `e2e-${process.pid}-${n}`,
    type: 'cash_withdrawal',
    occurredAt: '2026-11-26T10:00:00+08:00',
    amount: { value: '1000.00', currency: 'CNY' },
    debtor: { partyId: `gen-${n}`, partyType: 'person', accountId: `a-${n}`, country: 'CN' },
    creditor: { partyId: 'bank', partyType: 'organization', accountId: 'cash', country: 'CN' },
    channel: 'counter',
    device: { id: 'd-1', ip: '203.0.113.7' },
    attributes: {},
    ...over,
  };
}

/**
 * Seed: a structuring customer (four cash withdrawals just under CNY 50,000: a suspicious-report case), a
 * large cash withdrawal (a large-value report obligation), and transfers that make a counterparty graph.
 */
export async function seed(s: ConsoleServer): Promise<{ strCustomer: string; lvCustomer: string }> {
  const smurf = { partyId: 'cust-smurf', partyType: 'person', accountId: '6222000077770001', country: 'CN' };
  const attributes = { debtorName: '赵六', debtorIdType: '110001', debtorIdNumber: '310101198502021234' };
  for (const [i, value] of ['49000.00', '48500.00', '49900.00', '49500.00'].entries())
    await s.post(
      '/v1/events',
      event({
        occurredAt: `2026-11-0${i + 2}T10:00:00+08:00`,
        amount: { value, currency: 'CNY' },
        debtor: smurf,
        attributes,
      }),
    );
  for (let i = 0; i < 12; i++)
    await s.post(
      '/v1/events',
      event({
        type: 'transfer',
        channel: 'mobile',
        occurredAt: `2026-11-1${i % 10}T1${i % 10}:00:00+08:00`,
        amount: { value: `${3000 + i * 250}.00`, currency: 'CNY' },
        debtor: smurf,
        creditor: { partyId: `cp-${i % 5}`, partyType: 'person', accountId: `6222000099990${i % 5}`, country: 'CN' },
      }),
    );
  const lv = { partyId: 'cust-lv', partyType: 'person', accountId: '6222000011112222', country: 'CN' };
  await s.post(
    '/v1/events',
    event({
      occurredAt: '2026-11-25T15:00:00+08:00',
      amount: { value: '80000.00', currency: 'CNY' },
      debtor: lv,
      attributes: { debtorName: '张三', debtorIdType: '110001', debtorIdNumber: '110101199001011234' },
    }),
  );
  await s.catchUp();
  return { strCustomer: 'cust-smurf', lvCustomer: 'cust-lv' };
}
