/**
 * The published document: the figures with amounts as decimal strings of their currency, the period
 * and the standard it follows. Its canonical JSON (sorted keys) is what is hashed and put on the ledger.
 */
import { Type, type Static } from '@sinclair/typebox';
import { canonicalJson, formatMoney, sha256Hex } from '../../kernel/index.ts';
import type { AmountCount, OperatingFigures } from './figures.ts';

const Decimal = Type.String({ pattern: '^-?\\d+(\\.\\d+)?$', description: 'Decimal amount in the currency' });
const Ratio = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]);
const Count = Type.Integer({ minimum: 0 });
const Flow = Type.Object({ amount: Decimal, count: Count }, { additionalProperties: false });

export const CurrencySectionSchema = Type.Object(
  {
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
    cumulativeLending: Flow,
    periodLending: Flow,
    outstanding: Flow,
    top10BorrowersShare: Ratio,
    largestBorrowerShare: Ratio,
    relatedPartyOutstanding: Flow,
    relatedPartyCumulative: Flow,
    overdue: Flow,
    overdue90: Flow,
    amountOverdueRate: Ratio,
    projectOverdueRate: Ratio,
    compensationPeriod: Flow,
    compensationCumulative: Flow,
    // Added after the first publications; optional so that documents published before still validate.
    interestOutstanding: Type.Optional(Flow),
    averagePerBorrower: Type.Optional(Type.Union([Decimal, Type.Null()])),
    averagePerLender: Type.Optional(Type.Union([Decimal, Type.Null()])),
    top10LendersShare: Type.Optional(Ratio),
    largestLenderShare: Type.Optional(Ratio),
  },
  { additionalProperties: false },
);

export const DisclosureDocumentSchema = Type.Object(
  {
    format: Type.Literal('zhili.disclosure/1'),
    standard: Type.Literal('T/NIFA 1—2017'),
    tenantId: Type.String(),
    period: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$' }),
    asOf: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Last day of the period (tenant time zone)' }),
    version: Type.Integer({ minimum: 1 }),
    participants: Type.Object(
      {
        cumulativeBorrowers: Count,
        periodBorrowers: Count,
        cumulativeLenders: Count,
        periodLenders: Count,
        outstandingBorrowers: Count,
        outstandingLenders: Type.Optional(Count),
      },
      { additionalProperties: false },
    ),
    currencies: Type.Array(CurrencySectionSchema),
    complaints: Type.Object(
      {
        received: Count,
        resolved: Count,
        resolutionRate: Ratio,
        byCategory: Type.Array(Type.Object({ code: Type.String(), count: Count }, { additionalProperties: false })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type DisclosureDocument = Static<typeof DisclosureDocumentSchema>;

const flow = (x: AmountCount, currency: string) => ({
  amount: formatMoney({ minor: x.amountMinor, currency }),
  count: x.count,
});

const moneyOrNull = (minor: number | null, currency: string): string | null =>
  minor === null ? null : formatMoney({ minor, currency });

export function toDocument(
  f: OperatingFigures,
  meta: { tenantId: string; asOf: string; version: number },
): DisclosureDocument {
  return {
    format: 'zhili.disclosure/1',
    standard: 'T/NIFA 1—2017',
    tenantId: meta.tenantId,
    period: f.period,
    asOf: meta.asOf,
    version: meta.version,
    participants: { ...f.participants },
    currencies: f.currencies.map((c) => ({
      currency: c.currency,
      cumulativeLending: flow(c.cumulativeLending, c.currency),
      periodLending: flow(c.periodLending, c.currency),
      outstanding: flow(c.outstanding, c.currency),
      top10BorrowersShare: c.top10BorrowersShare,
      largestBorrowerShare: c.largestBorrowerShare,
      relatedPartyOutstanding: flow(c.relatedPartyOutstanding, c.currency),
      relatedPartyCumulative: flow(c.relatedPartyCumulative, c.currency),
      overdue: flow(c.overdue, c.currency),
      overdue90: flow(c.overdue90, c.currency),
      amountOverdueRate: c.amountOverdueRate,
      projectOverdueRate: c.projectOverdueRate,
      compensationPeriod: flow(c.compensationPeriod, c.currency),
      compensationCumulative: flow(c.compensationCumulative, c.currency),
      interestOutstanding: flow(c.interestOutstanding, c.currency),
      averagePerBorrower: moneyOrNull(c.averagePerBorrowerMinor, c.currency),
      averagePerLender: moneyOrNull(c.averagePerLenderMinor, c.currency),
      top10LendersShare: c.top10LendersShare,
      largestLenderShare: c.largestLenderShare,
    })),
    complaints: { ...f.complaints, byCategory: f.complaints.byCategory.map((x) => ({ ...x })) },
  };
}

export const canonicalOf = (doc: DisclosureDocument): string => canonicalJson(doc);
export const hashOf = (doc: DisclosureDocument): string => sha256Hex(canonicalOf(doc));
