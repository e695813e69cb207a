import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../support/services.ts';
import { event, startServer } from '../support/server.ts';

const available = await postgresAvailable();
const schema = uniqueSchema('zhili_api');
// Every node of a cluster shares the database and the master key (ZHILI_MASTER_KEY), not a data directory.
const cluster = { databaseUrl: `${pgUrl}?schema=${schema}`, masterKey: randomBytes(32).toString('hex') };

/** The same decision contract on the cluster store: every module on PostgreSQL instead of the embedded SQLite file. */
describe.runIf(available)('decision API on PostgreSQL', () => {
  afterAll(async () => {
    await dropSchema(schema);
  });

  it('decides durably, is idempotent, batches, and rebuilds windows after a restart', async () => {
    const s = await startServer({ config: cluster });
    const debtor = { partyId: 'pg-p1', partyType: 'person', accountId: 'pg-a1', country: 'CN' };
    const e1 = event({ id: 'pg-1', debtor, amount: { value: '30000.00', currency: 'CNY' } });
    const r1 = await s.call('POST', '/v1/events', e1);
    expect(r1.body).toMatchObject({ outcome: 'allow' });
    expect((await s.call('POST', '/v1/events', e1)).body).toEqual(r1.body);
    expect((await s.call('POST', '/v1/events', { ...e1, channel: 'app' })).status).toBe(409);

    const batch = await s.call('POST', '/v1/events:batch', {
      events: [
        event({ id: 'pg-2', debtor, amount: { value: '20000.00', currency: 'CNY' } }),
        event({ id: 'pg-bad', amount: { value: '1.001', currency: 'CNY' } }),
      ],
    });
    expect(batch.body.accepted).toBe(1);
    expect(batch.body.results[0].decision).toMatchObject({
      outcome: 'review',
      obligations: [{ code: '0501', dueBy: '2026-12-03' }],
    });
    expect(batch.body.results[1].error.code).toBe('ZHILI_E_AMOUNT_PRECISION');
    expect((await s.call('GET', '/v1/events/pg-2')).body.event.id).toBe('pg-2');
    const tenantId = s.tenantId;
    const apiKey = s.apiKey;
    await s.close();

    // A new process on the same database: windows come back from the store.
    const again = await startServer({ config: cluster });
    const r3 = await again.call(
      'POST',
      '/v1/events',
      event({ id: 'pg-3', debtor, amount: { value: '1.00', currency: 'CNY' } }),
      apiKey,
    );
    expect(r3.status).toBe(200);
    expect(r3.body.features.lv_cash_out_cny_day).toBe(5_000_100);
    expect(await again.zhili.store.countDecisions(tenantId)).toBe(3);
    await again.close();
  });
});
