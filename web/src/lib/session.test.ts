import { describe, expect, it } from 'vitest';
import { parseSession } from './session.ts';

describe("the operator's stored session", () => {
  const good = {
    token: 'zs_abc',
    expiresAt: 1_800_000_000_000,
    user: { id: 'usr_1', tenantId: 'ten_1', username: 'li.lei', roles: ['analyst'] },
    timeZone: 'Asia/Shanghai',
  };

  it('is read back when it has the session shape', () => {
    expect(parseSession(JSON.stringify(good))).toEqual(good);
  });

  it('is dropped, not trusted, when it does not (a hub session, wrong roles, broken JSON, nothing)', () => {
    const hub = { token: 'zh_x', expiresAt: 1, supervisor: { id: 's', username: 'alice', admin: true } };
    expect(parseSession(JSON.stringify(hub))).toBeUndefined();
    expect(parseSession(JSON.stringify({ ...good, user: { ...good.user, roles: 'admin' } }))).toBeUndefined();
    expect(parseSession(JSON.stringify({ ...good, timeZone: undefined }))).toBeUndefined();
    expect(parseSession('{')).toBeUndefined();
    expect(parseSession(null)).toBeUndefined();
  });
});
