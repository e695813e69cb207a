import { Weighted, type Rng } from './rng.ts';
import { cny, DAY, HOUR, hourWeights, type Draft, type Person, type WireParty } from './model.ts';
import type { Population } from './population.ts';

const hourPick = new Weighted(hourWeights);
const officeHours = new Weighted(hourWeights.map((w, h) => (h >= 9 && h <= 17 ? w : 0)));
const roundGifts = [50, 66, 88, 100, 100, 200, 200, 500, 520, 1000];

export interface DayContext {
  readonly day: number;
  /** Epoch ms of local midnight. */
  readonly start: number;
  /** 0 = Sunday. */
  readonly weekday: number;
  /** Day of the month, 1–31. */
  readonly dom: number;
  /** Last day of this month falls on… (for paydays past the month's end). */
  readonly monthDays: number;
}

const at = (rng: Rng, c: DayContext, pick: Weighted = hourPick): number =>
  c.start + pick.draw(rng) * HOUR + rng.int(0, 3_599_999);

/** A payday that falls on a weekend is paid on the Friday before. */
export function paidToday(payday: number, c: DayContext): boolean {
  const target = Math.min(payday, c.monthDays);
  const wd = (c.weekday + (target - c.dom) + 7 * 10) % 7;
  const shifted = wd === 6 ? target - 1 : wd === 0 ? target - 2 : target;
  return c.dom === Math.max(1, shifted);
}

const money = (rng: Rng, median: number, sigma: number, lo: number, hi: number): number =>
  cny(Math.min(hi, Math.max(lo, rng.logNormal(median, sigma))));

