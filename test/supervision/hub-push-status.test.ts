/**
 * What a platform may still push by status, over real HTTP with signed requests: a winding-down
 * platform still sends checkpoints, filings and loan updates (its exit plan closes on them) but checks
 * no applicant for a new loan, nor does a suspended one until it is licensed again
 * (ZHILI_E_PLATFORM_STANDING); an exited one is refused all three with ZHILI_E_PLATFORM_EXITED — after
 * the signature check, so an unsigned caller does not learn the status.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEntry, parseSignerKey, signHubRequest } from '../../src/ledger/index.ts';
import { PASSWORD, requestKeys, startHub, type TestHub } from './hub-support.ts';

let t: TestHub;
let platformId = '';
const keys = requestKeys('wind.example');
const tok: Record<string, string> = {};

const ok = (r: { status: number; body: unknown }, status = 200) =>
  expect(r.status, JSON.stringify(r.body)).toBe(status);

/** A request signed with the platform's request key. */
async function push(
  method: string,
  path: string,
  body: string,
  type = 'application/json',
  as = { id: platformId, keys },
) {
  const signer = parseSignerKey(as.keys.signerKey);
  if (!signer.ok) throw new Error(signer.reason);
  const authorization = signHubRequest(as.id, signer.signer.privateKey, {
    method,
    path,
    timestamp: Math.floor(Date.now() / 1000),
    nonce: randomBytes(12).toString('hex'),
    body,
  });
  const res = await fetch(t.url + path, { method, headers: { authorization, 'content-type': type }, body });
  const text = await res.text();
  const parsed: any = JSON.parse(text.startsWith('{') ? text : '{}');
  return { status: res.status, body: parsed, text };
}

const filings = () =>
  JSON.stringify({
    sentAt: Date.now(),
    reports: [],
    disclosures: [],
    complaintStats: [],
    incidents: [],
    indicators: [],
    files: [],
  });
const loans = () =>
  JSON.stringify({
    requestId: randomBytes(12).toString('hex'),
    issuedAt: new Date().toISOString(),
    loans: [
      {
        loanRef: randomBytes(32).toString('hex'),
        token: randomBytes(32).toString('hex'),
        currency: 'CNY',
        outstanding: '0.00',
        status: 'settled',
        asOf: new Date().toISOString(),
      },
    ],
  });

/** An applicant check for a new loan, as the platform's multi-lending client sends it. */
const query = () =>
  JSON.stringify({
    requestId: randomBytes(12).toString('hex'),
    issuedAt: new Date().toISOString(),
    token: randomBytes(32).toString('hex'),
    applicationEventId: 'app-1',
  });

async function register(name: string, origin: string, requestKey: string): Promise<string> {
  const r = await t.call(
    'POST',
    '/v1/hub/platforms',
    {
      name,
      licenceType: 'online_lending',
      businessScope: ['lending'],
      origin,
      ledgerKeys: [requestKeys(origin).verifierKey],
      requestKey,
    },
    tok.alice,
  );
  ok(r, 201);
  return r.body.id as string;
}

async function fourEyes(to: string, id = platformId): Promise<void> {
  const p = await t.call('POST', `/v1/hub/platforms/${id}/status-changes`, { to, reason: 'test 测试' }, tok.alice);
  ok(p, 201);
  ok(await t.call('POST', `/v1/hub/status-changes/${p.body.id}/approve`, undefined, tok.bob));
}

