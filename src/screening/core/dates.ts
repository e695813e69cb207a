/** Dates of birth as lists write them ("10 Dec 1948", "circa 1950", "1948 to 1950", "1971-02-05"). */
import type { DateSpec } from './types.ts';

const months: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** Parses one date of birth; undefined when no year can be read. */
export function parseDob(text: string): DateSpec | undefined {
  const s = text.trim().toLowerCase();
  let m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/u.exec(s);
  if (m) {
    const spec: DateSpec = { year: Number(m[1]), month: Number(m[2]) };
    if (m[3] !== undefined && m[3] !== '00') spec.day = Number(m[3]);
    if (spec.month === 0) delete spec.month;
    return spec;
  }
  m = /^(\d{4})\s*(?:to|-|–)\s*(\d{4})$/u.exec(s);
  if (m) return { year: Number(m[1]), toYear: Number(m[2]) };
  m = /^(?:circa|approximately|about|c\.)\s*(\d{4})$/u.exec(s);
  if (m) return { year: Number(m[1]) - 1, toYear: Number(m[1]) + 1 };
  m = /^(?:(\d{1,2})\s+)?([a-z]{3})[a-z]*\.?\s+(\d{4})$/u.exec(s);
  if (m && months[m[2] ?? ''] !== undefined) {
    const spec: DateSpec = { year: Number(m[3]), month: months[m[2] ?? ''] ?? 0 };
    if (m[1] !== undefined) spec.day = Number(m[1]);
    return spec;
  }
  m = /^(\d{4})$/u.exec(s);
  if (m) return { year: Number(m[1]) };
  return undefined;
}

export type DobAgreement = 'day' | 'month' | 'year' | 'near' | 'differs' | 'unknown';

/** How well a query date of birth agrees with the entry's best date. */
export function compareDob(query: DateSpec | undefined, entry: readonly DateSpec[]): DobAgreement {
  if (!query || entry.length === 0) return 'unknown';
  const rank: DobAgreement[] = ['day', 'month', 'year', 'near', 'differs'];
  let best: DobAgreement = 'differs';
  for (const e of entry) {
    let a: DobAgreement;
    const lo = e.year;
    const hi = e.toYear ?? e.year;
    if (query.year >= lo && query.year <= hi) {
      if (e.toYear !== undefined || e.month === undefined || query.month === undefined) a = 'year';
      else if (e.month !== query.month) a = 'near';
      else if (e.day === undefined || query.day === undefined) a = 'month';
      else a = e.day === query.day ? 'day' : 'near';
    } else if (query.year >= lo - 1 && query.year <= hi + 1) a = 'near';
    else a = 'differs';
    if (rank.indexOf(a) < rank.indexOf(best)) best = a;
  }
  return best;
}

/** Whole years between the query's year of birth and the nearest of the entry's years (0 inside a range). */
export function dobGapYears(query: DateSpec | undefined, entry: readonly DateSpec[]): number {
  if (!query || entry.length === 0) return 0;
  let gap = Infinity;
  for (const e of entry) {
    const lo = e.year;
    const hi = e.toYear ?? e.year;
    gap = Math.min(gap, query.year < lo ? lo - query.year : query.year > hi ? query.year - hi : 0);
  }
  return gap;
}
