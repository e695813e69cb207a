import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreApplicant, settingsFrom, trainScorecard } from '../../src/credit/index.ts';
import { tableFromCsv } from '../../src/credit/files.ts';
import { limitFor, prepareScorecard, scoreWith } from '../../src/credit/core/prepared.ts';

const german = join(import.meta.dirname, '../../../shared/testdata/credit/germancredit.csv');

// The decision path scores with lookups built once; it must give exactly what `zhili credit score` gives.
describe.skipIf(!existsSync(german))('prepared scoring (the decision path)', () => {
  it('matches scoreApplicant on every German applicant, on unknown and missing values, reasons included', () => {
    const table = tableFromCsv(readFileSync(german, 'utf8'), 'csv');
    const { scorecard } = trainScorecard({
      table,
      target: 'creditability',
      bad: 'bad',
      settings: settingsFrom({ seed: 1 }, ''),
      dataHash: '0'.repeat(64),
      clock: { now: () => 0 },
    });
    const prepared = prepareScorecard(scorecard);
    const rows = table.rows.map((r) => Object.fromEntries(table.header.map((h, i) => [h, r[i]!])));
    const odd = [{}, { duration_in_month: 'NA' }, { duration_in_month: ' 48 ' }, { purpose: 'spaceship' }];
    for (const row of [...rows, ...odd] as Record<string, string>[]) {
      for (const k of [4, 2, 0])
        expect(scoreWith(prepared, (n) => row[n], k)).toEqual(scoreApplicant(scorecard, row, k));
    }
  });

  it('gives the limit of the highest band the score reaches', () => {
    const limits = {
      currency: 'CNY',
      bands: [
        { minScore: 600, limitMinor: 9 },
        { minScore: 500, limitMinor: 5 },
      ],
    };
    expect([limitFor(limits, 499), limitFor(limits, 500), limitFor(limits, 650), limitFor(undefined, 650)]).toEqual([
      0, 5, 9, 0,
    ]);
  });
});
