import type { Prf } from './metrics.ts';
import type { BacktestReport } from './report.ts';

const pct = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? '—' : (x * 100).toFixed(1));
const num = (x: number | undefined): string => (x === undefined || Number.isNaN(x) ? '—' : x.toFixed(4));

function grid(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const prfCells = (p: Prf | undefined): string[] => [pct(p?.precision), pct(p?.recall), pct(p?.f1)];

/** Rejected rows: how many per reason and the first few with their error; nothing when none. */
export function rejectedLines(r: BacktestReport): string[] {
  if (r.data.rejected === 0) return [];
  const out = [
    `rejected rows · 被拒行: ${r.data.rejected} of ${r.data.rows} (${pct(r.data.rejectedShare)}%)`,
    ...Object.entries(r.data.rejectedByReason)
      .sort((a, b) => b[1] - a[1])
      .map(([reason, n]) => `  ${String(n).padStart(8)}  ${reason}`),
    '  first rejected rows · 前几条被拒行:',
    ...r.data.rejectedSample.map((x) => `    ${x.file ? `${x.file}:` : 'row '}${x.line}  ${x.message}`),
  ];
  return out;
}

/** The report as plain-text tables for the terminal. */
export function formatReport(r: BacktestReport): string {
  const labelled = r.overall.account !== undefined;
  const out: string[] = [];
  out.push(`Backtest · 回测  rule set ${r.ruleSet.version} (${r.ruleSet.rules} rules, ${r.ruleSet.features} features)`);
  out.push(
    `data: ${r.data.format} ${r.data.files.join(', ')}  events ${r.data.events}  rejected ${r.data.rejected}  accounts ${r.data.accounts}` +
      (labelled
        ? `  suspicious accounts ${r.data.suspiciousAccounts ?? 0}  suspicious events ${r.data.suspiciousEvents ?? 0} (${r.data.transactionLabels})`
        : ''),
  );
  out.push(
    `speed: load ${r.speed.loadSeconds.toFixed(2)} s, replay ${r.speed.replaySeconds.toFixed(2)} s = ${Math.round(r.speed.eventsPerSecond).toLocaleString('en')} events/s`,
  );
  out.push(
    `outcomes: allow ${r.outcomes.allow}  review ${r.outcomes.review}  block ${r.outcomes.block}  failed-closed ${r.failures}`,
  );
  const ord = r.overall.ordinary;
  out.push(
    `ordinary events · 正常事件 (${labelled ? 'not labelled suspicious' : 'no labels: all events'}): ${ord.events}, ` +
      `sent to review ${ord.reviewed} + block ${ord.blocked} = ${pct(ord.share)}% · 转审核或拦截占比`,
  );
  out.push(...rejectedLines(r));
  out.push('');
  const ph = labelled ? ['tx P%', 'tx R%', 'tx F1%', 'acct P%', 'acct R%', 'acct F1%'] : [];
  out.push(
    grid(
      ['rule', 'typology', 'subject', 'hits', 'accounts', ...ph],
      r.rules.map((x) => [
        x.id,
        x.typology ?? '',
        x.subject,
        String(x.hits),
        String(x.accounts),
        ...(labelled ? [...prfCells(x.tx), ...prfCells(x.account)] : []),
      ]),
    ),
  );
  out.push('');
  out.push(
    grid(
      ['typology', 'alerts', 'accounts', ...ph],
      r.typologies.map((t) => [
        t.id,
        String(t.alerts),
        String(t.accounts),
        ...(labelled ? [...prfCells(t.tx), ...prfCells(t.account)] : []),
      ]),
    ),
  );
  out.push('');
  const o = r.overall;
  out.push(
    `overall: alerted events ${o.alertedEvents}, alerted accounts ${o.alertedAccounts} (${pct(o.accountAlertRate)}% of accounts)`,
  );
  if (labelled) {
    out.push(`  transactions: precision ${pct(o.tx?.precision)}%  recall ${pct(o.tx?.recall)}%  F1 ${pct(o.tx?.f1)}%`);
    out.push(
      `  accounts:     precision ${pct(o.account?.precision)}%  recall ${pct(o.account?.recall)}%  F1 ${pct(o.account?.f1)}%`,
    );
    out.push(
      `  account ROC AUC (rules + network) ${num(o.auc)}  (baseline, distinct counterparties: ${num(o.baselineAuc)})`,
    );
    for (const p of r.byPattern ?? [])
      out.push(
        `  labelled pattern ${p.typology}: ${p.alerted}/${p.accounts} accounts alerted (recall ${pct(p.recall)}%)`,
      );
  }
  return out.join('\n');
}
