import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkPurchase,
  defaultMismatch,
  inCoolingOff,
  type MismatchPolicies,
} from '../../src/protection/suitability/core/matching.ts';
import { recommend } from '../../src/protection/suitability/core/recommend.ts';
import { checkQuestionnaire, expiryOf, scoreAnswers } from '../../src/protection/suitability/core/scoring.ts';
import type { Acknowledgement, Assessment, Level, Product } from '../../src/protection/suitability/core/types.ts';
import { defaultQuestionnaire as q } from '../../src/protection/suitability/data/questionnaire-cn.ts';
import { lessonsFor } from '../../src/protection/suitability/data/lessons.ts';

const all = (pick: (i: number, n: number) => number): Record<string, string[]> =>
  Object.fromEntries(q.questions.map((x, i) => [x.id, [x.options[pick(i, x.options.length)]!.id]]));
const NOW = Date.UTC(2026, 10, 30);

const assessment = (level: Level, over: Partial<Assessment> = {}): Assessment => ({
  tenantId: 't',
  id: `asm-${level}`,
  customerId: 'c',
  questionnaireId: q.id,
  questionnaireVersion: 1,
  answers: {},
  score: 0,
  level,
  scoreLevel: level,
  cappedBy: [],
  knowledgeGaps: [],
  horizon: 'long',
  liquidity: 'low',
  goals: ['growth'],
  assessedAt: NOW - 1000,
  expiresAt: NOW + 86_400_000,
  actorId: 'x',
  ...over,
});
const product = (id: string, risk: Level, over: Partial<Product> = {}): Product => ({
  tenantId: 't',
  id,
  name: { en: id, zh: id },
  risk,
  horizonMonths: 12,
  liquidity: 'monthly',
  goals: [],
  status: 'on_sale',
  updatedAt: 0,
  ...over,
});

