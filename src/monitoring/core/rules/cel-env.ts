import { toMinor } from '../../../kernel/index.ts';
import { defineFunction, T, type CelEnv, type CelType } from '../cel/index.ts';
import type { FeatureSpec } from '../features/spec.ts';

const Party = T.object('Party', {
  partyId: T.string,
  partyType: T.string,
  accountId: T.string,
  name: T.string,
  country: T.string,
  isCustomer: T.bool,
});

/** The CEL type of `event`: the normalized event (see normalize.ts). */
export const EventType: CelType = T.object('Event', {
  id: T.string,
  type: T.string,
  occurredAt: T.string,
  time: T.int,
  localDate: T.string,
  day: T.int,
  amount: T.object('Amount', { value: T.string, currency: T.string, minor: T.int, usdMinor: T.int }),
  debtor: Party,
  creditor: Party,
  channel: T.string,
  device: T.object('Device', { id: T.string, ip: T.string }),
  attributes: T.map(T.string, T.dyn),
  crossBorder: T.bool,
});

const money = (currency: string) =>
  [
    defineFunction([T.int], T.int, (x) => toMinor(x, currency), { pure: true }),
    defineFunction([T.double], T.int, (x) => toMinor(x, currency), { pure: true }),
  ] as const;

/** Helpers so thresholds read as money: `cny(50000)` is 5,000,000 fen. */
const PartyScreening = T.object('PartyScreening', {
  screened: T.bool,
  score: T.double,
  hit: T.bool,
  block: T.bool,
  listId: T.string,
  entryId: T.string,
});
const Screening = T.object('Screening', { debtor: PartyScreening, creditor: PartyScreening });
/** See core/credit-input.ts. */
const Credit = T.object('Credit', {
  scored: T.bool,
  scorecard: T.string,
  score: T.int,
  points: T.map(T.string, T.int),
  reasons: T.list(T.object('CreditReason', { code: T.string, lost: T.int, en: T.string, zh: T.string })),
  limit: T.int,
  limitCurrency: T.string,
  apr: T.double,
  statedRate: T.double,
  aprGap: T.double,
  lprCap: T.double,
  outstanding: T.int,
  external: T.object('CreditExternal', { checked: T.bool, platforms: T.int, outstanding: T.int }),
});

/** See core/suitability-input.ts. */
const Suitability = T.object('Suitability', {
  checked: T.bool,
  category: T.int,
  professional: T.bool,
  productRisk: T.int,
  matched: T.bool,
  expired: T.bool,
  acknowledged: T.bool,
  allowed: T.bool,
  coolingOff: T.bool,
  coolingOffHours: T.int,
  purchaseMinor: T.int,
});

const functions = {
  cny: money('CNY'),
  usd: money('USD'),
  eur: money('EUR'),
  minutes: defineFunction([T.int], T.int, (x) => x * 60_000, { pure: true }),
  hours: defineFunction([T.int], T.int, (x) => x * 3_600_000, { pure: true }),
  days: defineFunction([T.int], T.int, (x) => x * 86_400_000, { pure: true }),
};

function listsType(lists: Record<string, unknown>): CelType {
  return T.object('Lists', Object.fromEntries(Object.keys(lists).map((k) => [k, T.list(T.string)])));
}

/** What a feature's `when` filter may read. */
export function featureFilterEnv(lists: Record<string, unknown>): CelEnv {
  return { variables: { event: EventType, lists: listsType(lists) }, functions };
}

const featureType = (f: FeatureSpec): CelType => (f.aggregation === 'is_new' ? T.bool : T.int);

/** What a rule may read: the event, the declared features with their types, the party and lists. */
export function ruleEnv(features: readonly FeatureSpec[], lists: Record<string, unknown>): CelEnv {
  return {
    variables: {
      event: EventType,
      features: T.object('Features', Object.fromEntries(features.map((f) => [f.id, featureType(f)]))),
      party: T.map(T.string, T.dyn),
      lists: listsType(lists),
      screening: Screening,
      credit: Credit,
      suitability: Suitability,
    },
    functions,
  };
}
