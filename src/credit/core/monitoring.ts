import { dateOfDayNumber, dayNumber } from '../../kernel/index.ts';
import type { Scorecard } from './scorecard.ts';
import { stabilityOf, type Shift } from './stability.ts';

/**
 * Weekly score stability of a live scorecard: the PSI of its scores and the CSI of each characteristic
 * in each ISO week, against the development sample recorded in the card (`metadata.scoreBands` and
 * every bin's training count). Pure: the applications come in already read from stored decisions.
 */

/** A tenant's reading of PSI: above `watch` a shift to watch, above `alert` one to act on. */
export interface StabilityLevels {
  watch: number;
  alert: number;
  /** A week with fewer scored applications is shown but never alerts (its PSI is mostly noise). */
  minRows: number;
}

export const defaultStabilityLevels: StabilityLevels = { watch: 0.1, alert: 0.25, minRows: 30 };

export type StabilityLevel = 'stable' | 'watch' | 'alert' | 'too-few';

export const levelOf = (value: number, l: StabilityLevels): Exclude<StabilityLevel, 'too-few'> =>
  value > l.alert ? 'alert' : value > l.watch ? 'watch' : 'stable';

export interface IsoWeek {
  /** `2026-W48` */
  week: string;
  /** Monday and Sunday, local dates. */
  from: string;
  to: string;
}

/** The ISO 8601 week of a local date (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekOf(date: string): IsoWeek {
  const day = dayNumber(date);
  // Day 0 (1970-01-01) was a Thursday: Monday is weekday 0.
  const monday = day - ((((day + 3) % 7) + 7) % 7);
  const thursday = dateOfDayNumber(monday + 3);
  const year = thursday.slice(0, 4);
  const n = Math.floor((monday + 3 - dayNumber(`${year}-01-01`)) / 7) + 1;
  return {
    week: `${year}-W${String(n).padStart(2, '0')}`,
    from: dateOfDayNumber(monday),
    to: dateOfDayNumber(monday + 6),
  };
}

/** One scored application: its local date, the score it was given, and its characteristics' raw values. */
export interface ScoredApplication {
  date: string;
  score: number;
  values: Readonly<Record<string, string | undefined>>;
}

export interface CharacteristicWeek {
  name: string;
  csi: number;
  level: Exclude<StabilityLevel, 'too-few'>;
  bins: Shift[];
}

export interface WeekStability extends IsoWeek {
  rows: number;
  psi: number;
  /** `too-few` below `minRows`, else the reading of the score PSI. */
  level: StabilityLevel;
  /** Score bands of the development sample: expected and this week's shares. */
  bands: Shift[];
  characteristics: CharacteristicWeek[];
}

/** Stability per ISO week, oldest first, of the weeks that have scored applications. */
export function weeklyStability(
  card: Scorecard,
  apps: readonly ScoredApplication[],
  levels: StabilityLevels = defaultStabilityLevels,
): WeekStability[] {
  const byWeek = new Map<string, { week: IsoWeek; apps: ScoredApplication[] }>();
  const weekOf = new Map<string, IsoWeek>(); // a few dates, many applications each
  for (const a of apps) {
    let w = weekOf.get(a.date);
    if (!w) weekOf.set(a.date, (w = isoWeekOf(a.date)));
    const entry = byWeek.get(w.week);
    if (entry) entry.apps.push(a);
    else byWeek.set(w.week, { week: w, apps: [a] });
  }
  return [...byWeek.values()]
    .sort((a, b) => a.week.from.localeCompare(b.week.from))
    .map(({ week, apps: xs }) => {
      const s = stabilityOf(
        card,
        xs.map((x) => x.score),
        xs.map((x) => x.values),
        levels.alert,
      );
      return {
        ...week,
        rows: s.rows,
        psi: s.psi,
        level: s.rows < levels.minRows ? 'too-few' : levelOf(s.psi, levels),
        bands: s.bands,
        characteristics: s.characteristics.map((c) => ({ ...c, level: levelOf(c.csi, levels) })),
      };
    });
}
