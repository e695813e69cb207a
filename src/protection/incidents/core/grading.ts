/**
 * Incident grading and reporting clocks. Pure: the service passes the facts, the policy and the time in.
 *
 * Four grades, as the PBOC, the NFRA and the CAC all use them: 特别重大 (I, extraordinarily serious), 重大
 * (II, serious), 较大 (III, relatively serious), 一般 (IV, general). An incident takes the highest grade any
 * of its facts reaches. The shipped thresholds (see defaults.ts) are configurable per tenant.
 */

export const grades = ['I', 'II', 'III', 'IV'] as const;
export type Grade = (typeof grades)[number];
export const gradeNames: Record<Grade, { en: string; zh: string }> = {
  I: { en: 'Extraordinarily serious', zh: '特别重大' },
  II: { en: 'Serious', zh: '重大' },
  III: { en: 'Relatively serious', zh: '较大' },
  IV: { en: 'General', zh: '一般' },
};

/** What is known of an incident; absent figures do not count towards a grade. */
export interface IncidentFacts {
  /** Minutes an important system was down (or its main function unavailable). */
  outageMinutes?: number | undefined;
  /** Customers whose service was affected. */
  customersAffected?: number | undefined;
  /** People whose personal information leaked, was altered or lost. */
  personalRecords?: number | undefined;
  /** Direct loss in CNY minor units (fen). */
  lossMinor?: number | undefined;
  /** Personal information was involved (PIPL art. 57 notices apply whatever the grade). */
  personalInfo?: boolean | undefined;
}

/** A grade is reached when any of its thresholds is reached (≥). */
export interface GradeThresholds {
  outageMinutes?: number | undefined;
  customersAffected?: number | undefined;
  personalRecords?: number | undefined;
  lossMinor?: number | undefined;
}

export interface GradingPolicy {
  source: string;
  /** Thresholds for I, II and III; anything below III is IV. */
  thresholds: Record<'I' | 'II' | 'III', GradeThresholds>;
}

const rank = (g: Grade): number => grades.indexOf(g);
/** True when `g` is at least as serious as `floor`. */
export const atLeast = (g: Grade, floor: Grade): boolean => rank(g) <= rank(floor);

export function gradeOf(f: IncidentFacts, p: GradingPolicy): { grade: Grade; reasons: string[] } {
  for (const g of ['I', 'II', 'III'] as const) {
    const t = p.thresholds[g];
    const reasons: string[] = [];
    for (const k of ['outageMinutes', 'customersAffected', 'personalRecords', 'lossMinor'] as const) {
      const limit = t[k];
      const v = f[k];
      if (limit !== undefined && v !== undefined && v >= limit) reasons.push(`${k} ${v} ≥ ${limit}`);
    }
    if (reasons.length) return { grade: g, reasons };
  }
  return { grade: 'IV', reasons: [] };
}

/** Who must be told: from this grade up (or any personal-information incident), within so many hours. */
export interface NotificationRule {
  authority: string;
  name: string;
  nameZh: string;
  /** The least serious grade that must be reported; undefined: only by `personalInfo`. */
  minGrade?: Grade | undefined;
  /** Also due for any incident involving personal information, whatever its grade. */
  personalInfo?: boolean | undefined;
  /** Hours from detection. */
  hours: number;
  source: string;
}

export type NoticeStatus = 'pending' | 'due_soon' | 'overdue' | 'sent' | 'sent_late';

export interface NoticeClock {
  authority: string;
  name: string;
  nameZh: string;
  source: string;
  dueAt: number;
  sentAt?: number | undefined;
  status: NoticeStatus;
  /** Minutes left until due (negative: overdue); undefined once sent. */
  minutesLeft?: number | undefined;
}

/** The authorities an incident must be reported to and by when, from the time it was detected. */
export function noticesDue(
  grade: Grade,
  facts: IncidentFacts,
  detectedAt: number,
  rules: readonly NotificationRule[],
): { authority: string; dueAt: number }[] {
  return rules
    .filter((r) => (r.minGrade !== undefined && atLeast(grade, r.minGrade)) || (r.personalInfo && facts.personalInfo))
    .map((r) => ({ authority: r.authority, dueAt: detectedAt + r.hours * 3_600_000 }));
}

/** One notice's clock as of `now`; warns `warnMinutes` before it falls due. */
export function noticeClock(
  rule: NotificationRule,
  dueAt: number,
  sentAt: number | undefined,
  now: number,
  warnMinutes: number,
): NoticeClock {
  const base = { authority: rule.authority, name: rule.name, nameZh: rule.nameZh, source: rule.source, dueAt };
  if (sentAt !== undefined) return { ...base, sentAt, status: sentAt > dueAt ? 'sent_late' : 'sent' };
  const left = Math.floor((dueAt - now) / 60_000);
  return {
    ...base,
    minutesLeft: left,
    status: now > dueAt ? 'overdue' : dueAt - now <= warnMinutes * 60_000 ? 'due_soon' : 'pending',
  };
}
