import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../support/services.ts';
import { startServer } from '../support/server.ts';

const available = await postgresAvailable();
const schema = uniqueSchema('zhili_disclosure_api');
const cluster = { databaseUrl: `${pgUrl}?schema=${schema}`, masterKey: randomBytes(32).toString('hex') };

/** The composition root opens the disclosure table on the cluster's PostgreSQL, beside the ledger's outbox. */
describe.runIf(available)('disclosure API on PostgreSQL', () => {
  afterAll(async () => {
    await dropSchema(schema);
  });

  it('computes, publishes with four eyes and verifies against the ledger on PostgreSQL', async () => {
    const s = await startServer({ config: cluster, screeningLists: '' });
    try {
      const ev = await s.call('POST', '/v1/events', {
        id: `pg-dsc-${process.pid}`,
        type: 'loan_disbursement',
        occurredAt: '2026-10-08T10:00:00+08:00',
        amount: { value: '6000.00', currency: 'CNY' },
        debtor: { partyId: 'fund-a', partyType: 'organization' },
        creditor: { partyId: 'c1', partyType: 'person' },
        channel: 'api',
        attributes: { loanId: 'PG1', termMonths: 1, payments: '6060.00', relatedParty: 'true' },
      });
      expect(ev.status, JSON.stringify(ev.body)).toBe(200);
      const ana = await s.login(['analyst'], 'ana');
      const bob = await s.login(['approver'], 'bob');
      const d = await s.call('POST', '/v1/disclosures', { period: '2026-10' }, ana);
      expect(d.status, JSON.stringify(d.body)).toBe(201);
      expect(d.body.doc.currencies[0].relatedPartyOutstanding).toEqual({ amount: '6000.00', count: 1 });
      const act = (action: string, t: string) => s.call('POST', `/v1/disclosures/${d.body.id}/actions`, { action }, t);
      await act('submit', ana);
      expect((await act('approve', bob)).body.state).toBe('approved');
      expect((await act('publish', ana)).body.state).toBe('published');
      expect((await act('discard', ana)).body.error.code).toBe('ZHILI_E_DISCLOSURE_PUBLISHED');
      const v = await s.call('GET', `/v1/disclosures/${d.body.id}/verify`, undefined, bob);
      expect(v.body).toMatchObject({ ok: true, ledger: { inclusion: true, signature: true } });
      const json = await fetch(`${s.url}/portal/${s.tenantId}/disclosures/2026-10.json`);
      expect(((await json.json()) as { hash: string }).hash).toBe(d.body.hash);
    } finally {
      await s.close();
    }
  }, 60_000);
});
