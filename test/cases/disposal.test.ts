import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex, canonicalJson } from '../../src/kernel/index.ts';
import { event } from '../support/server.ts';
import { casesHarness, type CasesHarness } from './harness.ts';

let h: CasesHarness;
beforeAll(async () => {
  h = await casesHarness();
});
afterAll(async () => {
  await h.close();
});

async function caseOf(id: string, customer: string): Promise<any> {
  await h.s.call(
    'POST',
    '/v1/events',
    event({
      id,
      amount: { value: '80000', currency: 'CNY' },
      debtor: { partyId: customer, partyType: 'person', accountId: `acc-${customer}`, country: 'CN' },
    }),
  );
  await h.mod.projector.catchUp();
  return (await h.call('ana', 'GET', `/v1/cases?customerId=${customer}`)).body.cases[0];
}

describe('disposal plans over HTTP', () => {
  it('serves the versioned, bilingual catalogue', async () => {
    const r = await h.call('aud', 'GET', '/v1/disposal-plans');
    expect(r.status).toBe(200);
    expect(r.body.version).toMatch(/^\d{4}-\d{2}-\d{2}\.\d+$/);
    const structuring = r.body.plans.find((p: any) => p.id === 'structuring');
    expect(structuring).toMatchObject({
      version: 1,
      appliesTo: ['aml-structuring'],
      title: { en: expect.any(String), zh: expect.any(String) },
    });
    expect(structuring.actions.filter((a: any) => a.default).map((a: any) => a.id)).toEqual(['edd', 'file-str']);
  });

  it("gives the plans matching the case's alerts and records one applied, who and when", async () => {
    const c = await caseOf('disp-1', 'cust-disp');
    const plans = await h.call('ana', 'GET', `/v1/cases/${c.id}/disposal-plan`);
    expect(plans.status).toBe(200);
    expect(plans.body.alertTypes).toEqual(['cn-pboc-large-value', 'large_value_report']);
    expect(plans.body.plans.map((p: any) => p.id)).toEqual(['large-value', 'general-review']);

    const body = {
      planId: 'large-value',
      completed: ['verify-data'],
      actions: ['file-lvr', 'edd'],
      note: '已核对客户信息',
    };
    const applied = await h.call('ana', 'POST', `/v1/cases/${c.id}/disposal`, body);
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    const anaId = await h.userId('ana');
    const detail = {
      planId: 'large-value',
      planVersion: 1,
      completed: ['verify-data'],
      actions: ['file-lvr', 'edd'],
      outstanding: ['check-deadline'],
      note: '已核对客户信息',
      catalogueVersion: plans.body.version,
    };
    expect(applied.body.disposal).toMatchObject({ action: 'disposal', actor: anaId, at: h.clock.now(), detail });

    const full = await h.call('aud', 'GET', `/v1/cases/${c.id}`);
    expect(full.body.history.at(-1)).toMatchObject({ action: 'disposal', actor: anaId, detail });
    expect(h.audited.at(-1)).toEqual({
      tenantId: h.s.tenantId,
      action: 'case.disposal',
      actorId: anaId,
      subjectId: c.id,
      dataHash: sha256Hex(canonicalJson(detail)),
      at: h.clock.now(),
    });
  });

  it('refuses ids outside the plan, a plan that does not fit, and readers without the work permission', async () => {
    const c = await caseOf('disp-2', 'cust-disp2');
    const bad = await h.call('ana', 'POST', `/v1/cases/${c.id}/disposal`, {
      planId: 'large-value',
      completed: ['verify-data', 'nope'],
      actions: ['freeze'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: any) => d.pointer)).toEqual(['/completed/1', '/actions/0']);
    expect(bad.body.error).toMatchObject({
      code: 'ZHILI_E_VALIDATION',
      pointer: '/completed/1',
      messageZh: expect.stringContaining('nope'),
    });
    const other = await h.call('ana', 'POST', `/v1/cases/${c.id}/disposal`, {
      planId: 'sanctions-hit',
      completed: [],
      actions: ['freeze'],
    });
    expect(other.status).toBe(400);
    expect(
      (await h.call('aud', 'POST', `/v1/cases/${c.id}/disposal`, { planId: 'large-value', completed: [], actions: [] }))
        .status,
    ).toBe(403);
    expect((await h.call('ana', 'GET', '/v1/cases/case_nope/disposal-plan')).status).toBe(404);
    expect(
      (await h.call('ana', 'GET', `/v1/cases/${c.id}`)).body.history.some((e: any) => e.action === 'disposal'),
    ).toBe(false);
  });
});
