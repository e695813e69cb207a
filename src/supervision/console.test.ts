// The hub's console routes over real HTTP: GET /v1/hub/info tells the console it runs on a hub (public,
// with the status machine the pages offer), supervisors' names need a session, the built console is
// served at /console with the same security headers as the platform's.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startHub, type TestHub } from '../../test/supervision/hub-support.ts';
import { allowedNext, platformStatuses } from './core/status.ts';

let t: TestHub;
let token = '';
let bobId = '';

beforeAll(async () => {
  t = await startHub();
  await t.hub.supervisors.create({ username: 'alice', password: PASSWORD, admin: true }, 'cli');
  bobId = (await t.hub.supervisors.create({ username: 'bob', password: PASSWORD, admin: false }, 'cli')).id;
  token = await t.login('alice');
});
afterAll(() => t?.close());

describe('the hub console routes', () => {
  it('GET /v1/hub/info answers without a session: a hub, with every status and where it may go', async () => {
    const r = await t.call('GET', '/v1/hub/info');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ server: 'hub', name: 'Zhili supervision hub', nameZh: '治理监管枢纽' });
    expect(Object.keys(r.body.transitions).sort()).toEqual([...platformStatuses].sort());
    for (const s of platformStatuses) expect(r.body.transitions[s]).toEqual(allowedNext(s));
  });

  it("a supervisor's name needs a session; an unknown id is a 404 with its pointer; a bad id a 400", async () => {
    const anonymous = await t.call('GET', `/v1/hub/supervisors/${bobId}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('ZHILI_E_UNAUTHENTICATED');
    const r = await t.call('GET', `/v1/hub/supervisors/${bobId}`, undefined, token);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ id: bobId, username: 'bob' });
    expect(r.body).not.toHaveProperty('passwordHash');
    const missing = await t.call('GET', '/v1/hub/supervisors/sup_nobody', undefined, token);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'ZHILI_E_NOT_FOUND', pointer: '/id' });
    const bad = await t.call('GET', '/v1/hub/supervisors/a%20b', undefined, token);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('ZHILI_E_VALIDATION');
  });

  it('both routes are in the OpenAPI document the hub client is generated from', async () => {
    const doc = await t.call('GET', '/openapi.json');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/v1/hub/info', '/v1/hub/supervisors/{id}']));
  });

  it.skipIf(!existsSync('web/dist/index.html'))(
    'serves the console at /console with a strict CSP, client routes get the app',
    async () => {
      for (const path of ['/console/', '/console/platforms/plat_x/exit-plan']) {
        const res = await fetch(t.url + path);
        expect(res.status, path).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/text\/html/);
        expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
        expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
        expect(res.headers.get('x-frame-options')).toBe('DENY');
        expect(await res.text()).toMatch(/<div id="root">/);
      }
      expect((await fetch(`${t.url}/console/assets/missing.js`)).status).toBe(404);
    },
  );
});
