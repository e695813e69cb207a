/** Pearson correlation of two equal-length columns; 0 when either is constant. */
export function correlation(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  if (n === 0) return 0;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa === 0 || sbb === 0 ? 0 : sab / Math.sqrt(saa * sbb);
}

export interface Candidate {
  name: string;
  iv: number;
  /** WOE of each training row. */
  woe: readonly number[];
}

export interface Selection {
  kept: string[];
  /** Why each other characteristic was left out. */
  dropped: { name: string; reason: 'iv' | 'correlation'; with?: string; value: number }[];
}

/**
 * Keeps characteristics with IV at least `minIv`, strongest first, dropping any whose WOE column
 * correlates (|r| above `maxCorrelation`) with one already kept: of two near-duplicates the one with
 * more information stays.
 */
export function selectCharacteristics(cands: readonly Candidate[], minIv: number, maxCorrelation: number): Selection {
  const order = [...cands].sort((a, b) => b.iv - a.iv || (a.name < b.name ? -1 : 1));
  const kept: Candidate[] = [];
  const dropped: Selection['dropped'] = [];
  for (const c of order) {
    if (c.iv < minIv) {
      dropped.push({ name: c.name, reason: 'iv', value: c.iv });
      continue;
    }
    const clash = kept.map((k) => ({ k, r: correlation(k.woe, c.woe) })).find((x) => Math.abs(x.r) > maxCorrelation);
    if (clash) dropped.push({ name: c.name, reason: 'correlation', with: clash.k.name, value: clash.r });
    else kept.push(c);
  }
  return { kept: kept.map((k) => k.name), dropped };
}
