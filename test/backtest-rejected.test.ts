import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerBacktestCommand, type BacktestReport } from '../src/monitoring/backtest/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'zhili-rej-'));
const event = (i: number, over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: `e${i}`,
  type: 'payment',
  occurredAt: `2026-03-01T10:${String(i % 60).padStart(2, '0')}:00+08:00`,
  amount: { value: '12.50', currency: 'CNY' },
  debtor: { partyId: `p${i % 7}`, partyType: 'person', accountId: `a${i % 7}` },
  creditor: { partyId: 'shop', partyType: 'organisation', accountId: 'shop-1' },
  ...over,
});

/** 200 rows; `bad` of them broken in different ways (a JSON error, a schema error, an unknown currency, a repeated id). */
function file(name: string, bad: number): string {
  const lines = Array.from({ length: 200 }, (_, i) => JSON.stringify(event(i)));
  const broken = [
    '{"id": "e-json", "type": ',
    JSON.stringify(event(1000, { type: 'teleport' })),
    JSON.stringify(event(1001, { amount: { value: '1.00', currency: 'XXQ' } })),
    JSON.stringify(event(5)),
  ];
  for (let k = 0; k < bad; k++) lines[10 + k * 20] = broken[k] as string;
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

async function backtest(data: string): Promise<{ text: string; report: BacktestReport; exitCode: unknown }> {
  const json = `${data}.report.json`;
  const logs: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((x: unknown) => void logs.push(String(x)));
  const err = vi.spyOn(console, 'error').mockImplementation((x: unknown) => void logs.push(String(x)));
  try {
    const program = new Command().exitOverride();
    registerBacktestCommand(program);
    await program.parseAsync(
      ['backtest', '--data', data, '--rules', 'aml-typologies', '--json', json, '--no-progress'],
      {
        from: 'user',
      },
    );
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
  const exitCode = process.exitCode;
  process.exitCode = undefined;
  return { text: logs.join('\n'), report: JSON.parse(readFileSync(json, 'utf8')) as BacktestReport, exitCode };
}

describe('zhili backtest: rejected rows are never silent', () => {
  afterEach(() => {
    process.exitCode = undefined;
  });

  it('counts rejected rows per reason in the table and JSON, shows the first ones, and exits 3 above 1 %', async () => {
    const { text, report, exitCode } = await backtest(file('bad.jsonl', 4));
    expect(report.data.rejected).toBe(4);
    expect(report.data.rows).toBe(200);
    expect(report.data.rejectedShare).toBeCloseTo(0.02);
    expect(report.data.rejectedByReason).toEqual({
      'invalid-json': 1,
      'schema /type': 1,
      'ZHILI_E_UNKNOWN_CURRENCY /amount/currency': 1,
      'duplicate-id': 1,
    });
    expect(report.data.rejectedSample.map((r) => r.reason)).toEqual([
      'invalid-json',
      'schema /type',
      'ZHILI_E_UNKNOWN_CURRENCY /amount/currency',
      'duplicate-id',
    ]);
    expect(report.data.rejectedSample.map((r) => r.line)).toEqual([11, 31, 51, 71]);
    expect(text).toContain('rejected rows · 被拒行: 4 of 200 (2.0%)');
    expect(text).toMatch(/1\s+schema \/type/);
    expect(text).toContain('duplicate event id e5');
    expect(exitCode).toBe(3);
  }, 60_000);

  it('reports but exits 0 at 1 % or less', async () => {
    const { report, exitCode, text } = await backtest(file('ok.jsonl', 2));
    expect(report.data.rejected).toBe(2);
    expect(report.data.rejectedShare).toBeCloseTo(0.01);
    expect(text).toContain('rejected rows · 被拒行: 2 of 200');
    expect(exitCode).toBeUndefined();
  }, 60_000);
});
