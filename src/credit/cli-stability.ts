import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ZhiliError } from '../kernel/index.ts';
import { scoreApplicant } from './core/score.ts';
import { stabilityOf } from './core/stability.ts';
import { readCsvTable, readScorecard } from './files.ts';

interface StabilityOptions {
  scorecard: string;
  data: string;
  threshold: string;
  json?: string;
}

const f4 = (x: number): string => x.toFixed(4);
const reading = (v: number, threshold: number): string =>
  v > threshold ? 'ALERT · 预警' : v > 0.1 ? 'watch · 关注' : 'stable · 稳定';

/** `zhili credit stability`: score PSI and CSI per characteristic of new applications; exit 2 on an alert. */
export function registerStabilityCommand(credit: Command): void {
  credit
    .command('stability')
    .description(
      'score PSI and CSI per characteristic of applications against the development sample · 评分稳定性 (PSI/CSI)',
    )
    .requiredOption('--scorecard <file>', 'a scorecard written by `zhili credit train`')
    .requiredOption('--data <file.csv>', 'recent applications, one row each, with a header row')
    .option('--threshold <psi>', 'score PSI above which to alert (exit code 2)', '0.25')
    .option('--json <file>', 'write the figures, bands and bins as JSON')
    .action((opts: StabilityOptions) => {
      const threshold = Number(opts.threshold);
      if (!Number.isFinite(threshold) || threshold <= 0)
        throw new ZhiliError('ZHILI_E_VALIDATION', {
          message: '--threshold must be a positive number such as 0.25.',
          messageZh: '--threshold 必须是正数，例如 0.25。',
          pointer: '/threshold',
        });
      const card = readScorecard(opts.scorecard);
      const { table } = readCsvTable(opts.data);
      const rows = table.rows.map((r) => Object.fromEntries(table.header.map((h, c) => [h, r[c] ?? ''])));
      const scores = rows.map((r) => scoreApplicant(card, r, 0).score);
      const s = stabilityOf(card, scores, rows, threshold);
      const width = Math.max(30, ...s.characteristics.map((c) => c.name.length));
      console.log(
        [
          `Stability · 稳定性  scorecard ${card.name} ${card.version}, ${s.rows} rows · 行`,
          `score PSI · 评分 PSI  ${f4(s.psi)}  ${reading(s.psi, threshold)} (threshold · 阈值 ${threshold})`,
          '',
          `${'characteristic · 特征'.padEnd(width)}  ${'CSI'.padStart(7)}`,
          ...s.characteristics.map(
            (c) => `${c.name.padEnd(width)}  ${f4(c.csi).padStart(7)}  ${reading(c.csi, threshold)}`,
          ),
        ].join('\n'),
      );
      if (opts.json) writeFileSync(opts.json, `${JSON.stringify(s, null, 2)}\n`);
      if (s.alert) process.exitCode = 2;
    });
}
