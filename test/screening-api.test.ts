import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessService } from '../src/access/index.ts';
import { toZhiliError } from '../src/http/index.ts';
import { fixedClock, systemIds, type ZhiliError } from '../src/kernel/index.ts';
import { ScreeningService, screeningRoutes, type ListEntry } from '../src/screening/index.ts';
import type { Store } from '../src/store/index.ts';
import { openSqliteStore } from '../src/store/adapters.ts';

// A small Fastify instance with only the screening plugin, the house validator and error shape.
let app: FastifyInstance;
let store: Store;
let apiKey: string;

const xi: ListEntry = {
  id: 'T-1',
  listId: 'own',
  kind: 'person',
  names: [
    { full: 'XI, Jinping', kind: 'primary', weak: false },
    { full: 'XJP', kind: 'aka', weak: true },
  ],
  dobs: [{ year: 1953 }],
  nationalities: ['CN'],
  countries: [],
  ids: [],
  programs: [],
};

beforeAll(async () => {
  store = openSqliteStore(':memory:');
  await store.migrate();
  const clock = fixedClock(Date.UTC(2026, 0, 1));
  const access = new AccessService({ store, clock, ids: systemIds() });
  apiKey = (await access.createTenant('Screen Pay', 'Asia/Shanghai')).apiKey;
  const screening = new ScreeningService({ clock });
  screening.put(
    {
      listId: 'own',
      source: 'generic',
      version: 'own@000000000001',
      contentHash: '0'.repeat(64),
      loadedAt: clock.now(),
      loadMs: 0,
      counts: {
        entries: 1,
        persons: 1,
        organisations: 0,
        vessels: 0,
        aircraft: 0,
        names: 2,
        weakAliases: 1,
        idDocuments: 0,
      },
    },
    [xi],
  );
  app = Fastify();
  app.setErrorHandler((e: unknown, _req, reply) => {
    const z: ZhiliError = toZhiliError(e);
    return reply.code(z.status).send(z.toJSON());
  });
  app.addSchema({ $id: 'ErrorBody', type: 'object', additionalProperties: true });
  await app.register(screeningRoutes, { screening, access });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await store.close();
});

const post = (body: unknown, key: string | null = apiKey) =>
  app.inject({
    method: 'POST',
    url: '/v1/screen',
    payload: body as object,
    headers: key ? { authorization: `Bearer ${key}` } : {},
  });

describe('POST /v1/screen', () => {
  it('screens one query and explains the hit, naming the list versions used', async () => {
    const r = await post({ query: { name: '习近平', dob: '1953', country: 'CN' } });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.listVersions).toEqual(['own@000000000001']);
    expect(body.results[0].hits[0]).toMatchObject({ listId: 'own', entryId: 'T-1', weakOnly: false });
    expect(body.results[0].hits[0].parts.some((p: any) => p.method === 'pinyin')).toBe(true);
    expect(body.results[0].hits[0].factors.map((f: any) => f.factor)).toEqual(
      expect.arrayContaining(['name', 'dob', 'country']),
    );
  });
  it('screens a batch, one result per query in order', async () => {
    const r = await post({ queries: [{ name: 'John Smith' }, { name: 'Xi Jinping' }, { name: 'XJP' }] });
    expect(r.statusCode).toBe(200);
    const { results } = r.json();
    expect(results.map((x: any) => x.hits.length)).toEqual([0, 1, 1]);
    expect(results[2].hits[0]).toMatchObject({ weakOnly: true, recommendation: 'review' });
  });
  it('rejects bad input with a 400 and a pointer, and unauthenticated calls with 401', async () => {
    const bad = await post({ query: { name: '' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('ZHILI_E_VALIDATION');
    const neither = await post({});
    expect(neither.statusCode).toBe(400);
    expect((await post({ query: { name: 'x' } }, null)).statusCode).toBe(401);
  });
  it('lists the loaded versions', async () => {
    const r = await app.inject({
      method: 'GET',
      url: '/v1/screening/lists',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()[0]).toMatchObject({ listId: 'own', version: 'own@000000000001' });
  });
});
