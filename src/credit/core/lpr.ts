/**
 * The one-year Loan Prime Rate (贷款市场报价利率, published by the National Interbank Funding Center on
 * the 20th of each month) on the dates it changed since the reform of 2019-08-20. Four times the
 * one-year LPR at the time the contract is made is the line above which courts do not support interest
 * in private lending (最高人民法院《关于审理民间借贷案件适用法律若干问题的规定》法释〔2020〕17号 第二十五条).
 * Extend this table as the rate changes; a date before the first entry has no LPR.
 */
export const oneYearLpr: readonly { from: string; rate: number }[] = [
  { from: '2019-08-20', rate: 0.0425 },
  { from: '2019-09-20', rate: 0.042 },
  { from: '2019-11-20', rate: 0.0415 },
  { from: '2020-02-20', rate: 0.0405 },
  { from: '2020-04-20', rate: 0.0385 },
  { from: '2021-12-20', rate: 0.038 },
  { from: '2022-01-20', rate: 0.037 },
  { from: '2022-08-22', rate: 0.0365 },
  { from: '2023-06-20', rate: 0.0355 },
  { from: '2023-08-21', rate: 0.0345 },
  { from: '2024-07-22', rate: 0.0335 },
  { from: '2024-10-21', rate: 0.031 },
  { from: '2025-05-20', rate: 0.03 },
];

/** The one-year LPR in force on a local date (YYYY-MM-DD), or undefined before the table starts. */
export function lprOn(date: string): number | undefined {
  let rate: number | undefined;
  for (const e of oneYearLpr) if (e.from <= date) rate = e.rate;
  return rate;
}
