import type { Pos } from './errors.ts';
import { impl, ov } from './overload.ts';
import type { Overload } from './overload.ts';
import { civil } from './time.ts';
import type { CivilTime } from './time.ts';
import { T } from './types.ts';
import type { CelDuration, CelTimestamp } from './values.ts';

const { int: I, string: S, timestamp: TS, duration: DU } = T;

/** `t.getX()` in UTC and `t.getX(zone)` in an IANA zone or a fixed `±HH:MM` offset. */
function field(get: (c: CivilTime) => number): Overload[] {
  return [
    ov([TS], I, (at: Pos) => impl((t: CelTimestamp) => get(civil(t, undefined, at)))),
    ov([TS, S], I, (at: Pos) => impl((t: CelTimestamp, zone: string) => get(civil(t, zone, at)))),
  ];
}

const NS_PER_MS = 1_000_000n;
const durationPart = (unitNs: bigint) => ov([DU], I, () => impl((d: CelDuration) => Number(d.ns / unitNs)));

/** Calendar accessors of timestamps and the total (or, for milliseconds, component) readings of durations. */
export const TIME_MEMBERS: Record<string, Overload[]> = {
  getFullYear: field((c) => c.year),
  getMonth: field((c) => c.month - 1),
  getDate: field((c) => c.day),
  getDayOfMonth: field((c) => c.day - 1),
  getDayOfWeek: field((c) => c.dayOfWeek),
  getDayOfYear: field((c) => c.dayOfYear),
  getHours: [...field((c) => c.hours), durationPart(3_600_000_000_000n)],
  getMinutes: [...field((c) => c.minutes), durationPart(60_000_000_000n)],
  getSeconds: [...field((c) => c.seconds), durationPart(1_000_000_000n)],
  getMilliseconds: [
    ...field((c) => c.milliseconds),
    // The milliseconds within the second, as cel-go does (not the duration in milliseconds).
    ov([DU], I, () => impl((d: CelDuration) => Number((d.ns % 1_000_000_000n) / NS_PER_MS))),
  ],
};
