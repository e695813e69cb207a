import type { Rng } from './rng.ts';
import { cny, DAY, HOUR, type Draft, type Person, type WireParty } from './model.ts';
import type { Population } from './population.ts';

/** The injected patterns, in the order the generator plants them. */
export const patternKinds = [
  'structuring-deposit',
  'structuring-withdrawal',
  'pass-through',
  'fan-in',
  'fan-out',
  'cycle',
  'account-takeover',
  'dormant',
] as const;
export type PatternKind = (typeof patternKinds)[number];

export interface Planter {
  readonly rng: Rng;
  readonly pop: Population;
  readonly start: number;
  readonly days: number;
  readonly out: Draft[];
  /** Labelled accounts: account id → pattern kind. */
  readonly labels: Map<string, PatternKind>;
}

const officeTime = (p: Planter, day: number): number => p.start + day * DAY + 9 * HOUR + p.rng.int(0, 8 * HOUR);

/** A fresh account opened for a scheme (a mule, a shell company), with its opening event when it is ours. */
function fresh(p: Planter, day: number, kind: 'person' | 'organization', customer = true): WireParty {
  const n = p.pop.nextMule++;
  const id = `x${String(n).padStart(6, '0')}`;
  const party: WireParty = {
    partyId: id,
    partyType: kind,
    accountId: `ac-${id}`,
    ...(customer ? {} : { isCustomer: false }),
  };
  if (customer && day >= 0)
    p.out.push({
      t: officeTime(p, day),
      type: 'account_opening',
      debtor: party,
      channel: 'app',
      device: device(p, id),
    });
  return party;
}

const device = (p: Planter, id: string): { id: string; ip: string } => ({
  id: `dev-${id}`,
  ip: `172.${p.rng.int(16, 31)}.${p.rng.int(0, 255)}.${p.rng.int(1, 254)}`,
});

/** An existing, established customer nobody else's pattern uses. */
function existing(p: Planter): Person {
  for (;;) {
    const x = p.rng.pick(p.pop.persons);
    if (x.firstDay === 0 && !x.busy && !p.labels.has(x.party.accountId)) {
      x.busy = true;
      return x;
    }
  }
}

function move(
  p: Planter,
  tag: string,
  t: number,
  minor: number,
  from: WireParty,
  to: WireParty,
  dev?: { id: string; ip: string },
): void {
  p.out.push({
    t,
    type: 'transfer',
    minor,
    debtor: from,
    creditor: to,
    channel: 'app',
    pattern: tag,
    ...(dev ? { device: dev } : {}),
  });
}

const nearThreshold = (p: Planter): number => cny(p.rng.int(450, 499) * 100);

