/**
 * Personal data in events, tried as a regulator's examiner and an attacker with the database file would:
 * names, ID numbers and phones never on disk in clear, masked on read, revealed only with a reason and
 * on the ledger, and erased on request while the ledger still verifies.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, event, type TestServer } from './support/server.ts';
import { httpSource, parseVerifierKey, verifyLedger } from '../src/ledger/index.ts';

let s: TestServer;
const secrets = ['王秀英', '110101199003071234', '13912345678', 'Shenzhen Nanshan Keyuan Road 9'];
const evt = event({
  id: 'evt-pii-1',
  debtor: { partyId: 'cust-77', partyType: 'person', accountId: 'acc-77', name: '王秀英', country: 'CN' },
  attributes: {
    idNumber: '110101199003071234',
    phone: '13912345678',
    address: 'Shenzhen Nanshan Keyuan Road 9',
    tier: 'gold',
  },
});

function rawDatabase(): string {
  const file = join(s.dataDir, 'zhili.db');
  const db = new Database(file, { readonly: true });
  const rows = db.prepare('SELECT event FROM decisions').all() as { event: string }[];
  db.close();
  // The WAL holds recent pages too: an attacker with the files reads both.
  let wal = '';
  try {
    wal = readFileSync(`${file}-wal`).toString('utf8');
  } catch {
    /* checkpointed */
  }
  return rows.map((r) => r.event).join('\n') + wal;
}

/** The audit actions in the tenant's ledger, once the outbox has reached it. */
async function ledgerActions(token: string): Promise<string[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    await s.zhili.ledger.publishCheckpoint();
    // A C2SP checkpoint note: origin, tree size, root hash, then signatures.
    const note = String((await s.call('GET', '/v1/ledger/checkpoint', undefined, token)).body);
    const size = Number(note.split('\n')[1]);
    const actions: string[] = [];
    for (let i = 0; i < size; i++) {
      const e = await s.call('GET', `/v1/ledger/entries/${i}`, undefined, token);
      if (e.status === 200 && e.body.entry?.kind === 'audit') actions.push(e.body.entry.action);
    }
    if (actions.includes('event.reveal') || Date.now() > deadline) return actions;
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  s = await startServer({
    config: { pbocInstitutionCode: 'ZHILI000000003', pbocBranchCode: 'ZHILI00000000301', pbocAreaCode: 'CHN310000' },
  });
  const r = await s.call('POST', '/v1/events', evt);
  expect(r.status).toBe(200);
});
afterAll(async () => s.close());

describe('personal data in stored events', () => {
  it('is not in the database files in clear', () => {
    const raw = rawDatabase();
    expect(raw).toContain('evt-pii-1');
    for (const v of secrets) expect(raw).not.toContain(v);
  });

  it('comes back masked to the platform and to operators who do not ask', async () => {
    const r = await s.call('GET', '/v1/events/evt-pii-1');
    expect(r.status).toBe(200);
    expect(r.body.revealed).toBe(false);
    expect(r.body.event.debtor.name).toBe('王**');
    expect(r.body.event.attributes.idNumber).toBe('1********');
    expect(r.body.event.attributes.tier).toBe('gold');
    expect(r.headers.get('cache-control')).toBe('no-store');
    for (const v of secrets) expect(JSON.stringify(r.body)).not.toContain(v);
  });

  it('is revealed to an analyst who gives a reason, and the reveal is on the ledger', async () => {
    const analyst = await s.login(['analyst']);
    const noReason = await s.call('GET', '/v1/events/evt-pii-1?reveal=true', undefined, analyst);
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.pointer).toBe('/reason');
    const r = await s.call('GET', '/v1/events/evt-pii-1?reveal=true&reason=case%20review', undefined, analyst);
    expect(r.status).toBe(200);
    expect(r.body.event).toEqual(evt);
    const auditor = await s.login(['auditor']);
    const denied = await s.call('GET', '/v1/events/evt-pii-1?reveal=true&reason=curious', undefined, auditor);
    expect(denied.status).toBe(403);
    const key = await s.call('GET', '/v1/events/evt-pii-1?reveal=true&reason=curious');
    expect(key.status).toBe(403);
    expect(await ledgerActions(analyst)).toContain('event.reveal');
  });

  it('is erased on request (admin only) and the ledger still verifies', async () => {
    const analyst = await s.login(['analyst']);
    const admin = await s.login(['admin']);
    const refused = await s.call('POST', '/v1/data-subjects/cust-77/erase', { reason: 'PIPL request' }, analyst);
    expect(refused.status).toBe(403);
    const bad = await s.call('POST', '/v1/data-subjects/cust-77/erase', {}, admin);
    expect(bad.status).toBe(400);
    const r = await s.call('POST', '/v1/data-subjects/cust-77/erase', { reason: 'PIPL art. 47 request #12' }, admin);
    expect(r.status).toBe(200);
    expect(r.body.eventKeys).toBe(1);
    const after = await s.call('GET', '/v1/events/evt-pii-1?reveal=true&reason=after%20erasure', undefined, admin);
    expect(after.status).toBe(200);
    expect(after.body.event.debtor).toEqual({
      partyId: 'cust-77',
      partyType: 'person',
      accountId: 'acc-77',
      country: 'CN',
    });
    expect(after.body.event.attributes).toEqual({ tier: 'gold' });
    expect(after.body.event.amount).toEqual(evt.amount);

    await s.zhili.ledger.publishCheckpoint();
    const keyText = (await s.call('GET', '/v1/ledger/key')).body.keys[0].verifierKey;
    const v = parseVerifierKey(keyText);
    if (!v.ok) throw new Error(v.reason);
    const report = await verifyLedger(httpSource(s.url, s.apiKey), { verifiers: [v.verifier], full: true });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });
});

