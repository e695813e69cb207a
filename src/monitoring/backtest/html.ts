import type { Prf } from './metrics.ts';
import type { BacktestReport } from './report.ts';
import { barChart, esc, rocChart } from './svg.ts';

const pct = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? '—' : `${(x * 100).toFixed(1)}%`);
const prfTd = (p: Prf | undefined): string =>
  p ? `<td>${pct(p.precision)}</td><td>${pct(p.recall)}</td><td>${pct(p.f1)}</td>` : '<td>—</td><td>—</td><td>—</td>';

function rejectedHtml(r: BacktestReport): string {
  if (r.data.rejected === 0) return '';
  const reasons = Object.entries(r.data.rejectedByReason)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => `<tr><td>${esc(reason)}</td><td>${n}</td></tr>`)
    .join('');
  const sample = r.data.rejectedSample
    .map((x) => `<li>${esc(x.file)}${x.file ? ':' : 'row '}${x.line}: ${esc(x.message)}</li>`)
    .join('');
  return `<h2>Rejected rows · 被拒行</h2><p>${r.data.rejected} of ${r.data.rows} rows (${pct(r.data.rejectedShare)}).</p><table><tr><th>reason · 原因</th><th>rows · 行数</th></tr>${reasons}</table><ul>${sample}</ul>`;
}

/** A self-contained HTML page (inline CSS and SVG, no scripts or external resources) of a backtest report. */
export function reportHtml(r: BacktestReport): string {
  const labelled = r.overall.account !== undefined;
  const o = r.overall;
  const prfHead = labelled
    ? '<th>tx precision</th><th>tx recall</th><th>tx F1</th><th>account precision</th><th>account recall</th><th>account F1</th>'
    : '';
  const ruleRows = r.rules
    .map(
      (x) =>
        `<tr><td><b>${esc(x.id)}</b><br><small>${esc(x.name)} · ${esc(x.nameZh)}</small></td><td>${esc(x.typology ?? '')}</td><td>${x.subject}</td><td>${x.hits}</td><td>${x.accounts}</td>${labelled ? prfTd(x.tx) + prfTd(x.account) : ''}</tr>`,
    )
    .join('');
  const tyRows = r.typologies
    .map(
      (t) =>
        `<tr><td><b>${esc(t.id)}</b><br><small>${esc(t.name)} · ${esc(t.nameZh)}</small></td><td>${t.alerts}</td><td>${t.accounts}</td>${labelled ? prfTd(t.tx) + prfTd(t.account) : ''}</tr>`,
    )
    .join('');
  const charts = [
    barChart(
      'Hits per rule · 规则命中次数',
      r.rules.map((x) => ({ label: x.id, values: [x.hits] })),
      ['events'],
    ),
    barChart(
      'Alerts per typology · 类型预警数',
      r.typologies.map((t) => ({ label: t.id, values: [t.alerts, t.accounts] })),
      ['events', 'accounts'],
    ),
  ];
  if (labelled) {
    charts.push(
      barChart(
        'Account-level precision and recall per rule · 账户级精确率与召回率（按规则）',
        r.rules.map((x) => ({ label: x.id, values: [x.account?.precision ?? 0, x.account?.recall ?? 0] })),
        ['precision', 'recall'],
        1,
      ),
      barChart(
        'Account-level precision and recall per typology · 账户级精确率与召回率（按类型）',
        r.typologies.map((t) => ({ label: t.id, values: [t.account?.precision ?? 0, t.account?.recall ?? 0] })),
        ['precision', 'recall'],
        1,
      ),
    );
    if (r.roc)
      charts.push(
        rocChart('Account-level ROC · 账户级ROC曲线', [
          { name: `rule + network score (AUC ${(o.auc ?? 0).toFixed(3)})`, points: r.roc.score },
          { name: `counterparties (AUC ${(o.baselineAuc ?? 0).toFixed(3)})`, points: r.roc.baseline },
        ]),
      );
  }
  const summary = labelled
    ? `<p>Accounts · 账户: precision ${pct(o.account?.precision)}, recall ${pct(o.account?.recall)}, F1 ${pct(o.account?.f1)}, ROC AUC ${(o.auc ?? 0).toFixed(4)} (baseline by distinct counterparties ${(o.baselineAuc ?? 0).toFixed(4)}); alerted ${o.alertedAccounts} of ${r.data.accounts} accounts (${pct(o.accountAlertRate)}).<br>Transactions · 交易: precision ${pct(o.tx?.precision)}, recall ${pct(o.tx?.recall)}, F1 ${pct(o.tx?.f1)} (labels: ${esc(r.data.transactionLabels ?? '')}).</p>` +
      (r.byPattern ?? [])
        .map(
          (p) =>
            `<p>Labelled pattern ${esc(p.typology)}: ${p.alerted}/${p.accounts} accounts alerted (${pct(p.recall)}).</p>`,
        )
        .join('')
    : `<p>Alerted ${o.alertedAccounts} of ${r.data.accounts} accounts (${pct(o.accountAlertRate)}); no labels, so no precision or recall.</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Zhili backtest · 回测 ${esc(r.ruleSet.version)}</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222;max-width:1100px}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ddd;padding:4px 8px;text-align:right;vertical-align:top}td:first-child,th:first-child{text-align:left}th{background:#f4f4f4}small{color:#666}svg{display:block;margin:1em 0}</style>
</head><body>
<h1>Backtest · 回测</h1>
<p>Rule set <b>${esc(r.ruleSet.name)}</b> · ${esc(r.ruleSet.nameZh)} (version ${esc(r.ruleSet.version)}, ${r.ruleSet.rules} rules, ${r.ruleSet.features} features).<br>
Data: ${esc(r.data.format)} ${esc(r.data.files.join(', '))}: ${r.data.events} events (${r.data.rejected} rejected), ${r.data.accounts} accounts.<br>
Replay: ${r.speed.replaySeconds.toFixed(2)} s, ${Math.round(r.speed.eventsPerSecond).toLocaleString('en')} events/s. Outcomes: allow ${r.outcomes.allow}, review ${r.outcomes.review}, block ${r.outcomes.block}; failed closed ${r.failures}.<br>
Ordinary events · 正常事件 (${labelled ? 'not labelled suspicious · 未标注为可疑' : 'no labels: all events · 无标注：全部事件'}): ${o.ordinary.events}; sent to review ${o.ordinary.reviewed} and block ${o.ordinary.blocked}: <b>${pct(o.ordinary.share)}</b> · 转审核或拦截占比.</p>
${rejectedHtml(r)}
${summary}
<h2>Rules · 规则</h2><table><tr><th>rule</th><th>typology</th><th>subject</th><th>hits</th><th>accounts</th>${prfHead}</tr>${ruleRows}</table>
<h2>Typologies · 类型</h2><table><tr><th>typology</th><th>alerts</th><th>accounts</th>${prfHead}</tr>${tyRows}</table>
<h2>Charts · 图表</h2>
${charts.join('\n')}
</body></html>
`;
}
