import { ZhiliError, type Clock } from '../../kernel/index.ts';
import { findBin, numberOf, type BinnedCharacteristic } from './bins.ts';
import { binCharacteristic } from './binning.ts';
import { fitLogistic } from './logistic.ts';
import { auc, figures, type Labelled } from './metrics.ts';
import { binPoints, scalingFactors } from './scaling.ts';
import { checkScorecard, type Scorecard } from './scorecard.ts';
import { scoreApplicant } from './score.ts';
import { selectCharacteristics } from './select.ts';
import { psi, scoreBandsOf, shareIn } from './stability.ts';
import type { TrainSettings } from './settings.ts';
import { stratifiedSplit } from './split.ts';

/** A data set read from CSV: a header and rows of raw text. */
export interface Table {
  header: string[];
  rows: string[][];
}

export type TrainStep = 'binning' | 'selection' | 'fitting' | 'scoring';

export interface TrainInput {
  table: Table;
  target: string;
  bad: string;
  settings: TrainSettings;
  /** sha256 of the data file, recorded in the scorecard. */
  dataHash: string;
  clock: Clock;
  onProgress?: (step: TrainStep, done: number, total: number) => void;
}

export interface TrainResult {
  scorecard: Scorecard;
  /** Every scored row of each sample, for the report's curves and distributions. */
  scores: { train: Labelled[]; test: Labelled[] };
}

const bad = (msg: string, zh: string, pointer: string): ZhiliError =>
  new ZhiliError('ZHILI_E_VALIDATION', { message: msg, messageZh: zh, pointer });

