/** Inline-SVG charts for the credit report, in the style of the backtest report: no scripts, no external resources. */
import type { CurvePoint } from './core/metrics.ts';

export const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const palette = ['#3b6fb6', '#e08a2c', '#3a9d5d', '#b8463c'];
const color = (i: number): string => palette[i % palette.length] ?? '#000';

interface Series {
  name: string;
  points: { x: number; y: number }[];
}

/** Lines on a plot with axes from the data (x) and [0, 1] (y) unless `xRange` is given. */
function linePlot(
  title: string,
  xLabel: string,
  yLabel: string,
  series: Series[],
  opts: { diagonal?: boolean } = {},
): string {
  const w = 340;
  const h = 260;
  const pad = 44;
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const sx = (v: number): string => (pad + (x1 === x0 ? 0 : (v - x0) / (x1 - x0)) * w).toFixed(1);
  const sy = (v: number): string => (pad + (1 - v) * h).toFixed(1);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w + pad * 2 + 190}" height="${h + pad * 2}" role="img" aria-label="${esc(title)}">`,
    `<text x="${pad}" y="20" font-weight="bold" font-size="13">${esc(title)}</text>`,
    `<rect x="${pad}" y="${pad}" width="${w}" height="${h}" fill="none" stroke="#999"/>`,
    `<text x="${pad}" y="${pad + h + 14}" font-size="10">${esc(fmt(x0))}</text>`,
    `<text x="${pad + w}" y="${pad + h + 14}" font-size="10" text-anchor="end">${esc(fmt(x1))}</text>`,
    `<text x="${pad - 4}" y="${pad + 4}" font-size="10" text-anchor="end">1</text>`,
    `<text x="${pad - 4}" y="${pad + h}" font-size="10" text-anchor="end">0</text>`,
    `<text x="${pad + w / 2}" y="${pad + h + 30}" font-size="11" text-anchor="middle">${esc(xLabel)}</text>`,
    `<text x="14" y="${pad + h / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 14 ${pad + h / 2})">${esc(yLabel)}</text>`,
  ];
  if (opts.diagonal)
    parts.push(
      `<line x1="${sx(x0)}" y1="${sy(0)}" x2="${sx(x1)}" y2="${sy(1)}" stroke="#ccc" stroke-dasharray="4 4"/>`,
    );
  series.forEach((s, i) => {
    const d = s.points.map((p, k) => `${k === 0 ? 'M' : 'L'}${sx(p.x)},${sy(p.y)}`).join(' ');
    parts.push(`<path d="${d}" fill="none" stroke="${color(i)}" stroke-width="2"/>`);
    parts.push(
      `<rect x="${pad + w + 12}" y="${pad + i * 18}" width="10" height="10" fill="${color(i)}"/><text x="${pad + w + 26}" y="${pad + 9 + i * 18}" font-size="11">${esc(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

const fmt = (v: number): string => String(Math.round(v * 100) / 100);

/** ROC: share of bads caught (declined) against share of goods declined, as the cut-off score rises. */
export function rocChart(title: string, curves: { name: string; points: CurvePoint[] }[]): string {
  return linePlot(
    title,
    'goods declined (false-positive rate) · 误拒好客户比例',
    'bads declined (true-positive rate) · 拒绝坏客户比例',
    curves.map((c) => ({ name: c.name, points: c.points.map((p) => ({ x: p.good, y: p.bad })) })),
    { diagonal: true },
  );
}

/** KS: cumulative bad and good shares by score; the widest gap between them is KS. */
export function ksChart(title: string, points: CurvePoint[], ks: number): string {
  return linePlot(title, 'score · 分数', 'cumulative share · 累计占比', [
    { name: 'bads · 坏客户', points: points.map((p) => ({ x: p.score, y: p.bad })) },
    { name: 'goods · 好客户', points: points.map((p) => ({ x: p.score, y: p.good })) },
    { name: `KS ${ks.toFixed(4)}`, points: points.map((p) => ({ x: p.score, y: Math.abs(p.bad - p.good) })) },
  ]);
}

/** Score distribution: share of goods and of bads in each score band, side by side. */
export function histogram(title: string, goods: number[], bads: number[], bands = 20): string {
  const all = [...goods, ...bads];
  const lo = Math.min(...all);
  const hi = Math.max(...all);
  const width = (hi - lo) / bands || 1;
  const count = (xs: number[]): number[] => {
    const c = new Array<number>(bands).fill(0);
    for (const x of xs) c[Math.min(bands - 1, Math.floor((x - lo) / width))]! += 1 / Math.max(1, xs.length);
    return c;
  };
  const g = count(goods);
  const b = count(bads);
  const top = Math.max(...g, ...b, 1e-9);
  const w = 560;
  const h = 220;
  const pad = 44;
  const bw = w / bands;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w + pad * 2}" height="${h + pad * 2 + 20}" role="img" aria-label="${esc(title)}">`,
    `<text x="${pad}" y="20" font-weight="bold" font-size="13">${esc(title)}</text>`,
    `<rect x="${pad}" y="28" width="10" height="10" fill="${color(0)}"/><text x="${pad + 14}" y="37" font-size="11">goods · 好客户</text>`,
    `<rect x="${pad + 110}" y="28" width="10" height="10" fill="${color(3)}"/><text x="${pad + 124}" y="37" font-size="11">bads · 坏客户</text>`,
    `<line x1="${pad}" y1="${pad + h}" x2="${pad + w}" y2="${pad + h}" stroke="#999"/>`,
  ];
  for (let i = 0; i < bands; i++) {
    const x = pad + i * bw;
    for (const [k, v, c] of [
      [0, g[i]!, color(0)],
      [1, b[i]!, color(3)],
    ] as const) {
      const bh = (v / top) * h;
      parts.push(
        `<rect x="${(x + 1 + (k * (bw - 2)) / 2).toFixed(1)}" y="${(pad + h - bh).toFixed(1)}" width="${((bw - 2) / 2).toFixed(1)}" height="${bh.toFixed(1)}" fill="${c}"><title>${esc(`${fmt(lo + i * width)}–${fmt(lo + (i + 1) * width)}: ${(v * 100).toFixed(1)}%`)}</title></rect>`,
      );
    }
    if (i % 4 === 0)
      parts.push(`<text x="${x.toFixed(1)}" y="${pad + h + 14}" font-size="10">${esc(fmt(lo + i * width))}</text>`);
  }
  parts.push(
    `<text x="${pad + w / 2}" y="${pad + h + 32}" font-size="11" text-anchor="middle">score · 分数 (share of each class per band · 各类客户在分数段的占比)</text>`,
    '</svg>',
  );
  return parts.join('');
}

/** Horizontal bars of one value per label (e.g. Gini per characteristic). */
export function barChart(title: string, bars: { label: string; values: number[] }[], series: string[]): string {
  const rowH = 14 * series.length + 8;
  const left = 330;
  const width = 760;
  const plotW = width - left - 60;
  const top = 34;
  const max = Math.max(1e-9, ...bars.flatMap((b) => b.values));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${top + bars.length * rowH + 10}" role="img" aria-label="${esc(title)}">`,
    `<text x="0" y="14" font-weight="bold" font-size="13">${esc(title)}</text>`,
    ...series.map(
      (s, i) =>
        `<rect x="${left + i * 110}" y="20" width="10" height="10" fill="${color(i)}"/><text x="${left + 14 + i * 110}" y="29" font-size="11">${esc(s)}</text>`,
    ),
  ];
  bars.forEach((b, r) => {
    const y = top + r * rowH;
    parts.push(`<text x="${left - 6}" y="${y + rowH / 2 + 3}" font-size="11" text-anchor="end">${esc(b.label)}</text>`);
    b.values.forEach((v, i) => {
      const bw = Math.max(0, (v / max) * plotW);
      const yy = y + 4 + i * 14;
      parts.push(
        `<rect x="${left}" y="${yy}" width="${bw.toFixed(1)}" height="12" fill="${color(i)}"/>`,
        `<text x="${(left + bw + 4).toFixed(1)}" y="${yy + 10}" font-size="10">${v.toFixed(3)}</text>`,
      );
    });
  });
  parts.push('</svg>');
  return parts.join('');
}
