import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../support/services.ts';
import { event, startServer } from '../support/server.ts';

const available = await postgresAvailable();
const schema = uniqueSchema('zhili_rights_api');
const cluster = {
  databaseUrl: `${pgUrl}?schema=${schema}`,
  masterKey: randomBytes(32).toString('hex'),
  maxEventLoopDelayMs: 0,
};

/** The composition root opens the rights and incident registers on the cluster's PostgreSQL too. */
describe.runIf(available)('data-subject requests and incidents on PostgreSQL', () => {
  afterAll(async () => {
    await dropSchema(schema);
  });

  it('exports and shreds a subject, and runs an incident to its report, on PostgreSQL', async () => {
    const s = await startServer({ config: cluster });
    try {
      const ana = await s.login(['analyst'], 'ana');
      const bob = await s.login(['approver'], 'bob');
      const e = event({
        id: 'evt-pg-dsr',
        debtor: { partyId: 'cust-pg', partyType: 'person', accountId: 'a-pg', name: '吴丽', country: 'CN' },
      });
      expect((await s.call('POST', '/v1/events', e)).status).toBe(200);
      const copy = (await s.call('POST', '/v1/data-subject-requests', { subject: 'cust-pg', kind: 'copy' })).body.id;
      await s.call('POST', `/v1/data-subject-requests/${copy}/verify`, { method: 'account_login' }, ana);
      const exp = await s.call('POST', `/v1/data-subject-requests/${copy}/export`, {}, ana);
      expect(exp.body.events[0].event.debtor.name).toBe('吴丽');
      const del = (await s.call('POST', '/v1/data-subject-requests', { subject: 'cust-pg', kind: 'deletion' })).body.id;
      await s.call('POST', `/v1/data-subject-requests/${del}/verify`, { method: 'id_document' }, ana);
      const done = await s.call('POST', `/v1/data-subject-requests/${del}/fulfil`, {}, bob);
      expect(done.body.answer.erased.eventKeys).toBe(1);
      const after = await s.call('GET', '/v1/events/evt-pg-dsr?reveal=true&reason=check', undefined, ana);
      expect(JSON.stringify(after.body)).not.toContain('吴丽');

      const inc = (
        await s.call('POST', '/v1/incidents', { type: 'data_breach', title: 'Leak', facts: { personalInfo: true } })
      ).body;
      expect(inc.notices.map((n: { authority: string }) => n.authority)).toEqual(['pipl']);
      await s.call('POST', `/v1/incidents/${inc.id}/actions`, { action: 'resolve' }, ana);
      await s.call(
        'PUT',
        `/v1/incidents/${inc.id}/report`,
        { summary: 's', rootCause: 'r', actions: [], lessons: [] },
        ana,
      );
      await s.call('POST', `/v1/incidents/${inc.id}/report/approve`, undefined, bob);
      expect((await s.call('POST', `/v1/incidents/${inc.id}/actions`, { action: 'close' }, ana)).body.state).toBe(
        'closed',
      );
    } finally {
      await s.close();
    }
  });
});
