import { Weighted, zipf, type Rng } from './rng.ts';
import type { Org, Person, WireParty } from './model.ts';

export interface Population {
  readonly persons: Person[];
  readonly merchants: Org[];
  readonly merchantPick: Weighted;
  readonly employers: Org[];
  readonly lenders: Org[];
  readonly agencies: Org[];
  readonly suppliers: Org[];
  /** Landlords who are private persons: index into persons. */
  readonly landlords: number[];
  /** Accounts created for patterns (mules and their helpers). */
  nextMule: number;
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

export function personParty(i: number): WireParty {
  return { partyId: `p${pad(i, 6)}`, partyType: 'person', accountId: `ac-p${pad(i, 6)}` };
}

const orgParty = (prefix: string, i: number): WireParty => ({
  partyId: `${prefix}${pad(i, 5)}`,
  partyType: 'organization',
  accountId: `ac-${prefix}${pad(i, 5)}`,
});

function orgs(rng: Rng, n: number, prefix: string, kind: Org['kind']): Org[] {
  return Array.from({ length: n }, (_, i) => ({
    idx: i,
    party: orgParty(prefix, i),
    kind,
    payday: rng.pick([5, 10, 10, 15, 15, 20, 25]),
  }));
}

/**
 * Customers and organisations of a platform with `people` personal customers: Zipf-popular merchants
 * (a few with thousands of payers a day), employers paying salaries, lenders, letting agencies and
 * private landlords, suppliers paid by merchants.
 */
export function buildPopulation(rng: Rng, people: number, days: number): Population {
  const merchants = orgs(rng, Math.max(20, Math.round(people / 45)), 'm', 'merchant');
  const employers = orgs(rng, Math.max(5, Math.round(people / 60)), 'e', 'employer');
  const lenders = orgs(rng, 6, 'l', 'lender');
  const agencies = orgs(rng, Math.max(2, Math.round(people / 2000)), 'g', 'agency');
  const suppliers = orgs(rng, Math.max(5, Math.round(people / 300)), 's', 'supplier');
  const merchantPick = new Weighted(zipf(merchants.length, 1.05));
  const employerPick = new Weighted(zipf(employers.length, 0.9));
  const landlordCount = Math.max(5, Math.round(people / 25));
  const landlords = Array.from({ length: landlordCount }, () => rng.int(0, people - 1));
  const persons: Person[] = [];
  let household: { device: { id: string; ip: string }; left: number } | undefined;
  for (let i = 0; i < people; i++) {
    // Families share a device and a home IP now and then.
    if (!household || household.left <= 0) {
      household = {
        device: { id: `dev-${pad(i, 6)}`, ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
        left: rng.chance(0.15) ? rng.int(2, 3) : 1,
      };
    }
    household.left--;
    const employed = rng.chance(0.72);
    const renter = rng.chance(0.3);
    const privateLet = rng.chance(0.6);
    const borrower = rng.chance(0.15);
    const newAccount = rng.chance(0.05);
    persons.push({
      idx: i,
      party: personParty(i),
      bank: { ...personParty(i), accountId: `bk-p${pad(i, 6)}`, isCustomer: false },
      device: household.device,
      rate: Math.min(6, rng.logNormal(0.55, 0.8)),
      p2pRate: Math.min(2, rng.logNormal(0.07, 0.9)),
      favourites: Array.from({ length: rng.int(3, 8) }, () => merchantPick.draw(rng)),
      friends: Array.from({ length: rng.int(3, 15) }, () => rng.int(0, people - 1)).filter((f) => f !== i),
      employer: employed ? employerPick.draw(rng) : -1,
      salary: Math.round(rng.logNormal(8500, 0.5)),
      landlord: renter && privateLet ? rng.int(0, landlordCount - 1) : -1,
      agency: renter && !privateLet ? rng.int(0, agencies.length - 1) : -1,
      rent: Math.round(rng.logNormal(2800, 0.4) / 100) * 100,
      rentDay: rng.int(1, 5),
      lender: borrower ? rng.int(0, lenders.length - 1) : -1,
      repayment: Math.round(rng.logNormal(1800, 0.6)),
      repaymentDay: rng.int(1, 28),
      firstDay: newAccount ? rng.int(1, Math.max(1, days - 2)) : 0,
      lastDay: days,
      busy: false,
    });
  }
  return { persons, merchants, merchantPick, employers, lenders, agencies, suppliers, landlords, nextMule: 0 };
}
