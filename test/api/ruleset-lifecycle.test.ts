import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRuleSetDocument } from '../../src/monitoring/index.ts';
import { event, startServer, type TestServer } from '../support/server.ts';

let s: TestServer;
let maker: string; // analyst and approver: may author, may approve others' work, never its own
let checker: string;
let auditor: string;
let admin: string;
beforeAll(async () => {
  s = await startServer();
  maker = await s.login(['analyst', 'approver'], 'maker');
  checker = await s.login(['approver'], 'checker');
  auditor = await s.login(['auditor'], 'auditor');
  admin = await s.login(['admin'], 'admin');
});
afterAll(async () => {
  await s.close();
});

function doc(version: string, extraRule?: Record<string, unknown>) {
  const d = defaultRuleSetDocument() as { version: string; rules: unknown[] };
  d.version = version;
  if (extraRule) d.rules.push(extraRule);
  return d;
}

const step = (version: string, verb: string, who: string, note?: string) =>
  s.call('POST', `/v1/rulesets/${version}:${verb}`, note === undefined ? {} : { note }, who);
const active = async () => (await s.call('GET', '/v1/rulesets/active', undefined, auditor)).body.version as string;

async function publish(version: string, extraRule?: Record<string, unknown>): Promise<void> {
  expect((await s.call('POST', '/v1/rulesets', doc(version, extraRule), maker)).status).toBe(201);
  expect((await step(version, 'submit', maker)).status).toBe(200);
  expect((await step(version, 'approve', checker)).status).toBe(200);
  expect((await step(version, 'activate', maker)).status).toBe(200);
}