describe('personal data in reports', () => {
  const big = event({
    id: 'evt-pii-big',
    type: 'cash_withdrawal',
    amount: { value: '80000.00', currency: 'CNY' },
    debtor: { partyId: 'cust-88', partyType: 'person', accountId: '6222000000000088', name: '赵丽娟', country: 'CN' },
    attributes: { debtorIdNumber: '310101198807151234', debtorIdType: '110001' },
  });
  let reportId = '';

  it('keeps the drafted file sealed at rest and whole for the analyst', async () => {
    expect((await s.call('POST', '/v1/events', big)).status).toBe(200);
    await s.zhili.cases.projector.catchUp();
    const analyst = await s.login(['analyst']);
    const alerts = (await s.call('GET', '/v1/alerts?customerId=cust-88', undefined, analyst)).body.alerts as {
      id: string;
      type: string;
    }[];
    const ob = alerts.find((a) => a.type === 'large_value_report');
    expect(ob).toBeDefined();
    const draft = await s.call('POST', '/v1/reports/pboc/large-value', { alertIds: [ob?.id] }, analyst);
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    reportId = draft.body.report.id;
    const got = await s.call('GET', `/v1/reports/${reportId}`, undefined, analyst);
    expect(got.body.report.payload.xml).toContain('赵丽娟');
    expect(got.body.report.payload.xml).toContain('310101198807151234');
    const db = new Database(join(s.dataDir, 'zhili.db'), { readonly: true });
    const rows = db.prepare('SELECT payload FROM case_reports').all() as { payload: string }[];
    db.close();
    const raw = rows.map((r) => r.payload).join('\n');
    expect(raw).toContain('_sealed');
    expect(raw).not.toContain('赵丽娟');
    expect(raw).not.toContain('310101198807151234');
  });

  it('is gone with its subject: the report reads as erased and cannot be approved', async () => {
    const admin = await s.login(['admin']);
    const approver = await s.login(['approver']);
    const r = await s.call('POST', '/v1/data-subjects/cust-88/erase', { reason: 'PIPL art. 47 request #13' }, admin);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ eventKeys: 1, reports: 1 });
    const got = await s.call('GET', `/v1/reports/${reportId}`, undefined, admin);
    expect(got.status).toBe(200);
    expect(got.body.report.payload).toEqual({ personalDataErased: true });
    const approve = await s.call('POST', `/v1/reports/${reportId}/approve`, {}, approver);
    expect(approve.status).toBe(410);
    expect(approve.body.error.code).toBe('ZHILI_E_PERSONAL_DATA_ERASED');
  });
});
