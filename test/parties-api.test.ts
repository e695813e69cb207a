import { join } from 'node:path';
import { loadMasterKey, openSqlitePartyStore } from '../src/parties/adapters.ts';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../src/http/errors.ts';
import { typeboxValidatorCompiler } from '../src/http/validation.ts';
import { systemClock, systemIds, type AuditSink } from '../src/kernel/index.ts';
import { createParties, partiesRoutes, type PartiesModule } from '../src/parties/index.ts';
import { listVersion, xiEntry, zhang } from './parties-support.ts';
import { startServer, type TestServer } from './support/server.ts';

let s: TestServer;
let mod: PartiesModule;
let app: FastifyInstance;
let url: string;
const tok: Record<string, string> = {};
const audits: Parameters<AuditSink>[0][] = [];

async function call(
  who: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const res = await fetch(url + path, {
    method,
    headers: {
      ...(who ? { authorization: `Bearer ${tok[who]}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  // Only the list this test puts: the parties' screening names exactly the versions it used.
  s = await startServer({ screeningLists: '' });
  s.zhili.screening.put(listVersion('ofac-sdn'), [xiEntry()]);
  mod = await createParties({
    access: s.zhili.access,
    clock: systemClock,
    ids: systemIds(),
    screening: s.zhili.screening,
    partyStore: openSqlitePartyStore(join(s.dataDir, 'zhili.db')),
    master: loadMasterKey({ dataDir: s.dataDir }),
    audit: async (e) => {
      audits.push(e);
      return s.zhili.ledger.appendAudit(e);
    },
  });
  app = Fastify();
  app.setValidatorCompiler(typeboxValidatorCompiler);
  app.setErrorHandler(errorHandler);
  await app.register(partiesRoutes, mod.routes);
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  tok.key = s.apiKey;
  tok.adm = await s.login(['admin'], 'adm');
  tok.ana = await s.login(['analyst'], 'ana');
  tok.apr = await s.login(['approver'], 'apr');
  tok.aud = await s.login(['auditor'], 'aud');
});
afterAll(async () => {
  await app.close();
  await mod.close();
  await s.close();
});

describe('parties over HTTP', () => {
  it('creates a party with the API key and answers it masked, screened and rated', async () => {
    const r = await call('key', 'POST', '/v1/parties', zhang);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      kind: 'person',
      version: 1,
      externalId: 'cust-001',
      current: { pii: 'masked', actor: expect.stringMatching(/^key:/) },
      rating: { level: 'low' },
    });
    expect(r.body.current.data.phones).toEqual(['138****5678']);
    expect(r.body.current.data.names[0].full).toBe('张**');
    expect(r.body.screening.listVersions).toEqual(['ofac-sdn@aaaaaaaaaaaa']);
    expect(['generated', 'file']).toContain(mod.master.source);
  });

  it('refuses C3 data with a pointer, unknown fields and missing credentials', async () => {
    const c3 = await call('key', 'POST', '/v1/parties', {
      ...zhang,
      bankCards: [{ number: '6222021234567890', cvv: '123' }],
    });
    expect(c3.status).toBe(400);
    expect(c3.body.error).toMatchObject({ pointer: '/bankCards/0/cvv' });
    expect(c3.body.error.messageZh).toContain('C3');
    expect((await call('key', 'POST', '/v1/parties', { ...zhang, shoeSize: 42 })).status).toBe(400);
    expect((await call(null, 'POST', '/v1/parties', zhang)).status).toBe(401);
    expect((await call('aud', 'POST', '/v1/parties', zhang)).status).toBe(403);
  });

  it('reveals only to admin and analyst who ask, and records each reveal', async () => {
    const { body: p } = await call('key', 'POST', '/v1/parties', zhang);
    expect((await call('aud', 'GET', `/v1/parties/${p.id}`)).body.current.data.phones).toEqual(['138****5678']);
    expect((await call('ana', 'GET', `/v1/parties/${p.id}`)).body.current.pii).toBe('masked');
    expect((await call('aud', 'GET', `/v1/parties/${p.id}?reveal=true`)).status).toBe(403);
    expect((await call('apr', 'GET', `/v1/parties/${p.id}?reveal=true`)).status).toBe(403);
    expect((await call('key', 'GET', `/v1/parties/${p.id}?reveal=true`)).status).toBe(403);
    audits.length = 0;
    const clear = await call('ana', 'GET', `/v1/parties/${p.id}?reveal=true`);
    expect(clear.status).toBe(200);
    expect(clear.body.current.data.phones).toEqual(zhang.phones);
    expect(audits).toEqual([
      expect.objectContaining({ action: 'party.reveal', subjectId: p.id, dataHash: p.current.contentHash }),
    ]);
    expect(JSON.stringify(audits)).not.toContain('1381234');
  });

  it('updates with history, refuses a stale version, and looks parties up by phone', async () => {
    const { body: p } = await call('key', 'POST', '/v1/parties', { ...zhang, phones: ['13700000000'] });
    const u = await call('ana', 'PUT', `/v1/parties/${p.id}`, {
      ...zhang,
      phones: ['13700000001'],
      expectedVersion: 1,
    });
    expect(u.status).toBe(200);
    expect(u.body.version).toBe(2);
    expect((await call('ana', 'PUT', `/v1/parties/${p.id}`, { ...zhang, expectedVersion: 1 })).status).toBe(409);
    const vs = await call('aud', 'GET', `/v1/parties/${p.id}/versions`);
    expect(vs.body.versions.map((v: any) => v.data.phones[0])).toEqual(['137****0000', '137****0001']);
    expect((await call('aud', 'GET', '/v1/parties?phone=%2B86%20137-0000-0001')).body).toEqual({ partyIds: [p.id] });
    expect((await call('aud', 'GET', '/v1/parties?phone=13700000000')).body).toEqual({ partyIds: [] });
    expect((await call('aud', 'GET', '/v1/parties')).status).toBe(400);
  });

  it('lets a reviewer decide a hit and re-rates at once', async () => {
    const { body: p } = await call('key', 'POST', '/v1/parties', {
      kind: 'person',
      names: [{ full: '习近平' }],
      dateOfBirth: '1953-06-15',
      nationalities: ['CN'],
    });
    expect(p.rating.level).toBe('high');
    const hitId = p.screening.hits[0].id;
    expect(
      (await call('aud', 'POST', `/v1/party-hits/${hitId}/decision`, { decision: 'confirmed', reason: 'x' })).status,
    ).toBe(403);
    // Four eyes on a blocking true match: the analyst requests, an approver (not the analyst) confirms.
    const asked = await call('ana', 'POST', `/v1/party-hits/${hitId}/decision`, {
      decision: 'confirmed',
      reason: '同一人',
    });
    expect(asked.body.hit).toMatchObject({ status: 'confirm_requested' });
    expect(asked.body.party.rating).toMatchObject({ level: 'high' });
    const again = await call('ana', 'POST', `/v1/party-hits/${hitId}/decision`, { decision: 'confirmed', reason: 'x' });
    expect(again.body.error.code).toBe('ZHILI_E_FOUR_EYES');
    const d = await call('apr', 'POST', `/v1/party-hits/${hitId}/decision`, {
      decision: 'confirmed',
      reason: '同一人',
    });
    expect(d.status).toBe(200);
    expect(d.body.hit).toMatchObject({ status: 'confirmed' });
    expect(d.body.party.rating).toMatchObject({ level: 'prohibited' });
    expect(d.body.party.rating.reasons[0].zh).toContain('制裁');
    expect((await call('aud', 'GET', `/v1/parties/${p.id}/ratings`)).body.ratings.map((r: any) => r.level)).toEqual([
      'high',
      'prohibited',
    ]);
    expect((await call('aud', 'GET', `/v1/parties/${p.id}/hits`)).body.hits).toHaveLength(1);
    expect((await call('ana', 'POST', `/v1/parties/${p.id}/screen`)).body).toEqual({
      newHits: 0,
      listVersions: ['ofac-sdn@aaaaaaaaaaaa'],
    });
    expect((await call('aud', 'POST', `/v1/parties/${p.id}/screen`)).status).toBe(403);
  });

  it('erases personal data (admin only)', async () => {
    const { body: p } = await call('key', 'POST', '/v1/parties', zhang);
    expect((await call('ana', 'DELETE', `/v1/parties/${p.id}/personal-data`)).status).toBe(403);
    expect((await call('adm', 'DELETE', `/v1/parties/${p.id}/personal-data`)).status).toBe(204);
    const after = await call('adm', 'GET', `/v1/parties/${p.id}?reveal=true`);
    expect(after.body.current.pii).toBe('erased');
    expect(after.body.current.data.names).toBeUndefined();
    expect((await call('adm', 'GET', '/v1/parties/pty_nope')).status).toBe(404);
  });
});
