import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../support/services.ts';
import { startServer } from '../support/server.ts';

const available = await postgresAvailable();
const schema = uniqueSchema('zhili_complaints_api');
const cluster = { databaseUrl: `${pgUrl}?schema=${schema}`, masterKey: randomBytes(32).toString('hex') };

/** The composition root opens the complaint tables on the cluster's PostgreSQL too. */
describe.runIf(available)('complaints API on PostgreSQL', () => {
  afterAll(async () => {
    await dropSchema(schema);
  });

  it('files, decides with four eyes and pays from the reserve on PostgreSQL', async () => {
    const s = await startServer({ config: cluster });
    try {
      const ana = await s.login(['analyst'], 'ana');
      const bob = await s.login(['approver'], 'bob');
      const adm = await s.login(['admin'], 'adm');
      await s.call(
        'POST',
        '/v1/risk-reserve/movements',
        { kind: 'deposit', amount: { value: '500.00', currency: 'CNY' } },
        adm,
      );
      const id = (
        await s.call('POST', '/v1/complaints', {
          customerId: 'c-1',
          channel: 'console',
          category: 'B07',
          cause: 'C09',
          complainant: { name: '李四' },
        })
      ).body.id as string;
      const act = (t: string, b: Record<string, unknown>) => s.call('POST', `/v1/complaints/${id}/actions`, b, t);
      await act(ana, { action: 'investigate' });
      await act(ana, { action: 'propose', outcome: 'upheld', compensation: { value: '1200.00', currency: 'CNY' } });
      expect((await act(ana, { action: 'approve' })).status).toBe(403);
      expect((await act(bob, { action: 'approve' })).body.state).toBe('decision_approved');
      // The reserve holds CNY 500.00: the payout is refused and the complaint stays approved.
      const short = await act(ana, { action: 'communicate' });
      expect(short.body.error.code).toBe('ZHILI_E_RESERVE_INSUFFICIENT');
      await s.call(
        'POST',
        '/v1/risk-reserve/movements',
        { kind: 'deposit', amount: { value: '1000.00', currency: 'CNY' } },
        adm,
      );
      expect((await act(ana, { action: 'communicate' })).body.state).toBe('communicated');
      expect((await s.call('GET', '/v1/risk-reserve', undefined, adm)).body.balances).toEqual([
        { value: '300.00', currency: 'CNY' },
      ]);
      const shown = await s.call('GET', `/v1/complaints/${id}?reveal=true`, undefined, adm);
      expect(shown.body.personal).toEqual({ complainant: { name: '李四' } });
      const h = (await s.call('GET', `/v1/complaints/${id}/history`, undefined, adm)).body.history as {
        action: string;
      }[];
      // Refused steps (the proposer's approval, the short payout) leave no trace.
      expect(h.map((e) => e.action)).toEqual(['file', 'investigate', 'propose', 'approve', 'communicate']);
    } finally {
      await s.close();
    }
  });
});
