// The statistics view's periods: calendar quarters as the quarterly file names them (2026Q4), apart from React.

/** The quarter holding a local day (YYYY-MM-DD). */
export function quarterOf(day: string): string {
  const y = day.slice(0, 4);
  const m = Number(day.slice(5, 7));
  return `${y}Q${Math.floor((m - 1) / 3) + 1}`;
}

/** First and last local day of a quarter. */
export function quarterRange(q: string): { from: string; to: string } {
  const y = Number(q.slice(0, 4));
  const n = Number(q.slice(5));
  const first = (n - 1) * 3 + 1;
  const last = new Date(Date.UTC(y, first + 2, 0)).getUTCDate();
  const mm = (x: number) => String(x).padStart(2, '0');
  return { from: `${y}-${mm(first)}-01`, to: `${y}-${mm(first + 2)}-${mm(last)}` };
}

/** This quarter and the `n - 1` before it, newest first. */
export function recentQuarters(today: string, n: number): string[] {
  let y = Number(today.slice(0, 4));
  let q = Number(quarterOf(today).slice(5));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(`${y}Q${q}`);
    q -= 1;
    if (q === 0) [y, q] = [y - 1, 4];
  }
  return out;
}

/** Counts by code as rows, largest first (then by code). */
export function countRows(counts: Record<string, number>): { code: string; count: number }[] {
  return Object.entries(counts)
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

/** A rate 0–1 as a percentage with one decimal. */
export const percent = (r: number): string => `${(Math.round(r * 1000) / 10).toFixed(1)}%`;
