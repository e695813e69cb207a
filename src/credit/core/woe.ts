/** Weight of evidence and information value of one bin against the sample's totals. */
export interface Counts {
  good: number;
  bad: number;
}

// A bin with no goods or no bads would have an infinite WOE; half an observation in each cell of such a
// bin keeps it finite (the usual Laplace-style correction) while leaving every other bin exact.
const adjust = (c: Counts): number => (c.good === 0 || c.bad === 0 ? 0.5 : 0);

/** WOE = ln(share of all bads in the bin / share of all goods in the bin): positive means riskier than average. */
export function woeOf(c: Counts, totals: Counts): number {
  const a = adjust(c);
  return Math.log((c.bad + a) / totals.bad / ((c.good + a) / totals.good));
}

/** The bin's part of the information value: (bad share − good share) × WOE, never negative. */
export function ivOf(c: Counts, totals: Counts): number {
  const a = adjust(c);
  const pb = (c.bad + a) / totals.bad;
  const pg = (c.good + a) / totals.good;
  return (pb - pg) * Math.log(pb / pg);
}

export const totalOf = (cells: readonly Counts[]): Counts =>
  cells.reduce((t, c) => ({ good: t.good + c.good, bad: t.bad + c.bad }), { good: 0, bad: 0 });
