/**
 * The simulated platform month end to end: `zhili simulate` (default 1M events over 30 days, seed 1),
 * then `zhili backtest` of it through a pack (default aml-typologies). Prints JSON: generation time,
 * load and replay time, events per second, the ordinary-event review share, account recall and
 * precision of the injected patterns.
 *   node --import tsx bench/simulated-month.ts [--events N] [--seed N] [--pack NAME] [--out FILE]
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPack, runBacktest } from '../src/monitoring/backtest/index.ts';
import { simulate } from '../src/monitoring/simulate/index.ts';

const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(name);
  return i > 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const out = arg('--out', join(tmpdir(), 'zhili-simulated-month.jsonl'));
const sim = simulate({
  out,
  events: Number(arg('--events', '1000000')),
  days: 30,
  seed: Number(arg('--seed', '1')),
  start: '2026-03-01T00:00:00+08:00',
});
const started = performance.now();
const r = await runBacktest({ data: out, rules: readPack(arg('--pack', 'aml-typologies')) });
const o = r.overall;
console.log(
  JSON.stringify(
    {
      bench: 'simulated-month',
      events: r.data.events,
      generateSeconds: sim.seconds,
      backtestSeconds: (performance.now() - started) / 1000,
      loadSeconds: r.speed.loadSeconds,
      replaySeconds: r.speed.replaySeconds,
      replayEventsPerSecond: Math.round(r.speed.eventsPerSecond),
      ordinary: o.ordinary,
      accounts: { labelled: r.data.suspiciousAccounts, alerted: o.alertedAccounts, ...o.account },
      auc: o.auc,
      byPattern: r.byPattern,
    },
    null,
    2,
  ),
);
