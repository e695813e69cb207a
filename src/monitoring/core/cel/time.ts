import { fail } from './errors.ts';
import type { Pos } from './errors.ts';
import { CelDuration, CelTimestamp } from './values.ts';

/**
 * Timestamps and durations as CEL defines them (google.protobuf.Timestamp/Duration): nanosecond precision,
 * timestamps within years 1..9999, durations within int64 nanoseconds (about ±292 years, as cel-go); leaving a
 * range is an error.
 * Calendar fields come from integer civil-date arithmetic in UTC plus the zone's offset at that instant.
 */
const NS = 1_000_000_000n;
const MIN_TS = -62135596800n * NS; // 0001-01-01T00:00:00Z
const MAX_TS = 253402300799n * NS + NS - 1n; // 9999-12-31T23:59:59.999999999Z
const MAX_DUR = 2n ** 63n - 1n;

export function timestampOf(ns: bigint, at: Pos): CelTimestamp {
  if (ns < MIN_TS || ns > MAX_TS) fail('overflow', 'timestamp out of range (years 1 to 9999)', at);
  return new CelTimestamp(ns);
}

export function durationOf(ns: bigint, at: Pos): CelDuration {
  if (ns < -MAX_DUR - 1n || ns > MAX_DUR) fail('overflow', 'duration out of range (about ±292 years)', at);
  return new CelDuration(ns);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z0: number): [y: number, m: number, d: number] {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [era * 400 + yoe + (m <= 2 ? 1 : 0), m, d];
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

export function parseTimestamp(s: string, at: Pos): CelTimestamp {
  const m = RFC3339.exec(s);
  if (m === null) return fail('invalid_argument', `cannot parse '${s}' as an RFC 3339 timestamp`, at);
  const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const days = daysFromCivil(y, mo, d);
  const [cy, cm, cd] = civilFromDays(days);
  if (cy !== y || cm !== mo || cd !== d || h > 23 || mi > 59 || sec > 60)
    fail('invalid_argument', `'${s}' is not a valid date and time`, at);
  const offset = m[8] !== undefined ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 3600 + Number(m[11]) * 60);
  const secs = BigInt(days) * 86400n + BigInt(h * 3600 + mi * 60 + sec - offset);
  return timestampOf(secs * NS + BigInt((m[7] ?? '').padEnd(9, '0') || '0'), at);
}

const fraction = (nanos: bigint): string =>
  nanos === 0n ? '' : `.${nanos.toString().padStart(9, '0').replace(/0+$/, '')}`;

const floorDiv = (a: bigint, b: bigint): bigint => (a >= 0n ? a / b : -((-a + b - 1n) / b));

export function formatTimestamp(t: CelTimestamp): string {
  const secs = floorDiv(t.ns, NS);
  const nanos = t.ns - secs * NS;
  const days = Number(floorDiv(secs, 86400n));
  const sod = Number(secs - BigInt(days) * 86400n);
  const [y, m, d] = civilFromDays(days);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  const time = `${p(Math.floor(sod / 3600))}:${p(Math.floor(sod / 60) % 60)}:${p(sod % 60)}`;
  return `${p(y, 4)}-${p(m)}-${p(d)}T${time}${fraction(nanos)}Z`;
}

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  µs: 1000n,
  ms: 1_000_000n,
  s: NS,
  m: 60n * NS,
  h: 3600n * NS,
};

/** Go's duration syntax, as CEL uses it: `1h30m`, `-1.5s`, `100ms`, `0`. */
export function parseDuration(s: string, at: Pos): CelDuration {
  const bad = (): never => fail('invalid_argument', `cannot parse '${s}' as a duration`, at);
  let rest = s;
  let sign = 1n;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    sign = rest.startsWith('-') ? -1n : 1n;
    rest = rest.slice(1);
  }
  if (rest === '0') return new CelDuration(0n);
  if (rest === '') bad();
  let total = 0n;
  const part = /^(\d*)(?:\.(\d*))?(ns|us|µs|ms|s|m|h)/;
  while (rest !== '') {
    const m = part.exec(rest);
    if (m === null || (m[1] === '' && (m[2] ?? '') === '')) return bad();
    const unit = UNITS[m[3] as string] as bigint;
    const frac = m[2] ?? '';
    total += BigInt(m[1] || '0') * unit + (frac === '' ? 0n : (BigInt(frac) * unit) / 10n ** BigInt(frac.length));
    rest = rest.slice(m[0].length);
  }
  return durationOf(sign * total, at);
}

export function formatDuration(d: CelDuration): string {
  const neg = d.ns < 0n;
  const abs = neg ? -d.ns : d.ns;
  return `${neg ? '-' : ''}${abs / NS}${fraction(abs % NS)}s`;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC in seconds at an instant: IANA names, `UTC`, or fixed `±HH:MM`. */
function offsetSeconds(zone: string, secs: bigint, at: Pos): number {
  const fixed = /^([+-]?)(\d{2}):(\d{2})$/.exec(zone);
  if (fixed !== null) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 3600 + Number(fixed[3]) * 60);
  let f = zoneFormats.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      return fail('invalid_argument', `unknown time zone '${zone}'`, at);
    }
    zoneFormats.set(zone, f);
  }
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(Number(secs) * 1000))) parts[p.type] = p.value;
  const year = parts.era === 'BC' || parts.era === 'B' ? 1 - Number(parts.year) : Number(parts.year);
  const local =
    daysFromCivil(year, Number(parts.month), Number(parts.day)) * 86400 +
    Number(parts.hour) * 3600 +
    Number(parts.minute) * 60 +
    Number(parts.second);
  return local - Number(secs);
}

export interface CivilTime {
  year: number;
  month: number;
  day: number;
  dayOfWeek: number;
  dayOfYear: number;
  hours: number;
  minutes: number;
  seconds: number;
  milliseconds: number;
}

/** The calendar fields of an instant in a zone (UTC when none is given). */
export function civil(t: CelTimestamp, zone: string | undefined, at: Pos): CivilTime {
  const secs = floorDiv(t.ns, NS);
  const nanos = Number(t.ns - secs * NS);
  const local = Number(secs) + (zone === undefined ? 0 : offsetSeconds(zone, secs, at));
  const days = Math.floor(local / 86400);
  const sod = local - days * 86400;
  const [year, month, day] = civilFromDays(days);
  return {
    year,
    month,
    day,
    dayOfWeek: (((days + 4) % 7) + 7) % 7,
    dayOfYear: days - daysFromCivil(year, 1, 1),
    hours: Math.floor(sod / 3600),
    minutes: Math.floor(sod / 60) % 60,
    seconds: sod % 60,
    milliseconds: Math.floor(nanos / 1_000_000),
  };
}

export const addTime = (t: CelTimestamp, d: CelDuration, at: Pos): CelTimestamp => timestampOf(t.ns + d.ns, at);
export const subTimes = (a: CelTimestamp, b: CelTimestamp, at: Pos): CelDuration => durationOf(a.ns - b.ns, at);
export const NANOS_PER_SECOND = NS;
