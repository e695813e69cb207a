import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NormalizedEvent } from '../../src/monitoring/index.ts';
import { suitabilityPort } from '../../src/protection/suitability/decision-port.ts';
import { SuitabilityMemory } from '../../src/protection/suitability/memory.ts';
import { mergeSuitabilitySettings } from '../../src/protection/suitability/settings.ts';
import type { Assessment, Level } from '../../src/protection/suitability/core/types.ts';

const T = 't';
const NOW = Date.UTC(2026, 10, 30, 2);
const all = new Set(['category', 'productRisk', 'matched', 'expired', 'acknowledged', 'allowed', 'coolingOff']);

const event = (over: Partial<NormalizedEvent> & { attributes?: NormalizedEvent['attributes'] }): NormalizedEvent => ({
  id: 'e',
  type: 'investment_purchase',
  occurredAt: new Date(NOW).toISOString(),
  time: NOW,
  localDate: '2026-11-30',
  day: 0,
  amount: { value: '100.00', currency: 'CNY', minor: 10_000, usdMinor: -1 },
  debtor: { partyId: 'c', partyType: 'person', isCustomer: true },
  creditor: { partyId: 'fund', partyType: 'organization', isCustomer: false },
  channel: 'app',
  attributes: { productId: 'p' },
  crossBorder: false,
  ...over,
});
const assessment = (level: Level, expiresAt: number): Assessment => ({
  tenantId: T,
  id: 'a1',
  customerId: 'c',
  questionnaireId: 'q',
  questionnaireVersion: 1,
  answers: {},
  score: 0,
  level,
  scoreLevel: level,
  cappedBy: [],
  knowledgeGaps: [],
  horizon: undefined,
  liquidity: undefined,
  goals: [],
  assessedAt: NOW - 1,
  expiresAt,
  actorId: 'op',
});

describe('the suitability port on the decision path', () => {
  it('property: no purchase is allowed above the category without the configured acknowledgement', () => {
    const level = fc.constantFrom<Level>(1, 2, 3, 4, 5);
    const policy = fc.constantFrom<'refuse' | 'acknowledge'>('refuse', 'acknowledge');
    fc.assert(
      fc.property(
        level,
        level,
        fc.record({ '2': policy, '3': policy, '4': policy, '5': policy }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (cl, risk, mismatch, acked, expired, professional) => {
          const m = new SuitabilityMemory();
          m.setSettings(T, mergeSuitabilitySettings({ mismatch }));
          m.setAssessment(assessment(cl, expired ? NOW : NOW + 1000));
          m.setProduct({
            tenantId: T,
            id: 'p',
            name: { en: 'p', zh: 'p' },
            risk,
            horizonMonths: 0,
            liquidity: 'daily',
            goals: [],
            status: 'on_sale',
            updatedAt: 0,
          });
          if (acked)
            m.addAcknowledgement({
              tenantId: T,
              id: 'k',
              customerId: 'c',
              productId: 'p',
              assessmentId: 'a1',
              customerLevel: cl,
              productRisk: risk,
              warningHash: 'h',
              channel: 'api',
              actorId: 'op',
              at: NOW - 1,
            });
          if (professional)
            m.setProfessional({
              tenantId: T,
              customerId: 'c',
              state: 'approved',
              basis: 'b',
              proposedBy: 'x',
              proposedAt: 0,
              approvedBy: 'y',
              since: NOW - 1,
              until: NOW + 1,
              version: 2,
            });
          const r = suitabilityPort(m)(T, event({}), {}, all)!;
          expect(r.errors).toEqual([]);
          const s = r.input;
          expect(s).toMatchObject({ checked: true, category: cl, productRisk: risk });
          if (!s.allowed || professional) return;
          expect(expired).toBe(false);
          if (risk <= cl) return;
          expect(cl).toBeGreaterThan(1);
          expect(mismatch[String(cl) as '2']).toBe('acknowledge');
          expect(acked).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('fails closed: an unassessed customer, an unknown product or purchase is an error when a rule needs the field', () => {
    const m = new SuitabilityMemory();
    const port = suitabilityPort(m);
    expect(port(T, event({ type: 'transfer' }), {}, all)).toBeUndefined();
    const first = port(T, event({ id: 'e1' }), {}, all)!;
    expect(first.errors.map((e) => e.featureId)).toEqual(['suitability.category', 'suitability.productRisk']);
    first.committed!('allow');
    expect(port(T, event({ id: 'e2' }), {}, new Set())!.errors).toEqual([]);
    const cancel = event({
      id: 'x',
      type: 'investment_cancellation',
      attributes: { productId: 'p', purchaseId: 'nope' },
    });
    expect(port(T, cancel, {}, all)!.errors[0]!.featureId).toBe('suitability.coolingOff');
    // Purchase e1 was committed as allowed; the cancellation 23 h later is within 24 h.
    const later = event({
      id: 'x2',
      type: 'investment_cancellation',
      time: NOW + 23 * 3_600_000,
      attributes: { productId: 'p', purchaseId: 'e1' },
    });
    expect(port(T, later, {}, all)!.input).toMatchObject({
      coolingOff: true,
      purchaseMinor: 10_000,
      coolingOffHours: 24,
    });
    // A blocked or held purchase, or one whose decision was never committed, is not recorded.
    port(T, event({ id: 'e3' }), {}, all)!.committed!('block');
    port(T, event({ id: 'e4' }), {}, all)!.committed!('review');
    port(T, event({ id: 'e5' }), {}, all);
    for (const id of ['e3', 'e4', 'e5']) expect(m.purchase(T, id)).toBeUndefined();
  });
});
