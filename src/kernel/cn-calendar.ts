import { createRequire } from 'node:module';
import { makeCalendar, type WorkingCalendar } from './calendar.ts';

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

let cached: WorkingCalendar | undefined;

/**
 * The mainland China working-day calendar (State Council holiday notices, 2004 onward) from the
 * chinese-days data set: public holidays are rest days, make-up Saturdays/Sundays are working days.
 */
export function chinaCalendar(): WorkingCalendar {
  if (!cached) {
    const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysData;
    cached = makeCalendar({
      name: 'CN',
      holidays: Object.keys(data.holidays),
      makeUpWorkdays: Object.keys(data.workdays),
    });
  }
  return cached;
}
