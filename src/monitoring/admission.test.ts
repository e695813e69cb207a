import { describe, expect, it } from 'vitest';
import { Admission, type AdmissionLimits, type Verdict } from './admission.ts';
import { TenantHints, UNVERIFIED } from './admission-door.ts';

function clock() {
  const c = { t: 0, now: () => c.t };
  return c;
}
const wide = { maxInFlight: 10_000, maxInFlightPerTenant: 10_000, targetLatencyMs: 100 } satisfies AdmissionLimits;

/** Admits `n` events of a tenant; every verdict in order. */
function admitMany(a: Admission, tenant: string, n: number): Verdict[] {
  return Array.from({ length: n }, () => a.admit(tenant));
}

/**
 * A node that has been slow: 400 events of `tenant` admitted at 0, 200 answered at 200 ms and 100 at
 * 400 ms — 200 ms in flight each (twice the 100 ms target), throughput 1 event per ms. 100 remain in flight.
 */
function slowNode(limits: AdmissionLimits = wide) {
  const c = clock();
  const refusals: string[] = [];
  const a = new Admission({ ...limits, onRefused: (scope, t) => refusals.push(`${scope}:${t}`) }, c);
  admitMany(a, 'flood', 400);
  c.t = 200;
  for (let i = 0; i < 200; i++) a.release('flood', 1, 0);
  c.t = 400;
  for (let i = 0; i < 100; i++) a.release('flood', 1, 200);
  return { a, c, refusals };
}

describe('admission by time in flight', () => {
  it('past the target, holds throughput × target in flight and refuses only the tenant above its share', () => {
    const { a, refusals } = slowNode();
    expect(a.meanInFlightMs).toBeGreaterThan(150);
    expect(a.inFlight).toBe(100);
    expect(a.limit).toBe(100); // 1 event/ms × 100 ms (Little's law)
    expect(a.admit('flood')).toBe('node'); // alone at the limit: the node is saturated
    expect(a.admit('quiet')).toBe('ok'); // a quiet tenant is let in past the limit
    expect(a.admit('flood')).toBe('tenant'); // now it is a question of shares
    // The quiet tenant gets its fair share of the limit (half of 100), and more while it has asked for less
    // than an equal share of the events that asked over the last second (the flood's 402): not beyond that.
    expect(admitMany(a, 'quiet', 49)).toEqual(Array(49).fill('ok'));
    expect(admitMany(a, 'quiet', 351)).toEqual(Array(351).fill('ok'));
    expect(a.admit('quiet')).toBe('tenant');
    expect(a.held('quiet')).toBe(401);
    expect(a.admit('idle', 500)).toBe('ok'); // a tenant with nothing in flight is let in, a whole batch too
    expect(a.refused).toEqual({ tenant: 2, node: 1 });
    expect(refusals).toEqual(['node:flood', 'tenant:flood', 'tenant:quiet']);
  });

  it('lets the flood in again, up to the limit, once its events have left', () => {
    const { a, c } = slowNode();
    c.t = 450;
    for (let i = 0; i < 100; i++) a.release('flood', 1, 400);
    expect(a.inFlight).toBe(0);
    const verdicts = admitMany(a, 'flood', a.limit + 1);
    expect(verdicts.filter((v) => v === 'ok')).toHaveLength(a.limit);
    expect(verdicts.at(-1)).toBe('node');
  });

  it('refuses nothing for time in flight while events are fast, however many are in flight', () => {
    const c = clock();
    const a = new Admission(wide, c);
    admitMany(a, 't', 200);
    c.t = 10;
    for (let i = 0; i < 200; i++) a.release('t', 1, 0); // 10 ms each: under half the target
    expect(a.limit).toBe(wide.maxInFlight);
    expect(admitMany(a, 't', 5000).every((v) => v === 'ok')).toBe(true);
  });

  it('forgets slow single events after a second without any: batches alone are judged by the counts', () => {
    const { a, c } = slowNode();
    c.t = 450;
    for (let i = 0; i < 100; i++) a.release('flood', 1, 400);
    expect(a.limit).toBe(100); // just now, single events were slow
    // Batches only from here on: a batch's time in flight is its size, not queueing, and is not counted.
    expect(a.admit('flood', 1000)).toBe('ok'); // nothing in flight: let in whatever the limit
    expect(a.admit('flood', 1000)).toBe('node'); // a second one, while the stale figure still counts
    c.t = 1500;
    expect(a.meanInFlightMs).toBe(0);
    expect(a.limit).toBe(wide.maxInFlight);
    expect(a.admit('flood', 1000)).toBe('ok');
    expect(a.admit('flood', 1000)).toBe('ok');
    a.release('flood', 1000, 450);
    // Single events come back fast: the mean starts again from zero, not from the old 200 ms.
    a.admit('flood');
    c.t = 1505;
    a.release('flood', 1, 1500);
    expect(a.meanInFlightMs).toBeCloseTo(0.25); // 5 ms, weighted as the first event after start is
    expect(a.limit).toBe(wide.maxInFlight);
  });

  it('does not refuse below the floor of events in flight, even when slow', () => {
    const c = clock();
    const a = new Admission({ ...wide, minInFlight: 32 }, c);
    admitMany(a, 't', 40);
    c.t = 5000;
    for (let i = 0; i < 40; i++) a.release('t', 1, 0); // 5 s each, a trickle of throughput
    expect(a.limit).toBe(32);
    expect(admitMany(a, 't', 32).every((v) => v === 'ok')).toBe(true);
    expect(a.admit('t')).toBe('node');
  });

  it('keeps the hard counts: per tenant (429), per node (503), a whole batch on an idle tenant, own slots', () => {
    const a = new Admission({ maxInFlight: 6, maxInFlightPerTenant: 3 }, clock());
    expect(a.admit('a', 5)).toBe('ok'); // a batch on an idle tenant is never refused for its share
    expect(a.admit('a', 1)).toBe('tenant');
    expect(a.admit('b', 2)).toBe('node'); // 5 + 2 > 6
    expect(a.admit('b', 1)).toBe('ok');
    expect(a.judge('b', 3, 1)).toBe('node'); // own slot does not count against it, the node's six do
    a.release('a', 5, 0);
    expect(a.judge('b', 3, 1)).toBe('ok');
    expect(a.inFlight).toBe(1);
  });
});

