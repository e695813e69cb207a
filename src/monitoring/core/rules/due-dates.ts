import { dateOfDayNumber, dayNumber } from '../../../kernel/index.ts';

/** Plain calendar days, for deadlines such as FinCEN's "15 days". */
export function addCalendarDays(date: string, n: number): string {
  return dateOfDayNumber(dayNumber(date) + n);
}
