import type { EventType } from '../core/event-schema.ts';

/** A party as it appears on the wire (the `debtor` / `creditor` of an event), built once and reused. */
export interface WireParty {
  readonly partyId: string;
  readonly partyType: 'person' | 'organization';
  readonly accountId: string;
  readonly isCustomer?: boolean;
}

/** One event before it is written: time in epoch ms, amount in fen. */
export interface Draft {
  t: number;
  type: EventType;
  minor?: number;
  debtor?: WireParty;
  creditor?: WireParty;
  device?: { id: string; ip: string };
  channel: string;
  /** The injected pattern instance this event belongs to; never written into the event itself. */
  pattern?: string;
}

export interface Person {
  readonly idx: number;
  readonly party: WireParty;
  /** The person's own card at another bank: top-ups come from it, cash-outs go to it. */
  readonly bank: WireParty;
  device: { id: string; ip: string };
  /** Merchant payments per day, before the weekly cycle. */
  readonly rate: number;
  readonly p2pRate: number;
  readonly favourites: number[];
  readonly friends: number[];
  readonly employer: number;
  readonly salary: number;
  /** Index into the private landlords, or -1. */
  readonly landlord: number;
  /** Index into the letting agencies, or -1. */
  readonly agency: number;
  readonly rent: number;
  readonly rentDay: number;
  readonly lender: number;
  readonly repayment: number;
  readonly repaymentDay: number;
  /** First active day (accounts opened during the run) and last (dormant or taken over accounts). */
  firstDay: number;
  lastDay: number;
  /** Already part of an injected pattern (its ordinary life goes on). */
  busy: boolean;
}

export interface Org {
  readonly idx: number;
  readonly party: WireParty;
  readonly kind: 'merchant' | 'employer' | 'lender' | 'agency' | 'supplier';
  readonly payday: number;
}

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

/** Hour-of-day weights of consumer activity (Beijing time): quiet nights, lunch and evening peaks. */
export const hourWeights = [
  0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 2.5, 2, 1.8, 2.5, 4, 3, 2, 1.8, 2, 2.5, 4, 4.5, 4, 3, 2, 1,
];

export const cny = (yuan: number): number => Math.round(yuan * 100);