describe('the tenant-aware event-loop guard', () => {
  it('lets a quiet tenant in while the loop lags, refuses the one above its share, and all past the hard limit', () => {
    const { a } = slowNode();
    expect(a.underLag('flood', 150, 400)).toBe('node'); // alone in flight: it is what lags the loop
    expect(a.admit('quiet')).toBe('ok');
    expect(a.underLag('flood', 150, 400)).toBe('tenant');
    expect(a.underLag('quiet', 150, 400)).toBe('ok');
    expect(a.underLag('newcomer', 150, 400)).toBe('ok');
    expect(a.underLag(UNVERIFIED, 150, 400)).toBe('ok');
    expect(a.underLag('quiet', 401, 400)).toBe('node');
    // A tenant holding a few more than its share of a small total is still quiet: within its share of the floor.
    const b = new Admission({ ...wide, minInFlight: 64 }, clock());
    admitMany(b, 'one', 1);
    admitMany(b, 'few', 20);
    expect([b.underLag('few', 150, 400), b.underLag('one', 150, 400)]).toEqual(['ok', 'ok']);
    admitMany(b, 'few', 20);
    expect(b.underLag('few', 150, 400)).toBe('tenant'); // 40: above half the floor and half the total
    expect(a.refused).toEqual({ tenant: 0, node: 0 }); // the guard counts its own sheds
  });
});

