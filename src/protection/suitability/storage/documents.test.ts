import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sqliteDriver } from '../../../store/adapters.ts';
import { RowShapeError } from '../../../store/index.ts';
import { sqlSuitabilityStore } from './sql-store.ts';

const open = async () => {
  const d = sqliteDriver(join(mkdtempSync(join(tmpdir(), 'zhili-suit-docs-')), 'zhili.db'));
  const store = sqlSuitabilityStore(d);
  await store.migrate();
  return { d, store };
};

describe('stored suitability documents are checked when read back', () => {
  it('a product whose stored risk is out of range fails naming its table and column', async () => {
    const { d, store } = await open();
    await store.putProduct({
      tenantId: 't',
      id: 'p',
      name: { en: 'P', zh: 'P' },
      risk: 3,
      horizonMonths: 12,
      liquidity: 'daily',
      goals: ['income'],
      status: 'on_sale',
      updatedAt: 1,
    });
    expect((await store.products('t'))[0]!.risk).toBe(3);
    await d.run(`UPDATE suit_products SET doc = replace(doc, '"risk":3', '"risk":9')`);
    const e = await store.products('t').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RowShapeError);
    expect(String(e)).toContain('suit_products.doc');
    await expect(store.snapshot()).rejects.toThrow(/suit_products\.doc/);
    await d.close();
  });

  it('settings, professional records and assessments that are not JSON of their shape are refused', async () => {
    const { d, store } = await open();
    await store.putSettings({ tenantId: 't', doc: { coolingOffHours: 48 }, updatedAt: 1, updatedBy: 'op' });
    expect((await store.getSettings('t'))!.doc).toEqual({ coolingOffHours: 48 });
    await d.run(`UPDATE suit_settings SET doc = '{"coolingOffHours":"forever"}'`);
    await expect(store.getSettings('t')).rejects.toThrow(/suit_settings\.doc/);
    await d.run(
      `INSERT INTO suit_professionals (tenant_id, customer_id, version, doc) VALUES ('t', 'c', 1, '{"state":"granted"}')`,
    );
    await expect(store.professional('t', 'c')).rejects.toThrow(/suit_professionals\.doc/);
    await d.run(
      `INSERT INTO suit_assessments (tenant_id, id, customer_id, assessed_at, doc) VALUES ('t', 'a', 'c', 1, 'not json')`,
    );
    await expect(store.assessments('t', 'c')).rejects.toThrow(/suit_assessments\.doc: expected JSON text/);
    await d.close();
  });
});
