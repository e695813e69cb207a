/**
 * The platform's multi-lending settings over real HTTP: a hub (serving the registry, signed platform
 * requests), an OPRF key holder beside it, and one platform server configured by ZHILI_LENDING_*.
 * The check at intake feeds `credit.external.*` in the loan application's decision.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock, systemIds } from '../../src/kernel/index.ts';
import { defaultRuleSetDocument } from '../../src/monitoring/index.ts';
import { loadConfig } from '../../src/runtime/index.ts';
import { openMultiLending } from '../../src/runtime/multi-lending.ts';
import { openKeyHolderStore } from '../../src/supervision/lending/adapters.ts';
import { deriveKeyPair, KeyHolder, multiLendingRoutes } from '../../src/supervision/lending/index.ts';
import { keepRawBodies, platformAuthenticator } from '../../src/supervision/http-platform-auth.ts';
import type { SqlDriver } from '../../src/store/index.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { PASSWORD, requestKeys, startHub, type TestHub } from './hub-support.ts';

const applicant = '11010519491231002X';
const loanRefKey = 'loan-reference-key-of-this-platform-0123456789';
let t: TestHub;
let keyHolderApp: FastifyInstance;
let keyHolderDriver: SqlDriver;
let keyHolderUrl: string;
let publicKey: string;
let s: TestServer;
const platforms = ['lend-a.example', 'lend-b.example', 'lend-c.example'].map((name) => ({
  name,
  id: '',
  keys: requestKeys(name),
}));

const lendingConfig = (p: (typeof platforms)[number]) => ({
  hubUrl: t.url,
  hubKey: t.hub.verifierKey,
  hubPlatformId: p.id,
  hubPlatformKey: p.keys.signerKey,
  lendingKeyHolderUrl: keyHolderUrl,
  lendingKeyHolderKey: publicKey,
  lendingLoanRefKey: `${loanRefKey}-${p.name}`,
});

beforeAll(async () => {
  t = await startHub();
  await t.hub.supervisors.create({ username: 'alice', password: PASSWORD, admin: true }, 'cli');
  await t.hub.supervisors.create({ username: 'bob', password: PASSWORD, admin: false }, 'cli');
  const alice = await t.login('alice');
  const bob = await t.login('bob');
  for (const p of platforms) {
    const r = await t.call(
      'POST',
      '/v1/hub/platforms',
      {
        name: `${p.name} 网贷`,
        licenceType: 'online_lending',
        businessScope: ['lending'],
        origin: `${p.name}/audit`,
        ledgerKeys: [requestKeys(p.name).verifierKey],
        requestKey: p.keys.verifierKey,
      },
      alice,
    );
    expect(r.status).toBe(201);
    p.id = r.body.id as string;
    // Licensed (four eyes): only a licensed platform checks applicants (ZHILI_E_PLATFORM_STANDING).
    const change = await t.call(
      'POST',
      `/v1/hub/platforms/${p.id}/status-changes`,
      { to: 'licensed', reason: '持牌 licensed' },
      alice,
    );
    expect(change.status, JSON.stringify(change.body)).toBe(201);
    const approved = await t.call('POST', `/v1/hub/status-changes/${change.body.id}/approve`, undefined, bob);
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
  }
  // The key holder runs apart from the registry; it knows the same platforms and their request keys.
  const kh = await openKeyHolderStore({ dir: mkdtempSync(join(tmpdir(), 'zhili-kh-')) });
  keyHolderDriver = kh.driver;
  const keyHolder = new KeyHolder({
    store: kh.store,
    keys: deriveKeyPair(new Uint8Array(32).fill(9)),
    clock: systemClock,
    ids: systemIds(),
  });
  publicKey = keyHolder.publicKeyHex;
  keyHolderApp = Fastify({ logger: false });
  keepRawBodies(keyHolderApp);
  const authenticate = platformAuthenticator({ store: t.hub.store, clock: systemClock });
  await keyHolderApp.register(multiLendingRoutes, {
    authenticatePlatform: async (req) => ({ platformId: (await authenticate(req)).id }),
    authenticateSupervisor: async () => {
      throw new Error('no supervisors here');
    },
    keyHolder,
  });
  keyHolderUrl = await keyHolderApp.listen({ port: 0, host: '127.0.0.1' });

  // Two other platforms lend to the applicant (through the same settings the server reads).
  const asOf = Date.now();
  for (const [i, p] of platforms.slice(1).entries()) {
    const other = openMultiLending(
      loadConfig({ dataDir: tmpdir(), ...lendingConfig(p) }, {}),
      systemClock,
      systemIds(),
    );
    const r = await other!.client.register([
      { idNumber: applicant, loanId: `L${i}`, currency: 'CNY', outstanding: '4000.00', status: 'outstanding', asOf },
    ]);
    expect(r.map((x) => x.outcome)).toEqual(['stored']);
  }

  s = await startServer({ config: { ...lendingConfig(platforms[0]!), hubPushMs: 3_600_000, backgroundThread: false } });
  const maker = await s.login(['analyst', 'approver'], 'maker');
  const checker = await s.login(['approver'], 'checker');
  const doc = defaultRuleSetDocument() as { version: string; rules: unknown[] };
  doc.version = 'multi-lending-1';
  doc.rules.push({
    id: 'many-lenders',
    name: 'Borrowing at two or more other platforms',
    nameZh: '在两家及以上其他平台有未结清借款',
    expression: "event.type == 'loan_application' && credit.external.platforms >= 2",
    reason: 'multi-lending',
    reasonZh: '多头借贷',
    outcome: 'review',
    weight: 1,
  });
  expect((await s.call('POST', '/v1/rulesets', doc, maker)).status).toBe(201);
  for (const [verb, who] of [
    ['submit', maker],
    ['approve', checker],
    ['activate', maker],
  ] as const)
    expect((await s.call('POST', `/v1/rulesets/${doc.version}:${verb}`, {}, who)).status).toBe(200);
}, 60_000);

afterAll(async () => {
  await s?.close();
  await keyHolderApp?.close();
  await keyHolderDriver?.close();
  await t?.close();
});

const application = (customerId: string) => ({
  id: `app-${customerId}`,
  type: 'loan_application',
  occurredAt: '2026-11-26T10:00:00+08:00',
  amount: { value: '3000.00', currency: 'CNY' },
  debtor: { partyId: customerId, partyType: 'person', country: 'CN' },
});

describe('the platform configured for the multi-lending check', () => {
  it('the check at intake returns the totals and the application is decided with them', async () => {
    const checked = await s.call('POST', '/v1/credit/external-checks', {
      customerId: 'c1',
      idNumber: applicant,
      applicationEventId: 'app-c1',
    });
    expect(checked.status).toBe(200);
    expect(checked.body).toEqual({ platforms: 2, outstanding: [{ currency: 'CNY', amount: '8000.00' }] });
    const d = await s.call('POST', '/v1/events', application('c1'));
    expect(d.status).toBe(200);
    expect(d.body.outcome).toBe('review');
    expect(JSON.stringify(d.body)).toContain('many-lenders');

    // An applicant with no loans elsewhere: the rule is read, and does not fire.
    const clean = await s.call('POST', '/v1/credit/external-checks', {
      customerId: 'c2',
      idNumber: '110105198001010016',
      applicationEventId: 'app-c2',
    });
    expect(clean.body).toEqual({ platforms: 0, outstanding: [] });
    const d2 = await s.call('POST', '/v1/events', application('c2'));
    expect(JSON.stringify(d2.body)).not.toContain('many-lenders');
    // No check at hand for this applicant: the rule cannot be read, so the decision fails closed.
    const d3 = await s.call('POST', '/v1/events', application('c4'));
    expect(d3.body.outcome).toBe('review');
  });

  it('the loan book is pushed to the registry under the borrower’s id number from the party record', async () => {
    const party = {
      kind: 'person',
      externalId: 'c1',
      names: [{ full: 'Zhang San', kind: 'primary' }],
      idDocuments: [{ type: 'resident_id', number: applicant }],
    };
    expect((await s.call('POST', '/v1/parties', party)).status).toBe(201);
    const disburse = (customerId: string, loanId: string) => ({
      id: `disb-${loanId}`,
      type: 'loan_disbursement',
      occurredAt: '2026-11-26T10:00:00+08:00',
      amount: { value: '10000.00', currency: 'CNY' },
      debtor: { partyId: 'lender', partyType: 'organization' },
      creditor: { partyId: customerId, partyType: 'person' },
      attributes: { loanId, termMonths: 12, interestRate: 0.12, statedRate: 0.12 },
    });
    expect((await s.call('POST', '/v1/events', disburse('c1', 'L-1'))).status).toBe(200);
    // A borrower without a party record cannot be registered: counted, not sent.
    expect((await s.call('POST', '/v1/events', disburse('c9', 'L-2'))).status).toBe(200);
    const synced = await s.call('POST', '/v1/credit/external-sync');
    expect(synced.status).toBe(200);
    expect(synced.body).toEqual({ registered: 1, settled: 0, skipped: 1, refused: 0 });

    // Another platform now sees this one's loan beside the other lender's.
    const c = openMultiLending(
      loadConfig({ dataDir: tmpdir(), ...lendingConfig(platforms[2]!) }, {}),
      systemClock,
      systemIds(),
    );
    const totals = await c!.client.check(applicant, 'app-elsewhere');
    expect(totals).toEqual({ platforms: 2, outstanding: [{ currency: 'CNY', amount: '14000.00' }] });
  });

  it('with ZHILI_LENDING_SYNC_MS the loan book is pushed without being asked', async () => {
    const borrower = '110105198001010016';
    const other = await startServer({
      config: {
        ...lendingConfig(platforms[2]!),
        lendingSyncMs: 100,
        hubPushMs: 3_600_000,
        backgroundThread: false,
      },
    });
    try {
      const party = { kind: 'person', externalId: 'k1', idDocuments: [{ type: 'resident_id', number: borrower }] };
      expect((await other.call('POST', '/v1/parties', { ...party, names: [{ full: 'Li Si' }] })).status).toBe(201);
      const loan = {
        id: 'disb-k1',
        type: 'loan_disbursement',
        occurredAt: '2026-11-26T10:00:00+08:00',
        amount: { value: '2500.00', currency: 'CNY' },
        debtor: { partyId: 'lender', partyType: 'organization' },
        creditor: { partyId: 'k1', partyType: 'person' },
        attributes: { loanId: 'K-1', termMonths: 6, interestRate: 0.1, statedRate: 0.1 },
      };
      expect((await other.call('POST', '/v1/events', loan)).status).toBe(200);
      let n = 0;
      await expect
        .poll(
          async () =>
            (
              await s.call('POST', '/v1/credit/external-checks', {
                customerId: 'k1',
                idNumber: borrower,
                applicationEventId: `app-k1-${++n}`,
              })
            ).body,
          { timeout: 10_000, interval: 100 },
        )
        .toEqual({ platforms: 1, outstanding: [{ currency: 'CNY', amount: '2500.00' }] });
    } finally {
      await other.close();
    }
  });

  it('refuses a malformed id number and callers without events:write; the route is in the OpenAPI', async () => {
    const bad = await s.call('POST', '/v1/credit/external-checks', {
      customerId: 'c3',
      idNumber: '123',
      applicationEventId: 'app-c3',
    });
    expect(bad.status).toBe(400);
    const anon = await s.call(
      'POST',
      '/v1/credit/external-checks',
      { customerId: 'c3', idNumber: applicant, applicationEventId: 'app-c3' },
      null,
    );
    expect(anon.status).toBe(401);
    const api = await s.call('GET', '/openapi.json');
    expect(Object.keys(api.body.paths)).toContain('/v1/credit/external-checks');
  });
});
