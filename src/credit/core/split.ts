/**
 * Seeded, stratified train/test split. The generator is mulberry32: tiny, fast and the same on every
 * platform, so a seed named in a scorecard reproduces its split exactly.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of a copy, driven by `rand`. */
export function shuffled<T>(items: readonly T[], rand: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const x = out[i] as T;
    out[i] = out[j] as T;
    out[j] = x;
  }
  return out;
}

export interface Split {
  /** Row indices in the training sample, ascending. */
  readonly train: number[];
  /** Row indices held out for testing, ascending. */
  readonly test: number[];
}

/**
 * Splits row indices so that each class keeps its share in both parts: `round(trainShare × n)` rows of
 * every class go to training. Bads are shuffled first, then goods, from one generator.
 */
export function stratifiedSplit(isBad: readonly boolean[], trainShare: number, seed: number): Split {
  const rand = seededRandom(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const cls of [true, false]) {
    const idx: number[] = [];
    isBad.forEach((b, i) => {
      if (b === cls) idx.push(i);
    });
    const order = shuffled(idx, rand);
    const k = Math.round(trainShare * order.length);
    train.push(...order.slice(0, k));
    test.push(...order.slice(k));
  }
  train.sort((a, b) => a - b);
  test.sort((a, b) => a - b);
  return { train, test };
}
