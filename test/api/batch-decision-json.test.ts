/**
 * One walk of the body: a decision's JSON is made once when it is decided, stored as it is and sent as
 * it is (single events and batches), and the event is stored as the canonical JSON its hash is taken
 * of. What a client gets must be what the schema-checked read-back gives, and an event with personal
 * fields must still be stored sealed — never as the plaintext text made before sealing.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event, startServer, type TestServer } from '../support/server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(async () => s.close());

const named = (id: string) =>
  event({
    id,
    amount: { value: '60000.00', currency: 'CNY' },
    debtor: { partyId: `p-${id}`, partyType: 'person', accountId: 'a-1', country: 'CN', name: 'Zhang Sanfeng 张三丰' },
    attributes: { phone: '13800138000', memo: 'rent' },
  });

describe('decisions serialised once', () => {
  it('answers a single event and a batch with what the read-back gives, and stores personal fields sealed', async () => {
    const one = await s.call('POST', '/v1/events', named('json-1'));
    expect(one.status).toBe(200);
    expect(one.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const batch = await s.call('POST', '/v1/events:batch', {
      events: [named('json-2'), event({ id: 'json-3' }), { id: 'json-bad' }],
    });
    expect(batch.status).toBe(200);
    expect(batch.body).toMatchObject({ accepted: 2, rejected: 1 });
    expect(batch.body.results[2]).toMatchObject({ index: 2, status: 400, error: { code: 'ZHILI_E_VALIDATION' } });

    const answered = {
      'json-1': one.body,
      'json-2': batch.body.results[0].decision,
      'json-3': batch.body.results[1].decision,
    };
    for (const [id, decision] of Object.entries(answered)) {
      const back = await s.call('GET', `/v1/events/${id}`);
      expect(back.status).toBe(200);
      expect(decision).toEqual(back.body.decision);
    }
    expect(one.body.obligations.length).toBeGreaterThan(0); // the large-value report: a full decision

    // Replays are answered from the store, the same decision.
    const replay = await s.call('POST', '/v1/events', named('json-1'));
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body).toEqual(one.body);

    // At rest: the names and the phone number only as ciphertext; the rest of the event as sent.
    await s.zhili.engine.drain();
    const db = new Database(join(s.dataDir, 'zhili.db'), { readonly: true });
    try {
      const rows = db
        .prepare("SELECT event_id, event FROM decisions WHERE event_id IN ('json-1', 'json-2', 'json-3')")
        .all() as { event_id: string; event: string }[];
      expect(rows).toHaveLength(3);
      for (const r of rows) {
        expect(r.event).not.toContain('Zhang');
        expect(r.event).not.toContain('13800138000');
        expect(r.event).not.toContain('203.0.113.7');
        expect(JSON.parse(r.event)).toMatchObject({ id: r.event_id, channel: 'counter' });
      }
    } finally {
      db.close();
    }
    // Opened by the store, the event is the one sent, personal fields included.
    const opened = await s.zhili.store.getDecision(s.tenantId, 'json-2');
    expect(opened?.event).toEqual(named('json-2'));
  });
});
