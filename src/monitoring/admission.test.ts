import { describe, expect, it } from 'vitest';
import { ZhiliError } from '../kernel/index.ts';
import { Admission } from './admission.ts';

/** Holds `n` requests of a tenant in flight until `release` is called; each takes `ms` of the clock. */
function hold(a: Admission, clock: { t: number }, tenant: string, n: number, ms: number) {
  const releases: (() => void)[] = [];
  const done = Array.from({ length: n }, () =>
    a.run(tenant, 1, () => new Promise<void>((resolve) => releases.push(resolve))),
  );
  return async () => {
    clock.t += ms;
    for (const r of releases) r();
    await Promise.all(done);
  };
}

const codeOf = (f: () => void): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return e instanceof ZhiliError ? e.code : String(e);
  }
};

describe('admission by time in flight', () => {
  it('past the target, refuses the tenant above its fair share and still admits a quiet one', async () => {
    const clock = { t: 0 };
    const a = new Admission({ maxInFlight: 10_000, maxInFlightPerTenant: 10_000, targetLatencyMs: 100 }, () => clock.t);
    // A history of slow requests: the running mean of time in flight climbs past the target.
    await (
      await Promise.resolve(hold(a, clock, 'flood', 200, 2000))
    )();
    // The flood gets 64 in (below that the node is not queueing); the next is refused.
    const release = hold(a, clock, 'flood', 64, 0);
    expect(a.inFlight).toBe(64);
    expect(codeOf(() => a.enter('flood'))).toBe('ZHILI_E_OVERLOADED'); // alone: the node is saturated
    const quiet = hold(a, clock, 'quiet', 1, 0); // a quiet tenant is let in
    expect(a.inFlight).toBe(65);
    expect(codeOf(() => a.enter('flood'))).toBe('ZHILI_E_TENANT_BUSY'); // now it is a share question
    expect(codeOf(() => a.enter('quiet'))).toBeUndefined();
    a.leave('quiet');
    await release();
    await quiet();
    expect(a.refused).toEqual({ tenant: 1, node: 1 });
  });

  it('below the target or with few in flight, nothing is refused for latency', async () => {
    const clock = { t: 0 };
    const a = new Admission({ maxInFlight: 10_000, maxInFlightPerTenant: 10_000, targetLatencyMs: 100 }, () => clock.t);
    await hold(a, clock, 't', 200, 10)();
    const fast = hold(a, clock, 't', 500, 0);
    expect(codeOf(() => a.enter('t'))).toBeUndefined(); // fast history: no refusal however many in flight
    a.leave('t');
    await fast();
    const slow = new Admission(
      { maxInFlight: 10_000, maxInFlightPerTenant: 10_000, targetLatencyMs: 100 },
      () => clock.t,
    );
    await hold(slow, clock, 't', 200, 5000)();
    const few = hold(slow, clock, 't', 10, 0);
    expect(codeOf(() => slow.enter('t'))).toBeUndefined(); // slow history but not queueing (10 < 64)
    slow.leave('t');
    await few();
  });
});