describe('tenant hints', () => {
  it('name a tenant only for a credential that authenticated, for a limited time and number', () => {
    const c = clock();
    const hints = new TenantHints(c, 1000, 2);
    expect(hints.tenantOf(undefined)).toBe(UNVERIFIED);
    expect(hints.tenantOf('zk_unknown')).toBe(UNVERIFIED);
    hints.learn('zk_a', 'ten_a');
    expect(hints.tenantOf('zk_a')).toBe('ten_a');
    expect(hints.tenantOf('zk_a ')).toBe(UNVERIFIED); // exact credential only
    c.t = 1001;
    expect(hints.tenantOf('zk_a')).toBe(UNVERIFIED); // expired: a revoked key stops counting
    hints.learn('zk_a', 'ten_a');
    hints.learn('zk_b', 'ten_b');
    hints.learn('zk_c', 'ten_c'); // full: the old hints go, the new one stays
    expect([hints.tenantOf('zk_a'), hints.tenantOf('zk_c')]).toEqual([UNVERIFIED, 'ten_c']);
  });
});

describe('the fair cap while several tenants are active', () => {
  it('holds a flood to a few events in flight and lets a quiet tenant in with only those ahead of it', () => {
    const c = clock();
    const ahead: number[] = [];
    const a = new Admission(
      { ...wide, targetLatencyMs: 10, onAdmitted: (t, n) => void (t === 'quiet' && ahead.push(n)) },
      c,
    );
    // A flood that keeps 48 events in flight, each 40 ms (past the 10 ms goal), for 2 s: alone it is let
    // in (48 is under the floor of 64), while the fair cap falls to its floor.
    let flood = 0;
    const turn = () => {
      c.t += 40;
      for (; flood > 0; flood--) a.release('flood', 1, c.t - 40);
      for (let i = 0; i < 48; i++) if (a.admit('flood') === 'ok') flood++;
    };
    for (let i = 0; i < 50; i++) turn();
    expect(flood).toBe(48);
    expect(a.fairCap).toBe(8);
    // A quiet tenant comes: let in at once, behind the 48 already in flight...
    expect(a.admit('quiet')).toBe('ok');
    a.release('quiet', 1, c.t);
    // ...and from the flood's next turn on, the flood holds at most the cap, its own share refused as 429.
    const before = { ...a.refused };
    for (let i = 0; i < 10; i++) {
      turn();
      expect(flood).toBeLessThanOrEqual(8);
      expect(a.admit('quiet')).toBe('ok');
      a.release('quiet', 1, c.t);
    }
    expect(ahead[0]).toBe(48);
    expect(ahead.slice(1).every((n) => n <= 8)).toBe(true);
    expect(a.refused.tenant - before.tenant).toBeGreaterThan(10 * 30);
    expect(a.refused.node).toBe(before.node);
    // A stall: the quiet tenant's events pile up in flight past its share of the cap, and are still let in
    // (it asked for far less than an equal share of what was let in), while the flood is not.
    expect(admitMany(a, 'quiet', 20)).toEqual(Array(20).fill('ok'));
    expect(a.admit('flood')).toBe('tenant');
    for (let i = 0; i < 20; i++) a.release('quiet', 1, c.t);
    // While the loop lags, the quiet tenant is let in even at an instant when it alone holds slots (the
    // flood's refusals and commits lag the loop too).
    for (; flood > 0; flood--) a.release('flood', 1, c.t);
    expect(a.admit('quiet')).toBe('ok');
    expect(a.underLag('quiet', 300, 800)).toBe('ok');
    a.release('quiet', 1, c.t);
    expect(admitMany(a, 'flood', 8)).toEqual(Array(8).fill('ok'));
    flood = 8;
    expect(a.admit('quiet')).toBe('ok');
    expect(a.underLag('quiet', 900, 800)).toBe('node'); // past the hard limit every request is refused
    a.release('quiet', 1, c.t);
    // A second after the quiet tenant's last event, the flood is alone again and judged without the cap.
    c.t += 1000;
    turn();
    turn();
    expect(flood).toBe(48);
  });
});