describe('scoring the shipped questionnaire', () => {
  it('is consistent, and the lowest and highest answers land in C1 and C5', () => {
    expect(checkQuestionnaire(q)).toBeUndefined();
    const low = scoreAnswers(
      q,
      all(() => 0),
    );
    const best = (i: number) => {
      const os = q.questions[i]!.options;
      return os.indexOf(os.reduce((a, b) => (b.score > a.score ? b : a)));
    };
    const high = scoreAnswers(q, all(best));
    expect(low.ok && low.value.level).toBe(1);
    expect(high.ok && high.value).toMatchObject({
      score: 77,
      level: 5,
      horizon: 'long',
      liquidity: 'low',
      knowledgeGaps: [],
    });
  });

  it('"cannot accept any loss" caps the category at C1 and tags the gaps, horizon and goals', () => {
    const a = all((i, n) => (q.questions[i]!.topic === 'knowledge' ? 2 : n - 1));
    a.loss = ['a'];
    const r = scoreAnswers(q, a);
    if (!r.ok) throw new Error(r.error.en);
    expect(r.value).toMatchObject({ level: 1, cappedBy: ['loss:a'], goals: ['preserve', 'speculate'] });
    expect(r.value.scoreLevel).toBeGreaterThan(1);
    expect(r.value.knowledgeGaps).toEqual(['diversification', 'interest-rate', 'leverage', 'risk-levels']);
    expect(lessonsFor(r.value.knowledgeGaps).map((l) => l.id)).toEqual([
      'l-rights',
      'l-risk-levels',
      'l-interest-rate',
      'l-diversification',
      'l-leverage',
    ]);
  });

  it('refuses unanswered, unknown and doubled answers', () => {
    const a = all(() => 0);
    delete a.age;
    expect(scoreAnswers(q, a)).toMatchObject({ ok: false, error: { pointer: '/answers/age' } });
    expect(scoreAnswers(q, { ...all(() => 0), nope: ['a'] })).toMatchObject({ ok: false });
    expect(scoreAnswers(q, { ...all(() => 0), age: ['a', 'b'] })).toMatchObject({ ok: false });
    expect(scoreAnswers(q, { ...all(() => 0), products: ['a', 'a'] })).toMatchObject({ ok: false });
    expect(scoreAnswers(q, { ...all(() => 0), products: ['a', 'd'] })).toMatchObject({ ok: true });
  });

  it('property: the level never exceeds the score band nor any cap, and rises with the score', () => {
    const answers = fc.tuple(
      ...q.questions.map((x) =>
        fc.subarray(
          x.options.map((o) => o.id),
          { minLength: 1, maxLength: x.multi ? x.options.length : 1 },
        ),
      ),
    );
    fc.assert(
      fc.property(answers, (chosen) => {
        const r = scoreAnswers(q, Object.fromEntries(q.questions.map((x, i) => [x.id, chosen[i]!])));
        if (!r.ok) return false;
        const band = [...q.bands].reverse().find((b) => r.value.score >= b.minScore)!;
        expect(r.value.scoreLevel).toBe(band.level);
        expect(r.value.level).toBeLessThanOrEqual(r.value.scoreLevel);
        if (chosen[q.questions.findIndex((x) => x.id === 'loss')]![0] === 'a') expect(r.value.level).toBe(1);
        return true;
      }),
      { numRuns: 500 },
    );
  });

  it('expiry adds calendar months, clamping to the month end', () => {
    expect(new Date(expiryOf(Date.UTC(2024, 1, 29), 24)).toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(new Date(expiryOf(Date.UTC(2026, 0, 31, 8), 1)).toISOString()).toBe('2026-02-28T08:00:00.000Z');
  });
});

describe('matching a purchase', () => {
  const ack = (s: Assessment, p: Product): Acknowledgement => ({
    tenantId: 't',
    id: 'ack',
    customerId: s.customerId,
    productId: p.id,
    assessmentId: s.id,
    customerLevel: s.level,
    productRisk: p.risk,
    warningHash: 'h',
    channel: 'api',
    actorId: 'x',
    at: NOW,
  });

  it('within the category is allowed; above it needs the acknowledgement; C1 never above R1', () => {
    const facts = (s: Assessment | undefined, p: Product, acks: Acknowledgement[] = [], policies = defaultMismatch) =>
      checkPurchase({ assessment: s, professional: undefined, product: p, acknowledgements: acks, policies, now: NOW });
    expect(facts(assessment(3), product('p', 3))).toMatchObject({ matched: true, allowed: true });
    expect(facts(assessment(3), product('p', 4))).toMatchObject({
      matched: false,
      allowed: false,
      needs: 'acknowledgement',
    });
    expect(facts(assessment(3), product('p', 4), [ack(assessment(3), product('p', 4))])).toMatchObject({
      allowed: true,
      acknowledged: true,
    });
    expect(
      facts(assessment(3), product('p', 4), [ack(assessment(3), product('p', 4))], {
        ...defaultMismatch,
        '3': 'refuse',
      }).needs,
    ).toBe('refused');
    const c1 = assessment(1);
    expect(facts(c1, product('p', 2), [ack(c1, product('p', 2))]).needs).toBe('refused');
    expect(facts(assessment(5, { expiresAt: NOW }), product('p', 1))).toMatchObject({
      expired: true,
      allowed: false,
      needs: 'reassessment',
    });
    expect(facts(undefined, product('p', 1))).toMatchObject({ allowed: false, needs: 'assessment', category: 0 });
    // An acknowledgement under an older assessment, or for the product at another risk, does not count.
    expect(facts(assessment(3, { id: 'new' }), product('p', 4), [ack(assessment(3), product('p', 4))]).allowed).toBe(
      false,
    );
    expect(facts(assessment(3), product('p', 5), [ack(assessment(3), product('p', 4))]).allowed).toBe(false);
  });

  it('property: no path sells above the category without the configured acknowledgement', () => {
    const level = fc.constantFrom<Level>(1, 2, 3, 4, 5);
    const policy = fc.constantFrom<'refuse' | 'acknowledge'>('refuse', 'acknowledge');
    fc.assert(
      fc.property(
        level,
        level,
        fc.record({ '2': policy, '3': policy, '4': policy, '5': policy }),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: -2 * 86_400_000, max: 2 * 86_400_000 }),
        fc.constantFrom('same', 'other-assessment', 'other-risk'),
        (cl, risk, policies: MismatchPolicies, withAck, professional, expiresIn, ackKind) => {
          const s = assessment(cl, { expiresAt: NOW + expiresIn });
          const p = product('p', risk);
          const a = ack(s, p);
          const acks = !withAck
            ? []
            : ackKind === 'same'
              ? [a]
              : ackKind === 'other-assessment'
                ? [{ ...a, assessmentId: 'old' }]
                : [{ ...a, productRisk: ((risk % 5) + 1) as Level }];
          const prof = professional
            ? { basis: 'b', grantedBy: 'x', approvedBy: 'y', since: NOW - 1, until: NOW + 1 }
            : undefined;
          const v = checkPurchase({
            assessment: s,
            professional: prof,
            product: p,
            acknowledgements: acks,
            policies,
            now: NOW,
          });
          if (!v.allowed || professional) return true;
          expect(NOW).toBeLessThan(s.expiresAt);
          if (risk <= cl) return true;
          expect(cl).toBeGreaterThan(1);
          expect(policies[String(cl) as '2']).toBe('acknowledge');
          expect(withAck && ackKind === 'same').toBe(true);
          return true;
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('the cooling-off period runs from the purchase for the configured hours', () => {
    expect(inCoolingOff(NOW, NOW + 23 * 3_600_000, 24)).toBe(true);
    expect(inCoolingOff(NOW, NOW + 24 * 3_600_000, 24)).toBe(false);
    expect(inCoolingOff(NOW, NOW - 1, 24)).toBe(false);
  });
});

describe('recommendation', () => {
  const catalogue = [
    product('money', 1, { liquidity: 'daily', horizonMonths: 0, goals: ['preserve'] }),
    product('bond', 2, { liquidity: 'weekly', horizonMonths: 6, goals: ['income'] }),
    product('balanced', 3, { liquidity: 'monthly', horizonMonths: 24, goals: ['growth'] }),
    product('equity', 4, { liquidity: 'monthly', horizonMonths: 36, goals: ['growth'] }),
    product('venture', 5, { liquidity: 'locked', horizonMonths: 60, goals: ['speculate'] }),
    product('gone', 1, { status: 'withdrawn' }),
  ];

  it('ranks by fit, explains itself in both languages, and nothing expired or missing is recommended', () => {
    const r = recommend({
      assessment: assessment(4),
      professional: undefined,
      products: catalogue,
      purchases: [],
      now: NOW,
    });
    expect(r.recommendations.map((x) => x.productId)).toEqual(['equity', 'balanced', 'bond', 'money']);
    for (const x of r.recommendations) for (const l of x.explanation) expect(l.en && l.zh).toBeTruthy();
    const shortTerm = recommend({
      assessment: assessment(4, { horizon: 'short', liquidity: 'high', goals: ['income'] }),
      professional: undefined,
      products: catalogue,
      purchases: [],
      now: NOW,
    });
    expect(shortTerm.recommendations[0]!.productId).toBe('bond');
    expect(
      recommend({
        assessment: assessment(4, { expiresAt: NOW }),
        professional: undefined,
        products: catalogue,
        purchases: [],
        now: NOW,
      }).recommendations,
    ).toEqual([]);
    expect(
      recommend({ assessment: undefined, professional: undefined, products: catalogue, purchases: [], now: NOW }).note
        ?.zh,
    ).toMatch(/评估/);
  });

  it('past purchases count: a product already held comes lower', () => {
    const held = recommend({
      assessment: assessment(4),
      professional: undefined,
      products: catalogue,
      purchases: [{ productId: 'equity', risk: 4, at: NOW - 1 }],
      now: NOW,
    });
    const fresh = recommend({
      assessment: assessment(4),
      professional: undefined,
      products: catalogue,
      purchases: [],
      now: NOW,
    });
    expect(held.recommendations.find((x) => x.productId === 'equity')!.fit).toBeLessThan(
      fresh.recommendations.find((x) => x.productId === 'equity')!.fit,
    );
  });

  it('property: never offers a product above the category', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Level>(1, 2, 3, 4, 5),
        fc.array(fc.constantFrom<Level>(1, 2, 3, 4, 5), { maxLength: 12 }),
        (cl, risks) => {
          const r = recommend({
            assessment: assessment(cl),
            professional: undefined,
            products: risks.map((x, i) => product(`p${i}`, x)),
            purchases: [],
            now: NOW,
          });
          return r.recommendations.every((x) => x.risk <= cl);
        },
      ),
    );
  });
});
