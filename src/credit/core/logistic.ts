/** Solves A·x = b (A square) by Gaussian elimination with partial pivoting; A and b are copied. */
export function solve(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    const piv = m[c]![c]!;
    if (Math.abs(piv) < 1e-300) throw new Error('singular system');
    for (let r = c + 1; r < n; r++) {
      const f = m[r]![c]! / piv;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= m[r]![k]! * x[k]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

export interface LogisticFit {
  intercept: number;
  coefficients: number[];
  iterations: number;
}

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/**
 * Logistic regression of y (1 = bad) on the columns of x, with an L2 penalty `l2/2 · Σβ²` on the
 * coefficients (not the intercept), fitted by Newton's method (IRLS). Deterministic: the same data give
 * the same coefficients bit for bit.
 */
export function fitLogistic(x: readonly (readonly number[])[], y: readonly number[], l2: number): LogisticFit {
  const p = (x[0]?.length ?? 0) + 1;
  let beta = new Array<number>(p).fill(0);
  const mean = y.reduce((s, v) => s + v, 0) / Math.max(1, y.length);
  beta[0] = Math.log(Math.max(1e-9, mean) / Math.max(1e-9, 1 - mean));
  let it = 0;
  for (; it < 100; it++) {
    const g = new Array<number>(p).fill(0);
    const h = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    for (let i = 0; i < y.length; i++) {
      const row = [1, ...x[i]!];
      let z = 0;
      for (let k = 0; k < p; k++) z += beta[k]! * row[k]!;
      const mu = sigmoid(z);
      const w = mu * (1 - mu);
      for (let k = 0; k < p; k++) {
        g[k]! += (y[i]! - mu) * row[k]!;
        for (let l = k; l < p; l++) h[k]![l]! += w * row[k]! * row[l]!;
      }
    }
    for (let k = 0; k < p; k++) {
      for (let l = 0; l < k; l++) h[k]![l] = h[l]![k]!;
      if (k > 0) {
        g[k]! -= l2 * beta[k]!;
        h[k]![k]! += l2;
      }
    }
    const step = solve(h, g);
    if (!step.every(Number.isFinite)) throw new Error('singular system');
    beta = beta.map((b, k) => b + step[k]!);
    if (Math.max(...step.map(Math.abs)) < 1e-10) break;
  }
  return { intercept: beta[0]!, coefficients: beta.slice(1), iterations: it + 1 };
}

/** Probability of bad for one row of a fit. */
export function predict(fit: LogisticFit, row: readonly number[]): number {
  let z = fit.intercept;
  row.forEach((v, k) => (z += (fit.coefficients[k] ?? 0) * v));
  return sigmoid(z);
}
