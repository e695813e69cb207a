// The consumer sign-in on a server whose records are in PostgreSQL: the code, the session and their
// ledger entries live in the cluster's database, so any node can check a session another node started.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../support/services.ts';
import { startServer } from '../support/server.ts';

const available = await postgresAvailable();
const schema = uniqueSchema('zhili_portal_api');
const cluster = { databaseUrl: `${pgUrl}?schema=${schema}`, masterKey: randomBytes(32).toString('hex') };

describe.runIf(available)('consumer sign-in on PostgreSQL', () => {
  afterAll(async () => {
    await dropSchema(schema);
  });

  it('issues a code, signs in through the form and keeps only hashes in PostgreSQL', async () => {
    const s = await startServer({ config: cluster, screeningLists: '' });
    try {
      const issued = await s.call('POST', '/v1/portal/sign-in-codes', { customerId: 'pg-cust' });
      expect(issued.status).toBe(201);
      const form = await fetch(`${s.url}/portal/test-pay/sign-in`);
      const pre = form.headers.getSetCookie()[0]!.split(';')[0]!;
      const token = /name="form" value="([^"]+)"/.exec(await form.text())![1]!;
      const signIn = await fetch(`${s.url}/portal/test-pay/sign-in`, {
        method: 'POST',
        headers: { cookie: pre, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ code: issued.body.code, form: token }).toString(),
        redirect: 'manual',
      });
      expect(signIn.status).toBe(303);
      const session = signIn.headers
        .getSetCookie()
        .find((c) => !c.startsWith('zp_pre'))!
        .split(';')[0]!;
      const me = await fetch(`${s.url}/portal/test-pay/me?lang=en`, { headers: { cookie: session } });
      expect(await me.text()).toContain('id="customer">pg-cust<');

      const c = new pg.Client({ connectionString: pgUrl });
      await c.connect();
      try {
        const codes = await c.query(`SELECT * FROM ${schema}.portal_sign_in_codes`);
        expect(codes.rows).toHaveLength(1);
        expect(codes.rows[0].used_at).not.toBeNull();
        expect(JSON.stringify(codes.rows)).not.toContain(issued.body.code.replace(/-/g, ''));
        const sessions = await c.query(`SELECT * FROM ${schema}.portal_sessions`);
        expect(sessions.rows).toHaveLength(1);
        expect(JSON.stringify(sessions.rows)).not.toContain(session.split('=')[1]);
      } finally {
        await c.end();
      }
    } finally {
      await s.close();
    }
  }, 60_000);
});
