/** Bins of a characteristic as they are trained, stored in a scorecard and matched when scoring. */
export type BinMatch =
  | {
      kind: 'range';
      /** inclusive; null = −∞ */ lower: number | null;
      /** exclusive; null = +∞ */ upper: number | null;
    }
  | { kind: 'categories'; values: string[] }
  | { kind: 'missing' };

export interface BinStat {
  label: string;
  match: BinMatch;
  good: number;
  bad: number;
  woe: number;
  iv: number;
}

export interface BinnedCharacteristic {
  name: string;
  type: 'numeric' | 'categorical';
  /** Ordered values (numbers, or categories given an order): their WOE is kept monotonic. */
  ordinal: boolean;
  /** Cut points came from the configuration and were used as given. */
  fixed: boolean;
  bins: BinStat[];
  iv: number;
  /** WOE strictly rises or falls across the non-missing bins. */
  monotonic: boolean;
}

export const defaultMissing = ['', 'NA', 'N/A', 'NaN', 'null', 'NULL'];

/** A finite number written as a plain decimal, or undefined. */
export function numberOf(raw: string): number | undefined {
  const t = raw.trim();
  if (t === '') return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

/** Index of the bin a raw value falls in, or −1 when none matches (an unseen category or value). */
export function findBin(bins: readonly { match: BinMatch }[], raw: string, missing: ReadonlySet<string>): number {
  const isMissing = missing.has(raw.trim());
  for (let i = 0; i < bins.length; i++) {
    const m = bins[i]!.match;
    if (m.kind === 'missing') {
      if (isMissing) return i;
    } else if (isMissing) {
      continue;
    } else if (m.kind === 'categories') {
      if (m.values.includes(raw.trim())) return i;
    } else {
      const v = numberOf(raw);
      if (v !== undefined && (m.lower === null || v >= m.lower) && (m.upper === null || v < m.upper)) return i;
    }
  }
  return -1;
}

const fmt = (v: number): string => String(Math.round(v * 1e6) / 1e6);

export function labelOf(m: BinMatch): string {
  if (m.kind === 'missing') return 'missing';
  if (m.kind === 'categories') return m.values.join(' | ');
  return `[${m.lower === null ? '-inf' : fmt(m.lower)}, ${m.upper === null ? 'inf' : fmt(m.upper)})`;
}

/** True when the values rise strictly, or fall strictly, from first to last. */
export function isMonotonic(values: readonly number[]): boolean {
  let up = true;
  let down = true;
  for (let i = 1; i < values.length; i++) {
    if (!(values[i]! > values[i - 1]!)) up = false;
    if (!(values[i]! < values[i - 1]!)) down = false;
  }
  return up || down;
}
