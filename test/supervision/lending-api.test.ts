import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MultiLendingClient, bytesToHex } from '../../src/supervision/lending/index.ts';
import { post, startLendingServers, type LendingServers } from './lending-support.ts';

// Valid resident identity numbers (GB 11643 check digits).
const applicant = '11010519491231002X';
const other = '440524198001010013';

let s: LendingServers;
const client = (platform: string, publicKey = s.publicKey) =>
  new MultiLendingClient({
    keyHolderUrl: s.keyHolderUrl,
    registryUrl: s.registryUrl,
    keyHolderPublicKey: publicKey,
    loanRefKey: new TextEncoder().encode(`loan-ref-key-of-${platform}`),
    headers: () => ({ 'x-test-platform': platform }),
  });
const meta = () => ({ requestId: randomBytes(16).toString('base64url'), issuedAt: new Date().toISOString() });
const asOf = Date.now() - 1000;

beforeAll(async () => {
  s = await startLendingServers({ quotas: [{ windowMs: 3_600_000, max: 40 }] });
});
afterAll(async () => {
  await s?.close();
});

describe('private multi-lending check over HTTP (key holder and registry as separate servers)', () => {
  it('two platforms register loans for one applicant; a third learns the totals only', async () => {
    const r1 = await client('p1').register([
      { idNumber: applicant, loanId: 'L-1', currency: 'CNY', outstanding: '5000.00', status: 'outstanding', asOf },
      { idNumber: other, loanId: 'L-2', currency: 'CNY', outstanding: '800.00', status: 'outstanding', asOf },
    ]);
    expect(r1.map((r) => r.outcome)).toEqual(['stored', 'stored']);
    // The same person written another way (lower-case x, full-width digits) is the same person.
    const r2 = await client('p2').register([
      {
        idNumber: '１１０１０５１９４９１２３１００２x',
        loanId: 'A-9',
        currency: 'CNY',
        outstanding: '1200.50',
        status: 'outstanding',
        asOf,
      },
    ]);
    expect(r2.map((r) => r.outcome)).toEqual(['stored']);

    const totals = await client('p3').check(applicant, 'evt_app_1');
    expect(totals).toEqual({ platforms: 2, outstanding: [{ currency: 'CNY', amount: '6200.50' }] });
    // A platform does not count itself.
    expect(await client('p1').check(applicant, 'evt_app_2')).toEqual({
      platforms: 1,
      outstanding: [{ currency: 'CNY', amount: '1200.50' }],
    });
    expect(await client('p3').check('110105194912310038', 'evt_app_3')).toEqual({ platforms: 0, outstanding: [] });
  });

  it('the answer names no platform; settling and older updates behave', async () => {
    const c = client('p3');
    const [token] = await c.tokens([applicant], 'query', 'evt_app_4');
    const raw = await post(
      `${s.registryUrl}/v1/hub/loans/query`,
      'POST',
      { ...meta(), token, applicationEventId: 'evt_app_4' },
      {
        'x-test-platform': 'p3',
      },
    );
    expect(raw.status).toBe(200);
    expect(Object.keys(raw.body).sort()).toEqual(['outstanding', 'platforms']);
    expect(JSON.stringify(raw.body)).not.toMatch(/p1|p2/);

    const p2 = client('p2');
    const late = await p2.register([
      {
        idNumber: applicant,
        loanId: 'A-9',
        currency: 'CNY',
        outstanding: '999.00',
        status: 'outstanding',
        asOf: asOf - 60_000,
      },
    ]);
    expect(late.map((r) => r.outcome)).toEqual(['stale']);
    await p2.register([
      { idNumber: applicant, loanId: 'A-9', currency: 'CNY', outstanding: '0.00', status: 'settled', asOf: asOf + 1 },
    ]);
    expect(await c.check(applicant, 'evt_app_5')).toEqual({
      platforms: 1,
      outstanding: [{ currency: 'CNY', amount: '5000.00' }],
    });
    // The loan reference now under another person's token is refused, not moved.
    const moved = await p2.register([
      { idNumber: other, loanId: 'A-9', currency: 'CNY', outstanding: '10.00', status: 'outstanding', asOf: asOf + 2 },
    ]);
    expect(moved.map((r) => r.outcome)).toEqual(['conflict']);
  });

  it("neither database holds an identity number or its plain hash; the registry's holds no blinded element", async () => {
    const needles: Buffer[] = [];
    for (const id of [applicant, other, applicant.toLowerCase(), `zhili/multi-lending/v1/cn-ric/${applicant}`]) {
      needles.push(Buffer.from(id));
      for (const alg of ['sha256', 'sha512', 'sha1', 'md5', 'sm3'] as const) {
        let h: Buffer;
        try {
          h = createHash(alg).update(id).digest();
        } catch {
          continue; // an algorithm this OpenSSL lacks
        }
        needles.push(
          h,
          Buffer.from(h.toString('hex')),
          Buffer.from(h.toString('hex').toUpperCase()),
          Buffer.from(h.toString('base64')),
        );
      }
    }
    for (const file of [s.registryFile, s.keyHolderFile]) {
      const bytes = Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)));
      expect(bytes.length).toBeGreaterThan(0);
      for (const n of needles) expect(bytes.includes(n), `${file} holds ${n.toString('hex')}`).toBe(false);
    }
    // The registry does hold tokens (that is its job), and the key holder does not.
    const [token] = await client('p3').tokens([applicant], 'query', 'evt_app_6');
    const reg = Buffer.concat([s.registryFile, `${s.registryFile}-wal`].filter(existsSync).map((f) => readFileSync(f)));
    const kh = Buffer.concat(
      [s.keyHolderFile, `${s.keyHolderFile}-wal`].filter(existsSync).map((f) => readFileSync(f)),
    );
    expect(reg.includes(Buffer.from(token!))).toBe(true);
    expect(kh.includes(Buffer.from(token!))).toBe(false);
  });

  it("the key holder's quota refuses with 429 and Retry-After beyond it, and the refusal is audited", async () => {
    const blinded = (n: number) => Array.from({ length: n }, () => bytesToHex(randomPoint()));
    const ok = await post(
      `${s.keyHolderUrl}/v1/hub/oprf/evaluate`,
      'POST',
      { ...meta(), purpose: 'register', blinded: blinded(40) },
      {
        'x-test-platform': 'p4',
      },
    );
    expect(ok.status).toBe(200);
    expect(ok.body.evaluated).toHaveLength(40);
    const refused = await post(
      `${s.keyHolderUrl}/v1/hub/oprf/evaluate`,
      'POST',
      { ...meta(), purpose: 'query', applicationEventId: 'e', blinded: blinded(1) },
      {
        'x-test-platform': 'p4',
      },
    );
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('ZHILI_E_LENDING_QUOTA');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another platform's quota is its own.
    expect((await client('p5').tokens([applicant], 'query', 'evt_app_7')).length).toBe(1);

    const audit = await fetch(`${s.keyHolderUrl}/v1/hub/oprf/evaluations?platformId=p4`, {
      headers: { 'x-test-supervisor': 'sup1' },
    });
    const rows = ((await audit.json()) as { evaluations: { count: number; outcome: string }[] }).evaluations;
    expect(rows.map((r) => `${r.outcome}:${r.count}`)).toEqual(['refused_quota:1', 'evaluated:40']);
    expect((await fetch(`${s.keyHolderUrl}/v1/hub/oprf/evaluations`)).status).toBe(403);
  });

  it('refuses a replayed request, a stale one, an unknown caller and a query without its application', async () => {
    const [token] = await client('p3').tokens([applicant], 'query', 'evt_app_8');
    const body = { ...meta(), token, applicationEventId: 'evt_app_8' };
    const h = { 'x-test-platform': 'p3' };
    expect((await post(`${s.registryUrl}/v1/hub/loans/query`, 'POST', body, h)).status).toBe(200);
    const again = await post(`${s.registryUrl}/v1/hub/loans/query`, 'POST', body, h);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'ZHILI_E_REPLAYED', pointer: '/requestId' });

    const ev = { ...meta(), purpose: 'query', applicationEventId: 'evt_app_9', blinded: [bytesToHex(randomPoint())] };
    expect((await post(`${s.keyHolderUrl}/v1/hub/oprf/evaluate`, 'POST', ev, h)).status).toBe(200);
    expect((await post(`${s.keyHolderUrl}/v1/hub/oprf/evaluate`, 'POST', ev, h)).body.error.code).toBe(
      'ZHILI_E_REPLAYED',
    );

    const old = {
      ...body,
      requestId: randomBytes(16).toString('base64url'),
      issuedAt: new Date(Date.now() - 600_000).toISOString(),
    };
    const stale = await post(`${s.registryUrl}/v1/hub/loans/query`, 'POST', old, h);
    expect(stale.status).toBe(400);
    expect(stale.body.error.code).toBe('ZHILI_E_REQUEST_EXPIRED');

    const anon = await post(
      `${s.registryUrl}/v1/hub/loans/query`,
      'POST',
      { ...meta(), token, applicationEventId: 'x' },
      {},
    );
    expect(anon.status).toBe(401);
    const bare = await post(`${s.registryUrl}/v1/hub/loans/query`, 'POST', { ...meta(), token }, h);
    expect(bare.status).toBe(400);
    expect(bare.body.error.pointer).toBe('/applicationEventId');
  });

  it('a supervisor reads the query audit: token digest, platform, time, application — the same person links', async () => {
    const res = await fetch(`${s.registryUrl}/v1/hub/loans/queries?platformId=p3&limit=100`, {
      headers: { 'x-test-supervisor': 'sup1' },
    });
    expect(res.status).toBe(200);
    const rows = (
      (await res.json()) as {
        queries: { tokenDigest: string; applicationEventId: string; at: string; platforms: number }[];
      }
    ).queries;
    const byApp = new Map(rows.map((r) => [r.applicationEventId, r]));
    expect(byApp.get('evt_app_1')).toMatchObject({ platforms: 2 });
    expect(byApp.get('evt_app_1')!.tokenDigest).toBe(byApp.get('evt_app_5')!.tokenDigest);
    expect(byApp.get('evt_app_1')!.tokenDigest).not.toBe(byApp.get('evt_app_3')!.tokenDigest);
    expect(Date.parse(byApp.get('evt_app_1')!.at)).toBeGreaterThan(0);
  });

  it('a platform refuses an evaluation proved under any key but the pinned one', async () => {
    const wrong = bytesToHex(randomPoint());
    await expect(client('p3', wrong).check(applicant, 'evt_app_10')).rejects.toMatchObject({
      code: 'ZHILI_E_LENDING_UNAVAILABLE',
    });
    await expect(client('p3').check('110105194912310021', 'evt_app_11')).rejects.toMatchObject({
      code: 'ZHILI_E_ID_NUMBER',
    });
  });
});

import { ristretto255 } from '@noble/curves/ed25519.js';
function randomPoint(): Uint8Array {
  return ristretto255.Point.BASE.multiply(BigInt(`0x${randomBytes(16).toString('hex')}`) + 1n).toBytes();
}
