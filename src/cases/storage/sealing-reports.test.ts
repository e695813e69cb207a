import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aReport } from './case-store.contract.ts';
import { sealingReports, type ShareStore } from './sealing-reports.ts';
import { openSqliteCaseStore } from './sql-store.ts';

const memoryShares = (): ShareStore => {
  const keys = new Map<string, string>();
  return {
    putPiiKeys: async (ks) => {
      for (const k of ks) keys.set(`${k.tenantId}|${k.subject}|${k.keyId}`, k.wrapped);
    },
    getPiiKey: async (tenantId, subject, keyId) => {
      const wrapped = keys.get(`${tenantId}|${subject}|${keyId}`);
      return wrapped === undefined ? undefined : { wrapped };
    },
  };
};

describe('sealed report payloads', () => {
  it('open to the payload sealed; one that is not a JSON object is refused as an internal error', async () => {
    const inner = openSqliteCaseStore(join(mkdtempSync(join(tmpdir(), 'zhili-sealing-')), 'zhili.db'));
    await inner.migrate();
    const store = sealingReports(inner, {
      shares: memoryShares(),
      master: { id: 'm1', key: randomBytes(32) },
      now: () => 1,
    });
    const good = aReport({ id: 'rpt_good' });
    await store.createReport(good, []);
    expect((await store.getReport(good.tenantId, good.id))?.payload).toEqual(good.payload);
    // Sealed on the way in, so the stored row shows nothing of it; a list where an object belongs.
    const bad = aReport({ id: 'rpt_bad', payload: ['张三'] as never });
    await store.createReport(bad, []);
    const raw = await inner.getReport(bad.tenantId, bad.id);
    expect(JSON.stringify(raw)).not.toContain('张三');
    const e = await store.getReport(bad.tenantId, bad.id).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'ZHILI_E_INTERNAL' });
    expect(String((e as Error).cause)).toMatch(
      /case_reports\.payload of rpt_bad: the opened payload is not a JSON object/,
    );
    await inner.close();
  });
});