beforeAll(async () => {
  t = await startHub();
  for (const u of ['alice', 'bob'])
    await t.hub.supervisors.create({ username: u, password: PASSWORD, admin: u === 'alice' }, 'cli');
  tok.alice = await t.login('alice');
  tok.bob = await t.login('bob');
  platformId = await register('Wind 清退平台', 'wind.example/audit', keys.verifierKey);
  await fourEyes('licensed');
  await fourEyes('winding_down');
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('pushes by platform status', () => {
  it('a winding-down platform still pushes checkpoints, filings and loan updates', async () => {
    // The checkpoint is not a valid one: refused by the witness itself (400), i.e. after authentication.
    const cp = await push('POST', '/v1/hub/witness/add-checkpoint', 'old 0\n\nnot a checkpoint\n', 'text/plain');
    expect(cp.status, cp.text).toBe(400);
    expect(cp.body.error.code).toBe('ZHILI_E_WITNESS_BAD_REQUEST');
    ok(await push('POST', '/v1/hub/filings', filings()));
    ok(await push('PUT', '/v1/hub/loans', loans()));
    // The registration is in the hub's own ledger, by the platform.
    await t.hub.ledger.catchUp();
    const leaves = await t.hub.store.ledger.readLeaves(0, await t.hub.ledger.size());
    const puts = leaves
      .map((l) => parseEntry(l.entry))
      .filter((e) => e?.kind === 'audit' && e.action === 'lending.loans_put');
    expect(puts.map((e) => e?.kind === 'audit' && e.actorId)).toEqual([platformId]);
    // No new lending: its applicant checks are refused, so its own credit decisions fail closed to review.
    const q = await push('POST', '/v1/hub/loans/query', query());
    expect(q.status, q.text).toBe(403);
    expect(q.body.error).toMatchObject({ code: 'ZHILI_E_PLATFORM_STANDING' });
    expect(q.body.error.messageZh).toContain('不得为新贷款查询申请人');
  });

  it('a suspended platform reports loans but checks no applicant until it is licensed again', async () => {
    const susp = { id: '', keys: requestKeys('susp.example') };
    susp.id = await register('Susp 暂停平台', 'susp.example/audit', susp.keys.verifierKey);
    const asSusp = (method: string, path: string, body: string) => push(method, path, body, 'application/json', susp);
    // Applying: its book is reported, but it is not licensed to check applicants for new loans.
    ok(await asSusp('PUT', '/v1/hub/loans', loans()));
    expect((await asSusp('POST', '/v1/hub/loans/query', query())).body.error?.code).toBe('ZHILI_E_PLATFORM_STANDING');
    await fourEyes('licensed', susp.id);
    ok(await asSusp('POST', '/v1/hub/loans/query', query()));
    await fourEyes('suspended', susp.id);
    ok(await asSusp('PUT', '/v1/hub/loans', loans()));
    const refused = await asSusp('POST', '/v1/hub/loans/query', query());
    expect(refused.status, refused.text).toBe(403);
    expect(refused.body.error.code).toBe('ZHILI_E_PLATFORM_STANDING');
    await fourEyes('licensed', susp.id);
    const back = await asSusp('POST', '/v1/hub/loans/query', query());
    ok(back);
    expect(back.body).toEqual({ platforms: 0, outstanding: [] });
  });

  it('an exited platform is refused checkpoints, filings and loans with ZHILI_E_PLATFORM_EXITED', async () => {
    // The last step (exited) needs a complete exit plan under four eyes (hub-filings.test.ts); set directly here.
    const db = new Database(join(t.hub.config.hubDir, 'hub.db'));
    try {
      expect(db.prepare(`UPDATE hub_platforms SET status = 'exited' WHERE id = ?`).run(platformId).changes).toBe(1);
    } finally {
      db.close();
    }
    for (const [method, path, body, type] of [
      ['POST', '/v1/hub/witness/add-checkpoint', 'old 0\n\nnot a checkpoint\n', 'text/plain'],
      ['POST', '/v1/hub/filings', filings(), 'application/json'],
      ['PUT', '/v1/hub/loans', loans(), 'application/json'],
      ['POST', '/v1/hub/loans/query', '{}', 'application/json'],
    ] as const) {
      const r = await push(method, path, body, type);
      expect(r.status, `${path}: ${r.text}`).toBe(403);
      expect(r.body.error.code).toBe('ZHILI_E_PLATFORM_EXITED');
      expect(r.body.error.messageZh).toContain('已退出');
    }
    // Unsigned: still the signature error, nothing about the status.
    const anon = await fetch(`${t.url}/v1/hub/filings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: filings(),
    });
    expect(anon.status).toBe(401);
    expect(((await anon.json()) as { error: { code: string } }).error.code).toBe('ZHILI_E_HUB_SIGNATURE');
  });
});
