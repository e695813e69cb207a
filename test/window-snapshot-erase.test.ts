/**
 * Window snapshots hold entity keys — device addresses among them, which events keep sealed at rest. A
 * snapshot is sealed too, and a data subject's erasure drops the tenant's snapshots, so the next restore
 * replays the log as it now reads (the erased fields gone) instead of a snapshot still holding them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteDriver, sqlWindowSnapshots } from '../src/store/adapters.ts';
import { event, startServer, type TestServer } from './support/server.ts';

let s: TestServer;
const ip = '203.0.113.177';

beforeAll(async () => {
  s = await startServer();
});
afterAll(async () => {
  await s?.close();
});

describe('window snapshots and personal data', () => {
  it('are sealed at rest, and dropped when a data subject of the tenant is erased', async () => {
    for (let i = 0; i < 5; i++) {
      const e = event({
        id: `evt-snap-erase-${i}`,
        debtor: { partyId: 'cust-91', partyType: 'person', accountId: 'acc-91', country: 'CN' },
        device: { id: 'dev-91', ip },
      });
      expect((await s.call('POST', '/v1/events', e)).status).toBe(200);
    }
    await s.zhili.engine.drain();
    const [written] = await s.zhili.engine.writeSnapshots();
    expect(written).toMatchObject({ tenantId: s.tenantId, replayed: 5 });

    const file = join(s.dataDir, 'zhili.db');
    const snaps = sqlWindowSnapshots(sqliteDriver(file));
    const stored = await snaps.get(s.tenantId, written!.ruleSetVersion);
    expect(stored?.body.length).toBeGreaterThan(0);
    // Not merely compressed: sealed (AES-256-GCM), so neither gunzip nor a text search finds anything.
    const body = Buffer.from(stored!.body);
    for (const at of [0, 1, 29]) expect(() => gunzipSync(body.subarray(at))).toThrow();
    expect(body.includes(ip) || body.includes('acc-91')).toBe(false);

    const admin = await s.login(['admin']);
    const r = await s.call('POST', '/v1/data-subjects/cust-91/erase', { reason: 'PIPL art. 47 request #91' }, admin);
    expect(r.status).toBe(200);
    expect(await snaps.get(s.tenantId, written!.ruleSetVersion)).toBeUndefined();
    // The file itself: nothing of the address in clear (the WAL included).
    let raw = readFileSync(file);
    try {
      raw = Buffer.concat([raw, readFileSync(`${file}-wal`)]);
    } catch {
      /* checkpointed */
    }
    expect(raw.includes(ip)).toBe(false);
  }, 60_000);
});