/** Trains a scorecard: split, bin, select, fit, scale, and measure on both samples. Pure and deterministic. */
export function trainScorecard(input: TrainInput): TrainResult {
  const { table, settings: s } = input;
  const t = table.header.indexOf(input.target);
  if (t < 0) throw bad(`The data has no column "${input.target}".`, `数据中没有名为“${input.target}”的列。`, '/target');
  const isBad = table.rows.map((r) => (r[t] ?? '').trim() === input.bad);
  const bads = isBad.filter(Boolean).length;
  if (bads === 0 || bads === isBad.length)
    throw bad(
      `Both classes are needed: ${bads} of ${isBad.length} rows have ${input.target} = "${input.bad}".`,
      `需要好坏两类样本：${isBad.length} 行中 ${input.target} = “${input.bad}” 的有 ${bads} 行。`,
      '/bad',
    );
  const missing = new Set(s.missing);
  const split = stratifiedSplit(isBad, s.trainShare, s.seed);
  for (const [part, rows] of [
    ['training', split.train],
    ['test', split.test],
  ] as const) {
    const b = rows.filter((i) => isBad[i]).length;
    if (b === 0 || b === rows.length)
      throw bad(
        `Too few rows: the ${part} sample needs both goods and bads (it has ${rows.length - b} goods, ${b} bads).`,
        `样本过少：${part === 'training' ? '训练' : '测试'}样本需要同时包含好坏两类（现有好 ${rows.length - b}、坏 ${b}）。`,
        '/trainShare',
      );
  }
  const trainBad = split.train.map((i) => isBad[i]!);
  const names = table.header.filter((h, i) => i !== t && !s.exclude.includes(h));
  const binned: BinnedCharacteristic[] = [];
  const tooMany: Scorecard['excluded'] = [];
  names.forEach((name, k) => {
    const col = table.header.indexOf(name);
    const values = split.train.map((i) => table.rows[i]![col] ?? '');
    const spec = s.characteristics[name] ?? {};
    const numeric = values.every((v) => missing.has(v.trim()) || numberOf(v) !== undefined);
    const type = spec.type ?? (numeric && spec.order === undefined ? 'numeric' : 'categorical');
    if (type === 'numeric' && !numeric) {
      const v = values.find((x) => !missing.has(x.trim()) && numberOf(x) === undefined) ?? '';
      throw bad(
        `${name} is configured as numeric but holds "${v}".`,
        `${name} 配置为数值型，但含有“${v}”。`,
        `/characteristics/${name.replace(/~/g, '~0').replace(/\//g, '~1')}/type`,
      );
    }
    const distinct = type === 'categorical' ? new Set(values.map((v) => v.trim())).size : 0;
    if (distinct > s.maxCategories && spec.order === undefined) {
      tooMany.push({ name, reason: 'cardinality', value: distinct });
      input.onProgress?.('binning', k + 1, names.length);
      return;
    }
    binned.push(
      binCharacteristic(name, type, values, trainBad, spec, {
        fineBins: s.fineBins,
        minBinShare: s.minBinShare,
        maxBins: s.maxBins,
        missing,
      }),
    );
    input.onProgress?.('binning', k + 1, names.length);
  });
  const woeColumn = (c: BinnedCharacteristic, rows: readonly number[]): number[] => {
    const col = table.header.indexOf(c.name);
    return rows.map((i) => c.bins[findBin(c.bins, table.rows[i]![col] ?? '', missing)]?.woe ?? 0);
  };
  const woe = new Map(binned.map((c) => [c.name, woeColumn(c, split.train)]));
  input.onProgress?.('selection', 0, 1);
  const selection = selectCharacteristics(
    binned.map((c) => ({ name: c.name, iv: c.iv, woe: woe.get(c.name)! })),
    s.minIv,
    s.maxCorrelation,
  );
  const excluded: Scorecard['excluded'] = [
    ...s.exclude.filter((x) => table.header.includes(x)).map((name) => ({ name, reason: 'config' as const, value: 0 })),
    ...tooMany,
    ...selection.dropped,
  ];
  input.onProgress?.('selection', 1, 1);
  // With WOE = ln(bad share / good share) every coefficient should be positive; a negative one means the
  // characteristic only corrects others it overlaps with, which makes its points read backwards. Such a
  // characteristic is dropped (the most negative first) and the model refitted.
  let kept = selection.kept;
  const y = split.train.map((i) => (isBad[i] ? 1 : 0));
  const fitOn = (names: readonly string[]) => {
    try {
      return fitLogistic(matrix(names, woe, split.train.length), y, s.l2);
    } catch (e) {
      // Only an unpenalised fit on duplicate or constant columns can be singular.
      throw new ZhiliError('ZHILI_E_VALIDATION', {
        message: 'The regression cannot be fitted (duplicate or constant characteristics): set l2 above 0.',
        messageZh: '回归无法拟合（存在重复或常数特征）：请将 l2 设为大于 0。',
        pointer: '/l2',
        cause: e,
      });
    }
  };
  let fit = fitOn(kept);
  for (;;) {
    input.onProgress?.('fitting', selection.kept.length - kept.length, selection.kept.length);
    let worst = -1;
    fit.coefficients.forEach((c, k) => {
      if (c <= 0 && (worst < 0 || c < fit.coefficients[worst]!)) worst = k;
    });
    if (worst < 0 || kept.length === 1) break;
    excluded.push({ name: kept[worst]!, reason: 'coefficient', value: fit.coefficients[worst]! });
    kept = kept.filter((_, k) => k !== worst);
    fit = fitOn(kept);
  }
  input.onProgress?.('fitting', 1, 1);
  const f = scalingFactors(s);
  const byName = new Map(binned.map((c) => [c.name, c]));
  const characteristics: Scorecard['characteristics'] = kept.map((name, k) => {
    const c = byName.get(name)!;
    const spec = s.characteristics[name] ?? {};
    const coefficient = fit.coefficients[k]!;
    return {
      name,
      labelEn: spec.labelEn ?? name,
      labelZh: spec.labelZh ?? name,
      type: c.type,
      ordinal: c.ordinal,
      fixed: c.fixed,
      monotonic: c.monotonic,
      iv: c.iv,
      coefficient,
      gini: { train: 0, test: 0 },
      bins: c.bins.map((b) => ({
        ...b,
        badRate: b.bad / Math.max(1, b.good + b.bad),
        points: Math.round(binPoints(coefficient, b.woe, fit.intercept, kept.length, f)),
      })),
    };
  });
  const card: Scorecard = {
    format: 'zhili-scorecard',
    schemaVersion: 1,
    version: new Date(input.clock.now()).toISOString().replace(/[-:]|\.\d+/g, ''),
    name: s.name,
    createdAt: new Date(input.clock.now()).toISOString(),
    target: { column: input.target, bad: input.bad },
    scaling: { baseScore: s.baseScore, baseOdds: s.baseOdds, pdo: s.pdo, ...f },
    model: { intercept: fit.intercept, l2: s.l2 },
    missing: [...s.missing],
    characteristics,
    excluded,
    metadata: {
      seed: s.seed,
      trainShare: s.trainShare,
      dataHash: input.dataHash,
      rows: table.rows.length,
      trainRows: split.train.length,
      testRows: split.test.length,
      figures: { train: { auc: 0, ks: 0, gini: 0 }, test: { auc: 0, ks: 0, gini: 0 } },
      scoreBands: { cuts: [], shares: [1] },
      testPsi: 0,
      settings: { ...s },
    },
  };
  const scored = (rows: readonly number[]) =>
    rows.map((i, k) => {
      if ((k & 127) === 0) input.onProgress?.('scoring', k, table.rows.length);
      const rec = Object.fromEntries(table.header.map((h, c) => [h, table.rows[i]![c] ?? '']));
      return { ...scoreApplicant(card, rec, 0), bad: isBad[i]! };
    });
  const trainScored = scored(split.train);
  const testScored = scored(split.test);
  input.onProgress?.('scoring', table.rows.length, table.rows.length);
  for (const c of characteristics) {
    const gini = (xs: typeof trainScored): number =>
      2 * auc(xs.map((x) => ({ score: x.points[c.name]!, bad: x.bad }))) - 1;
    c.gini = { train: gini(trainScored), test: gini(testScored) };
  }
  const labelled = (xs: typeof trainScored): Labelled[] => xs.map((x) => ({ score: x.score, bad: x.bad }));
  const scores = { train: labelled(trainScored), test: labelled(testScored) };
  card.metadata.figures = { train: figures(scores.train), test: figures(scores.test) };
  const bands = scoreBandsOf(scores.train.map((x) => x.score));
  card.metadata.scoreBands = bands;
  card.metadata.testPsi = psi(
    bands.shares,
    shareIn(
      scores.test.map((x) => x.score),
      bands.cuts,
    ),
  );
  return { scorecard: checkScorecard(card), scores };
}

function matrix(names: readonly string[], woe: ReadonlyMap<string, number[]>, n: number): number[][] {
  const cols = names.map((name) => woe.get(name)!);
  return Array.from({ length: n }, (_, i) => cols.map((c) => c[i]!));
}
