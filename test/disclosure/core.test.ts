import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../src/kernel/index.ts';
import {
  DisclosureDocumentSchema,
  diffDocuments,
  figureDefinitions,
  hashOf,
  monthRange,
  operatingFigures,
  step,
  toDocument,
  type Disclosure,
  type LoanFact,
} from '../../src/disclosure/index.ts';

const day = dayNumber;
const loan = (
  id: string,
  customerId: string,
  lender: string,
  principalMinor: number,
  disbursed: string,
  due: string,
  o: Partial<LoanFact> = {},
): LoanFact => ({
  id,
  customerId,
  currency: 'CNY',
  principalMinor,
  disbursedDay: day(disbursed),
  schedule: [{ dueDay: day(due), principalMinor, interestMinor: id === 'L1' ? 1000 : 0, feeMinor: 0 }],
  lenderIds: [lender],
  relatedParty: false,
  ...o,
});

// Hand-computed book at 2026-10-31 (amounts in fen):
// L1 A←X 100000 due 09-15 unpaid (46 days past due); L2 B←Y 50000 in the period, related party, due 11-05;
// L3 A←Y 30000 due 06-01 unpaid (152 days); L4 C←X 20000 repaid on its due day; L5 after the period;
// L6 E←Z USD 1000 in the period.
const input = {
  period: '2026-10',
  firstDay: day('2026-10-01'),
  lastDay: day('2026-10-31'),
  loans: [
    loan('L1', 'A', 'X', 100_000, '2026-08-15', '2026-09-15'),
    loan('L2', 'B', 'Y', 50_000, '2026-10-05', '2026-11-05', { relatedParty: true }),
    loan('L3', 'A', 'Y', 30_000, '2026-05-01', '2026-06-01'),
    loan('L4', 'C', 'X', 20_000, '2026-09-01', '2026-10-01'),
    loan('L5', 'D', 'X', 99_999, '2026-11-02', '2026-12-02'),
    loan('L6', 'E', 'Z', 1_000, '2026-10-10', '2026-11-10', { currency: 'USD' }),
  ],
  repayments: [{ loanId: 'L4', day: day('2026-10-01'), amountMinor: 20_000 }],
  payouts: [
    { currency: 'CNY', amountMinor: 500, day: day('2026-09-01') },
    { currency: 'CNY', amountMinor: 1_500, day: day('2026-10-10') },
    { currency: 'CNY', amountMinor: 700, day: day('2026-11-01') },
  ],
  complaints: { received: 4, resolved: 3, byCategory: { B05: 3, A01: 1 } },
};

describe('operating figures (hand-computed)', () => {
  const f = operatingFigures(input);
  it('counts people across currencies', () => {
    expect(f.participants).toEqual({
      cumulativeBorrowers: 4,
      periodBorrowers: 2,
      cumulativeLenders: 3,
      periodLenders: 2,
      outstandingBorrowers: 3,
      outstandingLenders: 3,
    });
  });
  it('amounts per currency: lending, outstanding, concentration, related party, overdue, compensation', () => {
    const cny = f.currencies.find((c) => c.currency === 'CNY')!;
    expect(cny).toEqual({
      currency: 'CNY',
      cumulativeLending: { amountMinor: 200_000, count: 4 },
      periodLending: { amountMinor: 50_000, count: 1 },
      outstanding: { amountMinor: 180_000, count: 3 },
      top10BorrowersShare: 1,
      largestBorrowerShare: 0.7222,
      relatedPartyOutstanding: { amountMinor: 50_000, count: 1 },
      relatedPartyCumulative: { amountMinor: 50_000, count: 1 },
      overdue: { amountMinor: 130_000, count: 2 },
      overdue90: { amountMinor: 30_000, count: 1 },
      amountOverdueRate: 0.7222,
      projectOverdueRate: 0.6667,
      compensationPeriod: { amountMinor: 1_500, count: 1 },
      compensationCumulative: { amountMinor: 2_000, count: 2 },
      interestOutstanding: { amountMinor: 1_000, count: 1 },
      averagePerBorrowerMinor: 66_667, // 200,000 over A, B and C, rounded half up
      averagePerLenderMinor: 100_000, // over X and Y
      top10LendersShare: 1,
      largestLenderShare: 0.5556, // X is owed L1's 100,000 of 180,000
    });
    const usd = f.currencies.find((c) => c.currency === 'USD')!;
    expect(usd.outstanding).toEqual({ amountMinor: 1_000, count: 1 });
    expect(usd.amountOverdueRate).toBe(0);
    expect(usd.compensationPeriod).toEqual({ amountMinor: 0, count: 0 });
  });
  it('a loan with several lenders is split equally among them, to the last minor unit', () => {
    const shared = operatingFigures({
      ...input,
      loans: [loan('S', 'A', 'P', 100, '2026-10-02', '2026-12-02', { lenderIds: ['R', 'P', 'Q'] })],
      repayments: [],
      payouts: [],
    });
    const cny = shared.currencies[0]!;
    // 100 over three: P 34, Q 33, R 33 (sorted; the remainder goes to the first).
    expect(cny.largestLenderShare).toBe(0.34);
    expect(cny.top10LendersShare).toBe(1);
    expect(cny.averagePerLenderMinor).toBe(33);
    expect(shared.participants.outstandingLenders).toBe(3);
  });
  it('complaints by category (sorted) and the resolution rate', () => {
    expect(f.complaints).toEqual({
      received: 4,
      resolved: 3,
      resolutionRate: 0.75,
      byCategory: [
        { code: 'A01', count: 1 },
        { code: 'B05', count: 3 },
      ],
    });
  });
  it('an empty month has no ratios rather than a division by zero', () => {
    const e = operatingFigures({
      ...input,
      loans: [],
      repayments: [],
      payouts: [],
      complaints: { received: 0, resolved: 0, byCategory: {} },
    });
    expect(e.currencies).toEqual([]);
    expect(e.complaints.resolutionRate).toBeNull();
  });
  it('the document validates against its schema (ajv) and hashes its canonical JSON', () => {
    const doc = toDocument(f, { tenantId: 't1', asOf: '2026-10-31', version: 1 });
    const validate = new Ajv({ strict: false }).compile(DisclosureDocumentSchema);
    expect(validate(doc)).toBe(true);
    expect(doc.currencies[0]!.outstanding).toEqual({ amount: '1800.00', count: 3 });
    expect(hashOf(doc)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashOf(JSON.parse(JSON.stringify(doc)))).toBe(hashOf(doc));
    expect(validate({ ...doc, extra: 1 })).toBe(false);
  });
  it('every figure in the document has a bilingual definition', () => {
    const keys = new Set(figureDefinitions.map((d) => d.key));
    const doc = toDocument(f, { tenantId: 't1', asOf: '2026-10-31', version: 1 });
    for (const k of Object.keys(doc.participants)) expect(keys).toContain(`participants.${k}`);
    for (const [k, v] of Object.entries(doc.currencies[0]!)) {
      if (k === 'currency') continue;
      if (typeof v === 'object' && v !== null)
        for (const leaf of Object.keys(v)) expect(keys).toContain(`${k}.${leaf}`);
      else expect(keys).toContain(k);
    }
    for (const d of figureDefinitions)
      expect(d.zh && d.en && d.definitionZh && d.definitionEn && d.source).toBeTruthy();
  });
});

