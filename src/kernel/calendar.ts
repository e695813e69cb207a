import { dateOfDayNumber, dayNumber } from './time.ts';

/**
 * A working-day calendar: weekends are rest days except declared make-up working days; declared
 * public holidays are rest days. Statutory deadlines ("within 5 working days") count on it.
 */
export interface WorkingCalendar {
  readonly name: string;
  /** Inclusive range of years the holiday data covers; outside it only weekends are known. */
  readonly coveredYears: readonly [number, number];
  isWorkingDay(date: string): boolean;
  /** The date `n` working days after `date` (the start date itself does not count). */
  addWorkingDays(date: string, n: number): string;
}

export interface CalendarData {
  name: string;
  holidays: Iterable<string>;
  makeUpWorkdays: Iterable<string>;
}

export function makeCalendar(data: CalendarData): WorkingCalendar {
  const holidays = new Set(data.holidays);
  const workdays = new Set(data.makeUpWorkdays);
  const years = [...holidays, ...workdays].map((d) => Number(d.slice(0, 4)));
  const covered: [number, number] = years.length ? [Math.min(...years), Math.max(...years)] : [0, -1];

  const isWorkingDay = (date: string): boolean => {
    if (workdays.has(date)) return true;
    if (holidays.has(date)) return false;
    const dow = (dayNumber(date) + 4) % 7; // 1970-01-01 was a Thursday
    return dow !== 0 && dow !== 6;
  };

  return {
    name: data.name,
    coveredYears: covered,
    isWorkingDay,
    addWorkingDays(date, n) {
      let day = dayNumber(date);
      let left = n;
      while (left > 0) {
        day += 1;
        if (isWorkingDay(dateOfDayNumber(day))) left -= 1;
      }
      return dateOfDayNumber(day);
    },
  };
}