export function plant(p: Planter, kind: PatternKind, n: number): void {
  const { rng, days } = p;
  const tag = `${kind}-${n}`;
  const d0 = rng.int(2, days - 9);
  switch (kind) {
    case 'structuring-deposit': {
      const x = existing(p);
      p.labels.set(x.party.accountId, kind);
      const k = rng.int(4, 8);
      let total = 0;
      for (let i = 0; i < k; i++) {
        const minor = nearThreshold(p);
        total += minor;
        p.out.push({
          t: officeTime(p, d0 + Math.floor((i * 6) / k)),
          type: 'cash_deposit',
          minor,
          creditor: x.party,
          channel: rng.pick(['counter', 'atm']),
          pattern: tag,
        });
      }
      move(
        p,
        tag,
        officeTime(p, d0 + 7),
        Math.round((total * rng.int(85, 98)) / 100),
        x.party,
        fresh(p, -1, 'person', false),
        x.device,
      );
      return;
    }
    case 'structuring-withdrawal': {
      const x = existing(p);
      p.labels.set(x.party.accountId, kind);
      const k = rng.int(4, 8);
      move(p, tag, officeTime(p, d0), cny(rng.int(46, 50) * 1000 * k), fresh(p, -1, 'organization', false), x.party);
      for (let i = 0; i < k; i++)
        p.out.push({
          t: officeTime(p, d0 + 1 + Math.floor((i * 6) / k)),
          type: 'cash_withdrawal',
          minor: nearThreshold(p),
          debtor: x.party,
          channel: rng.pick(['counter', 'atm']),
          pattern: tag,
        });
      return;
    }
    case 'pass-through': {
      const mule = fresh(p, d0 - rng.int(1, 5), 'person');
      p.labels.set(mule.accountId, kind);
      const dev = device(p, mule.partyId);
      for (let round = 0, day = d0; round < rng.int(2, 4) && day < days; round++, day += rng.int(2, 4)) {
        let t = officeTime(p, day);
        let total = 0;
        for (let i = rng.int(2, 5); i > 0; i--) {
          const minor = cny(rng.int(8, 60) * 1000 + rng.int(0, 999));
          total += minor;
          move(p, tag, (t += rng.int(60_000, HOUR)), minor, p.rng.pick(p.pop.persons).party, mule);
        }
        const outs = rng.int(1, 2);
        const keep = rng.int(92, 99) / 100;
        for (let i = 0; i < outs; i++)
          move(
            p,
            tag,
            (t += rng.int(10 * 60_000, 4 * HOUR)),
            Math.round((total * keep) / outs),
            mule,
            fresh(p, -1, 'organization', false),
            dev,
          );
      }
      return;
    }
    case 'fan-in': {
      const collector = rng.chance(0.5) ? fresh(p, d0 - rng.int(1, 10), 'person') : existing(p).party;
      p.labels.set(collector.accountId, kind);
      const payers = rng.int(12, 40);
      let total = 0;
      for (let i = 0; i < payers; i++) {
        const minor = cny(Math.round(Math.min(20_000, Math.max(1_000, rng.logNormal(5_000, 0.6)))));
        total += minor;
        move(p, tag, officeTime(p, d0 + rng.int(0, 3)), minor, p.rng.pick(p.pop.persons).party, collector);
      }
      const outs = rng.int(1, 3);
      for (let i = 0; i < outs; i++)
        move(
          p,
          tag,
          officeTime(p, d0 + 4),
          Math.round((total * rng.int(85, 95)) / 100 / outs),
          collector,
          fresh(p, -1, 'person', false),
          device(p, collector.partyId),
        );
      return;
    }
    case 'fan-out': {
      const hub = rng.chance(0.5) ? fresh(p, d0 - rng.int(1, 10), 'person') : existing(p).party;
      p.labels.set(hub.accountId, kind);
      const total = cny(rng.int(200, 800) * 1000);
      move(p, tag, officeTime(p, d0), total, fresh(p, -1, 'organization', false), hub);
      const payees = rng.int(12, 30);
      const dev = device(p, hub.partyId);
      for (let i = 0; i < payees; i++)
        move(
          p,
          tag,
          officeTime(p, d0 + 1 + rng.int(0, 1)),
          Math.round((total * 0.9) / payees),
          hub,
          fresh(p, -1, 'person', false),
          dev,
        );
      return;
    }
    case 'cycle': {
      const members = Array.from({ length: rng.int(3, 6) }, () => existing(p));
      for (const m of members) p.labels.set(m.party.accountId, kind);
      let minor = cny(rng.int(50, 200) * 1000);
      let t = officeTime(p, d0);
      for (let lap = rng.int(1, 2); lap > 0; lap--)
        for (let i = 0; i < members.length; i++) {
          const from = members[i] as Person;
          const to = members[(i + 1) % members.length] as Person;
          move(p, tag, (t += rng.int(2 * HOUR, 30 * HOUR)), minor, from.party, to.party, from.device);
          minor = Math.round((minor * rng.int(970, 995)) / 1000);
        }
      return;
    }
    case 'account-takeover': {
      const x = existing(p);
      p.labels.set(x.party.accountId, kind);
      const day = Math.max(d0, 7);
      const attacker = device(p, `ato${n}`);
      let t = p.start + day * DAY + rng.int(0, 23) * HOUR;
      p.out.push({ t, type: 'login', debtor: x.party, device: attacker, channel: 'app', pattern: tag });
      const k = rng.int(2, 5);
      const total = cny(rng.int(10, 80) * 1000);
      for (let i = 0; i < k; i++)
        move(
          p,
          tag,
          (t += rng.int(3 * 60_000, 20 * 60_000)),
          Math.round(total / k),
          x.party,
          fresh(p, -1, 'person', false),
          attacker,
        );
      return;
    }
    case 'dormant': {
      const x = existing(p);
      p.labels.set(x.party.accountId, kind);
      x.lastDay = rng.int(2, 4);
      const day = rng.int(Math.min(days - 2, x.lastDay + 20), days - 2);
      const total = cny(rng.int(50, 300) * 1000);
      let t = officeTime(p, day);
      move(p, tag, t, total, fresh(p, -1, 'organization', false), x.party);
      const outs = rng.int(1, 3);
      for (let i = 0; i < outs; i++)
        move(
          p,
          tag,
          (t += rng.int(20 * 60_000, 5 * HOUR)),
          Math.round((total * rng.int(90, 100)) / 100 / outs),
          x.party,
          fresh(p, -1, 'person', false),
          x.device,
        );
      return;
    }
  }
}
