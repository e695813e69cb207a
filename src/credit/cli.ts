import { writeFileSync } from 'node:fs';
import { Presets, SingleBar } from 'cli-progress';
import { Option, type Command } from 'commander';
import { systemClock, ZhiliError } from '../kernel/index.ts';
import { scoreApplicant } from './core/score.ts';
import { trainScorecard, type TrainStep } from './core/train.ts';
import { registerStabilityCommand } from './cli-stability.ts';
import { readCsvTable, readScorecard, readTrainSettings, writeScorecard } from './files.ts';
import { trainHtml } from './html.ts';
import { formatTrainReport, trainReport } from './report.ts';

interface TrainOptions {
  data: string;
  target: string;
  bad: string;
  config?: string;
  seed?: string;
  out: string;
  json?: string;
  html?: string;
  progress: boolean;
}

interface ScoreOptions {
  scorecard: string;
  data: string;
  format: 'csv' | 'json';
  id?: string;
  reasons: string;
}

const stepNames: Record<TrainStep, string> = {
  binning: 'binning · 分箱   ',
  selection: 'selection · 筛选 ',
  fitting: 'fitting · 拟合   ',
  scoring: 'scoring · 评分   ',
};

function progressBar(enabled: boolean): {
  step: (s: TrainStep, done: number, total: number) => void;
  stop: () => void;
} {
  const bar = new SingleBar(
    { format: '{phase} [{bar}] {percentage}% | {value}/{total}', stream: process.stderr, hideCursor: true },
    Presets.shades_classic,
  );
  let phase: TrainStep | undefined;
  return {
    step: (s, done, total) => {
      if (!enabled) return;
      if (phase !== s) {
        if (phase !== undefined) bar.stop();
        phase = s;
        bar.start(total, 0, { phase: stepNames[s] });
      }
      bar.update(done);
    },
    stop: () => {
      if (enabled && phase !== undefined) bar.stop();
      phase = undefined;
    },
  };
}

const csvCell = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function parseSeed(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 4294967295)
    throw new ZhiliError('ZHILI_E_VALIDATION', {
      message: `--seed must be a whole number from 0 to 4294967295, not "${raw}".`,
      messageZh: `--seed 必须是 0 到 4294967295 之间的整数，而不是“${raw}”。`,
      pointer: '/seed',
    });
  return n;
}

/** `zhili credit train` and `zhili credit score`: scorecards from a CSV of past applications. */
export function registerCreditCommands(program: Command): void {
  const credit = program.command('credit').description('credit scorecards · 信用评分卡');
  credit
    .command('train')
    .description('train a scorecard from a CSV of past loans and measure it on a held-out sample · 训练评分卡')
    .requiredOption('--data <file.csv>', 'past applications with their outcome, one row each, with a header row')
    .requiredOption('--target <column>', 'the outcome column')
    .requiredOption('--bad <value>', 'the value of the outcome column that means bad (default)')
    .option('--config <file.json>', 'binning, selection and scaling settings (see docs/credit.md)')
    .option('--seed <n>', 'seed of the train/test split (overrides the configuration; default 1)')
    .option('--out <file>', 'where to write the scorecard', 'scorecard.json')
    .option('--json <file>', 'write the report (train and test AUC, KS, Gini; IV per characteristic) as JSON')
    .option('--html <file>', 'write a self-contained HTML report with charts')
    .option('--no-progress', 'no progress bar')
    .action((opts: TrainOptions) => {
      const started = performance.now();
      const settings = readTrainSettings(opts.config);
      const seed = parseSeed(opts.seed);
      if (seed !== undefined) settings.seed = seed;
      const { table, dataHash } = readCsvTable(opts.data);
      const bar = progressBar(opts.progress && process.stderr.isTTY);
      let result;
      try {
        result = trainScorecard({
          table,
          target: opts.target,
          bad: opts.bad,
          settings,
          dataHash,
          clock: systemClock,
          onProgress: bar.step,
        });
      } finally {
        bar.stop();
      }
      writeScorecard(opts.out, result.scorecard);
      const report = trainReport(result, {
        dataFile: opts.data,
        scorecardFile: opts.out,
        seconds: (performance.now() - started) / 1000,
      });
      console.log(formatTrainReport(report));
      console.log(`\nscorecard written to · 评分卡已写入 ${opts.out}`);
      if (opts.json) writeFileSync(opts.json, `${JSON.stringify(report, null, 2)}\n`);
      if (opts.html) writeFileSync(opts.html, trainHtml(report, result.scorecard, result.scores));
    });
  credit
    .command('score')
    .description('score applications with a scorecard and give reason codes · 用评分卡评分并给出原因码')
    .requiredOption('--scorecard <file>', 'a scorecard written by `zhili credit train`')
    .requiredOption('--data <file.csv>', 'applications, one row each, with a header row')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .option('--id <column>', 'a column to copy to the output as the row id (default: the row number)')
    .option('--reasons <n>', 'reason codes per applicant', '4')
    .action((opts: ScoreOptions) => {
      // `zhili credit score … | head` closes the pipe early: stop quietly rather than with a stack trace.
      process.stdout.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE') process.exit(0);
      });
      const card = readScorecard(opts.scorecard);
      const { table } = readCsvTable(opts.data);
      const n = Number(opts.reasons);
      if (!Number.isInteger(n) || n < 0 || n > 20)
        throw new ZhiliError('ZHILI_E_VALIDATION', {
          message: '--reasons must be a whole number from 0 to 20.',
          messageZh: '--reasons 必须是 0 到 20 之间的整数。',
          pointer: '/reasons',
        });
      const idCol = opts.id === undefined ? -1 : table.header.indexOf(opts.id);
      if (opts.id !== undefined && idCol < 0)
        throw new ZhiliError('ZHILI_E_VALIDATION', {
          message: `The data has no column "${opts.id}".`,
          messageZh: `数据中没有名为“${opts.id}”的列。`,
          pointer: '/id',
        });
      const results = table.rows.map((row, i) => {
        const rec = Object.fromEntries(table.header.map((h, c) => [h, row[c] ?? '']));
        return { id: idCol >= 0 ? (row[idCol] ?? '') : String(i + 1), ...scoreApplicant(card, rec, n) };
      });
      if (opts.format === 'json') {
        console.log(JSON.stringify({ scorecard: { name: card.name, version: card.version }, results }, null, 2));
        return;
      }
      const head = ['id', 'score', ...Array.from({ length: n }, (_, k) => `reason_${k + 1}`)];
      const lines = results.map((r) =>
        [r.id, String(r.score), ...Array.from({ length: n }, (_, k) => r.reasons[k]?.code ?? '')]
          .map(csvCell)
          .join(','),
      );
      process.stdout.write(`${[head.join(','), ...lines].join('\n')}\n`);
    });
  registerStabilityCommand(credit);
}
