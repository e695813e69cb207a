import { columnChart, esc, linePlot } from '../monitoring/index.ts';
import type { StabilityLevel } from './core/monitoring.ts';
import type { MonitoringReport } from './monitor.ts';

const f4 = (x: number): string => x.toFixed(4);
const levelText: Record<StabilityLevel, string> = {
  stable: 'stable · 稳定',
  watch: 'watch · 关注',
  alert: 'ALERT · 预警',
  'too-few': 'too few · 样本不足',
};
const levelColor: Record<StabilityLevel, string> = {
  stable: '#dff0d8',
  watch: '#fcf3cf',
  alert: '#f5c6cb',
  'too-few': '#eeeeee',
};
const iso = (t: number): string => new Date(t).toISOString();

/** PSI per week with the watch and alert thresholds as dashed lines. */
function psiChart(r: MonitoringReport): string {
  const top = Math.max(r.levels.alert * 1.6, ...r.weeks.map((w) => w.psi));
  return linePlot(
    'Score PSI per week · 每周评分 PSI',
    'ISO week · ISO 周',
    'PSI',
    [{ name: 'score PSI · 评分 PSI', points: r.weeks.map((w, k) => ({ x: k, y: w.psi })) }],
    {
      width: Math.max(340, 60 * r.weeks.length),
      xRange: [-0.5, Math.max(0.5, r.weeks.length - 0.5)],
      yMax: Math.round(top * 100) / 100 || 1,
      xTicks: r.weeks.map((w, k) => ({ x: k, label: w.week.slice(5) })),
      hLines: [
        { y: r.levels.watch, label: `watch · 关注 ${r.levels.watch}`, color: '#c9a227' },
        { y: r.levels.alert, label: `alert · 预警 ${r.levels.alert}`, color: '#b8463c' },
      ],
      markers: true,
    },
  );
}

/** CSI per characteristic (rows) and week (columns), each cell coloured by its reading. */
function csiHeatTable(r: MonitoringReport): string {
  const names = r.weeks[0]?.characteristics.map((c) => c.name) ?? [];
  const head = r.weeks.map((w) => `<th>${esc(w.week)}</th>`).join('');
  const rows = names
    .map((name) => {
      const cells = r.weeks
        .map((w) => {
          const c = w.characteristics.find((x) => x.name === name);
          if (!c) return '<td>—</td>';
          const level: StabilityLevel = w.level === 'too-few' ? 'too-few' : c.level;
          return `<td style="background:${levelColor[level]}" title="${esc(levelText[level])}">${f4(c.csi)}</td>`;
        })
        .join('');
      return `<tr><td>${esc(name)}</td>${cells}</tr>`;
    })
    .join('');
  return `<table class="heat"><tr><th>characteristic · 特征</th>${head}</tr>${rows}</table>`;
}

/** Score distribution over the development bands: development sample against the latest week. */
function distributionChart(r: MonitoringReport): string {
  const latest = r.weeks.at(-1);
  if (!latest) return '';
  return columnChart(
    `Score distribution, development vs ${latest.week} · 评分分布：开发样本与 ${latest.week} 对比`,
    latest.bands.map((b) => b.label),
    [
      { name: 'development · 开发样本', values: latest.bands.map((b) => b.expected) },
      { name: `${latest.week} · 本周`, values: latest.bands.map((b) => b.actual) },
    ],
    'score band (development deciles) · 分数段（开发样本十分位）',
  );
}

/** The monitoring report as one self-contained bilingual page (inline CSS and SVG, no scripts). */
export function monitoringHtml(r: MonitoringReport): string {
  const card = r.scorecard;
  const weeks = r.weeks
    .map(
      (w) =>
        `<tr style="background:${levelColor[w.level]}"><td>${esc(w.week)}</td><td>${esc(w.from)} – ${esc(w.to)}</td><td>${w.rows}</td><td><b>${f4(w.psi)}</b></td><td>${levelText[w.level]}</td><td>${r.alerts.some((a) => a.week === w.week) ? 'yes · 是' : ''}</td></tr>`,
    )
    .join('');
  const alerts = r.alerts
    .map(
      (a) =>
        `<tr><td>${esc(a.week)}</td><td>${f4(a.psi)}</td><td>${a.rows}</td><td>${a.threshold}</td><td>${esc(iso(a.raisedAt))}</td></tr>`,
    )
    .join('');
  const body = !card
    ? '<p>No active scorecard: nothing to monitor. · 没有已上线的评分卡，无可监测内容。</p>'
    : r.weeks.length === 0
      ? '<p>No scored loan applications in this period. · 本期间没有已评分的贷款申请。</p>'
      : `<h2>Score PSI per week · 每周评分 PSI</h2>
${psiChart(r)}
<table><tr><th>week · 周</th><th>dates · 日期</th><th>applications · 申请数</th><th>PSI</th><th>reading · 结论</th><th>alert raised · 已预警</th></tr>${weeks}</table>
<h2>CSI per characteristic · 各特征 CSI</h2>
<p>Each characteristic's bin shares against the development sample · 各特征分组占比与开发样本对比.</p>
${csiHeatTable(r)}
<h2>Score distribution · 评分分布</h2>
${distributionChart(r)}
${alerts ? `<h2>Alerts · 预警记录</h2><table><tr><th>week · 周</th><th>PSI</th><th>applications · 申请数</th><th>threshold · 阈值</th><th>raised · 预警时间</th></tr>${alerts}</table>` : ''}`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Zhili score stability · 评分稳定性监测 ${esc(r.from)} – ${esc(r.to)}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #ddd;padding:4px 8px;text-align:right}td:first-child,th:first-child{text-align:left}th{background:#f4f4f4}small{color:#666}svg{display:block;margin:1em 0}</style>
</head><body>
<h1>Score stability · 评分稳定性监测</h1>
<p>${card ? `Scorecard · 评分卡 <b>${esc(card.name)}</b> <small>${esc(card.version)}</small>. ` : ''}Weeks · 周 ${esc(r.from)} – ${esc(r.to)} (${esc(r.timeZone)}). Generated · 生成于 ${esc(iso(r.generatedAt))}.<br>
PSI = Σ (actual − expected) × ln(actual / expected) over the development sample's score bands · 按开发样本分数段计算; CSI the same over each characteristic's bins · 各特征按分组计算.
Readings · 判读: stable · 稳定 ≤ ${r.levels.watch} &lt; watch · 关注 ≤ ${r.levels.alert} &lt; alert · 预警; weeks with fewer than ${r.levels.minRows} applications never alert · 申请数少于 ${r.levels.minRows} 的周不预警.
${card ? `Test sample PSI at training · 训练时测试样本 PSI: ${f4(r.development.testPsi)}.` : ''}</p>
${body}
</body></html>
`;
}
