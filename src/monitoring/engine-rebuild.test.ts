import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chinaCalendar, makeFxTable, type Clock } from '../kernel/index.ts';
import { openSqliteStore } from '../store/adapters.ts';
import type { Store } from '../store/index.ts';
import { compileRuleSet } from './core/rules/compile.ts';
import { DecisionEngine } from './engine.ts';

const fx = makeFxTable({ source: 'test', rates: [{ date: '2026-01-01', usdPerUnit: { CNY: '0.14', USD: '1' } }] });
const tenant = { id: 'ten_swap', name: 'Swap Pay', timeZone: 'Asia/Shanghai', createdAt: 1 };
const doc = JSON.parse(readFileSync(new URL('./packs/default.json', import.meta.url), 'utf8')) as unknown;
const compiled = compileRuleSet(doc, { calendar: chinaCalendar(), defaultTimeZone: 'Asia/Shanghai' });
if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
const ruleSet = compiled.ruleSet;
const clock: Clock = { now: () => Date.parse('2026-11-26T12:00:00+08:00') };

const transfer = (i: number) => ({
  id: `evt_${i}`,
  type: 'transfer',
  occurredAt: '2026-11-26T10:00:00+08:00',
  amount: { value: `${1000 + i}.00`, currency: 'CNY' },
  debtor: { partyId: 'payer', partyType: 'person', accountId: 'a1', isCustomer: true },
  creditor: { partyId: 'payee', partyType: 'person', accountId: 'a2', isCustomer: true },
});

function engine(store: Store): DecisionEngine {
  return new DecisionEngine({
    store,
    clock,
    fx,
    calendar: chinaCalendar(),
    maxCommitBatch: 64,
    exclusiveWriter: true,
    loadTenant: async () => ({ tenant, ruleSet }),
  });
}

/**
 * Two rebuilds of one tenant's windows overlapping (a takeover's restore, and a refused commit's or a
 * voided read's recovery): the second waits for the first, and new decisions wait for both. The first
 * one's end used to clear the pause the second had set, so a decision made during the second one's
 * log replay was recorded in its half-built windows and then replayed from the log as well: counted twice.
 */
describe('overlapping rebuilds of a tenant', () => {
  it('hold new decisions until the last one is done, and the windows count each event once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhili-swap-'));
    const real = openSqliteStore(join(dir, 'zhili.db'), { writerThread: false });
    await real.migrate();
    await real.createTenant(tenant, { keyHash: 'k', tenantId: tenant.id, prefix: 'zk', createdAt: 1 });
    // The log scan of a rebuild held where the test says, to make the two rebuilds overlap for certain.
    const held: { entered: () => void; go: Promise<void> }[] = [];
    const store = new Proxy(real, {
      get(t, p, r) {
        if (p !== 'scanDecisions') return Reflect.get(t, p, r);
        return async (after: number, limit: number) => {
          const h = after === 0 ? held.shift() : undefined;
          if (h) {
            h.entered();
            await h.go;
          }
          return t.scanDecisions(after, limit);
        };
      },
    });
    const hold = () => {
      let entered!: () => void;
      let go!: () => void;
      const inScan = new Promise<void>((r) => {
        entered = r;
      });
      const h = {
        entered,
        go: new Promise<void>((r) => {
          go = r;
        }),
      };
      held.push(h);
      return { inScan, go };
    };

    const e = engine(store);
    await e.start([{ tenant, ruleSet }]);
    for (let i = 0; i < 3; i++) expect((await e.decide(tenant.id, transfer(i))).ok).toBe(true);
    await e.drain();

    const first = hold();
    const a = e.activate(tenant.id, ruleSet);
    await first.inScan;
    const second = hold();
    const b = e.activate(tenant.id, ruleSet);
    first.go();
    await second.inScan; // the second rebuild's fresh windows are in place, its log replay under way
    let decided = false;
    const d = e.decide(tenant.id, transfer(3)).then((r) => {
      decided = true;
      return r;
    });
    // Given time to commit, the decision must still be waiting for the second rebuild.
    await new Promise((r) => setTimeout(r, 1000));
    expect(decided).toBe(false);
    expect(await real.getDecision(tenant.id, 'evt_3')).toBeUndefined();
    second.go();
    await Promise.all([a, b]);
    const r = await d;
    expect(r.ok).toBe(true);
    await e.drain();

    // Its windows equal a replay of the log by a fresh engine.
    const full = engine(real);
    await full.start([{ tenant, ruleSet }]);
    expect(e.runtime(tenant.id)?.features.dump()).toEqual(full.runtime(tenant.id)?.features.dump());
    await e.close();
    await full.close();
    await real.close();
  }, 30_000);
});

describe('a stored shadow version that no longer compiles', () => {
  it('does not stop the tenant, and every decision says the shadow result is missing and why, also after a rebuild', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhili-shadow-'));
    const store = openSqliteStore(join(dir, 'zhili.db'), { writerThread: false });
    await store.migrate();
    await store.createTenant(tenant, { keyHash: 'k', tenantId: tenant.id, prefix: 'zk', createdAt: 1 });
    // Written by an older release: a rule reads a feature this version no longer defines.
    const broken = {
      ...(doc as Record<string, unknown>),
      version: 'shadow-broken-1',
      rules: [
        { id: 'gone', when: 'features.no_such_feature > 1', outcome: 'review', weight: 1, reason: 'x', reasonZh: 'x' },
      ],
    };
    await store.putRuleSet({
      tenantId: tenant.id,
      version: 'shadow-broken-1',
      content: broken,
      createdAt: 1,
      createdBy: 'usr_old',
      active: false,
      status: 'approved',
    });
    await store.transitionRuleSet({
      tenantId: tenant.id,
      version: 'shadow-broken-1',
      action: 'shadow',
      from: ['approved'],
      to: 'approved',
      shadow: true,
      actorId: 'usr_old',
      at: 2,
    });
    expect((await store.getShadowRuleSet(tenant.id))?.version).toBe('shadow-broken-1');
    const e = engine(store);
    await e.start([{ tenant, ruleSet }]);
    try {
      const first = await e.decide(tenant.id, transfer(1));
      if (!first.ok) throw first.error;
      expect(first.decision.ruleSetVersion).toBe(ruleSet.version); // the tenant decides on
      expect(first.decision.shadowRuleSet).toMatchObject({ version: 'shadow-broken-1', ruleIds: [], score: 0 });
      expect(first.decision.shadowRuleSet?.error).toMatch(
        /^ZHILI_E_RULESET_INVALID: the shadow version no longer compiles/,
      );

      await e.recover(new Set([tenant.id])); // as after a failed commit: the failure is found again, not forgotten
      const second = await e.decide(tenant.id, transfer(2));
      if (!second.ok) throw second.error;
      expect(second.decision.shadowRuleSet?.version).toBe('shadow-broken-1');
      expect(second.decision.shadowRuleSet?.error).toContain('no longer compiles');
    } finally {
      await e.drain();
      await store.close();
    }
  });
});
