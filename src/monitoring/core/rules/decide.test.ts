import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chinaCalendar, makeFxTable } from '../../../kernel/index.ts';
import { normalizeEvent } from '../normalize.ts';
import { compileRuleSet } from './compile.ts';
import { decide } from './decide.ts';

const fx = makeFxTable({ source: 'test', rates: [{ date: '2026-01-01', usdPerUnit: { CNY: '0.14' } }] });
const event = (() => {
  const n = normalizeEvent(
    {
      id: 'e1',
      type: 'transfer',
      occurredAt: '2026-11-26T10:00:00+08:00',
      amount: { value: '100.00', currency: 'CNY' },
      debtor: { partyId: 'p', partyType: 'person', accountId: 'a' },
      creditor: { partyId: 'q', partyType: 'person', accountId: 'b' },
      attributes: { score: 5 },
    },
    { timeZone: 'Asia/Shanghai', fx },
  );
  if (!n.ok) throw new Error('bad event');
  return n.event;
})();

// Each generated rule is true, false, or broken at run time (a missing attribute).
const kinds = {
  true: 'event.amount.minor > 0',
  false: 'event.amount.minor < 0',
  broken: "event.attributes['missing'] > 1",
};

describe('decide', () => {
  it('scores the sum of fired weights, never allows past a broken rule, and ignores shadow rules (property)', () => {
    const arbRule = fc.record({
      kind: fc.constantFrom('true', 'false', 'broken'),
      weight: fc.integer({ min: 0, max: 60 }),
      outcome: fc.constantFrom('allow', 'review', 'block'),
      shadow: fc.boolean(),
      typology: fc.constantFrom(undefined, 'ty'),
    });
    fc.assert(
      fc.property(fc.array(arbRule, { maxLength: 12 }), fc.integer({ min: 1, max: 100 }), (rules, alert) => {
        const doc = {
          version: 'p',
          name: 'p',
          nameZh: '属性',
          features: [],
          typologies: [
            { id: 'ty', name: 'T', nameZh: '类型', alertThreshold: alert, interdictionThreshold: alert * 2 },
          ],
          rules: rules.map((r, i) => ({
            id: `r${i}`,
            name: `rule ${i}`,
            nameZh: `规则 ${i}`,
            expression: kinds[r.kind],
            reason: 'fired',
            reasonZh: '触发',
            weight: r.weight,
            outcome: r.outcome,
            ...(r.shadow ? { mode: 'shadow' } : {}),
            ...(r.typology ? { typology: r.typology } : {}),
          })),
        };
        const c = compileRuleSet(doc, { calendar: chinaCalendar(), defaultTimeZone: 'Asia/Shanghai' });
        if (!c.ok) throw new Error(JSON.stringify(c.errors));
        const d = decide(c.ruleSet, event, {}, [], {}, 0);
        const live = rules.filter((r) => !r.shadow);
        const fired = live.filter((r) => r.kind === 'true');
        expect(d.score).toBe(fired.reduce((s, r) => s + r.weight, 0));
        expect(d.shadow.length).toBe(rules.filter((r) => r.shadow && r.kind === 'true').length);
        if (live.some((r) => r.kind === 'broken')) {
          expect(d.outcome).not.toBe('allow');
          expect(d.reasons.some((x) => x.error === 'ZHILI_E_RULE_RUNTIME')).toBe(true);
        }
        if (fired.some((r) => r.outcome === 'block')) expect(d.outcome).toBe('block');
        const tyScore = fired.filter((r) => r.typology === 'ty').reduce((s, r) => s + r.weight, 0);
        if (tyScore >= alert * 2) expect(d.outcome).toBe('block');
        if (live.length === 0) expect(d.outcome).toBe('allow');
      }),
      { numRuns: 300 },
    );
  });

  it('fails closed on a feature error too', () => {
    const c = compileRuleSet(
      { version: 'f', name: 'f', nameZh: '特征', features: [], typologies: [], rules: [] },
      { calendar: chinaCalendar(), defaultTimeZone: 'Asia/Shanghai' },
    );
    if (!c.ok) throw new Error('compile');
    const d = decide(c.ruleSet, event, {}, [{ featureId: 'x', message: 'no FX rate for MNT' }], {}, 0);
    expect(d.outcome).toBe('review');
    expect(d.reasons[0]).toMatchObject({ ruleId: 'feature:x', error: 'ZHILI_E_RULE_RUNTIME' });
    expect(d.reasons[0]?.messageZh).toMatch(/人工审核/);
  });
});
