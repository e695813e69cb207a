/**
 * Complaint statistics over a period: counts by category, cause, product, channel and outcome, time to
 * decision (calendar days from receipt to approval, in the complaint's time zone) and the breach rate
 * (decided late, or undecided and past the deadline, over complaints whose clock has run or stopped).
 */
import { dateOfDayNumber, dayNumber, localDate } from '../../kernel/index.ts';
import type { ClockView } from './clocks.ts';
import type { Complaint } from './types.ts';

export interface ComplaintStatistics {
  from: string;
  to: string;
  received: number;
  byCategory: Record<string, number>;
  byCause: Record<string, number>;
  byProduct: Record<string, number>;
  byChannel: Record<string, number>;
  byOutcome: Record<string, number>;
  byState: Record<string, number>;
  /** Root-cause tags of proposed decisions: what rule and product owners should fix. */
  byRootCause: Record<string, number>;
  decided: number;
  /** Mean and median calendar days from receipt to decision; undefined when none was decided. */
  meanDaysToDecision?: number | undefined;
  medianDaysToDecision?: number | undefined;
  breached: number;
  /** breached / received, 4 decimals (0 when nothing was received). */
  breachRate: number;
  /** Complaints resolved (communicated or closed) / received, 4 decimals. */
  resolutionRate: number;
}

const inc = (m: Record<string, number>, k: string) => {
  m[k] = (m[k] ?? 0) + 1;
};
const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

export function complaintStatistics(
  items: readonly { complaint: Complaint; clock: ClockView }[],
  from: string,
  to: string,
): ComplaintStatistics {
  const s: ComplaintStatistics = {
    from,
    to,
    received: items.length,
    byCategory: {},
    byCause: {},
    byProduct: {},
    byChannel: {},
    byOutcome: {},
    byState: {},
    byRootCause: {},
    decided: 0,
    breached: 0,
    breachRate: 0,
    resolutionRate: 0,
  };
  const days: number[] = [];
  let resolved = 0;
  for (const { complaint: c, clock } of items) {
    inc(s.byCategory, c.category);
    inc(s.byCause, c.cause);
    inc(s.byProduct, c.links.productId ?? '-');
    inc(s.byChannel, c.channel);
    inc(s.byState, c.state);
    if (c.rootCause) inc(s.byRootCause, c.rootCause);
    inc(s.byOutcome, c.proposal && c.approvedBy ? c.proposal.outcome : 'pending');
    if (c.decidedAt !== undefined) {
      s.decided += 1;
      days.push(dayNumber(localDate(c.decidedAt, c.timeZone)) - dayNumber(localDate(c.receivedAt, c.timeZone)));
    }
    if (clock.status === 'breached' || clock.status === 'met_late') s.breached += 1;
    if (c.state === 'communicated' || c.state === 'closed') resolved += 1;
  }
  if (days.length > 0) {
    const sorted = [...days].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    s.meanDaysToDecision = round4(days.reduce((a, b) => a + b, 0) / days.length);
    s.medianDaysToDecision = sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  }
  if (items.length > 0) {
    s.breachRate = round4(s.breached / items.length);
    s.resolutionRate = round4(resolved / items.length);
  }
  return s;
}

/** The quarter `2026Q4` as its first and last day. */
export function quarterRange(q: string): { from: string; to: string } | undefined {
  const m = /^(\d{4})Q([1-4])$/.exec(q);
  if (!m) return undefined;
  const y = Number(m[1]);
  const n = Number(m[2]);
  const first = `${y}-${String((n - 1) * 3 + 1).padStart(2, '0')}-01`;
  const next = n === 4 ? `${y + 1}-01-01` : `${y}-${String(n * 3 + 1).padStart(2, '0')}-01`;
  return { from: first, to: dateOfDayNumber(dayNumber(next) - 1) };
}
