import type { Labelled } from './core/metrics.ts';
import type { Scorecard } from './core/scorecard.ts';
import type { CreditTrainReport } from './report.ts';
import { barChart, chartColor, esc, histogram, linePlot, rocChart } from '../monitoring/index.ts';
import type { CurvePoint } from './core/metrics.ts';

const f4 = (x: number): string => (Number.isNaN(x) ? '—' : x.toFixed(4));
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

const excludedText: Record<string, string> = {
  iv: 'IV below the threshold · IV 低于阈值',
  correlation: 'correlated with a stronger characteristic · 与更强特征高度相关',
  coefficient: 'negative coefficient after fitting · 拟合后系数为负',
  config: 'excluded by the configuration · 配置中排除',
  cardinality: 'too many distinct categories to bin · 类别数过多，无法分组',
};

/** Characteristic names are long (`status_of_existing_checking_account`): room for them. */
const wide = { left: 330, width: 760 };
const roc = (points: CurvePoint[]) => points.map((p) => ({ fpr: p.good, tpr: p.bad }));

/** KS: cumulative bad and good shares by score; the widest gap between them is KS. */
const ksChart = (title: string, points: CurvePoint[], ks: number): string =>
  linePlot(title, 'score · 分数', 'cumulative share · 累计占比', [
    { name: 'bads · 坏客户', points: points.map((p) => ({ x: p.score, y: p.bad })) },
    { name: 'goods · 好客户', points: points.map((p) => ({ x: p.score, y: p.good })) },
    { name: `KS ${ks.toFixed(4)}`, points: points.map((p) => ({ x: p.score, y: Math.abs(p.bad - p.good) })) },
  ]);

/** Score distribution: share of goods and of bads in each score band, side by side. */
const goodBad = (title: string, goods: number[], bads: number[]): string =>
  histogram(
    title,
    [
      { name: 'goods · 好客户', values: goods, color: chartColor(0) },
      { name: 'bads · 坏客户', values: bads, color: chartColor(3) },
    ],
    'score · 分数 (share of each class per band · 各类客户在分数段的占比)',
  );

function binTables(card: Scorecard): string {
  return card.characteristics
    .map((c) => {
      const total = c.bins.reduce((s, b) => s + b.good + b.bad, 0);
      const rows = c.bins
        .map(
          (b) =>
            `<tr><td>${esc(b.label)}</td><td>${b.good + b.bad}</td><td>${pct((b.good + b.bad) / Math.max(1, total))}</td><td>${b.good}</td><td>${b.bad}</td><td>${pct(b.badRate)}</td><td>${b.woe.toFixed(4)}</td><td>${b.iv.toFixed(4)}</td><td><b>${b.points}</b></td></tr>`,
        )
        .join('');
      const kind = c.ordinal
        ? c.monotonic
          ? 'ordinal, monotonic WOE · 有序，WOE 单调'
          : 'ordinal, WOE NOT monotonic · 有序，WOE 不单调'
        : 'nominal · 无序类别';
      const label =
        c.labelZh !== c.name || c.labelEn !== c.name ? ` <small>${esc(c.labelEn)} · ${esc(c.labelZh)}</small>` : '';
      return `<h3>${esc(c.name)}${label}</h3><p>IV ${c.iv.toFixed(4)} · Gini train ${f4(c.gini.train)} / test ${f4(c.gini.test)} · coefficient · 系数 ${c.coefficient.toFixed(4)} · ${kind}${c.fixed ? ' · fixed cut points · 固定切点' : ''}</p>
<table><tr><th>bin · 分组</th><th>rows · 样本数</th><th>share · 占比</th><th>good · 好</th><th>bad · 坏</th><th>bad rate · 坏账率</th><th>WOE</th><th>IV</th><th>points · 分值</th></tr>${rows}</table>`;
    })
    .join('\n');
}