/** The ordinary traffic of one person on one day. */
export function personDay(pop: Population, rng: Rng, c: DayContext, p: Person, out: Draft[]): void {
  const me = p.party;
  const app = 'app';
  if (c.day === p.firstDay && p.firstDay > 0)
    out.push({ t: at(rng, c), type: 'account_opening', debtor: me, device: p.device, channel: app });
  const weekend = c.weekday === 0 || c.weekday === 6;
  const pays = rng.poisson(p.rate * (weekend ? 1.25 : 0.95));
  for (let k = 0; k < pays; k++) {
    const m = rng.chance(0.8) ? rng.pick(p.favourites) : pop.merchantPick.draw(rng);
    const merchant = pop.merchants[m]?.party;
    if (!merchant) continue;
    const minor = cny(Math.min(20_000, Math.max(1, Math.round(rng.logNormal(42, 1.05) * 100) / 100)));
    out.push({ t: at(rng, c), type: 'payment', minor, debtor: me, creditor: merchant, device: p.device, channel: app });
  }
  const p2p = rng.poisson(p.p2pRate * (weekend ? 1.2 : 1));
  for (let k = 0; k < p2p; k++) {
    const f = pop.persons[rng.pick(p.friends) ?? -1];
    if (!f || c.day < f.firstDay) continue;
    const minor = rng.chance(0.5) ? cny(rng.pick(roundGifts)) : cny(Math.round(rng.logNormal(260, 1.0)));
    out.push({ t: at(rng, c), type: 'transfer', minor, debtor: me, creditor: f.party, device: p.device, channel: app });
  }
  // A dinner bill split or a group gift: several friends pay one person within the hour.
  if (rng.chance(0.004)) {
    const t0 = at(rng, c);
    for (const fi of p.friends.slice(0, rng.int(3, 12))) {
      const f = pop.persons[fi];
      if (!f || c.day < f.firstDay) continue;
      const minor = cny(Math.round(rng.logNormal(90, 0.5)));
      out.push({
        t: t0 + rng.int(0, HOUR),
        type: 'transfer',
        minor,
        debtor: f.party,
        creditor: me,
        device: f.device,
        channel: app,
      });
    }
  }
  for (let k = rng.poisson(0.05); k > 0; k--)
    out.push({
      t: at(rng, c),
      type: 'transfer',
      minor: money(rng, 800, 1, 10, 60_000),
      debtor: p.bank,
      creditor: me,
      device: p.device,
      channel: app,
    });
  for (let k = rng.poisson(0.03); k > 0; k--)
    out.push({
      t: at(rng, c),
      type: 'transfer',
      minor: money(rng, 1500, 1, 10, 80_000),
      debtor: me,
      creditor: p.bank,
      device: p.device,
      channel: app,
    });
  for (let k = rng.poisson(0.01); k > 0; k--)
    out.push({
      t: at(rng, c, officeHours),
      type: 'cash_deposit',
      minor: cny(Math.round(rng.logNormal(2000, 1) / 100) * 100 + 100),
      creditor: me,
      channel: rng.chance(0.7) ? 'atm' : 'counter',
    });
  for (let k = rng.poisson(0.02); k > 0; k--)
    out.push({
      t: at(rng, c),
      type: 'cash_withdrawal',
      minor: cny(Math.round(rng.logNormal(1000, 0.9) / 100) * 100 + 100),
      debtor: me,
      channel: 'atm',
    });
  const employer = pop.employers[p.employer];
  if (employer && paidToday(employer.payday, c))
    out.push({
      t: c.start + 9 * HOUR + (employer.idx % 60) * 60_000 + rng.int(0, 59_999),
      type: 'transfer',
      minor: cny(p.salary + rng.int(-200, 200)),
      debtor: employer.party,
      creditor: me,
      channel: 'batch',
    });
  const landlord: WireParty | undefined =
    p.landlord >= 0 ? pop.persons[pop.landlords[p.landlord] ?? -1]?.party : pop.agencies[p.agency]?.party;
  if (landlord && landlord !== me && c.dom === p.rentDay)
    out.push({
      t: at(rng, c),
      type: 'transfer',
      minor: cny(p.rent),
      debtor: me,
      creditor: landlord,
      device: p.device,
      channel: app,
    });
  const lender = pop.lenders[p.lender];
  if (lender && c.dom === p.repaymentDay)
    out.push({
      t: at(rng, c),
      type: 'loan_repayment',
      minor: cny(p.repayment),
      debtor: me,
      creditor: lender.party,
      channel: 'auto-debit',
    });
  if (rng.chance(0.0015)) {
    const l = rng.pick(pop.lenders).party;
    const t = at(rng, c);
    out.push({ t, type: 'loan_application', debtor: me, creditor: l, device: p.device, channel: app });
    const amount = cny(Math.round(rng.logNormal(15_000, 0.7) / 100) * 100);
    out.push({
      t: t + rng.int(10 * 60_000, 6 * HOUR),
      type: 'loan_disbursement',
      minor: amount,
      debtor: l,
      creditor: me,
      channel: app,
    });
  }
  // Now and then a large honest purchase (a car deposit, tuition) or a large gift from family.
  if (rng.chance(0.0008)) {
    const m = pop.merchants[pop.merchantPick.draw(rng)]?.party;
    if (m)
      out.push({
        t: at(rng, c),
        type: 'payment',
        minor: money(rng, 30_000, 0.6, 5_000, 300_000),
        debtor: me,
        creditor: m,
        device: p.device,
        channel: app,
      });
  }
  if (rng.chance(0.0005)) {
    const f = pop.persons[rng.pick(p.friends) ?? -1];
    if (f)
      out.push({
        t: at(rng, c),
        type: 'transfer',
        minor: cny(Math.round(rng.logNormal(20_000, 0.8) / 1000) * 1000 + 1000),
        debtor: f.party,
        creditor: me,
        device: f.device,
        channel: app,
      });
  }
}

/** What organisations do on their own: suppliers paid weekly, settlement to the bank, shop cash. */
export function orgDay(pop: Population, rng: Rng, c: DayContext, out: Draft[]): void {
  pop.merchants.forEach((m, i) => {
    const big = i < pop.merchants.length / 10;
    if (c.weekday === 1 && rng.chance(big ? 1 : 0.4)) {
      const s = rng.pick(pop.suppliers).party;
      out.push({
        t: at(rng, c, officeHours),
        type: 'transfer',
        minor: money(rng, big ? 80_000 : 6_000, 0.9, 100, 5_000_000),
        debtor: m.party,
        creditor: s,
        channel: 'corporate',
      });
    }
    if (!big && rng.chance(0.05))
      out.push({
        t: at(rng, c, officeHours),
        type: 'cash_withdrawal',
        minor: cny(Math.round(rng.logNormal(8_000, 0.8) / 100) * 100),
        debtor: m.party,
        channel: 'counter',
      });
  });
  if (c.weekday !== 0 && c.weekday !== 6)
    for (const s of pop.suppliers)
      if (rng.chance(0.3))
        out.push({
          t: at(rng, c, officeHours),
          type: 'cash_deposit',
          minor: cny(Math.round(rng.logNormal(20_000, 0.7) / 100) * 100),
          creditor: s.party,
          channel: 'counter',
        });
}

export const dayMs = DAY;
