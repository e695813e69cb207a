import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../kernel/index.ts';
import { checkScorecard } from './scorecard.ts';
import { scoreApplicant } from './score.ts';
import { settingsFrom } from './settings.ts';
import { trainScorecard, type Table } from './train.ts';

// A synthetic book: risk rises with debt ratio and falls with years employed; housing matters a little.
function book(n: number): Table {
  const rows: string[][] = [];
  let s = 7;
  const rand = (): number => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  for (let i = 0; i < n; i++) {
    const debt = Math.floor(rand() * 100);
    const years = Math.floor(rand() * 20);
    const housing = ['own', 'rent', 'free'][Math.floor(rand() * 3)]!;
    const z = -1.2 + debt / 30 - years / 6 + (housing === 'rent' ? 0.5 : 0);
    const bad = rand() < 1 / (1 + Math.exp(-z));
    rows.push([i % 50 === 0 ? '' : String(debt), String(years), housing, bad ? 'bad' : 'good']);
  }
  return { header: ['debt_ratio', 'years_employed', 'housing', 'status'], rows };
}

const table = book(2000);
const run = () =>
  trainScorecard({
    table,
    target: 'status',
    bad: 'bad',
    settings: settingsFrom({ seed: 3, characteristics: { housing: { labelEn: 'Housing', labelZh: '住房' } } }),
    dataHash: 'a'.repeat(64),
    clock: fixedClock(Date.UTC(2026, 10, 30, 12, 0, 0)),
  });

describe('training a scorecard', () => {
  const r = run();
  const card = r.scorecard;
  it('learns the signal, keeps ordinal characteristics monotonic, and records how it was made', () => {
    expect(card.metadata.figures.test.auc).toBeGreaterThan(0.75);
    expect(card.metadata.figures.test.gini).toBeCloseTo(2 * card.metadata.figures.test.auc - 1, 12);
    expect(card.characteristics.map((c) => c.name).sort()).toEqual(['debt_ratio', 'housing', 'years_employed']);
    for (const c of card.characteristics) if (c.ordinal) expect(c.monotonic).toBe(true);
    expect(card.metadata).toMatchObject({ seed: 3, rows: 2000, dataHash: 'a'.repeat(64) });
    // 70 % of each class, rounded per class.
    expect(card.metadata.trainRows + card.metadata.testRows).toBe(2000);
    expect(Math.abs(card.metadata.trainRows - 1400)).toBeLessThanOrEqual(1);
    expect(card.createdAt).toBe('2026-11-30T12:00:00.000Z');
    expect(card.characteristics.find((c) => c.name === 'debt_ratio')?.bins.at(-1)?.match.kind).toBe('missing');
    expect(() => checkScorecard(JSON.parse(JSON.stringify(card)))).not.toThrow();
  });
  it('is deterministic: the same data and seed give the same card', () => {
    expect(run().scorecard).toEqual(card);
  });
  it('points rise as risk falls, and a score is the sum of its points', () => {
    const debt = card.characteristics.find((c) => c.name === 'debt_ratio')!;
    const ranges = debt.bins.filter((b) => b.match.kind === 'range').map((b) => b.points);
    expect([...ranges].sort((a, b) => b - a)).toEqual(ranges);
    const s = scoreApplicant(card, { debt_ratio: '95', years_employed: '0', housing: 'rent' });
    expect(s.score).toBe(Object.values(s.points).reduce((a, b) => a + b, 0));
    const good = scoreApplicant(card, { debt_ratio: '2', years_employed: '19', housing: 'own' });
    expect(good.score).toBeGreaterThan(s.score);
  });
  it('reason codes name the characteristics that cost the most points, in both languages', () => {
    const s = scoreApplicant(card, { debt_ratio: '95', years_employed: '0', housing: 'rent' });
    expect(s.reasons.length).toBeGreaterThan(0);
    expect(s.reasons.map((x) => x.lost)).toEqual([...s.reasons.map((x) => x.lost)].sort((a, b) => b - a));
    const housing = s.reasons.find((x) => x.code === 'housing');
    if (housing) expect(housing.zh).toContain('住房');
    expect(s.reasons[0]!.en).toContain('points below the best');
    const best = scoreApplicant(card, Object.fromEntries(card.characteristics.map((c) => [c.name, bestValue(c)])));
    expect(best.reasons).toEqual([]);
  });
  it('an unseen category scores as the worst bin, never better', () => {
    const housing = card.characteristics.find((c) => c.name === 'housing')!;
    const worst = Math.min(...housing.bins.map((b) => b.points));
    expect(scoreApplicant(card, { housing: 'boat' }).points.housing).toBe(worst);
  });
  it('scoring is deterministic for any input', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (d, y, h) => {
        const row = { debt_ratio: d, years_employed: y, housing: h };
        expect(scoreApplicant(card, row)).toEqual(scoreApplicant(card, { ...row }));
        expect(Number.isInteger(scoreApplicant(card, row).score)).toBe(true);
      }),
    );
  });
  it('leaves out a categorical column with too many categories (an id would only memorise the sample)', () => {
    const withId: Table = { header: ['ref', ...table.header], rows: table.rows.map((r, i) => [`app-${i}`, ...r]) };
    const r2 = trainScorecard({
      table: withId,
      target: 'status',
      bad: 'bad',
      settings: settingsFrom({ seed: 3 }),
      dataHash: 'a'.repeat(64),
      clock: fixedClock(0),
    });
    expect(r2.scorecard.excluded).toContainEqual({
      name: 'ref',
      reason: 'cardinality',
      value: r2.scorecard.metadata.trainRows,
    });
    expect(r2.scorecard.characteristics.map((c) => c.name)).not.toContain('ref');
  });
  it('refuses a missing target column or a single class', () => {
    const s = settingsFrom({});
    const base = { table, settings: s, dataHash: 'a'.repeat(64), clock: fixedClock(0) };
    expect(() => trainScorecard({ ...base, target: 'nope', bad: 'bad' })).toThrow(/no column "nope"/);
    expect(() => trainScorecard({ ...base, target: 'status', bad: 'BAD' })).toThrow(/Both classes/);
    const tiny: Table = {
      header: ['x', 'status'],
      rows: [
        ['1', 'bad'],
        ['2', 'good'],
        ['3', 'good'],
      ],
    };
    expect(() => trainScorecard({ ...base, table: tiny, target: 'status', bad: 'bad' })).toThrow(
      /test sample needs both goods and bads/,
    );
    const dup: Table = { header: ['a', 'b', 'status'], rows: table.rows.map((r) => [r[1]!, r[1]!, r[3]!]) };
    const plain = settingsFrom({ l2: 0, maxCorrelation: 1, minIv: 0 });
    expect(() => trainScorecard({ ...base, settings: plain, table: dup, target: 'status', bad: 'bad' })).toThrow(
      /set l2 above 0/,
    );
    const typed = settingsFrom({ characteristics: { housing: { type: 'numeric' } } });
    expect(() => trainScorecard({ ...base, settings: typed, target: 'status', bad: 'bad' })).toThrow(
      /housing is configured as numeric but holds "(own|rent|free)"/,
    );
  });
});

function bestValue(c: {
  bins: { points: number; match: { kind: string; lower?: number | null; values?: string[] } }[];
}) {
  const b = [...c.bins].sort((x, y) => y.points - x.points)[0]!;
  if (b.match.kind === 'categories') return b.match.values![0]!;
  if (b.match.kind === 'missing') return '';
  return String(b.match.lower ?? -1e9);
}
