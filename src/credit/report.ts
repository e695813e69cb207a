import { cumulative, thin, type CurvePoint, type Figures, type Labelled } from './core/metrics.ts';
import type { Scorecard } from './core/scorecard.ts';
import type { TrainResult } from './core/train.ts';

/** What `zhili credit train --json` writes: the figures on both samples and every characteristic's IV. */
export interface CreditTrainReport {
  scorecard: { name: string; version: string; createdAt: string; file?: string };
  data: { file: string; sha256: string; rows: number; target: string; bad: string };
  seed: number;
  trainShare: number;
  train: Figures & { rows: number; bads: number };
  test: Figures & { rows: number; bads: number };
  /** PSI of the test sample's scores against the training sample's score deciles. */
  testPsi: number;
  characteristics: {
    name: string;
    iv: number;
    giniTrain: number;
    giniTest: number;
    coefficient: number;
    ordinal: boolean;
    monotonic: boolean;
    bins: { label: string; good: number; bad: number; badRate: number; woe: number; points: number }[];
  }[];
  excluded: Scorecard['excluded'];
  curves: { train: CurvePoint[]; test: CurvePoint[] };
  seconds: number;
}

const bads = (xs: readonly Labelled[]): number => xs.filter((x) => x.bad).length;

export function trainReport(
  r: TrainResult,
  ctx: { dataFile: string; scorecardFile?: string | undefined; seconds: number },
): CreditTrainReport {
  const c = r.scorecard;
  const m = c.metadata;
  return {
    scorecard: {
      name: c.name,
      version: c.version,
      createdAt: c.createdAt,
      ...(ctx.scorecardFile ? { file: ctx.scorecardFile } : {}),
    },
    data: { file: ctx.dataFile, sha256: m.dataHash, rows: m.rows, target: c.target.column, bad: c.target.bad },
    seed: m.seed,
    trainShare: m.trainShare,
    train: { ...m.figures.train, rows: m.trainRows, bads: bads(r.scores.train) },
    test: { ...m.figures.test, rows: m.testRows, bads: bads(r.scores.test) },
    testPsi: m.testPsi,
    characteristics: c.characteristics.map((x) => ({
      name: x.name,
      iv: x.iv,
      giniTrain: x.gini.train,
      giniTest: x.gini.test,
      coefficient: x.coefficient,
      ordinal: x.ordinal,
      monotonic: x.monotonic,
      bins: x.bins.map((b) => ({
        label: b.label,
        good: b.good,
        bad: b.bad,
        badRate: b.badRate,
        woe: b.woe,
        points: b.points,
      })),
    })),
    excluded: c.excluded,
    curves: { train: thin(cumulative(r.scores.train), 200), test: thin(cumulative(r.scores.test), 200) },
    seconds: ctx.seconds,
  };
}

const f4 = (x: number): string => (Number.isNaN(x) ? '—' : x.toFixed(4));

function grid(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The report as plain text for the terminal. */
export function formatTrainReport(r: CreditTrainReport): string {
  const reasonText: Record<string, string> = {
    iv: 'IV below threshold · IV 低于阈值',
    correlation: 'correlated with · 相关于',
    coefficient: 'negative coefficient · 系数为负',
    config: 'excluded by configuration · 配置排除',
    cardinality: 'too many categories · 类别过多',
  };
  return [
    `Scorecard · 评分卡 ${r.scorecard.name} ${r.scorecard.version}  data ${r.data.file} (${r.data.rows} rows, sha256 ${r.data.sha256.slice(0, 12)}…)`,
    `seed ${r.seed}, train share ${r.trainShare}: train ${r.train.rows} rows (${r.train.bads} bad), test ${r.test.rows} rows (${r.test.bads} bad) · 训练/测试样本`,
    grid(
      ['sample · 样本', 'AUC', 'KS', 'Gini'],
      [
        ['train · 训练', f4(r.train.auc), f4(r.train.ks), f4(r.train.gini)],
        ['test · 测试', f4(r.test.auc), f4(r.test.ks), f4(r.test.gini)],
      ],
    ),
    `score PSI, test against train · 测试样本相对训练样本的评分 PSI: ${f4(r.testPsi)}`,
    '',
    grid(
      ['characteristic · 特征', 'IV', 'Gini train', 'Gini test', 'bins', 'monotonic'],
      r.characteristics.map((c) => [
        c.name,
        f4(c.iv),
        f4(c.giniTrain),
        f4(c.giniTest),
        String(c.bins.length),
        c.ordinal ? (c.monotonic ? 'yes' : 'NO') : '—',
      ]),
    ),
    ...(r.excluded.length === 0
      ? []
      : [
          '',
          'left out · 未入模:',
          ...r.excluded.map(
            (x) => `  ${x.name}: ${reasonText[x.reason] ?? x.reason}${x.with ? ` ${x.with}` : ''} (${f4(x.value)})`,
          ),
        ]),
  ].join('\n');
}
