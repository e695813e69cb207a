/** One hub and platform servers in the test process, over real HTTP. */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHub, type RunningHub } from '../../src/cli/hub.ts';
import { formatSignerKey, formatVerifierKey } from '../../src/ledger/index.ts';
import { loadHubConfig } from '../../src/supervision/index.ts';
import { startServer, type TestServer } from '../support/server.ts';

export interface TestHub {
  hub: RunningHub;
  url: string;
  /** Milliseconds added to the hub's clock (to let time pass for staleness checks). */
  offset: { ms: number };
  call(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<{ status: number; body: any; text: string }>;
  login(username: string): Promise<string>;
  close(): Promise<void>;
}

export const PASSWORD = 'correct horse battery staple';

export async function startHub(env: Record<string, string> = {}): Promise<TestHub> {
  const offset = { ms: 0 };
  const config = loadHubConfig(
    { hubDir: mkdtempSync(join(tmpdir(), 'zhili-hub-')), port: 0, staleAfterMs: 600_000, staleCheckMs: 3_600_000 },
    env,
  );
  const hub = await openHub(config, { clock: { now: () => Date.now() + offset.ms } });
  const url = await hub.server.listen({ port: 0, host: '127.0.0.1' });
  const call: TestHub['call'] = async (method, path, body, token) => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(url + path, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* text bodies */
    }
    return { status: res.status, body: parsed, text };
  };
  return {
    hub,
    url,
    offset,
    call,
    async login(username) {
      const r = await call('POST', '/v1/hub/auth/login', { username, password: PASSWORD });
      if (r.status !== 200) throw new Error(`hub login failed: ${r.text}`);
      return r.body.token as string;
    },
    close: () => hub.close(),
  };
}

export function requestKeys(name: string): { signerKey: string; verifierKey: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { signerKey: formatSignerKey({ name, privateKey }), verifierKey: formatVerifierKey(name, privateKey) };
}

export interface TestPlatform {
  server: TestServer;
  id: string;
  origin: string;
  keys: { signerKey: string; verifierKey: string };
}

/** A platform server witnessed by `hub` (pushes only when a test calls sync()). */
export async function startPlatform(
  t: TestHub,
  p: { id: string; origin: string; keys: { signerKey: string; verifierKey: string }; dataDir?: string },
  extra: Partial<Parameters<typeof startServer>[0] & object>['config'] = {},
): Promise<TestServer> {
  return startServer({
    ...(p.dataDir ? { dataDir: p.dataDir } : {}),
    config: {
      ledgerOrigin: p.origin,
      hubUrl: t.url,
      hubKey: t.hub.verifierKey,
      hubPlatformId: p.id,
      hubPlatformKey: p.keys.signerKey,
      hubPushMs: 3_600_000,
      hubSyncMs: 3_600_000,
      // One thread: the ledger appends on demand here (catchUp), which is all these tests need.
      backgroundThread: false,
      ...extra,
    },
  });
}
