/** The behaviour every HubStore adapter must have; `open` gives a fresh, empty, migrated store. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  HubDisclosure,
  HubAlert,
  HubStore,
  PlatformRecord,
  StatusChange,
  WitnessedCheckpoint,
} from '../../src/supervision/index.ts';

const audit = (action: string, subjectId: string) => ({ actorId: 'sup_a', action, subjectId, detail: '{}', at: 1 });

const platform = (id: string, origin: string): PlatformRecord => ({
  id,
  name: `Platform ${id} 平台`,
  licenceType: 'payment',
  businessScope: ['payments', 'wealth'],
  status: 'applying',
  origin,
  ledgerKeys: ['k1', 'k2'],
  requestKey: 'rk',
  registeredAt: 1000,
  registeredBy: 'sup_a',
});

const cp = (platformId: string, size: number, at = 5000): WitnessedCheckpoint => ({
  platformId,
  size,
  rootHash: `root-${size}`,
  note: `o\n${size}\nroot-${size}\n\n— o sig\n`,
  cosignature: `— w cosig-${size}\n`,
  at,
});

export function hubStoreContract(name: string, open: () => Promise<HubStore>): void {
  describe(`HubStore contract: ${name}`, () => {
    let store: HubStore;
    beforeAll(async () => {
      store = await open();
      await store.migrate(); // idempotent
    });
    afterAll(async () => {
      await store.close();
    });

    it('keeps supervisors and sessions', async () => {
      await store.addSupervisor(
        { id: 'sup_a', username: 'alice', passwordHash: 'h', admin: true, createdAt: 1, disabled: false },
        audit('supervisor.create', 'sup_a'),
      );
      await expect(
        store.addSupervisor(
          { id: 'sup_x', username: 'alice', passwordHash: 'h', admin: false, createdAt: 1, disabled: false },
          audit('supervisor.create', 'sup_x'),
        ),
      ).rejects.toThrow();
      expect(await store.supervisorByName('alice')).toMatchObject({ id: 'sup_a', admin: true, disabled: false });
      expect(await store.supervisor('sup_x')).toBeUndefined();
      await store.putSession({ tokenHash: 't1', supervisorId: 'sup_a', expiresAt: 99 });
      expect(await store.session('t1')).toEqual({ tokenHash: 't1', supervisorId: 'sup_a', expiresAt: 99 });
      await store.dropSession('t1');
      expect(await store.session('t1')).toBeUndefined();
    });

    it('registers platforms with unique ids and origins', async () => {
      await store.addPlatform(platform('plat_1', 'one.example/audit'), audit('platform.register', 'plat_1'));
      await store.addPlatform(platform('plat_2', 'two.example/audit'), audit('platform.register', 'plat_2'));
      await expect(store.addPlatform(platform('plat_3', 'one.example/audit'), audit('x', 'plat_3'))).rejects.toThrow();
      expect(await store.platform('plat_3')).toBeUndefined();
      expect(await store.platformByOrigin('two.example/audit')).toEqual(platform('plat_2', 'two.example/audit'));
      expect((await store.platforms()).map((p) => p.id)).toEqual(['plat_1', 'plat_2']);
      expect(await store.setLedgerKeys('plat_1', ['k3'], audit('platform.ledger_keys', 'plat_1'))).toBe(true);
      expect((await store.platform('plat_1'))?.ledgerKeys).toEqual(['k3']);
      expect(await store.setLedgerKeys('nope', ['k3'], audit('platform.ledger_keys', 'nope'))).toBe(false);
    });

    it('applies a status change only when decided by someone else and the platform has not moved', async () => {
      const change = (id: string, by: string): StatusChange => ({
        id,
        platformId: 'plat_1',
        from: 'applying',
        to: 'licensed',
        reason: 'licence granted 已发牌照',
        proposedBy: by,
        proposedAt: 10,
        decision: 'pending',
        decidedBy: null,
        decidedAt: null,
      });
      await store.proposeChange(change('psc_1', 'sup_a'), audit('platform.status.propose', 'psc_1'));
      await store.proposeChange(change('psc_2', 'sup_a'), audit('platform.status.propose', 'psc_2'));
      expect(await store.decideChange('psc_1', 'approved', 'sup_a', 20, audit('x', 'psc_1'))).toBe(false);
      expect((await store.platform('plat_1'))?.status).toBe('applying');
      expect(
        await store.decideChange('psc_1', 'approved', 'sup_b', 20, audit('platform.status.approve', 'psc_1')),
      ).toBe(true);
      expect((await store.platform('plat_1'))?.status).toBe('licensed');
      expect(await store.decideChange('psc_1', 'approved', 'sup_b', 21, audit('x', 'psc_1'))).toBe(false);
      // psc_2 was proposed from applying: stale now, and nothing changes.
      expect(await store.decideChange('psc_2', 'approved', 'sup_b', 22, audit('x', 'psc_2'))).toBe(false);
      expect((await store.change('psc_2'))?.decision).toBe('pending');
      expect(await store.decideChange('psc_2', 'rejected', 'sup_b', 23, audit('platform.status.reject', 'psc_2'))).toBe(
        true,
      );
      const history = await store.changes('plat_1');
      expect(history.map((c) => [c.id, c.decision, c.decidedBy])).toEqual([
        ['psc_1', 'approved', 'sup_b'],
        ['psc_2', 'rejected', 'sup_b'],
      ]);
      const log = await store.auditLog(100);
      expect(log.map((e) => e.action)).toContain('platform.status.approve');
      expect(log.filter((e) => e.action === 'x')).toHaveLength(0); // refused decisions leave no audit entry
    });

    it('accepts a checkpoint only on top of the size it expects, once under a race', async () => {
      expect(await store.witnessState('plat_2')).toBeUndefined();
      expect(await store.acceptCheckpoint(cp('plat_2', 4), 3)).toBe(false);
      const race = await Promise.all([
        store.acceptCheckpoint(cp('plat_2', 4), 0),
        store.acceptCheckpoint(cp('plat_2', 5), 0),
      ]);
      expect(race.filter(Boolean)).toHaveLength(1);
      const first = await store.witnessState('plat_2');
      expect([4, 5]).toContain(first?.size);
      expect(await store.acceptCheckpoint(cp('plat_2', 9, 6000), first?.size ?? -1)).toBe(true);
      expect(await store.witnessState('plat_2')).toEqual(cp('plat_2', 9, 6000));
      // Re-witnessing the same size keeps when it last advanced.
      expect(await store.acceptCheckpoint(cp('plat_2', 9, 7000), 9)).toBe(true);
      expect((await store.lastAdvanced()).get('plat_2')).toBe(6000);
      expect((await store.checkpoints('plat_2', 10)).map((c) => c.size)).toEqual([9, 9, first?.size]);
    });

    it('raises, finds and closes alerts', async () => {
      const alert = (id: string, kind: HubAlert['kind'], raisedAt: number): HubAlert => ({
        id,
        platformId: 'plat_2',
        kind,
        message: 'm',
        messageZh: '告警',
        acceptedCheckpoint: 'a',
        submittedCheckpoint: kind === 'stale' ? null : 'b',
        raisedAt,
        closedAt: null,
      });
      await store.raiseAlert(alert('al_1', 'stale', 1));
      await store.raiseAlert(alert('al_2', 'inconsistent', 2));
      expect((await store.openAlert('plat_2', 'stale'))?.id).toBe('al_1');
      expect(await store.closeAlerts('plat_2', 'stale', 3)).toBe(1);
      expect(await store.openAlert('plat_2', 'stale')).toBeUndefined();
      expect((await store.alerts({ open: true, limit: 10 })).map((a) => a.id)).toEqual(['al_2']);
      expect((await store.alerts({ platformId: 'plat_2', limit: 10 })).map((a) => a.id)).toEqual(['al_2', 'al_1']);
      expect((await store.alerts({ open: false, limit: 10 }))[0]).toMatchObject({ id: 'al_1', closedAt: 3 });
    });

    it('handles alerts: acknowledge once, resolve, and a second supervisor confirming a rewritten-history one', async () => {
      const raise = (id: string, kind: HubAlert['kind']) =>
        store.raiseAlert({
          id,
          platformId: 'plat_1',
          kind,
          message: 'm',
          messageZh: '告警',
          acceptedCheckpoint: null,
          submittedCheckpoint: null,
          raisedAt: 40,
          closedAt: null,
        });
      const step = (by: string, at: number, note = `${by} note 备注`) => ({ by, at, note });
      await raise('al_s', 'stale');
      await raise('al_i', 'inconsistent');
      expect((await store.alert('al_s'))?.handling).toBeNull();
      expect(await store.alert('nope')).toBeUndefined();
      // Resolving before anyone acknowledged is refused; so is a second acknowledgement, even concurrent.
      expect(await store.resolveAlert('al_s', step('sup_a', 41), audit('x', 'al_s'))).toBe(false);
      const race = await Promise.all([
        store.acknowledgeAlert('al_s', step('sup_a', 42), audit('alert.acknowledge', 'al_s')),
        store.acknowledgeAlert('al_s', step('sup_b', 42), audit('alert.acknowledge', 'al_s')),
      ]);
      expect(race.filter(Boolean)).toHaveLength(1);
      expect(await store.acknowledgeAlert('al_s', step('sup_b', 43), audit('x', 'al_s'))).toBe(false);
      expect(
        await store.resolveAlert('al_s', step('sup_b', 44, 'ledger advanced 已恢复'), audit('alert.resolve', 'al_s')),
      ).toBe(true);
      const s = await store.alert('al_s');
      expect(s).toMatchObject({ closedAt: 44 });
      expect(s?.handling).toMatchObject({
        resolvedBy: 'sup_b',
        resolvedAt: 44,
        resolutionNote: 'ledger advanced 已恢复',
      });
      expect(['sup_a', 'sup_b']).toContain(s?.handling?.acknowledgedBy);
      expect(await store.resolveAlert('al_s', step('sup_b', 45), audit('x', 'al_s'))).toBe(false);

      // A rewritten-history alert: one supervisor cannot resolve it alone, nor confirm their own proposal.
      expect(await store.acknowledgeAlert('al_i', step('sup_a', 50), audit('alert.acknowledge', 'al_i'))).toBe(true);
      expect(await store.resolveAlert('al_i', step('sup_a', 51), audit('x', 'al_i'))).toBe(false);
      expect(await store.confirmResolution('al_i', { by: 'sup_b', at: 51 }, audit('x', 'al_i'))).toBe(false);
      expect(await store.proposeResolution('al_i', step('sup_a', 52), audit('alert.resolve_propose', 'al_i'))).toBe(
        true,
      );
      expect(await store.proposeResolution('al_i', step('sup_b', 53), audit('x', 'al_i'))).toBe(false);
      expect(await store.confirmResolution('al_i', { by: 'sup_a', at: 54 }, audit('x', 'al_i'))).toBe(false);
      // Sent back, then proposed again.
      expect(await store.rejectResolution('al_i', audit('alert.resolve_reject', 'al_i'))).toBe(true);
      expect(await store.rejectResolution('al_i', audit('x', 'al_i'))).toBe(false);
      expect((await store.alert('al_i'))?.handling).toMatchObject({ resolutionProposedBy: null, resolutionNote: null });
      expect(await store.proposeResolution('al_i', step('sup_a', 52), audit('alert.resolve_propose', 'al_i'))).toBe(
        true,
      );
      expect((await store.alert('al_i'))?.closedAt).toBeNull();
      expect(
        await store.confirmResolution('al_i', { by: 'sup_b', at: 55 }, audit('alert.resolve_confirm', 'al_i')),
      ).toBe(true);
      expect(await store.alert('al_i')).toMatchObject({
        closedAt: 55,
        handling: {
          acknowledgedBy: 'sup_a',
          acknowledgeNote: 'sup_a note 备注',
          resolutionProposedBy: 'sup_a',
          resolutionProposedAt: 52,
          resolutionNote: 'sup_a note 备注',
          resolvedBy: 'sup_b',
          resolvedAt: 55,
        },
      });
      // The hub's own closing does not touch a closed alert; an acknowledged alert it closes keeps its handling.
      await raise('al_s2', 'stale');
      expect(await store.acknowledgeAlert('al_s2', step('sup_a', 60), audit('alert.acknowledge', 'al_s2'))).toBe(true);
      expect(await store.closeAlerts('plat_1', 'stale', 61)).toBe(1);
      expect(await store.alert('al_s2')).toMatchObject({ closedAt: 61, handling: { resolvedAt: null } });
      expect(await store.resolveAlert('al_s2', step('sup_a', 62), audit('x', 'al_s2'))).toBe(false);
      const log = await store.auditLog(100);
      expect(log.filter((e) => e.action === 'x')).toHaveLength(0); // refused steps leave no audit entry
      expect(log.filter((e) => e.action === 'alert.acknowledge')).toHaveLength(3);
      expect(log.map((e) => e.action)).toEqual(
        expect.arrayContaining(['alert.resolve_propose', 'alert.resolve_confirm']),
      );
    });

    it('accepts a request nonce once, and forgets expired ones', async () => {
      expect(await store.useNonce('plat_1', 'n1', 100, 50)).toBe(true);
      expect(await store.useNonce('plat_1', 'n1', 100, 60)).toBe(false);
      expect(await store.useNonce('plat_2', 'n1', 100, 60)).toBe(true);
      expect(await store.useNonce('plat_1', 'n1', 300, 200)).toBe(true); // expired at 100, gone
    });

    it('keeps the latest copy of each filing, and when the platform last sent one', async () => {
      expect(await store.lastFilingAt('plat_1')).toBeUndefined();
      await store.putFilings(
        'plat_1',
        [
          { kind: 'report', key: 't/r1', body: '{"v":1}' },
          { kind: 'report', key: 't/r2', body: '{"v":2}' },
          { kind: 'indicators', key: 't', body: '{"i":1}' },
        ],
        100,
      );
      await store.putFilings('plat_1', [{ kind: 'report', key: 't/r1', body: '{"v":3}' }], 200);
      expect(await store.filings('plat_1', 'report', 10)).toEqual([
        { key: 't/r1', body: '{"v":3}', receivedAt: 200 },
        { key: 't/r2', body: '{"v":2}', receivedAt: 100 },
      ]);
      expect(await store.filings('plat_2', 'report', 10)).toEqual([]);
      expect(await store.lastFilingAt('plat_1')).toBe(200);
    });

    it('keeps one disclosure per id with its verdict, and finds the cosigned checkpoint of a size', async () => {
      const d: HubDisclosure = {
        platformId: 'plat_1',
        tenantId: 't',
        id: 'dsc_1',
        period: '2026-10',
        version: 1,
        publishedBy: 'u',
        publishedAt: 5,
        canonical: '{"a":1}',
        hash: 'h',
        computedHash: 'h',
        state: 'verified',
        reasons: [],
        treeSize: 9,
        receivedAt: 10,
      };
      await store.putDisclosure(d);
      await store.putDisclosure({
        ...d,
        state: 'mismatch',
        reasons: [{ en: 'changed', zh: '被改动' }],
        receivedAt: 11,
      });
      expect(await store.disclosure('plat_1', 't', 'dsc_1')).toEqual({
        ...d,
        state: 'mismatch',
        reasons: [{ en: 'changed', zh: '被改动' }],
        receivedAt: 11,
      });
      expect(await store.disclosures('plat_1', 10)).toHaveLength(1);
      expect((await store.checkpointAt('plat_2', 9))?.size).toBe(9);
      expect(await store.checkpointAt('plat_2', 8)).toBeUndefined();
    });

    it('asks for a report file once, keeps it only when asked, and lists what is still awaited', async () => {
      const ask = { platformId: 'plat_1', tenantId: 't', reportId: 'r1', requestedBy: 'sup_a', requestedAt: 1 };
      expect(await store.putFile('plat_1', 't', 'r1', { fileName: 'f.zip', sha256: 's', content: 'AA==' }, 2)).toBe(
        false,
      );
      expect(await store.requestFile(ask, audit('filing.report_file.request', 'r1'))).toBe(true);
      expect(await store.requestFile(ask, audit('filing.report_file.request', 'r1'))).toBe(false);
      expect(await store.fileRequests('plat_1')).toEqual([{ tenantId: 't', reportId: 'r1' }]);
      expect(await store.putFile('plat_1', 't', 'r1', { fileName: 'f.zip', sha256: 's', content: 'AA==' }, 3)).toBe(
        true,
      );
      expect(await store.putFile('plat_1', 't', 'r1', { fileName: 'g.zip', sha256: 's', content: 'AA==' }, 4)).toBe(
        false,
      );
      expect(await store.fileRequests('plat_1')).toEqual([]);
      expect(await store.reportFile('plat_1', 't', 'r1')).toMatchObject({
        fileName: 'f.zip',
        content: 'AA==',
        receivedAt: 3,
      });
    });

    it('keeps exit plans', async () => {
      expect(await store.exitPlan('plat_1')).toBeUndefined();
      const plan = {
        platformId: 'plat_1',
        openedAt: 1,
        dataAt: 2,
        items: [
          {
            key: 'complaints',
            label: 'Open complaints',
            labelZh: '未结投诉',
            initial: 3,
            current: 0,
            unit: 'count' as const,
            currency: null,
            closedAt: 2,
          },
        ],
      };
      await store.putExitPlan(plan);
      await store.putExitPlan({ ...plan, dataAt: 3 });
      expect(await store.exitPlan('plat_1')).toEqual({ ...plan, dataAt: 3 });
    });

    it('counts every concurrent failed sign-in, locks, forgets old failures and clears', async () => {
      const lock = (n: number) => (n >= 5 ? 1000 : 0);
      await Promise.all(Array.from({ length: 6 }, () => store.loginFailure('account:x', 100, 0, lock)));
      expect(await store.loginState('account:x')).toEqual({ failures: 6, lockedUntil: 1100, lastFailureAt: 100 });
      // Failures before `forgetBefore` are forgotten: the count starts again (the lock already set stays).
      expect(await store.loginFailure('account:x', 5000, 4000, lock)).toEqual({
        failures: 1,
        lockedUntil: 1100,
        lastFailureAt: 5000,
      });
      await store.clearLogin('account:x');
      expect(await store.loginState('account:x')).toBeUndefined();
      await store.audit({ actorId: 'anonymous', action: 'auth.login_failed', subjectId: 'x', detail: '{}', at: 9 });
      expect((await store.auditLog(1))[0]).toMatchObject({ action: 'auth.login_failed', subjectId: 'x' });
    });
  });
}
