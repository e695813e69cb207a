import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventInput } from '../core/event-schema.ts';
import { centsString, csvRecords, eventFromCsvRow, openDataset, SimClock, type Dataset } from './index.ts';

const tiny = new URL('../../../../shared/testdata/aml/amlsim-tiny', import.meta.url).pathname;

async function all(ds: Dataset): Promise<EventInput[]> {
  const out: EventInput[] = [];
  for await (const e of ds.events()) out.push(e);
  return out;
}

describe('importer helpers', () => {
  it('rounds simulator floats to the cent, half up, and refuses what is not an amount', () => {
    expect(centsString('147.8')).toBe('147.80');
    expect(centsString('11.505')).toBe('11.51');
    expect(centsString('0.004')).toBe('0.00');
    expect(centsString('100')).toBe('100.00');
    expect(centsString('-1')).toBeUndefined();
    expect(centsString('abc')).toBeUndefined();
    expect(centsString('')).toBeUndefined();
  });

  it('maps day steps to instants that keep file order inside a day', () => {
    const c = new SimClock('2026-01-01T00:00:00+08:00');
    expect(c.at(1)).toBe('2026-01-01T16:00:00.000Z');
    expect(c.at(1)).toBe('2026-01-01T16:00:01.000Z');
    expect(c.at(0)).toBe('2025-12-31T16:00:00.000Z');
    expect(c.at(1.5)).toBeUndefined();
  });

  it('reads quoted CSV fields, quoted newlines included, with the line each record starts on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhili-csv-'));
    writeFileSync(join(dir, 'q.csv'), '\uFEFFa, b ,c\n1,"x\ny",3\n\n"b,c","d""e",\n7,8\n');
    const rows: { row: Record<string, string>; line: number }[] = [];
    for await (const r of csvRecords(join(dir, 'q.csv'))) rows.push(r);
    expect(rows).toEqual([
      { row: { a: '1', b: 'x\ny', c: '3' }, line: 2 },
      { row: { a: 'b,c', b: 'd"e', c: '' }, line: 5 },
      { row: { a: '7', b: '8' }, line: 6 },
    ]);
  });
  it('builds nested events from dotted columns', () => {
    expect(
      eventFromCsvRow({
        id: 'e1',
        'amount.value': '5.00',
        'debtor.isCustomer': 'false',
        'attributes.n': '3',
        channel: '',
      }),
    ).toEqual({ id: 'e1', amount: { value: '5.00' }, debtor: { isCustomer: false }, attributes: { n: 3 } });
  });

  it('reads Zhili events from JSON Lines and CSV, labels included, and rejects bad rows with their line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhili-imp-'));
    const ev = (id: string, label?: boolean) => ({
      id,
      type: 'transfer',
      occurredAt: '2026-03-01T10:00:00+08:00',
      amount: { value: '10.00', currency: 'CNY' },
      debtor: { partyId: 'p1', partyType: 'person', accountId: 'a1' },
      creditor: { partyId: 'p2', partyType: 'person', accountId: 'a2' },
      ...(label === undefined ? {} : { label }),
    });
    writeFileSync(
      join(dir, 'e.jsonl'),
      [ev('e1', true), ev('e2', false), { id: 'bad' }].map((x) => JSON.stringify(x)).join('\n'),
    );
    const jl = openDataset(join(dir, 'e.jsonl'));
    expect((await all(jl)).map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(jl.rejectedCount).toBe(1);
    expect(jl.rejected[0]?.line).toBe(3);
    expect([...((await jl.labels())?.transactions ?? [])]).toEqual(['e1']);

    const head =
      'id,type,occurredAt,amount.value,amount.currency,debtor.partyId,debtor.partyType,creditor.partyId,creditor.partyType';
    writeFileSync(join(dir, 'e.csv'), `${head}\ne1,transfer,2026-03-01T10:00:00Z,5.00,CNY,p,person,q,organization\n`);
    const events = await all(openDataset(join(dir, 'e.csv')));
    expect(events[0]).toMatchObject({
      id: 'e1',
      amount: { value: '5.00', currency: 'CNY' },
      creditor: { partyType: 'organization' },
    });
  });
});

describe.skipIf(!existsSync(tiny))('AMLSim output layout (amlsim-tiny)', () => {
  it('imports transfers and cash, with account labels and the alerted typology', async () => {
    const ds = openDataset(tiny);
    expect(ds.format).toBe('amlsim-output');
    const events = await all(ds);
    expect(ds.rejectedCount).toBe(0);
    expect(events.filter((e) => e.type === 'transfer')).toHaveLength(45);
    expect(events.filter((e) => e.type.startsWith('cash_'))).toHaveLength(88);
    expect(events[0]).toMatchObject({
      id: 'tx-2',
      type: 'transfer',
      amount: { value: '125.05', currency: 'USD' },
      debtor: { accountId: '15', partyType: 'person', country: 'US' },
      creditor: { accountId: '25' },
    });
    const cashOut = events.find((e) => e.id === 'cash-1');
    expect(cashOut).toMatchObject({ type: 'cash_withdrawal', debtor: { accountId: '0' }, amount: { value: '99.87' } });
    expect(cashOut?.creditor).toBeUndefined();
    const labels = await ds.labels();
    expect(
      [...(labels?.accounts ?? [])]
        .filter(([, l]) => l.suspicious)
        .map(([a]) => a)
        .sort(),
    ).toEqual(['20', '24', '25', '26']);
    expect(labels?.accounts.get('25')).toEqual({ suspicious: true, typology: 'cycle' });
  });
});

if (!existsSync(tiny)) console.warn(`skipped AMLSim importer test: ${tiny} is absent (../shared/testdata)`);
