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