describe('correction diff', () => {
  it('lists changed fields by path; currencies matched by code, version ignored', () => {
    const f = operatingFigures(input);
    const a = toDocument(f, { tenantId: 't1', asOf: '2026-10-31', version: 1 });
    const b = toDocument(
      operatingFigures({
        ...input,
        repayments: [...input.repayments, { loanId: 'L1', day: day('2026-10-20'), amountMinor: 101_000 }],
      }),
      { tenantId: 't1', asOf: '2026-10-31', version: 2 },
    );
    const d = diffDocuments(a, b);
    expect(d).toContainEqual({ path: 'currencies[CNY].outstanding.amount', before: '1800.00', after: '800.00' });
    expect(d).toContainEqual({ path: 'currencies[CNY].overdue.count', before: 2, after: 1 });
    expect(d.some((c) => c.path.startsWith('currencies[USD]'))).toBe(false);
    expect(d.some((c) => c.path === 'version')).toBe(false);
    expect(diffDocuments(a, a)).toEqual([]);
  });
});

describe('workflow', () => {
  const draft: Disclosure = {
    tenantId: 't',
    id: 'dsc_1',
    period: '2026-10',
    version: 1,
    state: 'draft',
    doc: toDocument(operatingFigures(input), { tenantId: 't', asOf: '2026-10-31', version: 1 }),
    hash: 'h',
    computedBy: 'maker',
    computedAt: 1,
    rev: 1,
  };
  it('four eyes: neither the maker nor the submitter approves', () => {
    const sub = step(draft, 'submit', 'sub', 2);
    expect(sub.ok).toBe(true);
    const s = (sub as { next: Disclosure }).next;
    expect(step(s, 'approve', 'maker', 3)).toEqual({ ok: false, error: { kind: 'four_eyes' } });
    expect(step(s, 'approve', 'sub', 3)).toEqual({ ok: false, error: { kind: 'four_eyes' } });
    const ap = step(s, 'approve', 'checker', 3);
    expect(ap.ok && ap.next.state).toBe('approved');
    const pub = ap.ok ? step(ap.next, 'publish', 'maker', 4) : undefined;
    expect(pub?.ok && pub.next).toMatchObject({ state: 'published', publishedBy: 'maker', rev: 4 });
  });
  it('a published version takes no further step; only approved versions are published', () => {
    const published: Disclosure = { ...draft, state: 'published' };
    for (const a of ['submit', 'approve', 'reject', 'publish', 'discard'] as const)
      expect(step(published, a, 'x', 1).ok).toBe(false);
    expect(step(draft, 'publish', 'x', 1)).toEqual({
      ok: false,
      error: { kind: 'transition', from: 'draft', action: 'publish' },
    });
  });
  it('month ranges', () => {
    expect(monthRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(monthRange('2026-13')).toBeUndefined();
  });
});
