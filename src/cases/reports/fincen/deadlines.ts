/**
 * FinCEN filing deadlines (calendar days, no working-day shift: 31 CFR 1020.320(b)(3) for SARs,
 * 31 CFR 1010.306(a)(1) for CTRs).
 */
const addDays = (iso: string, n: number): string => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/**
 * A SAR is due 30 calendar days after the date of initial detection of facts that may constitute a basis
 * for filing; when no suspect is identified on that date, filing may be delayed by a further 30 days
 * (at most 60 days after initial detection).
 */
export function sarDueBy(initialDetection: string, suspectIdentified: boolean): string {
  return addDays(initialDetection, suspectIdentified ? 30 : 60);
}

/** A CTR is due 15 calendar days after the date of the transaction. */
export function ctrDueBy(transactionDate: string): string {
  return addDays(transactionDate, 15);
}
