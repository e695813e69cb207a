import { describe, expect, it } from 'vitest';
import { isoWeekOf, levelOf, weeklyStability, type ScoredApplication } from './monitoring.ts';
import { tinyCard } from '../../../test/credit/fixtures/tiny-scorecard.ts';

const app = (date: string, score: number, income: string): ScoredApplication => ({ date, score, values: { income } });

describe('weekly score stability', () => {
  it('ISO weeks: Monday to Sunday, week 1 holds the first Thursday', () => {
    expect(isoWeekOf('2026-11-30')).toEqual({ week: '2026-W49', from: '2026-11-30', to: '2026-12-06' });
    expect(isoWeekOf('2026-11-08')).toEqual({ week: '2026-W45', from: '2026-11-02', to: '2026-11-08' });
    expect(isoWeekOf('2021-01-03').week).toBe('2020-W53');
    expect(isoWeekOf('2024-12-30').week).toBe('2025-W01');
  });

  it('PSI and CSI per week against the development sample, hand-computed', () => {
    const weeks = weeklyStability(
      tinyCard(),
      [
        // W45: scores exactly as in development (PSI 0); income 25 % / 75 % against 40 % / 60 %.
        app('2026-11-02', 450, '4000'),
        app('2026-11-04', 550, '6000'),
        app('2026-11-06', 550, '6000'),
        app('2026-11-08', 650, '7000'),
        // W46: three of four below 500, none from 600; every income below 5,000.
        app('2026-11-09', 450, '100'),
        app('2026-11-10', 450, '200'),
        app('2026-11-11', 450, '300'),
        app('2026-11-15', 550, '400'),
      ],
      { watch: 0.1, alert: 0.25, minRows: 4 },
    );
    expect(weeks.map((w) => [w.week, w.rows])).toEqual([
      ['2026-W45', 4],
      ['2026-W46', 4],
    ]);
    const [w45, w46] = weeks;
    expect(w45!.psi).toBe(0);
    expect(w45!.level).toBe('stable');
    // CSI = (0.25 − 0.4) ln(0.25/0.4) + (0.75 − 0.6) ln(0.75/0.6) = 0.0705006 + 0.0334716
    expect(w45!.characteristics[0]!.csi).toBeCloseTo(0.1039721, 6);
    expect(w45!.characteristics[0]!.level).toBe('watch');
    // PSI = (0.75 − 0.25) ln 3 + (0.25 − 0.5) ln 0.5 + (0.0001 − 0.25) ln(0.0001/0.25), the empty band floored
    expect(w46!.psi).toBeCloseTo(0.5493061 + 0.1732868 + 1.955229, 5);
    expect(w46!.psi).toBeCloseTo(2.677822, 5);
    expect(w46!.level).toBe('alert');
    expect(w46!.bands.map((b) => [b.expected, b.actual])).toEqual([
      [0.25, 0.75],
      [0.5, 0.25],
      [0.25, 0],
    ]);
    // CSI = (1 − 0.4) ln(1/0.4) + (0.0001 − 0.6) ln(0.0001/0.6)
    expect(w46!.characteristics[0]!.csi).toBeCloseTo(5.768613, 5);
  });

  it('a week with fewer rows than the minimum is shown but never alerts; levels are read with the tenant’s thresholds', () => {
    const [w] = weeklyStability(tinyCard(), [app('2026-11-09', 450, '100')], { watch: 0.1, alert: 0.25, minRows: 30 });
    expect(w!.psi).toBeGreaterThan(0.25);
    expect(w!.level).toBe('too-few');
    expect(levelOf(0.3, { watch: 0.1, alert: 0.25, minRows: 1 })).toBe('alert');
    expect(levelOf(0.3, { watch: 0.1, alert: 0.5, minRows: 1 })).toBe('watch');
    expect(levelOf(0.1, { watch: 0.1, alert: 0.5, minRows: 1 })).toBe('stable');
  });
});
