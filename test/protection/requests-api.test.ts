/**
 * Data-subject requests over real HTTP on SQLite: the identity check, an access export of what the
 * platform holds, a deletion that really crypto-shreds the subject's events (seen through the event
 * reveal path), four eyes on the deletion, refusals with reasons, and a deadline across National Day.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqliteDriver } from '../../src/store/adapters.ts';
import { event, startServer, type TestServer } from '../support/server.ts';

let s: TestServer;
let analyst: string;
let approver: string;
let admin: string;
let auditor: string;

const secrets = ['周小燕', '110101199204051234', '13700001111'];
const evtId = `evt-dsr-${process.pid}`;

beforeAll(async () => {
  // The machine running the tests is shared and loaded: no event-loop shedding here.
  s = await startServer({ config: { maxEventLoopDelayMs: 0 } });
  analyst = await s.login(['analyst'], 'ana');
  approver = await s.login(['approver'], 'bob');
  admin = await s.login(['admin'], 'adm');
  auditor = await s.login(['auditor'], 'aud');
  const e = event({
    id: evtId,
    debtor: { partyId: 'cust-dsr', partyType: 'person', accountId: 'acc-dsr', name: secrets[0], country: 'CN' },
    attributes: { idNumber: secrets[1], phone: secrets[2], tier: 'silver' },
  });
  expect((await s.call('POST', '/v1/events', e)).status).toBe(200);
  const c = await s.call('POST', '/v1/complaints', {
    customerId: 'cust-dsr',
    channel: 'api',
    category: 'B05',
    cause: 'C05',
    complainant: { name: secrets[0], phone: secrets[2] },
  });
  expect(c.status).toBe(201);
});
afterAll(() => s.close());

const file = (body: Record<string, unknown>, token?: string) =>
  s.call('POST', '/v1/data-subject-requests', body, token);
const step = (id: string, name: string, body: Record<string, unknown>, token: string) =>
  s.call('POST', `/v1/data-subject-requests/${id}/${name}`, body, token);

describe('data-subject requests over HTTP', () => {
  it('access: identity checked, then a JSON export of the party’s events and complaints, hash on the request', async () => {
    const filed = await file({ subject: 'cust-dsr', kind: 'access', channel: 'app' });
    expect(filed.status).toBe(201);
    const id = filed.body.id as string;
    expect(filed.body).toMatchObject({ state: 'received', next: ['verify', 'refuse'] });
    expect(filed.body.deadline).toMatchObject({ policy: 'app-rules', days: 15, dayKind: 'working', status: 'on_time' });
    expect(filed.body.deadline.source).toContain('国信办秘字〔2019〕191号');

    expect((await step(id, 'export', {}, analyst)).body.error.code).toBe('ZHILI_E_DSR_TRANSITION');
    expect((await step(id, 'fulfil', {}, analyst)).body.error.code).toBe('ZHILI_E_DSR_TRANSITION');
    // An API key files requests but does not check identities.
    expect((await step(id, 'verify', { method: 'account_login' }, s.apiKey)).status).toBe(403);
    const verified = await step(
      id,
      'verify',
      { method: 'id_document', evidence: 'ID card seen at counter 3' },
      analyst,
    );
    expect(verified.status).toBe(200);
    expect(verified.body.verification).toMatchObject({ method: 'id_document', checkedBy: expect.any(String) });
    expect(JSON.stringify(verified.body)).not.toContain('counter 3');
    expect((await step(id, 'fulfil', {}, analyst)).body.error.code).toBe('ZHILI_E_DSR_EXPORT_FIRST');
    expect((await step(id, 'export', {}, auditor)).status).toBe(403);

    const exp = await step(id, 'export', {}, analyst);
    expect(exp.status).toBe(200);
    expect(exp.headers.get('content-disposition')).toBe(`attachment; filename="${id}-export.json"`);
    expect(exp.body).toMatchObject({ format: 'zhili.subject-export/1', subject: 'cust-dsr', party: null });
    expect(exp.body.events).toHaveLength(1);
    expect(exp.body.events[0].event.debtor.name).toBe(secrets[0]);
    expect(exp.body.events[0].event.attributes.idNumber).toBe(secrets[1]);
    expect(exp.body.complaints[0].personal.complainant.name).toBe(secrets[0]);

    const done = await step(id, 'fulfil', { note: 'sent by registered mail' }, analyst);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ state: 'fulfilled', answer: { outcome: 'fulfilled' }, next: [] });
    expect(done.body.export.hash).toBe(exp.headers.get('x-zhili-export-sha256'));
    expect(done.body.deadline.status).toBe('met');

    const hr = await s.call('GET', `/v1/data-subject-requests/${id}/history`, undefined, auditor);
    expect(hr.status, JSON.stringify(hr.body)).toBe(200);
    const h = hr.body.history;
    expect(h.map((x: { action: string }) => x.action)).toEqual([
      'dsr.received',
      'dsr.verified',
      'dsr.exported',
      'dsr.fulfilled',
    ]);
    for (const v of secrets) expect(JSON.stringify(h)).not.toContain(v);
  });

  it('deletion: carried out by a second operator, it crypto-shreds the subject’s events and complaints', async () => {
    const before = await s.call('GET', `/v1/events/${evtId}?reveal=true&reason=before%20deletion`, undefined, admin);
    expect(before.body.event.debtor.name).toBe(secrets[0]);

    const id = (await file({ subject: 'cust-dsr', kind: 'deletion' })).body.id as string;
    await step(id, 'verify', { method: 'face_match' }, admin);
    // The operator who accepted the identity may not also erase; an analyst may not erase at all.
    expect((await step(id, 'fulfil', {}, admin)).body.error.code).toBe('ZHILI_E_FOUR_EYES');
    expect((await step(id, 'fulfil', {}, analyst)).status).toBe(403);
    const done = await step(id, 'fulfil', {}, approver);
    expect(done.status).toBe(200);
    expect(done.body.answer.erased).toEqual({ eventKeys: 1, reports: 0, party: false, complaints: 1 });

    const after = await s.call('GET', `/v1/events/${evtId}?reveal=true&reason=after%20deletion`, undefined, admin);
    expect(after.status).toBe(200);
    expect(after.body.event.debtor).toEqual({
      partyId: 'cust-dsr',
      partyType: 'person',
      accountId: 'acc-dsr',
      country: 'CN',
    });
    expect(after.body.event.attributes).toEqual({ tier: 'silver' });
    for (const v of secrets) expect(JSON.stringify(after.body)).not.toContain(v);
    expect((await step(id, 'refuse', { reason: 'too late' }, admin)).body.error.code).toBe('ZHILI_E_DSR_TRANSITION');

    // Every step is on the audit ledger, as ids and hashes: no name, ID number or phone, not even the subject.
    await s.zhili.ledger.catchUp();
    const entries: string[] = [];
    for (let i = 0; ; i++) {
      const row = await s.zhili.ledger.entry(i);
      if (!row) break;
      entries.push(row.entry);
    }
    const actions = entries.map((e) => (JSON.parse(e) as { action?: string }).action);
    expect(actions).toEqual(expect.arrayContaining(['dsr.received', 'dsr.verified', 'dsr.fulfilled']));
    const ours = entries.filter((e) => e.includes(id));
    expect(ours.length).toBe(3);
    for (const v of [...secrets, 'cust-dsr']) for (const e of ours) expect(e).not.toContain(v);
  });

  it('deletion of a registered customer destroys the party record’s key too, through the parties module', async () => {
    const party = await s.call('POST', '/v1/parties', {
      kind: 'person',
      externalId: 'cust-reg',
      names: [{ full: '钱多多' }],
    });
    expect(party.status).toBe(201);
    const copy = (await file({ subject: 'cust-reg', kind: 'copy' })).body.id as string;
    await step(copy, 'verify', { method: 'id_document' }, analyst);
    const exp = await step(copy, 'export', {}, analyst);
    expect(JSON.stringify(exp.body.party)).toContain('钱多多');
    const del = (await file({ subject: 'cust-reg', kind: 'deletion' })).body.id as string;
    await step(del, 'verify', { method: 'id_document' }, analyst);
    const done = await step(del, 'fulfil', {}, approver);
    expect(done.body.answer.erased).toMatchObject({ party: true });
    const after = await s.call('GET', `/v1/parties/${party.body.id}?reveal=true&reason=check`, undefined, admin);
    expect(after.body.erasedAt).toEqual(expect.any(Number));
    expect(JSON.stringify(after.body)).not.toContain('钱多多');
  });

  it('refusal states its reason; correction and withdrawal record field and purpose names only', async () => {
    const c = await file({ subject: 'cust-x', kind: 'correction', fields: ['phone', 'address'] });
    expect(c.body.fields).toEqual(['phone', 'address']);
    expect((await step(c.body.id, 'refuse', {}, analyst)).status).toBe(400);
    const r = await step(
      c.body.id,
      'refuse',
      { reason: '无法核实申请人身份 · identity could not be verified' },
      analyst,
    );
    expect(r.body).toMatchObject({
      state: 'refused',
      answer: { outcome: 'refused', reason: expect.stringContaining('identity') },
    });
    const w = await file({ subject: 'cust-x', kind: 'withdrawal', purposes: ['marketing'] });
    await step(w.body.id, 'verify', { method: 'account_login' }, analyst);
    expect((await step(w.body.id, 'fulfil', {}, analyst)).body.state).toBe('fulfilled');
  });

  it('counts 15 working days across National Day 2026 and warns once the deadline is past', async () => {
    const r = await file({ subject: 'cust-late', kind: 'copy', receivedAt: '2026-09-28T10:00:00+08:00' });
    // 1–7 October are holidays and Saturday 10 October a working day: 23 October, not 19 October.
    expect(r.body.deadline).toMatchObject({ receivedDate: '2026-09-28', dueBy: '2026-10-23' });
    const due = (await s.call('GET', '/v1/data-subject-requests/due', undefined, auditor)).body.requests;
    expect(due.map((x: { id: string }) => x.id)).toContain(r.body.id);
    expect(due.find((x: { id: string }) => x.id === r.body.id).deadline.status).toBe('breached');
  });

  it('deadline figures are configurable per tenant (admin only), with the source kept', async () => {
    expect(
      (await s.call('PUT', '/v1/data-subject-requests/settings', { defaultPolicy: 'gbt35273' }, analyst)).status,
    ).toBe(403);
    const bad = await s.call('PUT', '/v1/data-subject-requests/settings', { defaultPolicy: 'nope' }, admin);
    expect(bad.status).toBe(400);
    const put = await s.call(
      'PUT',
      '/v1/data-subject-requests/settings',
      {
        defaultPolicy: 'own',
        policies: { own: { days: 10, dayKind: 'working', source: 'Privacy policy §7: 10 working days' } },
      },
      admin,
    );
    expect(put.status).toBe(200);
    const r = await file({ subject: 'cust-y', kind: 'access', receivedAt: '2026-09-28T10:00:00+08:00' });
    expect(r.body.deadline).toMatchObject({
      policy: 'own',
      days: 10,
      dueBy: '2026-10-16',
      source: 'Privacy policy §7: 10 working days',
    });
    await s.call('PUT', '/v1/data-subject-requests/settings', {}, admin);
  });
  it('a stored request edited to a wrong shape is refused on read as an internal error, not served', async () => {
    const filed = await file({ subject: 'cust-dsr', kind: 'access', channel: 'app' });
    const id = filed.body.id as string;
    const db = sqliteDriver(join(s.dataDir, 'zhili.db'));
    try {
      const [row] = await db.all('SELECT doc FROM protection_register WHERE kind = ? AND id = ?', ['dsr', id]);
      const doc = String(row?.doc);
      const bad = { ...(JSON.parse(doc) as Record<string, unknown>), kind: 'everything' };
      await db.run('UPDATE protection_register SET doc = ? WHERE id = ?', [JSON.stringify(bad), id]);
      const read = await s.call('GET', `/v1/data-subject-requests/${id}`, undefined, analyst);
      expect([read.status, read.body.error.code]).toEqual([500, 'ZHILI_E_INTERNAL']);
      expect(JSON.stringify(read.body)).not.toContain('everything');
      expect((await s.call('GET', '/v1/data-subject-requests', undefined, analyst)).status).toBe(500);
      await db.run("UPDATE protection_register SET doc = ?, state = 'mislaid' WHERE id = ?", [doc, id]);
      expect((await s.call('GET', `/v1/data-subject-requests/${id}`, undefined, analyst)).status).toBe(500);
      await db.run("UPDATE protection_register SET state = 'received' WHERE id = ?", [id]);
      expect((await s.call('GET', `/v1/data-subject-requests/${id}`, undefined, analyst)).status).toBe(200);
    } finally {
      await db.close();
    }
  });
});
