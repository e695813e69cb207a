import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../src/kernel/index.ts';
import { event } from '../support/server.ts';
import { casesHarness, type CasesHarness } from './harness.ts';

let h: CasesHarness;
let caseId: string;
beforeAll(async () => {
  h = await casesHarness();
  await h.s.call(
    'POST',
    '/v1/events',
    event({
      id: 'att-1',
      amount: { value: '80000', currency: 'CNY' },
      debtor: { partyId: 'cust-att', partyType: 'person', accountId: 'acc-att', country: 'CN' },
    }),
  );
  await h.mod.projector.catchUp();
  caseId = (await h.call('ana', 'GET', '/v1/cases?customerId=cust-att')).body.cases[0].id;
});
afterAll(async () => {
  await h.close();
});

const MB5 = 5 * 1024 * 1024;

describe('case attachments over HTTP', () => {
  it('stores a file with its SHA-256, lists it and gives it back byte for byte; the upload is in the history and the ledger', async () => {
    const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x2d, 0, 0xff, 0x80, ...Buffer.from('客户购房合同')]);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const up = await h.call('ana', 'POST', `/v1/cases/${caseId}/attachments`, {
      name: '购房合同 2026.pdf',
      contentType: 'application/pdf',
      dataBase64: bytes.toString('base64'),
    });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const anaId = await h.userId('ana');
    expect(up.body.attachment).toMatchObject({
      caseId,
      name: '购房合同 2026.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
      sha256: sha,
      createdBy: anaId,
      createdAt: h.clock.now(),
    });
    expect(up.body.attachment.bytes).toBeUndefined();
    const attId = up.body.attachment.id;

    const list = await h.call('aud', 'GET', `/v1/cases/${caseId}/attachments`);
    expect(list.status).toBe(200);
    expect(list.body.attachments).toEqual([up.body.attachment]);

    const dl = await h.call('aud', 'GET', `/v1/cases/${caseId}/attachments/${attId}`);
    expect(dl.status).toBe(200);
    expect(dl.raw.equals(bytes)).toBe(true);
    expect(dl.headers.get('content-type')).toBe('application/pdf');
    expect(dl.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('购房合同 2026.pdf')}`,
    );
    expect(dl.headers.get('x-content-sha256')).toBe(sha);

    const detail = {
      attachmentId: attId,
      name: '购房合同 2026.pdf',
      contentType: 'application/pdf',
      size: bytes.length,
      sha256: sha,
    };
    const hist = (await h.call('ana', 'GET', `/v1/cases/${caseId}`)).body.history;
    expect(hist.at(-1)).toMatchObject({ action: 'attachment', actor: anaId, at: h.clock.now(), detail });
    expect(h.audited.at(-1)).toEqual({
      tenantId: h.s.tenantId,
      action: 'case.attachment',
      actorId: anaId,
      subjectId: caseId,
      dataHash: sha256Hex(canonicalJson(detail)),
      at: h.clock.now(),
    });
  });

  it('accepts exactly 5 MB and refuses one byte more', async () => {
    const max = await h.call('bob', 'POST', `/v1/cases/${caseId}/attachments`, {
      name: 'max.bin',
      contentType: 'application/octet-stream',
      dataBase64: Buffer.alloc(MB5, 7).toString('base64'),
    });
    expect(max.status, JSON.stringify(max.body)).toBe(201);
    expect(max.body.attachment.size).toBe(MB5);
    const over = await h.call('bob', 'POST', `/v1/cases/${caseId}/attachments`, {
      name: 'over.bin',
      contentType: 'application/octet-stream',
      dataBase64: Buffer.alloc(MB5 + 1, 7).toString('base64'),
    });
    expect(over.status).toBe(413);
    expect(over.body.error.pointer).toBe('/dataBase64');
    const way = await h.call('bob', 'POST', `/v1/cases/${caseId}/attachments`, {
      name: 'way.bin',
      contentType: 'application/octet-stream',
      dataBase64: Buffer.alloc(MB5 + 3, 7).toString('base64'),
    });
    expect(way.status).toBe(400);
    expect(
      (await h.call('ana', 'GET', `/v1/cases/${caseId}/attachments`)).body.attachments.map((a: any) => a.name),
    ).toEqual(['购房合同 2026.pdf', 'max.bin']);
  });

  it('refuses bad base64, unsafe names, the auditor, and unknown cases or attachments', async () => {
    const up = (who: string, body: Record<string, unknown>, id = caseId) =>
      h.call(who, 'POST', `/v1/cases/${id}/attachments`, {
        name: 'a.txt',
        contentType: 'text/plain',
        dataBase64: 'aGk=',
        ...body,
      });
    expect((await up('ana', { dataBase64: 'a GVsbG8=' })).status).toBe(400);
    expect((await up('ana', { dataBase64: 'aGk' })).status).toBe(400);
    expect((await up('ana', { name: '../etc/passwd' })).status).toBe(400);
    expect((await up('ana', { name: 'a\r\nx.txt' })).status).toBe(400);
    expect((await up('ana', { contentType: 'text/html; x' })).status).toBe(400);
    expect((await up('aud', {})).status).toBe(403);
    expect((await up('ana', {}, 'case_nope')).status).toBe(404);
    expect((await h.call('ana', 'GET', '/v1/cases/case_nope/attachments')).status).toBe(404);
    expect((await h.call('ana', 'GET', `/v1/cases/${caseId}/attachments/att_nope`)).status).toBe(404);
  });
});

describe('tipping-off protection', () => {
  it('hides the attachments and disposal plans of an STR case from the auditor', async () => {
    await h.s.call(
      'POST',
      '/v1/events',
      event({
        id: 'att-str',
        amount: { value: '70000', currency: 'CNY' },
        debtor: { partyId: 'cust-att-str', partyType: 'person', accountId: 'acc-att-str' },
      }),
    );
    await h.mod.projector.catchUp();
    const [c] = (await h.call('ana', 'GET', '/v1/cases?customerId=cust-att-str')).body.cases;
    const up = await h.call('ana', 'POST', `/v1/cases/${c.id}/attachments`, {
      name: 'note.txt',
      contentType: 'text/plain',
      dataBase64: 'aGk=',
    });
    expect((await h.call('aud', 'GET', `/v1/cases/${c.id}/attachments`)).status).toBe(200);
    await h.call('ana', 'POST', `/v1/cases/${c.id}/actions`, { type: 'tag', add: ['str'] });
    expect((await h.call('aud', 'GET', `/v1/cases/${c.id}/attachments`)).status).toBe(404);
    expect((await h.call('aud', 'GET', `/v1/cases/${c.id}/attachments/${up.body.attachment.id}`)).status).toBe(404);
    expect((await h.call('aud', 'GET', `/v1/cases/${c.id}/disposal-plan`)).status).toBe(404);
    expect((await h.call('ana', 'GET', `/v1/cases/${c.id}/attachments/${up.body.attachment.id}`)).raw.toString()).toBe(
      'hi',
    );
  });
});
