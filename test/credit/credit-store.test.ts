import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sqlCreditStore, type CreditStore } from '../../src/credit/adapters.ts';
import type { Scorecard } from '../../src/credit/index.ts';
import { postgresDriver, sqliteDriver } from '../../src/store/adapters.ts';
import { RowShapeError, type SqlDriver } from '../../src/store/index.ts';
import { tinyCard } from './fixtures/tiny-scorecard.ts';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../support/services.ts';

const card = (version: string): Scorecard => ({ ...tinyCard(), version, name: `card ${version}` });
const stored = (tenantId: string, version: string, createdAt: number) => ({
  tenantId,
  version,
  name: `card ${version}`,
  status: 'draft' as const,
  shadow: false,
  card: card(version),
  createdAt,
  createdBy: 'u1',
});

function contract(name: string, open: () => Promise<{ store: CreditStore; driver: SqlDriver }>): void {
  describe(`CreditStore: ${name}`, () => {
    it('stores drafts, guards transitions, supersedes on activation, keeps one shadow, lists what is live', async () => {
      const { store, driver } = await open();
      try {
        const step = (version: string, action: string, from: string[], to: string, shadow?: boolean) =>
          store.transition({
            tenantId: 't1',
            version,
            action,
            from: from as never,
            to: to as never,
            actorId: 'u2',
            at: 5,
            ...(shadow === undefined ? {} : { shadow }),
          });
        await store.put(stored('t1', 'v1', 1));
        await store.put(stored('t1', 'v2', 2));
        await store.put(stored('t2', 'v1', 3));
        await expect(store.put(stored('t1', 'v1', 4))).rejects.toMatchObject({ code: 'ZHILI_E_CONFLICT' });
        expect((await store.list('t1')).map((s) => s.version)).toEqual(['v2', 'v1']);
        expect((await store.get('t1', 'v1'))?.card).toEqual(card('v1'));

        await expect(step('v1', 'activate', ['approved'], 'active')).rejects.toMatchObject({
          code: 'ZHILI_E_CONFLICT',
        });
        await expect(step('nope', 'submit', ['draft'], 'submitted')).rejects.toMatchObject({
          code: 'ZHILI_E_NOT_FOUND',
        });
        for (const v of ['v1', 'v2']) {
          await step(v, 'submit', ['draft'], 'submitted');
          await step(v, 'approve', ['submitted'], 'approved');
        }
        await step('v1', 'activate', ['approved'], 'active');
        const shadowed = await step('v2', 'shadow', ['approved'], 'approved', true);
        expect(shadowed).toMatchObject({ status: 'approved', shadow: true });
        expect(await store.liveKeys()).toBe('t1/v1/active/0,t1/v2/approved/1');
        expect((await store.live()).map((s) => `${s.version}:${s.status}:${s.shadow}`)).toHaveLength(2);
        await step('v2', 'activate', ['approved'], 'active');
        const t1 = await store.list('t1');
        expect(t1.map((s) => `${s.version}:${s.status}:${s.shadow}`).sort()).toEqual([
          'v1:superseded:false',
          'v2:active:false',
        ]);
        expect(await store.liveKeys()).toBe('t1/v2/active/0');
        expect((await store.history('t1', 'v1')).map((e) => `${e.action}:${e.fromStatus}>${e.toStatus}`)).toEqual([
          'create:>draft',
          'submit:draft>submitted',
          'approve:submitted>approved',
          'activate:approved>active',
          'supersede:active>superseded',
        ]);
        expect((await store.list('t2')).map((s) => s.status)).toEqual(['draft']);
      } finally {
        await driver.close();
      }
    });

    it('refuses on read a stored card or status edited to a wrong shape, naming the column', async () => {
      const { store, driver } = await open();
      try {
        const t = `shape-${Math.random().toString(36).slice(2)}`;
        await store.put(stored(t, 'v1', 1));
        expect((await store.get(t, 'v1'))?.card).toEqual(card('v1'));
        const bad = { ...card('v1'), scaling: { baseScore: 'six hundred' } };
        await driver.run('UPDATE credit_scorecards SET content = ? WHERE tenant_id = ?', [JSON.stringify(bad), t]);
        await expect(store.get(t, 'v1')).rejects.toThrow(RowShapeError);
        await expect(store.get(t, 'v1')).rejects.toThrow(/credit_scorecards\.content: expected JSON matching/);
        await driver.run("UPDATE credit_scorecards SET content = ?, status = 'retired' WHERE tenant_id = ?", [
          JSON.stringify(card('v1')),
          t,
        ]);
        await expect(store.list(t)).rejects.toThrow(/credit_scorecards\.status/);
      } finally {
        await driver.close();
      }
    });

    it('keeps monitoring thresholds per tenant and raises a stability alert once per scorecard and week', async () => {
      const { store, driver } = await open();
      try {
        expect(await store.getMonitoringSettings('m1')).toBeUndefined();
        await store.putMonitoringSettings('m1', {
          watch: 0.1,
          alert: 0.25,
          minRows: 30,
          updatedAt: 1,
          updatedBy: 'u1',
        });
        await store.putMonitoringSettings('m1', {
          watch: 0.05,
          alert: 0.2,
          minRows: 10,
          updatedAt: 2,
          updatedBy: 'u2',
        });
        expect(await store.getMonitoringSettings('m1')).toEqual({
          watch: 0.05,
          alert: 0.2,
          minRows: 10,
          updatedAt: 2,
          updatedBy: 'u2',
        });
        expect(await store.getMonitoringSettings('m2')).toBeUndefined();
        const alert = {
          tenantId: 'm1',
          scorecard: 'v1',
          week: '2026-W45',
          psi: 0.31,
          rows: 120,
          threshold: 0.2,
          raisedAt: 5,
        };
        expect(await store.raiseStabilityAlert(alert)).toBe(true);
        expect(await store.raiseStabilityAlert({ ...alert, psi: 0.4, raisedAt: 6 })).toBe(false);
        expect(await store.raiseStabilityAlert({ ...alert, week: '2026-W46' })).toBe(true);
        expect(await store.raiseStabilityAlert({ ...alert, scorecard: 'v2' })).toBe(true);
        expect((await store.listStabilityAlerts('m1', 'v1')).map((a) => [a.week, a.psi, a.raisedAt])).toEqual([
          ['2026-W46', 0.31, 5],
          ['2026-W45', 0.31, 5],
        ]);
        expect(await store.listStabilityAlerts('m1')).toHaveLength(3);
        expect(await store.listStabilityAlerts('m2')).toEqual([]);
      } finally {
        await driver.close();
      }
    });
  });
}

const file = join(mkdtempSync(join(tmpdir(), 'zhili-credit-store-')), 'zhili.db');
contract('SQLite', async () => {
  const driver = sqliteDriver(file);
  const store = sqlCreditStore(driver);
  await store.migrate();
  return { store, driver };
});

const available = await postgresAvailable();
const schema = uniqueSchema('zhili_credit');
if (available) {
  contract('PostgreSQL', async () => {
    const driver = postgresDriver(pgUrl, schema);
    const store = sqlCreditStore(driver);
    await store.migrate();
    return { store, driver };
  });
  afterAll(async () => {
    await dropSchema(schema);
  });
} else {
  describe.skip('CreditStore: PostgreSQL (SKIPPED: server unreachable)', () => undefined);
}