/** A self-contained HTML page (inline CSS and SVG, no scripts or external resources) of a trained scorecard. */
export function trainHtml(
  r: CreditTrainReport,
  card: Scorecard,
  scores: { train: Labelled[]; test: Labelled[] },
): string {
  const split = (xs: Labelled[], bad: boolean): number[] => xs.filter((x) => x.bad === bad).map((x) => x.score);
  const excluded = r.excluded
    .map(
      (x) =>
        `<tr><td>${esc(x.name)}</td><td>${esc(excludedText[x.reason] ?? x.reason)}${x.with ? ` (${esc(x.with)})` : ''}</td><td>${f4(x.value)}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Zhili scorecard · 评分卡 ${esc(card.name)} ${esc(card.version)}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #ddd;padding:4px 8px;text-align:right;vertical-align:top}td:first-child,th:first-child{text-align:left}th{background:#f4f4f4}small{color:#666}svg{display:block;margin:1em 0}</style>
</head><body>
<h1>Scorecard · 评分卡: ${esc(card.name)} <small>${esc(card.version)}</small></h1>
<p>Data · 数据: ${esc(r.data.file)} — ${r.data.rows} rows · 行, target · 目标列 <code>${esc(r.data.target)}</code> = “${esc(r.data.bad)}” is bad · 为坏; sha256 <code>${esc(r.data.sha256)}</code>.<br>
Split · 样本划分: seed · 随机种子 <b>${r.seed}</b>, ${pct(r.trainShare)} to training, stratified · 按好坏分层; train · 训练 ${r.train.rows} (${r.train.bads} bad · 坏), test · 测试 ${r.test.rows} (${r.test.bads} bad · 坏).<br>
Scaling · 分数刻度: ${card.scaling.baseScore} points at odds · 比率 ${card.scaling.baseOdds}:1 good:bad, ${card.scaling.pdo} points to double the odds · 比率翻倍加分 (PDO). Created · 生成于 ${esc(card.createdAt)}.</p>
<table><tr><th>sample · 样本</th><th>AUC</th><th>KS</th><th>Gini</th></tr>
<tr><td>train · 训练</td><td>${f4(r.train.auc)}</td><td>${f4(r.train.ks)}</td><td>${f4(r.train.gini)}</td></tr>
<tr><td>test · 测试</td><td><b>${f4(r.test.auc)}</b></td><td><b>${f4(r.test.ks)}</b></td><td>${f4(r.test.gini)}</td></tr></table>
<p>Score PSI of the test sample against the training deciles · 测试样本相对训练样本的评分 PSI: ${f4(r.testPsi)}</p>
<h2>Charts · 图表</h2>
${rocChart(
  'ROC · ROC 曲线',
  [
    { name: `test · 测试 AUC ${f4(r.test.auc)}`, points: roc(r.curves.test) },
    { name: `train · 训练 AUC ${f4(r.train.auc)}`, points: roc(r.curves.train) },
  ],
  {
    x: 'goods declined (false-positive rate) · 误拒好客户比例',
    y: 'bads declined (true-positive rate) · 拒绝坏客户比例',
  },
)}
${ksChart('KS curve, test sample · 测试样本 KS 曲线', r.curves.test, r.test.ks)}
${goodBad('Score distribution by good and bad, test sample · 测试样本好坏客户分数分布', split(scores.test, false), split(scores.test, true))}
${goodBad('Score distribution by good and bad, training sample · 训练样本好坏客户分数分布', split(scores.train, false), split(scores.train, true))}
${barChart(
  'Gini per characteristic · 各特征 Gini',
  r.characteristics.map((c) => ({ label: c.name, values: [c.giniTrain, c.giniTest] })),
  ['train · 训练', 'test · 测试'],
  undefined,
  wide,
)}
${barChart(
  'Information value per characteristic · 各特征信息值 (IV)',
  r.characteristics.map((c) => ({ label: c.name, values: [c.iv] })),
  ['IV'],
  undefined,
  wide,
)}
<h2>Bins, WOE and points · 分组、WOE 与分值</h2>
${binTables(card)}
${excluded ? `<h2>Left out · 未入模特征</h2><table><tr><th>characteristic · 特征</th><th>why · 原因</th><th>value · 数值</th></tr>${excluded}</table>` : ''}
</body></html>
`;
}
