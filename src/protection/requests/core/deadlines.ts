/**
 * Data-subject requests (个人信息保护法 PIPL arts. 44–50): the kinds, the life of a request and its
 * deadline clock. Pure: the service passes the clock, calendar and policy in.
 *
 * Shipped deadline policies (every figure configurable per tenant):
 * - `app-rules` (default) — 《App违法违规收集使用个人信息行为认定方法》 (国信办秘字〔2019〕191号), item 6: a
 *   request to correct or delete personal information or to close an account must be checked and handled
 *   within the time promised, which may not exceed 15 working days (15 working days where none is promised).
 *   Zhili applies the same figure to access, copy and withdrawal of consent.
 * - `gbt35273` — GB/T 35273-2020 《信息安全技术 个人信息安全规范》 §8.7 c): answer within 30 days (or the
 *   period the law sets) after verifying the requester's identity. Calendar days.
 * PIPL itself (art. 50) asks for a timely response and reasons for any refusal, with no day count.
 */
import { dateOfDayNumber, dayNumber, localDate, type WorkingCalendar } from '../../../kernel/index.ts';

export const requestKinds = ['access', 'copy', 'correction', 'deletion', 'withdrawal'] as const;
export type RequestKind = (typeof requestKinds)[number];
export const requestStates = ['received', 'verified', 'fulfilled', 'refused'] as const;
export type RequestState = (typeof requestStates)[number];
export const verificationMethods = [
  'id_document',
  'account_login',
  'face_match',
  'in_branch',
  'phone_callback',
  'other',
] as const;
export type VerificationMethod = (typeof verificationMethods)[number];

export interface DeadlinePolicy {
  source: string;
  days: number;
  dayKind: 'calendar' | 'working';
  /** Warn this many days before the last day (a default, not law). */
  warnDays: number;
}

export const defaultDeadlinePolicies: Readonly<Record<string, DeadlinePolicy>> = {
  'app-rules': {
    source: 'App违法违规收集使用个人信息行为认定方法 (国信办秘字〔2019〕191号) item 6: at most 15 working days',
    days: 15,
    dayKind: 'working',
    warnDays: 3,
  },
  gbt35273: {
    source: 'GB/T 35273-2020 个人信息安全规范 §8.7 c): within 30 days',
    days: 30,
    dayKind: 'calendar',
    warnDays: 5,
  },
};

export type DeadlineStatus = 'on_time' | 'due_soon' | 'breached' | 'met' | 'met_late';

export interface DeadlineView {
  policy: string;
  source: string;
  dayKind: 'calendar' | 'working';
  days: number;
  receivedDate: string;
  dueBy: string;
  /** False when working days run into a year whose holidays are not published yet. */
  calendarCovered: boolean;
  daysLeft?: number | undefined;
  status: DeadlineStatus;
}

/** The last local day for the answer: the day of receipt does not count; working days skip rest days. */
export function requestDueDate(
  receivedAt: number,
  timeZone: string,
  p: DeadlinePolicy,
  calendar: WorkingCalendar,
): string {
  const received = localDate(receivedAt, timeZone);
  return p.dayKind === 'working'
    ? calendar.addWorkingDays(received, p.days)
    : dateOfDayNumber(dayNumber(received) + p.days);
}

export function requestDeadline(
  r: { receivedAt: number; timeZone: string; policy: string; closedAt?: number | undefined },
  p: DeadlinePolicy,
  calendar: WorkingCalendar,
  now: number,
): DeadlineView {
  const dueBy = requestDueDate(r.receivedAt, r.timeZone, p, calendar);
  const base = {
    policy: r.policy,
    source: p.source,
    dayKind: p.dayKind,
    days: p.days,
    receivedDate: localDate(r.receivedAt, r.timeZone),
    dueBy,
    calendarCovered: p.dayKind === 'calendar' || Number(dueBy.slice(0, 4)) <= calendar.coveredYears[1],
  };
  if (r.closedAt !== undefined)
    return { ...base, status: localDate(r.closedAt, r.timeZone) > dueBy ? 'met_late' : 'met' };
  const left = dayNumber(dueBy) - dayNumber(localDate(now, r.timeZone));
  return { ...base, daysLeft: left, status: left < 0 ? 'breached' : left <= p.warnDays ? 'due_soon' : 'on_time' };
}

export type RequestStep = 'verify' | 'export' | 'fulfil' | 'refuse';

/** Which steps a request in this state may take: identity first, then an answer; answered is final. */
export function stepsIn(state: RequestState, kind: RequestKind): RequestStep[] {
  if (state === 'received') return ['verify', 'refuse'];
  if (state === 'verified')
    return kind === 'access' || kind === 'copy' ? ['export', 'fulfil', 'refuse'] : ['fulfil', 'refuse'];
  return [];
}
