import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createZhili, loadConfig, provisionUser, type Config, type Zhili } from '../../src/runtime/index.ts';
import type { Store } from '../../src/store/index.ts';
import type { Clock } from '../../src/kernel/index.ts';

export interface TestServer {
  zhili: Zhili;
  url: string;
  tenantId: string;
  apiKey: string;
  dataDir: string;
  /** JSON request with the tenant's API key unless `auth` says otherwise. */
  call(
    method: string,
    path: string,
    body?: unknown,
    auth?: string | null,
  ): Promise<{ status: number; body: any; headers: Headers }>;
  login(roles: ('admin' | 'analyst' | 'approver' | 'auditor')[], username?: string): Promise<string>;
  close(): Promise<void>;
}

let listFile: string | undefined;
function testList(): string {
  if (!listFile) {
    listFile = join(mkdtempSync(join(tmpdir(), 'zhili-list-')), 'test-watchlist.json');
    writeFileSync(listFile, JSON.stringify([{ id: 'TW-1', name: 'Testlisted Sanctioned Person', kind: 'person' }]));
  }
  return listFile;
}

/** A real server on a random port with a fresh data directory (or the store given). */
export async function startServer(
  opts: { store?: Store; dataDir?: string; screeningLists?: string; config?: Partial<Config>; clock?: Clock } = {},
): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'zhili-test-'));
  // A server without lists fails closed (named parties go to review); tests get a one-entry list
  // unless they pass their own (or '' for none).
  const lists = opts.screeningLists ?? `generic=${testList()}#test-watchlist`;
  const zhili = await createZhili(
    // Event-loop shedding off unless a test asks: parallel test files on two cores lag the loop at times.
    loadConfig(
      {
        dataDir,
        port: 0,
        host: '127.0.0.1',
        logger: false,
        maxEventLoopDelayMs: 0,
        screeningLists: lists,
        ...opts.config,
      },
      {},
    ),
    {
      ...(opts.store ? { store: opts.store } : {}),
      ...(opts.clock ? { clock: opts.clock } : {}),
    },
  );
  const { tenant, apiKey } = await zhili.createTenant('Test Pay 测试支付');
  const url = await zhili.server.listen({ port: 0, host: '127.0.0.1' });
  const call: TestServer['call'] = async (method, path, body, auth) => {
    const headers: Record<string, string> = {};
    const key = auth === undefined ? apiKey : auth;
    if (key !== null) headers.authorization = `Bearer ${key}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(url + path, {
      method,
      headers,
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* plain text bodies (metrics) stay text */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  let n = 0;
  return {
    zhili,
    url,
    tenantId: tenant.id,
    apiKey,
    dataDir,
    call,
    async login(roles, username = `op${++n}`) {
      const password = 'correct horse battery';
      await provisionUser(zhili.store, { tenantId: tenant.id, username, password, roles });
      const r = await call('POST', '/v1/auth/login', { tenantId: tenant.id, username, password }, null);
      if (r.status !== 200) throw new Error(`login failed: ${JSON.stringify(r.body)}`);
      return r.body.token as string;
    },
    close: () => zhili.close(),
  };
}

let seq = 0;
/** A valid event; override any field. */
export function event(over: Record<string, unknown> = {}): Record<string, unknown> {
  seq += 1;
  return {
    id: `evt-${process.pid}-${seq}`,
    type: 'cash_withdrawal',
    occurredAt: '2026-11-26T10:00:00+08:00',
    amount: { value: '1000.00', currency: 'CNY' },
    debtor: { partyId: `gen-${process.pid}-${seq}`, partyType: 'person', accountId: `a-${seq}`, country: 'CN' },
    creditor: { partyId: 'bank', partyType: 'organization', accountId: 'cash', country: 'CN' },
    channel: 'counter',
    device: { id: 'd-1', ip: '203.0.113.7' },
    attributes: {},
    ...over,
  };
}
