import { writeFileSync } from 'node:fs';
import { Presets, SingleBar } from 'cli-progress';
import { Option, type Command } from 'commander';
import { dataFormats, type DataFormat } from '../importers/index.ts';
import { reportHtml } from './html.ts';
import { readPack, runBacktest } from './run.ts';
import { maxRejectedShare } from './report.ts';
import { formatReport } from './table.ts';

interface BacktestOptions {
  data: string;
  rules: string;
  labels?: string;
  format?: DataFormat;
  html?: string;
  json?: string;
  currency?: string;
  epoch?: string;
  progress: boolean;
}

/** `zhili backtest`: replay history through a rule set and report alert volumes and detection quality. */
export function registerBacktestCommand(program: Command): void {
  program
    .command('backtest')
    .description('replay history through a rule set and measure it · 用历史数据回测规则集')
    .requiredOption('--data <path>', 'events: a file, or an AMLSim folder')
    .requiredOption('--rules <pack-or-file>', 'a built-in pack name (aml-typologies, default) or a rule set file')
    .option(
      '--labels <file>',
      'labels CSV (accountId,suspicious[,typology] or eventId,suspicious); default: labels shipped with the data',
    )
    .addOption(new Option('--format <format>', 'layout of --data (detected when omitted)').choices([...dataFormats]))
    .option('--html <file>', 'write a self-contained HTML report with charts')
    .option('--json <file>', 'write the report as JSON')
    .option('--currency <code>', 'currency of simulated (AMLSim) amounts', 'USD')
    .option('--epoch <rfc3339>', 'instant of simulation step 0', '2026-01-01T00:00:00+08:00')
    .option('--no-progress', 'no progress bar')
    .action(async (opts: BacktestOptions) => {
      const show = opts.progress && process.stderr.isTTY;
      const bar = new SingleBar(
        { format: '{phase} [{bar}] {percentage}% | {value}/{total}', stream: process.stderr, hideCursor: true },
        Presets.shades_classic,
      );
      let phase = '';
      const step = (name: string, done: number, total: number): void => {
        if (!show) return;
        if (phase !== name) {
          if (phase !== '') bar.stop();
          phase = name;
          bar.start(total, 0, { phase: name });
        }
        bar.update(done);
      };
      try {
        const report = await runBacktest({
          data: opts.data,
          rules: readPack(opts.rules),
          ...(opts.format ? { format: opts.format } : {}),
          ...(opts.labels ? { labels: opts.labels } : {}),
          importOptions: {
            ...(opts.currency ? { currency: opts.currency } : {}),
            ...(opts.epoch ? { epoch: opts.epoch } : {}),
          },
          onLoad: (read, total) => step('read   ', Math.min(read, total), total),
          onReplay: (done, total) => step('replay ', done, total),
        });
        if (show && phase !== '') bar.stop();
        console.log(formatReport(report));
        if (opts.json) writeFileSync(opts.json, `${JSON.stringify(report, null, 2)}\n`);
        if (opts.html) writeFileSync(opts.html, reportHtml(report));
        if (report.data.rejectedShare > maxRejectedShare) {
          console.error(
            `${report.data.rejected} of ${report.data.rows} rows were rejected (more than ${maxRejectedShare * 100} %): the figures above leave them out. · ` +
              `被拒行 ${report.data.rejected}/${report.data.rows}，超过 ${maxRejectedShare * 100}%：以上结果未包含这些行。`,
          );
          process.exitCode = 3;
        }
      } finally {
        if (show && phase !== '') bar.stop();
      }
    });
}
