/**
 * Supervisors handling hub alerts over real HTTP: acknowledging (who, when, why), resolving with a
 * note, a rewritten-history alert resolved only when a second supervisor confirms (four eyes), stable
 * error codes for steps the alert's state refuses, and every step in the hub's own ledger.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEntry } from '../../src/ledger/index.ts';
import { PASSWORD, requestKeys, startHub, type TestHub } from './hub-support.ts';

let t: TestHub;
const tok: Record<string, string> = {};
const sup: Record<string, string> = {};
let platformId = '';

const raise = async (id: string, kind: 'inconsistent' | 'unknown_key' | 'stale') =>
  t.hub.store.raiseAlert({
    id,
    platformId,
    kind,
    message: `Platform rewrote its ledger history (${id}).`,
    messageZh: `平台的账本历史被改写（${id}）。`,
    acceptedCheckpoint: 'o\n5\nroot5\n',
    submittedCheckpoint: kind === 'stale' ? null : 'o\n5\nother\n',
    raisedAt: Date.now(),
    closedAt: null,
  });

beforeAll(async () => {
  t = await startHub();
  for (const [name, admin] of [
    ['alice', true],
    ['bob', false],
    ['carol', false],
  ] as const) {
    sup[name] = (await t.hub.supervisors.create({ username: name, password: PASSWORD, admin }, 'cli')).id;
    tok[name] = await t.login(name);
  }
  const r = await t.call(
    'POST',
    '/v1/hub/platforms',
    {
      name: 'Pay Q 丙支付',
      licenceType: 'payment',
      businessScope: ['payments'],
      origin: 'pay-q.example/audit',
      ledgerKeys: [requestKeys('pay-q.example/audit').verifierKey],
      requestKey: requestKeys('pay-q.example').verifierKey,
    },
    tok.alice,
  );
  expect(r.status).toBe(201);
  platformId = r.body.id;
}, 60_000);

afterAll(async () => {
  await t?.close();
});

const post = (id: string, verb: string, who: string, body: unknown = { note: `${who}: checked 已核查` }) =>
  t.call('POST', `/v1/hub/alerts/${id}/${verb}`, body, tok[who]);

describe('hub alerts: acknowledge and resolve', () => {
  it('a staleness alert (raised by the hub) is acknowledged with a note, then resolved by one supervisor', async () => {
    // A licensed platform that never sends a checkpoint goes stale once the interval passes.
    const p = await t.call(
      'POST',
      `/v1/hub/platforms/${platformId}/status-changes`,
      { to: 'licensed', reason: 'ok' },
      tok.alice,
    );
    expect((await t.call('POST', `/v1/hub/status-changes/${p.body.id}/approve`, undefined, tok.bob)).status).toBe(200);
    t.offset.ms = 3_600_000;
    const [stale] = await t.hub.witness.checkStaleness();
    t.offset.ms = 0;
    expect(stale?.kind).toBe('stale');
    const id = stale!.id;

    const listed = await t.call('GET', '/v1/hub/alerts?open=true', undefined, tok.bob);
    expect(listed.body.alerts.find((a: { id: string }) => a.id === id)).toMatchObject({
      state: 'open',
      fourEyes: false,
      handling: null,
    });
    // Resolving what nobody took on is a wrong state.
    const early = await post(id, 'resolve', 'bob');
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('ZHILI_E_ALERT_STATE');
    expect(early.body.error.messageZh).toMatch(/未处理/);

    const ack = await post(id, 'acknowledge', 'bob', { note: 'calling the platform 正在联系平台' });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({
      state: 'acknowledged',
      handling: { acknowledgedBy: sup.bob, acknowledgeNote: 'calling the platform 正在联系平台', resolvedBy: null },
      names: { [sup.bob!]: 'bob' },
    });
    expect(Math.abs(ack.body.handling.acknowledgedAt - Date.now())).toBeLessThan(60_000);
    const again = await post(id, 'acknowledge', 'carol');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ZHILI_E_ALERT_STATE');

    const done = await post(id, 'resolve', 'carol', { note: 'node restarted, pushing again 节点已重启' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      state: 'resolved',
      handling: {
        acknowledgedBy: sup.bob,
        resolvedBy: sup.carol,
        resolutionNote: 'node restarted, pushing again 节点已重启',
      },
    });
    expect(done.body.closedAt).toBe(done.body.handling.resolvedAt);
    expect((await t.call('GET', `/v1/hub/alerts/${id}`, undefined, tok.alice)).body.state).toBe('resolved');
    expect((await post(id, 'resolve', 'carol')).status).toBe(409);
    // Closed alerts leave the platform's open list.
    const detail = await t.call('GET', `/v1/hub/platforms/${platformId}`, undefined, tok.alice);
    expect(detail.body.openAlerts.map((a: { id: string }) => a.id)).not.toContain(id);
  });

  it('a rewritten-history alert needs a second supervisor to confirm its resolution', async () => {
    await raise('halert_rw1', 'inconsistent');
    expect((await post('halert_rw1', 'acknowledge', 'alice')).status).toBe(200);
    const proposed = await post('halert_rw1', 'resolve', 'alice', { note: 'restored from backup 已从备份恢复' });
    expect(proposed.status).toBe(200);
    expect(proposed.body).toMatchObject({
      state: 'resolving',
      fourEyes: true,
      closedAt: null,
      handling: {
        resolutionProposedBy: sup.alice,
        resolutionNote: 'restored from backup 已从备份恢复',
        resolvedBy: null,
      },
    });
    const self = await post('halert_rw1', 'confirm-resolution', 'alice');
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('ZHILI_E_FOUR_EYES');
    expect(self.body.error.messageZh).toMatch(/另一名监管人员/);
    expect((await t.call('GET', '/v1/hub/alerts/halert_rw1', undefined, tok.bob)).body.state).toBe('resolving');
    expect((await post('halert_rw1', 'resolve', 'bob')).body.error.code).toBe('ZHILI_E_ALERT_STATE');
    // Carol disagrees: the proposal goes back, the alert is acknowledged again; alice proposes anew.
    const back = await post('halert_rw1', 'reject-resolution', 'carol', { note: 'backup not verified 备份未核对' });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({
      state: 'acknowledged',
      closedAt: null,
      handling: { acknowledgedBy: sup.alice, resolutionProposedBy: null, resolutionNote: null, resolvedBy: null },
    });
    expect((await post('halert_rw1', 'reject-resolution', 'carol')).body.error.code).toBe('ZHILI_E_ALERT_STATE');
    expect((await post('halert_rw1', 'resolve', 'alice', { note: 'restored from backup 已从备份恢复' })).status).toBe(
      200,
    );

    const ok = await post('halert_rw1', 'confirm-resolution', 'bob', { note: 'backup verified 已核对备份' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      state: 'resolved',
      handling: { acknowledgedBy: sup.alice, resolutionProposedBy: sup.alice, resolvedBy: sup.bob },
      names: { [sup.alice!]: 'alice', [sup.bob!]: 'bob' },
    });
    expect(ok.body.closedAt).not.toBeNull();
  });

  it('refuses bad input, unknown alerts and anonymous callers with stable codes', async () => {
    await raise('halert_uk1', 'unknown_key');
    expect((await post('halert_uk1', 'acknowledge', 'bob', { note: '   ' })).body.error).toMatchObject({
      code: 'ZHILI_E_VALIDATION',
      pointer: '/note',
    });
    expect((await post('halert_uk1', 'acknowledge', 'bob', {})).status).toBe(400);
    expect((await post('halert_uk1', 'acknowledge', 'bob', { note: 'x', extra: 1 })).status).toBe(400);
    expect((await post('halert_nope', 'acknowledge', 'bob')).body.error.code).toBe('ZHILI_E_NOT_FOUND');
    const anon = await t.call('POST', '/v1/hub/alerts/halert_uk1/acknowledge', { note: 'n' });
    expect(anon.status).toBe(401);
    expect((await t.call('GET', '/v1/hub/alerts/halert_uk1', undefined, tok.bob)).body.state).toBe('open');
    // Confirming what nobody proposed: a wrong state, whoever asks.
    expect((await post('halert_uk1', 'confirm-resolution', 'carol')).body.error.code).toBe('ZHILI_E_ALERT_STATE');
  });

  it("puts every supervisor's step in the hub's own ledger, with its actor and note", async () => {
    await t.hub.ledger.catchUp();
    const size = await t.hub.ledger.size();
    const entries = (await t.hub.store.ledger.readLeaves(0, size)).map(
      (r) => parseEntry(r.entry) as { action: string; actorId: string; subjectId?: string },
    );
    const steps = entries.filter((e) => e.subjectId === 'halert_rw1').map((e) => [e.action, e.actorId]);
    expect(steps).toEqual([
      ['alert.raise', 'hub'],
      ['alert.acknowledge', sup.alice],
      ['alert.resolve_propose', sup.alice],
      ['alert.resolve_reject', sup.carol],
      ['alert.resolve_propose', sup.alice],
      ['alert.resolve_confirm', sup.bob],
    ]);
    const audit = await t.hub.store.auditLog(200);
    const confirm = audit.find((e) => e.action === 'alert.resolve_confirm');
    expect(JSON.parse(confirm!.detail)).toMatchObject({ kind: 'inconsistent', note: 'backup verified 已核对备份' });
    expect(
      audit
        .filter((e) => e.action.startsWith('alert.') && e.actorId === sup.carol)
        .map((e) => e.action)
        .sort(),
    ).toEqual(['alert.resolve', 'alert.resolve_reject']);
    const reject = audit.find((e) => e.action === 'alert.resolve_reject');
    expect(JSON.parse(reject!.detail)).toMatchObject({ note: 'backup not verified 备份未核对' });
  });
});
