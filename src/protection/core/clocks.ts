/**
 * Statutory clocks for complaint decisions. The shipped defaults and where they come from:
 *
 * - `pboc` — 《中国人民银行金融消费者权益保护实施办法》 (PBOC Order [2020] No. 5), art. 44, for banks and
 *   payment institutions: a decision and notice to the complainant within 15 days of receipt; complex
 *   cases may be extended to 30 days; particularly complex cases, with approval of the institution's
 *   head office and notice to the complainant, by a further 30 days — at most 60 days in all. The rule
 *   counts days (日), not working days: the default is calendar days.
 * - `nfra` — 《银行业保险业消费投诉处理管理办法》 (CBIRC Order [2020] No. 3), art. 19, for banks and insurers under
 *   the NFRA (formerly CBIRC): 15 days, extendable by up to 15 days (30 in all) with notice. No further
 *   extension: `specialDays` equals `complexDays` there.
 *
 * `warnDays` (warn this many days before the deadline) is a configurable default, not law. Every figure
 * may be overridden per tenant and per regulator.
 */
import { dateOfDayNumber, dayNumber, localDate, type WorkingCalendar } from '../../kernel/index.ts';
import type { Complaint, Complexity } from './types.ts';

export type DayKind = 'calendar' | 'working';

export interface ClockPolicy {
  /** Where the figures come from (shown in docs and the API). */
  source: string;
  decisionDays: number;
  complexDays: number;
  specialDays: number;
  dayKind: DayKind;
  warnDays: number;
}

export const defaultClockPolicies: Readonly<Record<string, ClockPolicy>> = {
  pboc: {
    source: '中国人民银行金融消费者权益保护实施办法 (PBOC Order [2020] No. 5) art. 44',
    decisionDays: 15,
    complexDays: 30,
    specialDays: 60,
    dayKind: 'calendar',
    warnDays: 3,
  },
  nfra: {
    source: '银行业保险业消费投诉处理管理办法 (CBIRC Order [2020] No. 3) art. 19',
    decisionDays: 15,
    complexDays: 30,
    specialDays: 30,
    dayKind: 'calendar',
    warnDays: 3,
  },
};

export function periodDays(p: ClockPolicy, complexity: Complexity): number {
  return complexity === 'special' ? p.specialDays : complexity === 'complex' ? p.complexDays : p.decisionDays;
}

/**
 * The last day (local YYYY-MM-DD) on which the decision may be made. The day of receipt does not count
 * (the period runs "from the day after"); with working days, a deadline counts only working days on the
 * calendar. A calendar-day deadline that lands on a rest day is not moved: the PBOC rule does not say so.
 */
export function deadlineDate(
  receivedAt: number,
  timeZone: string,
  days: number,
  kind: DayKind,
  calendar: WorkingCalendar,
): string {
  const received = localDate(receivedAt, timeZone);
  if (kind === 'working') return calendar.addWorkingDays(received, days);
  return dateOfDayNumber(dayNumber(received) + days);
}

/** `stopped`: escalated to mediation or the regulator before a decision; their clock takes over. */
export type ClockStatus = 'on_time' | 'due_soon' | 'breached' | 'met' | 'met_late' | 'stopped';

export interface ClockView {
  regulator: string;
  source: string;
  dayKind: DayKind;
  days: number;
  receivedDate: string;
  decisionBy: string;
  /**
   * False when a working-day deadline runs into a year the holiday calendar does not cover yet (the State
   * Council publishes each year's holidays late in the year before): only weekends were known.
   */
  calendarCovered: boolean;
  /** Calendar days left until the deadline (negative: overdue); undefined once decided. */
  daysLeft?: number | undefined;
  status: ClockStatus;
}

/** The complaint's decision clock as of `now`: a decision counts when approved (the decision is made). */
export function clockOf(c: Complaint, policy: ClockPolicy, calendar: WorkingCalendar, now: number): ClockView {
  const days = periodDays(policy, c.complexity);
  const decisionBy = deadlineDate(c.receivedAt, c.timeZone, days, policy.dayKind, calendar);
  const base = {
    regulator: c.regulator,
    source: policy.source,
    dayKind: policy.dayKind,
    days,
    receivedDate: localDate(c.receivedAt, c.timeZone),
    decisionBy,
    calendarCovered: policy.dayKind === 'calendar' || Number(decisionBy.slice(0, 4)) <= calendar.coveredYears[1],
  };
  if (c.decidedAt !== undefined) {
    const late = localDate(c.decidedAt, c.timeZone) > decisionBy;
    return { ...base, status: late ? 'met_late' : 'met' };
  }
  if (c.state === 'escalated') return { ...base, status: 'stopped' };
  const left = dayNumber(decisionBy) - dayNumber(localDate(now, c.timeZone));
  const status = left < 0 ? 'breached' : left <= policy.warnDays ? 'due_soon' : 'on_time';
  return { ...base, daysLeft: left, status };
}
