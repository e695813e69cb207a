import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countryListOn, fatfLists } from './country-risk.ts';
import { ownershipFacts } from './ownership.ts';
import {
  channelPoints,
  occupationPoints,
  productPoints,
  rateParty,
  type RatingHit,
  type RatingInput,
} from './rating.ts';
import { riskLevels } from './types.ts';

const rank = (l: string): number => riskLevels.indexOf(l as never);
const pick = (t: Record<string, number>) => fc.constantFrom(...Object.keys(t), 'unknown_value');
const country = fc.constantFrom('CN', 'US', 'IR', 'KP', 'VN', 'DE', 'NG', 'SY');
const hitArb: fc.Arbitrary<RatingHit> = fc.record({
  listId: fc.constantFrom('ofac-sdn', 'un-sc', 'pep'),
  entryId: fc.string({ minLength: 1, maxLength: 5 }),
  sanctions: fc.boolean(),
  status: fc.constantFrom('open', 'false_positive', 'confirmed'),
  recommendation: fc.constantFrom('block', 'review'),
});
const inputArb: fc.Arbitrary<RatingInput> = fc.record(
  {
    day: fc.constantFrom('2025-01-01', '2025-07-01', '2026-11-27'),
    kind: fc.constantFrom('person', 'organisation'),
    countries: fc.array(country, { maxLength: 3 }),
    pep: fc.boolean(),
    occupation: pick(occupationPoints),
    products: fc.array(pick(productPoints), { maxLength: 3 }),
    channel: pick(channelPoints),
    hits: fc.array(hitArb, { maxLength: 3 }),
    ownership: fc.record({ layers: fc.integer({ min: 0, max: 6 }), missingBeneficialOwner: fc.boolean() }),
    transactions: fc.record(
      {
        cashIntensive: fc.boolean(),
        volumeRatio: fc.double({ min: 0, max: 10, noNaN: true }),
        highRiskCountryTransfers: fc.integer({ min: 0, max: 5 }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['day', 'kind'] },
);

/** A factor added on top of an input: one more hit, country, product, PEP, opacity or behaviour. */
const addition = fc.oneof(
  hitArb.map((h) => (i: RatingInput): RatingInput => ({ ...i, hits: [...(i.hits ?? []), h] })),
  country.map((c) => (i: RatingInput): RatingInput => ({ ...i, countries: [...(i.countries ?? []), c] })),
  pick(productPoints).map((p) => (i: RatingInput): RatingInput => ({ ...i, products: [...(i.products ?? []), p] })),
  fc.constant((i: RatingInput): RatingInput => ({ ...i, pep: true })),
  fc.constant((i: RatingInput): RatingInput => ({
    ...i,
    ownership: { layers: i.ownership?.layers ?? 0, missingBeneficialOwner: true },
  })),
  fc.constant((i: RatingInput): RatingInput => ({ ...i, transactions: { ...i.transactions, cashIntensive: true } })),
);

describe('customer risk rating', () => {
  it('adding a risk factor never lowers the rating or the points', () => {
    fc.assert(
      fc.property(inputArb, addition, (input, add) => {
        const before = rateParty(input);
        const after = rateParty(add(input));
        expect(rank(after.level)).toBeGreaterThanOrEqual(rank(before.level));
        expect(after.points).toBeGreaterThanOrEqual(before.points);
      }),
      { numRuns: 500 },
    );
  });

  it('a confirmed sanctions hit is always prohibited', () => {
    fc.assert(
      fc.property(inputArb, fc.string({ minLength: 1 }), (input, entryId) => {
        const r = rateParty({
          ...input,
          hits: [
            ...(input.hits ?? []),
            { listId: 'ofac-sdn', entryId, sanctions: true, status: 'confirmed', recommendation: 'review' },
          ],
        });
        expect(r.level).toBe('prohibited');
        expect(r.reasons.some((x) => x.factor === 'sanctions_hit')).toBe(true);
      }),
    );
  });

  it('every reason explains itself in en and zh and the points add up', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const r = rateParty(input);
        for (const x of r.reasons) {
          expect(x.en.length).toBeGreaterThan(0);
          expect(x.zh).toMatch(/[\u4e00-\u9fff]/);
        }
        expect(r.points).toBe(r.reasons.reduce((s, x) => s + x.points, 0));
      }),
    );
  });

  it('a plain domestic customer is low; a false positive adds nothing; FATF black list is high', () => {
    const base: RatingInput = {
      day: '2026-11-27',
      kind: 'person',
      countries: ['CN'],
      channel: 'in_person',
      products: ['payment'],
    };
    expect(rateParty(base)).toMatchObject({ level: 'low', points: 5, countryList: 'fatf-2025-06' });
    expect(
      rateParty({
        ...base,
        hits: [{ listId: 'un-sc', entryId: '1', sanctions: true, status: 'false_positive', recommendation: 'block' }],
      }).points,
    ).toBe(5);
    expect(rateParty({ ...base, countries: ['KP'] }).level).toBe('high');
    expect(rateParty({ ...base, occupation: 'money_service_business' }).level).toBe('medium');
  });

  it('picks the newest country list dated on or before the day', () => {
    expect(countryListOn('2030-01-01').id).toBe(fatfLists.at(-1)!.id);
    expect(
      countryListOn('2020-01-01', [
        { id: 'a', date: '2024-01-01', callForAction: [], increasedMonitoring: [] },
        { id: 'b', date: '2025-01-01', callForAction: [], increasedMonitoring: [] },
      ]).id,
    ).toBe('a');
  });
});

describe('ownership opacity', () => {
  const graph = new Map([
    ['org1', { kind: 'organisation' as const, owners: [{ partyId: 'org2' }] }],
    ['org2', { kind: 'organisation' as const, owners: [{ partyId: 'p1' }] }],
    ['p1', { kind: 'person' as const, owners: [] }],
    ['loopA', { kind: 'organisation' as const, owners: [{ partyId: 'loopB' }] }],
    ['loopB', { kind: 'organisation' as const, owners: [{ partyId: 'loopA' }] }],
  ]);
  it('counts corporate layers to the first natural person', () => {
    expect(ownershipFacts([{ partyId: 'p1' }], graph)).toEqual({ layers: 1, missingBeneficialOwner: false });
    expect(ownershipFacts([{ partyId: 'org1' }], graph)).toEqual({ layers: 3, missingBeneficialOwner: false });
  });
  it('flags organisations with no natural person above them, cycles included', () => {
    expect(ownershipFacts([], graph)).toEqual({ layers: 0, missingBeneficialOwner: true });
    expect(ownershipFacts([{ partyId: 'loopA' }], graph)).toEqual({ layers: 2, missingBeneficialOwner: true });
  });
});
