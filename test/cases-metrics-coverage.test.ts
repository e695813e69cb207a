// Coverage through the whole server: the runtime hands the cases module the parties module's high-risk
// customers, and an event naming one (by the platform's own id) counts it as monitored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionUser } from '../src/runtime/index.ts';
import { event, startServer, type TestServer } from './support/server.ts';

let s: TestServer;
let analyst: string;

beforeAll(async () => {
  s = await startServer();
  analyst = await s.login(['analyst'], 'ana');
});
afterAll(async () => {
  await s?.close();
});

describe('monitoring coverage', () => {
  it('counts high-risk customers and those the rule set in force saw in the period', async () => {
    const party = (externalId: string, nationalities: string[]) =>
      s.call('POST', '/v1/parties', { kind: 'person', externalId, names: [{ full: 'Coverage Test' }], nationalities });
    const risky = await party('cust-kp', ['KP']);
    expect(risky.status, JSON.stringify(risky.body)).toBe(201);
    expect(risky.body.rating.level).toBe('high');
    expect((await party('cust-kp-quiet', ['KP'])).body.rating.level).toBe('high');
    expect((await party('cust-cn', ['CN'])).body.rating.level).toBe('low');
    for (const id of ['cust-kp', 'cust-cn'])
      expect(
        (
          await s.call(
            'POST',
            '/v1/events',
            event({ debtor: { partyId: id, partyType: 'person', accountId: `a-${id}` } }),
          )
        ).status,
      ).toBe(200);
    const m = await s.call(
      'GET',
      `/v1/metrics/compliance?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z`,
      undefined,
      analyst,
    );
    expect(m.status, JSON.stringify(m.body)).toBe(200);
    expect(m.body.coverage).toEqual({
      events: 2,
      monitoredEvents: 2,
      monitoredShare: 1,
      highRiskCustomers: 2,
      highRiskMonitored: 1,
      highRiskMonitoredShare: 0.5,
    });
  });

  it("dates follow the tenant's time zone: /v1/me carries it, the exports name it", async () => {
    const { tenant } = await s.zhili.createTenant('London Pay', 'Europe/London');
    await provisionUser(s.zhili.store, {
      tenantId: tenant.id,
      username: 'lon',
      password: 'a long password',
      roles: ['auditor'],
    });
    const login = await s.call(
      'POST',
      '/v1/auth/login',
      { tenantId: tenant.id, username: 'lon', password: 'a long password' },
      null,
    );
    const token = login.body.token as string;
    const me = await s.call('GET', '/v1/me', undefined, token);
    expect(me.body).toMatchObject({
      kind: 'operator',
      username: 'lon',
      tenant: { id: tenant.id, name: 'London Pay', timeZone: 'Europe/London' },
    });
    expect((await s.call('GET', '/v1/me', undefined, analyst)).body.tenant.timeZone).toBe('Asia/Shanghai');
    const pdf = await s.call(
      'GET',
      '/v1/metrics/compliance/aging/export?format=pdf&lang=en&to=2026-07-01T12:00:00Z',
      undefined,
      token,
    );
    expect(pdf.status).toBe(200);
    // 12:00 UTC is 13:00 in London in summer (parentheses escaped inside a PDF string).
    expect(String(pdf.body)).toContain('2026-07-01 13:00 \\(Europe/London\\)');
  });
});
