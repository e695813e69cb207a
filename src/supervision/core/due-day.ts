/**
 * When a due day ends in a tenant's time zone: a report is late when submitted at or after that
 * instant. Platforms send their tenant's IANA time zone with each report copy; copies from platforms
 * that do not are read in China Standard Time (the regulators' day). Pure.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
function offsetMs(at: number, timeZone: string): number {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  const part = (type: string): number => Number(f.formatToParts(at).find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(at / 1000) * 1000;
}

/** The first instant after the day `YYYY-MM-DD` in `timeZone` (its next local midnight). */
export function dayEndsAt(day: string, timeZone: string = DEFAULT_TIME_ZONE): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const midnight = Date.UTC(y, m - 1, d + 1); // the wall-clock time, read as if it were UTC
  // Twice: the offset at the guess may differ from the offset at the answer across a DST change.
  const guess = midnight - offsetMs(midnight, timeZone);
  return midnight - offsetMs(guess, timeZone);
}

/** A report submitted at `submittedAt` against a due day in its tenant's zone. */
export const submittedLate = (r: { dueBy: string; submittedAt: number; timeZone?: string | undefined }): boolean =>
  r.submittedAt >= dayEndsAt(r.dueBy, r.timeZone ?? DEFAULT_TIME_ZONE);
