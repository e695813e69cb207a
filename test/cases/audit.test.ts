import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, sha256Hex } from '../../src/kernel/index.ts';
import { event } from '../support/server.ts';
import { casesHarness, type CasesHarness } from './harness.ts';

let h: CasesHarness;
beforeAll(async () => {
  h = await casesHarness();
});
afterAll(async () => {
  await h.close();
});

const hashOf = (detail: unknown): string => sha256Hex(canonicalJson(detail));

describe('case and report actions to the audit ledger', () => {
  it('sends workflow transitions and four-eyes approvals as ids and hashes of the history details', async () => {
    await h.s.call(
      'POST',
      '/v1/events',
      event({
        id: 'aud-1',
        amount: { value: '80000', currency: 'CNY' },
        debtor: { partyId: 'cust-audit', partyType: 'person', accountId: 'acc-audit', country: 'CN' },
        attributes: { debtorName: '王五', debtorIdType: '110001', debtorIdNumber: '110101198001011234' },
      }),
    );
    await h.mod.projector.catchUp();
    const [c] = (await h.call('ana', 'GET', '/v1/cases?customerId=cust-audit')).body.cases;
    const [ana, apr] = [await h.userId('ana'), await h.userId('apr')];
    const before = h.audited.length;
    await h.call('ana', 'POST', `/v1/cases/${c.id}/assign`, { assignee: ana });
    await h.call('ana', 'POST', `/v1/cases/${c.id}/actions`, { type: 'start' });
    await h.call('ana', 'POST', `/v1/cases/${c.id}/request-close`, { resolution: 'no_report', reason: '客户已解释' });
    expect((await h.call('ana', 'POST', `/v1/cases/${c.id}/approve`, {})).status).toBe(403); // refused: not audited
    await h.call('apr', 'POST', `/v1/cases/${c.id}/approve`, { note: 'ok' });

    const sent = h.audited.slice(before);
    expect(sent.map((e) => [e.action, e.actorId, e.subjectId])).toEqual([
      ['case.assign', ana, c.id],
      ['case.start', ana, c.id],
      ['case.request_close', ana, c.id],
      ['case.approve', apr, c.id],
    ]);
    const history = (await h.call('ana', 'GET', `/v1/cases/${c.id}`)).body.history.filter(
      (x: any) => x.actor !== 'system',
    );
    expect(sent.map((e) => e.dataHash)).toEqual(history.map((x: any) => hashOf(x.detail)));
    for (const e of sent)
      expect(Object.keys(e).sort()).toEqual(['action', 'actorId', 'at', 'dataHash', 'subjectId', 'tenantId']);
    expect(JSON.stringify(sent)).not.toContain('客户已解释');
  });

  it('sends report drafts, approvals and submissions with the file hash inside the hashed details', async () => {
    const obligation = (await h.call('ana', 'GET', '/v1/alerts?customerId=cust-audit&source=obligation')).body
      .alerts[0];
    const before = h.audited.length;
    const draft = await h.call('ana', 'POST', '/v1/reports/pboc/large-value', { alertIds: [obligation.id] });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    const id = draft.body.report.id;
    await h.call('apr', 'POST', `/v1/reports/${id}/approve`, {});
    const sub = await h.call('ana', 'POST', '/v1/reports:submit', { reportIds: [id] });
    expect(sub.status).toBe(200);
    const [ana, apr] = [await h.userId('ana'), await h.userId('apr')];
    const sent = h.audited.slice(before);
    expect(sent.map((e) => [e.action, e.actorId, e.subjectId])).toEqual([
      ['report.drafted', ana, id],
      ['report.approved', apr, id],
      ['report.submitted', ana, id],
    ]);
    const history = (await h.call('ana', 'GET', `/v1/reports/${id}`)).body.history;
    expect(sent.map((e) => e.dataHash)).toEqual(history.map((x: any) => hashOf(x.detail)));
    expect(history[2].detail.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
