/**
 * The client address of a supervisor sign-in (throttled per address, and audited), over real HTTP:
 * by default the socket's, whatever X-Forwarded-For says, so a spoofed header does not escape an
 * address lock; with ZHILI_HUB_TRUSTED_PROXIES naming the peer, the first address in X-Forwarded-For
 * (from the right) that is not a trusted proxy.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { defaultThrottle } from '../../src/supervision/index.ts';
import { PASSWORD, startHub, type TestHub } from './hub-support.ts';

const hubs: TestHub[] = [];
afterAll(async () => {
  for (const h of hubs) await h.close();
});

async function login(t: TestHub, username: string, password: string, xff?: string) {
  const res = await fetch(`${t.url}/v1/hub/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(xff ? { 'x-forwarded-for': xff } : {}) },
    body: JSON.stringify({ username, password }),
  });
  const body = (await res.json()) as { error?: { code: string } };
  return { status: res.status, code: body.error?.code };
}

/** Fails sign-ins for distinct (unknown) usernames, so that only the address counts up to its limit. */
async function failFromAddress(t: TestHub, xff: (i: number) => string): Promise<void> {
  for (let i = 0; i < defaultThrottle.addressLimit; i++) {
    const r = await login(t, `nobody-${i}`, 'wrong password', xff(i));
    expect(r.status).toBe(401);
  }
}

async function addressesAudited(t: TestHub): Promise<string[]> {
  const rows = await t.hub.store.auditLog(1000);
  return [
    ...new Set(
      rows
        .filter((r) => r.action === 'auth.login_failed')
        .map((r) => (JSON.parse(r.detail) as { address: string }).address),
    ),
  ];
}

describe('supervisor sign-in: the client address', () => {
  it('without trusted proxies, a spoofed X-Forwarded-For does not escape the address lock', async () => {
    const t = await startHub();
    hubs.push(t);
    await t.hub.supervisors.create({ username: 'alice', password: PASSWORD, admin: true }, 'cli');
    // Every attempt claims another client address: all count on the socket's address all the same.
    await failFromAddress(t, (i) => `203.0.113.${i + 1}`);
    const locked = await login(t, 'alice', PASSWORD, '198.51.100.99');
    expect(locked).toEqual({ status: 429, code: 'ZHILI_E_LOGIN_LOCKED' });
    expect(await addressesAudited(t)).toEqual(['127.0.0.1']);
  }, 120_000);

  it('with the peer trusted, the address is the first untrusted one from the right of X-Forwarded-For', async () => {
    const t = await startHub({ ZHILI_HUB_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8' });
    hubs.push(t);
    await t.hub.supervisors.create({ username: 'alice', password: PASSWORD, admin: true }, 'cli');
    // The client puts a made-up address first; the proxy chain appends the real one (and an inner proxy).
    await failFromAddress(t, (i) => `198.51.100.${i + 1}, 203.0.113.7, 10.1.2.3`);
    expect(await addressesAudited(t)).toEqual(['203.0.113.7']);
    // That client is locked, whatever it puts in front…
    expect(await login(t, 'alice', PASSWORD, '192.0.2.55, 203.0.113.7')).toEqual({
      status: 429,
      code: 'ZHILI_E_LOGIN_LOCKED',
    });
    // …and another client behind the same proxy is not.
    expect((await login(t, 'alice', PASSWORD, '203.0.113.8')).status).toBe(200);
  }, 120_000);
});
