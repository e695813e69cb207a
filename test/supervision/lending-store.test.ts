import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sqlKeyHolderStore, sqlRegistryStore } from '../../src/supervision/lending/adapters.ts';
import { totalsFor, type EvaluationRecord, type LoanUpdate } from '../../src/supervision/lending/index.ts';
import { postgresDriver, sqliteDriver } from '../../src/store/adapters.ts';
import type { SqlDriver } from '../../src/store/index.ts';
import { dropSchema, pgUrl, postgresAvailable, uniqueSchema } from '../support/services.ts';

const t0 = 1_764_460_800_000; // 2025-11-30T00:00:00Z, a window boundary for minute and day windows
const tok = (c: string) => c.repeat(64);
const ev = (id: string, over: Partial<EvaluationRecord> = {}): EvaluationRecord => ({
  id,
  platformId: 'p1',
  requestId: `req-${id}-0000000000`,
  at: t0,
  count: 1,
  purpose: 'query',
  applicationEventId: 'evt_1',
  blindedDigest: 'd'.repeat(64),
  outcome: 'evaluated',
  ...over,
});
const loan = (ref: string, token: string, minor: number, over: Partial<LoanUpdate> = {}): LoanUpdate => ({
  loanRef: ref.repeat(64),
  token,
  currency: 'CNY',
  outstandingMinor: minor,
  settled: false,
  asOf: t0,
  ...over,
});

function contract(name: string, open: () => Promise<SqlDriver>): void {
  describe(`multi-lending stores: ${name}`, () => {
    it('key holder: refuses a seen request id, takes quota from every window or none, audits refusals', async () => {
      const d = await open();
      const s = sqlKeyHolderStore(d);
      await s.migrate();
      try {
        const quotas = [
          { windowMs: 60_000, max: 5 },
          { windowMs: 86_400_000, max: 8 },
        ];
        expect(await s.admit(ev('a', { count: 5 }), quotas)).toEqual({ ok: true });
        expect(await s.admit(ev('a2', { requestId: 'req-a-0000000000' }), quotas)).toEqual({
          ok: false,
          reason: 'replayed',
        });
        expect(await s.admit(ev('b', { at: t0 + 1000 }), quotas)).toMatchObject({
          ok: false,
          reason: 'limited',
          quota: { windowMs: 60_000 },
        });
        // Next minute: the minute window is fresh, the day has 3 left; 4 is refused whole, 3 passes.
        expect(await s.admit(ev('c', { at: t0 + 60_000, count: 4 }), quotas)).toMatchObject({
          reason: 'limited',
          quota: { windowMs: 86_400_000 },
        });
        expect(await s.admit(ev('d', { at: t0 + 60_001, count: 3 }), quotas)).toEqual({ ok: true });
        // Another platform has its own quota.
        expect(await s.admit(ev('e', { platformId: 'p2', count: 5 }), quotas)).toEqual({ ok: true });
        const rows = await s.evaluations({ platformId: 'p1' });
        expect(rows.map((r) => `${r.id}:${r.outcome}:${r.count}`)).toEqual([
          'd:evaluated:3',
          'c:refused_quota:4',
          'b:refused_quota:1',
          'a:evaluated:5',
        ]);
        expect(rows[3]).toEqual(ev('a', { count: 5 }));
        expect(await s.evaluations({ from: t0 + 60_000 })).toHaveLength(2);
        expect(await s.prune(t0 + 30_000)).toBe(3); // a, b and p2’s e
        expect(await s.admit(ev('a3', { requestId: 'req-a-0000000000', at: t0 + 120_000 }), quotas)).toMatchObject({
          ok: false,
        });
      } finally {
        await d.close();
      }
    });

    it('registry: upserts by loan reference, refuses stale and re-keyed updates, sums per platform, audits queries', async () => {
      const d = await open();
      const s = sqlRegistryStore(d);
      await s.migrate();
      try {
        const X = tok('a');
        const Y = tok('b');
        const put = (platformId: string, requestId: string, loans: LoanUpdate[]) =>
          s.putLoans({ platformId, requestId, at: t0, loans });
        expect(await put('p1', 'r1', [loan('1', X, 500_000), loan('2', X, 1_000), loan('3', Y, 77)])).toEqual([
          'stored',
          'stored',
          'stored',
        ]);
        expect(await put('p1', 'r1', [loan('4', X, 1)])).toBe('replayed');
        expect(await put('p2', 'r1', [loan('1', X, 120_050)])).toEqual(['stored']);
        expect(await put('p2', 'r2', [loan('1', X, 5, { asOf: t0 - 1 }), loan('1', Y, 5, { asOf: t0 + 1 })])).toEqual([
          'stale',
          'conflict',
        ]);
        expect(
          await put('p3', 'r1', [loan('9', X, 300, { currency: 'USD' }), loan('8', X, 0, { settled: true })]),
        ).toEqual(['stored', 'stored']);

        const q = (platformId: string, requestId: string, token: string) =>
          s.query(
            {
              id: `q-${platformId}-${requestId}`,
              platformId,
              requestId,
              at: t0,
              token,
              tokenDigest: `dig-${token[0]}`,
              applicationEventId: 'evt_9',
            },
            (rows) => totalsFor(rows, platformId),
          );
        expect(await q('p4', 'r1', X)).toEqual({
          platforms: 3,
          outstanding: [
            { currency: 'CNY', minor: 621_050 },
            { currency: 'USD', minor: 300 },
          ],
        });
        expect(await q('p4', 'r1', X)).toBe('replayed');
        expect(await q('p1', 'r9', X)).toEqual({
          platforms: 2,
          outstanding: [
            { currency: 'CNY', minor: 120_050 },
            { currency: 'USD', minor: 300 },
          ],
        });
        // Settled: out of the totals.
        expect(await put('p3', 'r2', [loan('9', X, 0, { settled: true, asOf: t0 + 5 })])).toEqual(['stored']);
        expect(await q('p4', 'r2', X)).toMatchObject({ platforms: 2 });
        expect(await q('p4', 'r3', tok('c'))).toEqual({ platforms: 0, outstanding: [] });

        const audit = await s.queries({ platformId: 'p4' });
        expect(audit.map((a) => `${a.requestId}:${a.platforms}:${a.tokenDigest}`).sort()).toEqual([
          'r1:3:dig-a',
          'r2:2:dig-a',
          'r3:0:dig-c',
        ]);
        expect(audit[0]).toMatchObject({ platformId: 'p4', at: t0, applicationEventId: 'evt_9' });
      } finally {
        await d.close();
      }
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'zhili-lending-store-'));
let n = 0;
contract('SQLite', async () => sqliteDriver(join(dir, `s${++n}.db`)));

const available = await postgresAvailable();
const schemas: string[] = [];
if (available) {
  contract('PostgreSQL', async () => {
    const schema = uniqueSchema(`zhili_lending_${++n}`);
    schemas.push(schema);
    return postgresDriver(pgUrl, schema);
  });
  afterAll(async () => {
    for (const s of schemas) await dropSchema(s);
  });
} else {
  describe.skip('multi-lending stores: PostgreSQL (SKIPPED: server unreachable)', () => undefined);
}
