/**
 * The one-year Loan Prime Rate (贷款市场报价利率, published by the National Interbank Funding Center on
 * the 20th of each month) on the dates it changed since the reform of 2019-08-20. Four times the
 * one-year LPR at the time the contract is made is the line above which courts do not support interest
 * in private lending (最高人民法院《关于审理民间借贷案件适用法律若干问题的规定》法释〔2020〕17号 第二十五条).
 * Extend this table as the rate changes; a date before the first entry has no LPR.
 */
export type LprTable = readonly { from: string; rate: number }[];

export const oneYearLpr: LprTable = [
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
export function lprOn(date: string, table: LprTable = oneYearLpr): number | undefined {
  let rate: number | undefined;
  for (const e of table) if (e.from <= date) rate = e.rate;
  return rate;
}

/**
 * Later rates from a file (`ZHILI_LPR_FILE`), so a platform keeps the table current without a release:
 * one `YYYY-MM-DD,percent` line per change (`2025-05-20,3.00`; a header line and `#` comments are
 * skipped). Returns the shipped table with these added, a listed date replacing the shipped one; or
 * the 1-based line of the first bad one.
 */
export function withLprChanges(
  text: string,
  base: LprTable = oneYearLpr,
): { ok: true; table: LprTable } | { ok: false; line: number; message: string } {
  const added = new Map<string, number>();
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || (i === 0 && /^[a-z_ ]+,[a-z_ ]+$/i.test(line))) continue;
    const m = /^(\d{4}-\d{2}-\d{2})\s*,\s*(\d{1,2}(?:\.\d{1,4})?)\s*%?$/.exec(line);
    if (!m?.[1] || !m[2] || Number.isNaN(Date.parse(`${m[1]}T00:00:00Z`)))
      return { ok: false, line: i + 1, message: `expected "YYYY-MM-DD,percent" (e.g. 2025-05-20,3.00), got "${line}"` };
    added.set(m[1], Math.round(Number(m[2]) * 100) / 10_000);
  }
  const merged = new Map(base.map((e) => [e.from, e.rate] as const));
  for (const [from, rate] of added) merged.set(from, rate);
  const table = [...merged].map(([from, rate]) => ({ from, rate })).sort((a, b) => (a.from < b.from ? -1 : 1));
  return { ok: true, table };
}
