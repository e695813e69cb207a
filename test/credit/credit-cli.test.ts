import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { checkScorecard } from '../../src/credit/index.ts';

const root = join(import.meta.dirname, '../..');
const german = join(root, '../shared/testdata/credit/germancredit.csv');
const run = promisify(execFile);
const present = existsSync(german);
if (!present)
  console.warn(`skipped German credit scorecard: ${german} is absent (../shared/testdata is not in a fresh clone)`);

async function zhili(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [join(root, 'bin/zhili.js'), ...args], {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, ...r };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe.skipIf(!present)('zhili credit train and score, German credit (UCI Statlog, 1,000 loans)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhili-credit-'));
  const card = join(dir, 'scorecard.json');
  const json = join(dir, 'report.json');
  const html = join(dir, 'report.html');

  it('trains a scorecard that reaches the published figures on the held-out 30 % (seed 1)', async () => {
    const r = await zhili(
      'credit',
      'train',
      '--data',
      german,
      '--target',
      'creditability',
      '--bad',
      'bad',
      '--seed',
      '1',
      '--out',
      card,
      '--json',
      json,
      '--html',
      html,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('test · 测试');
    const report = JSON.parse(readFileSync(json, 'utf8'));
    // Measured with seed 1: train AUC 0.8256 / KS 0.5347, test AUC 0.8039 / KS 0.5079 (the scorecard R package
    // publishes test AUC 0.7777 / KS 0.4613 on its own 70/30 split). Asserted a little below what we reach.
    expect(report.seed).toBe(1);
    expect(report.test.auc).toBeGreaterThanOrEqual(0.8);
    expect(report.test.ks).toBeGreaterThanOrEqual(0.5);
    expect(report.train.auc).toBeGreaterThanOrEqual(0.82);
    expect(report.train.ks).toBeGreaterThanOrEqual(0.53);
    expect(report.test.gini).toBeCloseTo(2 * report.test.auc - 1, 12);
    expect(report.train.rows + report.test.rows).toBe(1000);
    expect(report.test.bads).toBe(90);
    expect(report.data.sha256).toMatch(/^2c0bae00/);
    for (const c of report.characteristics) {
      expect(c.iv).toBeGreaterThan(0);
      if (c.ordinal) expect(c.monotonic, c.name).toBe(true);
    }
    expect(report.characteristics.filter((c: { ordinal: boolean }) => c.ordinal).length).toBeGreaterThanOrEqual(3);
  });

  it('writes a scorecard that the schema accepts, and an HTML report with well-formed charts', () => {
    const sc = checkScorecard(JSON.parse(readFileSync(card, 'utf8')));
    expect(sc.metadata.seed).toBe(1);
    expect(sc.target).toEqual({ column: 'creditability', bad: 'bad' });
    const page = readFileSync(html, 'utf8');
    expect(page).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    for (const text of ['ROC', 'KS', '分数分布', 'Gini', 'WOE', '坏账率', 'bad rate']) expect(page).toContain(text);
    const svgs = page.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs.length).toBeGreaterThanOrEqual(6);
    for (const s of svgs) expect(XMLValidator.validate(s)).toBe(true);
  });

  it('scores applications with reason codes, as CSV and as JSON, the same as training did', async () => {
    const csv = await zhili('credit', 'score', '--scorecard', card, '--data', german);
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('id,score,reason_1,reason_2,reason_3,reason_4');
    expect(lines.length).toBe(1001);
    const j = await zhili(
      'credit',
      'score',
      '--scorecard',
      card,
      '--data',
      german,
      '--format',
      'json',
      '--reasons',
      '2',
    );
    expect(j.code, j.stderr).toBe(0);
    const out = JSON.parse(j.stdout);
    expect(out.results).toHaveLength(1000);
    const first = out.results[0];
    expect(String(first.score)).toBe(lines[1]!.split(',')[1]);
    expect(first.reasons.length).toBeLessThanOrEqual(2);
    for (const r of first.reasons)
      expect(r).toMatchObject({ code: expect.any(String), en: expect.any(String), zh: expect.any(String) });
  });

  it('measures score PSI and CSI of new applications, and alerts (exit 2) when the population has shifted', async () => {
    const sc = checkScorecard(JSON.parse(readFileSync(card, 'utf8')));
    // Measured: test scores against the training deciles, PSI 0.0209 (seed 1).
    expect(sc.metadata.testPsi).toBeLessThan(0.1);
    expect(JSON.parse(readFileSync(json, 'utf8')).testPsi).toBe(sc.metadata.testPsi);
    const same = await zhili('credit', 'stability', '--scorecard', card, '--data', german);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toMatch(/score PSI · 评分 PSI {2}0\.0\d+ {2}stable/);
    // Only applicants with an overdrawn checking account and a long loan: a different population.
    const lines = readFileSync(german, 'utf8').trim().split('\n');
    const shifted = join(dir, 'shifted.csv');
    writeFileSync(
      shifted,
      [lines[0], ...lines.slice(1).filter((l) => l.startsWith('... < 0 DM,') && Number(l.split(',')[1]) >= 24)].join(
        '\n',
      ),
    );
    const out = join(dir, 'stability.json');
    const moved = await zhili('credit', 'stability', '--scorecard', card, '--data', shifted, '--json', out);
    expect(moved.code).toBe(2);
    expect(moved.stdout).toContain('ALERT · 预警');
    const s = JSON.parse(readFileSync(out, 'utf8'));
    expect(s.psi).toBeGreaterThan(0.25);
    expect(
      s.characteristics.find((c: { name: string }) => c.name === 'status_of_existing_checking_account').csi,
    ).toBeGreaterThan(0.25);
  });

  it('honours a configuration: fixed cut points, an ordinal category order, bilingual labels, exclusions', async () => {
    const config = join(root, 'test/credit/fixtures/german-credit.config.json');
    const out = join(dir, 'configured.json');
    const rj = join(dir, 'configured-report.json');
    const r = await zhili(
      'credit',
      'train',
      '--data',
      german,
      '--target',
      'creditability',
      '--bad',
      'bad',
      '--config',
      config,
      '--out',
      out,
      '--json',
      rj,
    );
    expect(r.code, r.stderr).toBe(0);
    const sc = checkScorecard(JSON.parse(readFileSync(out, 'utf8')));
    const duration = sc.characteristics.find((c) => c.name === 'duration_in_month')!;
    expect(duration.fixed).toBe(true);
    expect(duration.bins.map((b) => (b.match.kind === 'range' ? b.match.lower : 'missing'))).toEqual([
      null,
      12,
      24,
      36,
    ]);
    const employment = sc.characteristics.find((c) => c.name === 'present_employment_since')!;
    expect(employment).toMatchObject({ ordinal: true, monotonic: true, labelZh: '现职年限' });
    for (const c of sc.characteristics) if (c.ordinal) expect(c.monotonic, c.name).toBe(true);
    expect(
      sc.excluded
        .filter((x) => x.reason === 'config')
        .map((x) => x.name)
        .sort(),
    ).toEqual(['foreign_worker', 'personal_status_and_sex']);
    // Measured: test AUC 0.8012, KS 0.5095 (seed 1).
    const report = JSON.parse(readFileSync(rj, 'utf8'));
    expect(report.test.auc).toBeGreaterThanOrEqual(0.79);
    expect(report.test.ks).toBeGreaterThanOrEqual(0.49);
    const scored = await zhili('credit', 'score', '--scorecard', out, '--data', german, '--format', 'json');
    const first = JSON.parse(scored.stdout).results[0];
    expect(first.reasons[0].zh).toContain('活期账户余额');
  });

  it('refuses a tampered scorecard, naming the field, and an unknown target column', async () => {
    const bad = join(dir, 'bad.json');
    const sc = JSON.parse(readFileSync(card, 'utf8'));
    sc.characteristics[0].bins[0].points = 'many';
    writeFileSync(bad, JSON.stringify(sc));
    const r = await zhili('credit', 'score', '--scorecard', bad, '--data', german);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('ZHILI_E_VALIDATION');
    expect(r.stderr).toContain('/characteristics/0/bins/0/points');
    const t = await zhili(
      'credit',
      'train',
      '--data',
      german,
      '--target',
      'nope',
      '--bad',
      'bad',
      '--out',
      join(dir, 'x.json'),
    );
    expect(t.code).toBe(1);
    expect(t.stderr).toContain('ZHILI_E_VALIDATION');
    expect(t.stderr).toContain('没有名为“nope”的列');
  });
});
