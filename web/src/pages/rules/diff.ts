// Pure: a line diff of two texts (longest common subsequence), as side-by-side rows, and the hunks with
// a few lines of context around each change, so a long rule set shows only what moved.
export interface Side {
  n: number;
  text: string;
}
export interface DiffRow {
  kind: 'same' | 'del' | 'add' | 'change';
  left?: Side;
  right?: Side;
}
export type DiffItem = DiffRow | { kind: 'gap'; lines: number };

export function diffLines(a: string, b: string): DiffRow[] {
  const x = a.split('\n');
  const y = b.split('\n');
  let head = 0;
  while (head < x.length && head < y.length && x[head] === y[head]) head++;
  let tail = 0;
  while (tail < x.length - head && tail < y.length - head && x[x.length - 1 - tail] === y[y.length - 1 - tail]) tail++;
  const xs = x.slice(head, x.length - tail);
  const ys = y.slice(head, y.length - tail);
  const n = xs.length;
  const m = ys.length;
  // lcs[i][j] = LCS length of xs[i..] and ys[j..], in one flat array.
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i * (m + 1) + j] =
        xs[i] === ys[j]
          ? (lcs[(i + 1) * (m + 1) + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * (m + 1) + j] ?? 0, lcs[i * (m + 1) + j + 1] ?? 0);
  const rows: DiffRow[] = [];
  for (let k = 0; k < head; k++)
    rows.push({ kind: 'same', left: { n: k + 1, text: x[k] ?? '' }, right: { n: k + 1, text: y[k] ?? '' } });
  let i = 0;
  let j = 0;
  const dels: Side[] = [];
  const adds: Side[] = [];
  const flush = () => {
    const pairs = Math.max(dels.length, adds.length);
    for (let k = 0; k < pairs; k++) {
      const l = dels[k];
      const r = adds[k];
      rows.push({ kind: l && r ? 'change' : l ? 'del' : 'add', ...(l ? { left: l } : {}), ...(r ? { right: r } : {}) });
    }
    dels.length = 0;
    adds.length = 0;
  };
  while (i < n || j < m) {
    if (i < n && j < m && xs[i] === ys[j]) {
      flush();
      rows.push({
        kind: 'same',
        left: { n: head + i + 1, text: xs[i] ?? '' },
        right: { n: head + j + 1, text: ys[j] ?? '' },
      });
      i++;
      j++;
    } else if (j < m && (i === n || (lcs[i * (m + 1) + j + 1] ?? 0) >= (lcs[(i + 1) * (m + 1) + j] ?? 0))) {
      adds.push({ n: head + j + 1, text: ys[j] ?? '' });
      j++;
    } else {
      dels.push({ n: head + i + 1, text: xs[i] ?? '' });
      i++;
    }
  }
  flush();
  for (let k = tail; k > 0; k--) {
    const l = x.length - k;
    const r = y.length - k;
    rows.push({ kind: 'same', left: { n: l + 1, text: x[l] ?? '' }, right: { n: r + 1, text: y[r] ?? '' } });
  }
  return rows;
}

/** The changed rows with `context` unchanged rows around each; longer unchanged runs become one gap. */
export function hunks(rows: DiffRow[], context = 3): DiffItem[] {
  const keep = rows.map(() => false);
  rows.forEach((r, i) => {
    if (r.kind === 'same') return;
    for (let k = Math.max(0, i - context); k <= Math.min(rows.length - 1, i + context); k++) keep[k] = true;
  });
  const out: DiffItem[] = [];
  let gap = 0;
  rows.forEach((r, i) => {
    if (keep[i]) {
      if (gap) out.push({ kind: 'gap', lines: gap });
      gap = 0;
      out.push(r);
    } else gap++;
  });
  if (gap) out.push({ kind: 'gap', lines: gap });
  return out;
}
