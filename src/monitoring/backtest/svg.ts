/** Small inline-SVG charts for the HTML report: no scripts, no external resources. */

export const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface Bar {
  label: string;
  values: number[];
}

const palette = ['#3b6fb6', '#e08a2c', '#3a9d5d', '#b8463c'];

/** Horizontal grouped bars; `series` names the values of each bar; `max` fixes the scale (e.g. 1 for rates). */
export function barChart(title: string, bars: Bar[], series: string[], max?: number): string {
  const rowH = 14 * Math.max(1, series.length) + 8;
  const left = 190;
  const width = 640;
  const plotW = width - left - 60;
  const top = 34;
  const height = top + bars.length * rowH + 10;
  const top1 = max ?? Math.max(1, ...bars.flatMap((b) => b.values));
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="${esc(title)}">`,
    `<text x="0" y="14" font-weight="bold" font-size="13">${esc(title)}</text>`,
    ...series.map(
      (s, i) =>
        `<rect x="${left + i * 110}" y="20" width="10" height="10" fill="${palette[i % palette.length]}"/><text x="${left + 14 + i * 110}" y="29" font-size="11">${esc(s)}</text>`,
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
        `<rect x="${left}" y="${yy}" width="${w.toFixed(1)}" height="12" fill="${palette[i % palette.length]}"><title>${esc(`${b.label} · ${series[i] ?? ''}: ${shown}`)}</title></rect>`,
        `<text x="${(left + w + 4).toFixed(1)}" y="${yy + 10}" font-size="10">${shown}</text>`,
      );
    });
  });
  parts.push('</svg>');
  return parts.join('');
}

/** ROC curves on the unit square, with the diagonal of a random ranking. */
export function rocChart(title: string, curves: { name: string; points: { fpr: number; tpr: number }[] }[]): string {
  const size = 300;
  const pad = 40;
  const x = (v: number): string => (pad + v * size).toFixed(1);
  const y = (v: number): string => (pad + (1 - v) * size).toFixed(1);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size + pad * 2 + 160}" height="${size + pad * 2}" role="img" aria-label="${esc(title)}">`,
    `<text x="${pad}" y="20" font-weight="bold" font-size="13">${esc(title)}</text>`,
    `<rect x="${pad}" y="${pad}" width="${size}" height="${size}" fill="none" stroke="#999"/>`,
    `<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#ccc" stroke-dasharray="4 4"/>`,
    `<text x="${pad + size / 2}" y="${pad + size + 28}" font-size="11" text-anchor="middle">false-positive rate · 误报率</text>`,
    `<text x="12" y="${pad + size / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 12 ${pad + size / 2})">true-positive rate · 检出率</text>`,
  ];
  curves.forEach((c, i) => {
    const d = c.points.map((p, k) => `${k === 0 ? 'M' : 'L'}${x(p.fpr)},${y(p.tpr)}`).join(' ');
    const color = palette[i % palette.length] ?? '#000';
    parts.push(`<path d="${d}" fill="none" stroke="${color}" stroke-width="2"/>`);
    parts.push(
      `<rect x="${pad + size + 12}" y="${pad + i * 18}" width="10" height="10" fill="${color}"/><text x="${pad + size + 26}" y="${pad + 9 + i * 18}" font-size="11">${esc(c.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
