/**
 * The hub on PostgreSQL, over real HTTP with one platform: a disclosure verified against the witnessed
 * ledger, then flagged once its stored row is edited, and the flag on the dashboard.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server.ts';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../support/services.ts';
import { PASSWORD, requestKeys, startHub, startPlatform, type TestHub } from './hub-support.ts';

const available = await postgresAvailable();
const schema = uniqueSchema('zhili_hub_filings');
let t: TestHub;
let s: TestServer;
const tok: Record<string, string> = {};
const p = { id: '', origin: 'pg-pay.example/audit', keys: requestKeys('pg-pay.example') };

const ok = (r: { status: number; body: unknown }, status = 200) =>
  expect(r.status, JSON.stringify(r.body)).toBe(status);

if (available) {
  beforeAll(async () => {
    const url = new URL(pgUrl);
    url.searchParams.set('schema', schema);
    t = await startHub({ ZHILI_HUB_DATABASE_URL: url.toString() });
    for (const u of ['alice', 'bob'])
      await t.hub.supervisors.create({ username: u, password: PASSWORD, admin: u === 'alice' }, 'cli');
    tok.alice = await t.login('alice');
    tok.bob = await t.login('bob');
    const r = await t.call(
      'POST',
      '/v1/hub/platforms',
      {
        name: 'PG Pay',
        licenceType: 'payment',
        businessScope: [],
        origin: p.origin,
        ledgerKeys: [requestKeys(p.origin).verifierKey],
        requestKey: p.keys.verifierKey,
      },
      tok.alice,
    );
    ok(r, 201);
    p.id = r.body.id;
    s = await startPlatform(t, p);
    const key = (await s.call('GET', '/v1/ledger/key')).body.keys[0].verifierKey as string;
    ok(await t.call('PUT', `/v1/hub/platforms/${p.id}/ledger-keys`, { ledgerKeys: [key] }, tok.alice));
    const c = await t.call(
      'POST',
      `/v1/hub/platforms/${p.id}/status-changes`,
      { to: 'licensed', reason: 'ok' },
      tok.alice,
    );
    ok(await t.call('POST', `/v1/hub/status-changes/${c.body.id}/approve`, undefined, tok.bob));
  }, 60_000);
  afterAll(async () => {
    await s?.close();
    await t?.close();
    await dropSchema(schema);
  });

  describe('hub filings on PostgreSQL', () => {
    it('verifies a disclosure against the witnessed ledger, then flags it once its stored row is edited', async () => {
      const ana = await s.login(['analyst'], 'ana');
      const apr = await s.login(['approver'], 'apr');
      const created = await s.call('POST', '/v1/disclosures', { period: '2026-10' }, ana);
      ok(created, 201);
      const id = created.body.id as string;
      for (const [action, who] of [
        ['submit', ana],
        ['approve', apr],
        ['publish', ana],
      ] as const)
        ok(await s.call('POST', `/v1/disclosures/${id}/actions`, { action }, who));
      const first = await s.call('POST', '/v1/hub-sync', {});
      ok(first);
      expect(first.body.disclosures).toMatchObject([{ id, state: 'verified' }]);

      const db = new Database(join(s.dataDir, 'zhili.db'));
      const row = db.prepare('SELECT doc FROM disclosure_versions WHERE id = ?').get(id) as { doc: string };
      const record = JSON.parse(row.doc);
      record.doc.participants.cumulativeBorrowers += 100;
      db.prepare('UPDATE disclosure_versions SET doc = ? WHERE id = ?').run(JSON.stringify(record), id);
      db.close();
      const second = await s.call('POST', '/v1/hub-sync', {});
      expect(second.body.disclosures).toMatchObject([{ id, state: 'mismatch' }]);

      const board = await t.call('GET', `/v1/hub/platforms/${p.id}/dashboard`, undefined, tok.bob);
      ok(board);
      expect(board.body.flags.map((f: { code: string }) => f.code)).toEqual(
        expect.arrayContaining(['disclosure_mismatch', 'ledger_alerts']),
      );
      const filings = await t.call('GET', `/v1/hub/platforms/${p.id}/filings`, undefined, tok.bob);
      expect(filings.body.disclosures[0]).toMatchObject({ id, state: 'mismatch' });
      expect(filings.body.indicators).toHaveLength(1);
    }, 60_000);
  });
} else {
  describe.skip('hub filings on PostgreSQL (SKIPPED: server unreachable)', () => undefined);
}