describe('rule-set lifecycle with four eyes', () => {
  it('a new version is a draft; it goes live only after another approver approves it', async () => {
    const before = await active();
    const created = await s.call('POST', '/v1/rulesets', doc('four-eyes-1'), maker);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: 'four-eyes-1', status: 'draft', active: false, shadow: false });
    expect(await active()).toBe(before);

    const early = await step('four-eyes-1', 'approve', checker);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('ZHILI_E_RULESET_TRANSITION');
    expect((await step('four-eyes-1', 'activate', maker)).body.error.code).toBe('ZHILI_E_RULESET_TRANSITION');

    expect((await step('four-eyes-1', 'submit', maker)).body.status).toBe('submitted');
    const own = await step('four-eyes-1', 'approve', maker);
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('ZHILI_E_FOUR_EYES');
    const byAuditor = await step('four-eyes-1', 'approve', auditor);
    expect(byAuditor.status).toBe(403);
    expect(byAuditor.body.error.code).toBe('ZHILI_E_FORBIDDEN');
    expect((await step('four-eyes-1', 'approve', admin)).status).toBe(403); // admins are not approvers
    expect((await s.call('POST', '/v1/rulesets', doc('by-auditor'), auditor)).status).toBe(403);

    const approved = await step('four-eyes-1', 'approve', checker, 'Reviewed thresholds.');
    expect(approved.body.status).toBe('approved');
    expect(await active()).toBe(before);
    const live = await step('four-eyes-1', 'activate', maker);
    expect(live.body).toMatchObject({ status: 'active', active: true });
    expect(await active()).toBe('four-eyes-1');

    const one = await s.call('GET', '/v1/rulesets/four-eyes-1', undefined, auditor);
    expect(one.body.content.version).toBe('four-eyes-1');
    const history = one.body.history as { action: string; actorId: string; at: string; note?: string }[];
    expect(history.map((h) => h.action)).toEqual(['create', 'submit', 'approve', 'activate']);
    expect(new Set(history.map((h) => h.actorId)).size).toBe(2);
    expect(history[2]?.note).toBe('Reviewed thresholds.');
    expect(history.every((h) => !Number.isNaN(Date.parse(h.at)))).toBe(true);
    const previous = await s.call('GET', `/v1/rulesets/${before}`, undefined, auditor);
    expect(previous.body.status).toBe('superseded');
    expect(previous.body.history.at(-1)).toMatchObject({ action: 'supersede', note: 'by four-eyes-1' });
    const list = (await s.call('GET', '/v1/rulesets', undefined, auditor)).body as {
      version: string;
      active: boolean;
    }[];
    expect(list.filter((v) => v.active).map((v) => v.version)).toEqual(['four-eyes-1']);
  });

  it('an approver can reject a submitted version, which then cannot go live', async () => {
    await s.call('POST', '/v1/rulesets', doc('rejected-1'), maker);
    const noBody = await s.call('POST', '/v1/rulesets/rejected-1:submit', undefined, maker);
    expect(noBody.body.status).toBe('submitted');
    expect((await step('rejected-1', 'reject', maker)).body.error.code).toBe('ZHILI_E_FOUR_EYES');
    const r = await step('rejected-1', 'reject', checker, 'Threshold too low.');
    expect(r.body.status).toBe('rejected');
    expect((await step('rejected-1', 'activate', maker)).status).toBe(409);
    expect((await step('rejected-1', 'rollback', admin, 'try')).status).toBe(409);
    expect((await step('no-such-version', 'submit', maker)).status).toBe(404);
  });

  it('rolls back to an earlier approved version: admin only, with a reason, audited', async () => {
    await publish('rollback-2');
    expect(await active()).toBe('rollback-2');
    expect((await step('four-eyes-1', 'rollback', maker, 'bad release')).status).toBe(403);
    const noReason = await step('four-eyes-1', 'rollback', admin);
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.pointer).toBe('/note');
    const back = await step('four-eyes-1', 'rollback', admin, 'rollback-2 floods the review queue');
    expect(back.status).toBe(200);
    expect(await active()).toBe('four-eyes-1');
    expect((await s.call('POST', '/v1/events', event())).body.ruleSetVersion).toBe('four-eyes-1');
    const hist = (await s.call('GET', '/v1/rulesets/four-eyes-1', undefined, auditor)).body.history;
    expect(hist.at(-1)).toMatchObject({ action: 'rollback', fromStatus: 'superseded', toStatus: 'active' });
    expect((await s.call('GET', '/v1/rulesets/rollback-2', undefined, auditor)).body.status).toBe('superseded');

    await s.zhili.ledger.catchUp();
    const actions: string[] = [];
    for (let i = 0; ; i++) {
      const row = await s.zhili.ledger.entry(i);
      if (!row) break;
      const e = JSON.parse(row.entry) as { tenantId: string; action?: string };
      if (e.tenantId === s.tenantId && e.action) actions.push(e.action);
    }
    expect(actions).toEqual(
      expect.arrayContaining([
        'ruleset.create',
        'ruleset.submit',
        'ruleset.approve',
        'ruleset.reject',
        'ruleset.rollback',
      ]),
    );
  });

  it('runs an approved version in shadow: recorded on every decision, never changing the outcome', async () => {
    const blockAll = {
      id: 'shadow-block-all',
      name: 'Block everything',
      nameZh: '全部拦截',
      expression: 'true',
      reason: 'Shadow test.',
      reasonZh: '影子测试。',
      weight: 100,
      outcome: 'block',
    };
    await s.call('POST', '/v1/rulesets', doc('shadow-1', blockAll), maker);
    expect((await step('shadow-1', 'shadow', maker)).status).toBe(409); // a draft cannot run in shadow
    await step('shadow-1', 'submit', maker);
    await step('shadow-1', 'approve', checker);
    const on = await step('shadow-1', 'shadow', maker);
    expect(on.body).toMatchObject({ status: 'approved', shadow: true, active: false });

    const e = event();
    const d = await s.call('POST', '/v1/events', e);
    expect(d.body.outcome).toBe('allow');
    expect(d.body.ruleSetVersion).toBe('four-eyes-1');
    expect(d.body.shadowRuleSet).toMatchObject({ version: 'shadow-1', outcome: 'block', score: 100 });
    expect(d.body.shadowRuleSet.ruleIds).toContain('shadow-block-all');
    const stored = await s.call('GET', `/v1/events/${e.id as string}`, undefined, auditor);
    expect(stored.body.decision.shadowRuleSet.version).toBe('shadow-1');
    expect(stored.body.decision.outcome).toBe('allow');

    // After a restart the shadow version is read back from the store.
    const rt = s.zhili.engine.runtime(s.tenantId);
    await s.zhili.engine.start([{ tenant: rt!.tenant, ruleSet: rt!.ruleSet }]);
    expect((await s.call('POST', '/v1/events', event())).body.shadowRuleSet.version).toBe('shadow-1');

    expect((await step('shadow-1', 'unshadow', maker)).body.shadow).toBe(false);
    const after = await s.call('POST', '/v1/events', event());
    expect(after.body.shadowRuleSet).toBeUndefined();
    const hist = (await s.call('GET', '/v1/rulesets/shadow-1', undefined, auditor)).body.history;
    expect(hist.map((h: { action: string }) => h.action)).toEqual([
      'create',
      'submit',
      'approve',
      'shadow',
      'unshadow',
    ]);

    // Rejecting an approved version that runs in shadow ends its shadow run.
    await step('shadow-1', 'shadow', maker);
    expect((await s.call('POST', '/v1/events', event())).body.shadowRuleSet.version).toBe('shadow-1');
    expect((await step('shadow-1', 'reject', checker, 'Too strict.')).body).toMatchObject({
      status: 'rejected',
      shadow: false,
    });
    expect((await s.call('POST', '/v1/events', event())).body.shadowRuleSet).toBeUndefined();
  });
});
