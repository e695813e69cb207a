/** RFC 3339 with an explicit offset or Z; a timestamp without a zone is ambiguous for a regulator. */
const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** Epoch milliseconds of an RFC 3339 timestamp, or undefined when it is not one (or not a real date). */
export function parseTimestamp(s: string): number | undefined {
  const m = rfc3339.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, sec] = m.map(Number) as [number, number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return undefined;
  const t = Date.parse(s.replace(' ', 'T'));
  if (Number.isNaN(t)) return undefined;
  // Date.parse rolls 2026-02-30 into March; a wrong date must be rejected, not moved.
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCDate() !== d) return undefined;
  return t;
}

const unitMs = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** "10m", "24h", "90d", "2w" → milliseconds. */
export function parseDuration(s: string): number | undefined {
  const m = /^(\d{1,6})(s|m|h|d|w)$/.exec(s);
  if (!m) return undefined;
  return Number(m[1]) * unitMs[m[2] as keyof typeof unitMs];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/**
 * The calendar day (YYYY-MM-DD) of an instant in a time zone: "same-day cumulative" in PBOC rules
 * means the customer's business day, not the UTC day.
 */
export function localDate(epochMs: number, timeZone: string): string {
  return formatter(timeZone).format(epochMs);
}

/** Day number (days since 1970-01-01) of a YYYY-MM-DD date; cheap keys for calendar-day windows. */
export function dayNumber(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

export function dateOfDayNumber(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
