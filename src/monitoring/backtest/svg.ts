/**
 * Small inline-SVG charts for the HTML reports (backtest, credit scorecard, credit monitoring): no
 * scripts, no external resources. The one chart helper of the code base — other modules reach it
 * through `src/monitoring/index.ts`.
 */

export const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface Bar {
  label: string;
  values: number[];
}

const palette = ['#3b6fb6', '#e08a2c', '#3a9d5d', '#b8463c'];
export const chartColor = (i: number): string => palette[i % palette.length] ?? '#000';
const fmt = (v: number): string => String(Math.round(v * 100) / 100);

/**
 * Horizontal grouped bars; `series` names the values of each bar; `max` fixes the scale (1: rates,
 * shown as percentages); `left` is the width kept for the labels.
 */
export function barChart(
  title: string,
  bars: Bar[],
  series: string[],
  max?: number,
  layout: { left?: number; width?: number } = {},
): string {
  const rowH = 14 * Math.max(1, series.length) + 8;
  const left = layout.left ?? 190;
  const width = layout.width ?? 640;
  const plotW = width - left - 60;
  const top = 34;
  const height = top + bars.length * rowH + 10;
  const top1 = max ?? Math.max(1, ...bars.flatMap((b) => b.values));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="${esc(title)}">`,
    `<text x="0" y="14" font-weight="bold" font-size="13">${esc(title)}</text>`,
    ...series.map(
      (s, i) =>
        `<rect x="${left + i * 110}" y="20" width="10" height="10" fill="${chartColor(i)}"/><text x="${left + 14 + i * 110}" y="29" font-size="11">${esc(s)}</text>`,
    ),
  ];
  bars.forEach((b, r) => {
    const y = top + r * rowH;
    parts.push(`<text x="${left - 6}" y="${y + rowH / 2 + 3}" font-size="11" text-anchor="end">${esc(b.label)}</text>`);
    b.values.forEach((v, i) => {
      const w = Math.max(0, (v / top1) * plotW);
      const yy = y + 4 + i * 14;
      const shown = max === 1 ? `${(v * 100).toFixed(1)}%` : String(Math.round(v * 1000) / 1000);
      parts.push(
        `<rect x="${left}" y="${yy}" width="${w.toFixed(1)}" height="12" fill="${chartColor(i)}"><title>${esc(`${b.label} · ${series[i] ?? ''}: ${shown}`)}</title></rect>`,
        `<text x="${(left + w + 4).toFixed(1)}" y="${yy + 10}" font-size="10">${shown}</text>`,
      );
    });
  });
  parts.push('</svg>');
  return parts.join('');
}

/** ROC curves on the unit square, with the diagonal of a random ranking. */
export function rocChart(
  title: string,
  curves: { name: string; points: { fpr: number; tpr: number }[] }[],
  axes = { x: 'false-positive rate · 误报率', y: 'true-positive rate · 检出率' },
): string {
  return linePlot(
    title,
    axes.x,
    axes.y,
    curves.map((c) => ({ name: c.name, points: c.points.map((p) => ({ x: p.fpr, y: p.tpr })) })),
    { diagonal: true, width: 300, height: 300, xRange: [0, 1] },
  );
}

export interface Series {
  name: string;
  points: { x: number; y: number }[];
}

export interface LinePlotOptions {
  /** A dashed diagonal (a random ranking on a ROC plot). */
  diagonal?: boolean;
  width?: number;
  height?: number;
  /** The x axis spans the data unless given. */
  xRange?: [number, number];
  /** The y axis spans [0, yMax]; default 1. */
  yMax?: number;
  /** Labels at given x positions instead of the range's ends (weeks, say). */
  xTicks?: { x: number; label: string }[];
  /** Horizontal dashed lines (thresholds), each with its label. */
  hLines?: { y: number; label: string; color: string }[];
  /** A dot at every point. */
  markers?: boolean;
}

/** Lines on a plot with axes from the data (x) and [0, yMax] (y). */
export function linePlot(
  title: string,
  xLabel: string,
  yLabel: string,
  series: Series[],
  o: LinePlotOptions = {},
): string {
  const w = o.width ?? 340;
  const h = o.height ?? 260;
  const pad = 44;
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const [x0, x1] = o.xRange ?? [Math.min(...xs), Math.max(...xs)];
  const yMax = o.yMax ?? 1;
  const sx = (v: number): string => (pad + (x1 === x0 ? 0.5 : (v - x0) / (x1 - x0)) * w).toFixed(1);
  const sy = (v: number): string => (pad + (1 - Math.min(v, yMax) / yMax) * h).toFixed(1);
  const ticks = o.xTicks ?? [
    { x: x0, label: fmt(x0) },
    { x: x1, label: fmt(x1) },
  ];
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w + pad * 2 + 190}" height="${h + pad * 2 + 10}" role="img" aria-label="${esc(title)}">`,
    `<text x="${pad}" y="20" font-weight="bold" font-size="13">${esc(title)}</text>`,
    `<rect x="${pad}" y="${pad}" width="${w}" height="${h}" fill="none" stroke="#999"/>`,
    ...ticks.map(
      (t) => `<text x="${sx(t.x)}" y="${pad + h + 14}" font-size="10" text-anchor="middle">${esc(t.label)}</text>`,
    ),
    `<text x="${pad - 4}" y="${pad + 4}" font-size="10" text-anchor="end">${esc(fmt(yMax))}</text>`,
    `<text x="${pad - 4}" y="${pad + h}" font-size="10" text-anchor="end">0</text>`,
    `<text x="${pad + w / 2}" y="${pad + h + 32}" font-size="11" text-anchor="middle">${esc(xLabel)}</text>`,
    `<text x="14" y="${pad + h / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 14 ${pad + h / 2})">${esc(yLabel)}</text>`,
  ];
  if (o.diagonal)
    parts.push(
      `<line x1="${sx(x0)}" y1="${sy(0)}" x2="${sx(x1)}" y2="${sy(yMax)}" stroke="#ccc" stroke-dasharray="4 4"/>`,
    );
  for (const l of o.hLines ?? [])
    parts.push(
      `<line x1="${pad}" y1="${sy(l.y)}" x2="${pad + w}" y2="${sy(l.y)}" stroke="${l.color}" stroke-dasharray="6 4"/>`,
      `<text x="${pad + w + 4}" y="${(Number(sy(l.y)) + 3).toFixed(1)}" font-size="10" fill="${l.color}">${esc(l.label)}</text>`,
    );
  series.forEach((s, i) => {
    const d = s.points.map((p, k) => `${k === 0 ? 'M' : 'L'}${sx(p.x)},${sy(p.y)}`).join(' ');
    parts.push(`<path d="${d}" fill="none" stroke="${chartColor(i)}" stroke-width="2"/>`);
    if (o.markers)
      for (const p of s.points)
        parts.push(
          `<circle cx="${sx(p.x)}" cy="${sy(p.y)}" r="3" fill="${chartColor(i)}"><title>${esc(`${s.name}: ${Math.round(p.y * 10_000) / 10_000}`)}</title></circle>`,
        );
    const ly = pad + (o.hLines?.length ? 40 : 0) + i * 18;
    parts.push(
      `<rect x="${pad + w + 12}" y="${ly}" width="10" height="10" fill="${chartColor(i)}"/><text x="${pad + w + 26}" y="${ly + 9}" font-size="11">${esc(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

/**
 * Vertical grouped columns: one group per category, one column per series (shares, say, of two
 * populations over the same bands), scaled to the largest value.
 */
export function columnChart(
  title: string,
  categories: string[],
  series: { name: string; values: number[]; color?: string }[],
  xLabel: string,
  opts: { labelEvery?: number; percent?: boolean; tick?: (k: number) => string } = {},
): string {
  const w = 560;
  const h = 220;
  const pad = 44;
  const n = Math.max(1, categories.length);
  const top = Math.max(1e-9, ...series.flatMap((s) => s.values));
  const gw = w / n;
  const cw = (gw - 2) / Math.max(1, series.length);
  const every = opts.labelEvery ?? 1;
  const shown = (v: number): string => (opts.percent === false ? fmt(v) : `${(v * 100).toFixed(1)}%`);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w + pad * 2}" height="${h + pad * 2 + 20}" role="img" aria-label="${esc(title)}">`,
    `<text x="${pad}" y="20" font-weight="bold" font-size="13">${esc(title)}</text>`,
    ...series.map(
      (s, i) =>
        `<rect x="${pad + i * 150}" y="28" width="10" height="10" fill="${s.color ?? chartColor(i)}"/><text x="${pad + 14 + i * 150}" y="37" font-size="11">${esc(s.name)}</text>`,
    ),
    `<line x1="${pad}" y1="${pad + h}" x2="${pad + w}" y2="${pad + h}" stroke="#999"/>`,
  ];
  categories.forEach((c, k) => {
    const x = pad + k * gw;
    series.forEach((s, i) => {
      const v = s.values[k] ?? 0;
      const bh = (v / top) * h;
      parts.push(
        `<rect x="${(x + 1 + i * cw).toFixed(1)}" y="${(pad + h - bh).toFixed(1)}" width="${cw.toFixed(1)}" height="${bh.toFixed(1)}" fill="${s.color ?? chartColor(i)}"><title>${esc(`${c} · ${s.name}: ${shown(v)}`)}</title></rect>`,
      );
    });
    if (k % every === 0)
      parts.push(`<text x="${x.toFixed(1)}" y="${pad + h + 14}" font-size="10">${esc(opts.tick?.(k) ?? c)}</text>`);
  });
  parts.push(
    `<text x="${pad + w / 2}" y="${pad + h + 32}" font-size="11" text-anchor="middle">${esc(xLabel)}</text>`,
    '</svg>',
  );
  return parts.join('');
}

/** Shares of two or more samples over `bands` equal-width bands of their common range, as columns. */
export function histogram(
  title: string,
  samples: { name: string; values: number[]; color?: string }[],
  xLabel: string,
  bands = 20,
): string {
  const all = samples.flatMap((s) => s.values);
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const width = (hi - lo) / bands || 1;
  const share = (xs: number[]): number[] => {
    const c = new Array<number>(bands).fill(0);
    for (const x of xs) c[Math.min(bands - 1, Math.floor((x - lo) / width))]! += 1 / Math.max(1, xs.length);
    return c;
  };
  const labels = Array.from({ length: bands }, (_, i) => `${fmt(lo + i * width)}–${fmt(lo + (i + 1) * width)}`);
  return columnChart(
    title,
    labels,
    samples.map((s) => ({ name: s.name, values: share(s.values), ...(s.color ? { color: s.color } : {}) })),
    xLabel,
    { labelEvery: 4, tick: (k) => fmt(lo + k * width) },
  );
}
