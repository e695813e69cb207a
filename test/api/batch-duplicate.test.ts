import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event, startServer, type TestServer } from '../support/server.ts';

/** The embedded store: a batch holding one id twice decides it once and replays it for the second. */
describe('a batch with a duplicate id (SQLite)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer();
  });
  afterAll(async () => {
    await s.close();
  });

  it('answers the duplicate with the first decision and stores the others', async () => {
    const [x, y] = [event(), event()];
    const r = await s.call('POST', '/v1/events:batch', { events: [x, y, x, { ...y, channel: 'app' }] });
    expect(r.status).toBe(200);
    expect(r.body.results[2].decision).toEqual(r.body.results[0].decision);
    expect(r.body.results[1].decision.eventId).toBe(y.id);
    // The same id with another body is a conflict, and fails only itself.
    expect(r.body.results[3].error.code).toBe('ZHILI_E_IDEMPOTENCY_CONFLICT');
    expect(await s.zhili.store.countDecisions(s.tenantId)).toBe(2);
    const again = await s.call('POST', '/v1/events', x);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(r.body.results[0].decision);
  });
});
