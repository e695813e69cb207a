import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { event, startServer, type TestServer } from '../support/server.ts';
import { reloadLists, SYSTEM_TENANT, systemAdminToken } from '../support/system-admin.ts';

let s: TestServer;
let file: string;
let analyst: string;
let sys: string;
const listed = { id: 'L-1', name: 'KUZNETSOV, Vladimir Sergeyevich', kind: 'person', nationalities: ['RU'] };
const list = (entries: object[]) => writeFileSync(file, JSON.stringify(entries));

beforeAll(async () => {
  file = join(mkdtempSync(join(tmpdir(), 'zhili-fp-')), 'watch.json');
  list([listed]);
  s = await startServer({ screeningLists: `generic=${file}#watch`, config: { systemTenants: SYSTEM_TENANT } });
  analyst = await s.login(['analyst']);
  sys = await systemAdminToken(s);
});
afterAll(async () => {
  await s.close();
});

const NAME = 'Vladimir Sergeyevich Kuznetsov';
const pay = (partyId: string, name = NAME) =>
  event({
    type: 'transfer',
    amount: { value: '120.00', currency: 'CNY' },
    creditor: { partyId, partyType: 'person', accountId: `acc-${partyId}`, name, country: 'RU' },
  });
const outcome = async (partyId: string, name = NAME): Promise<string> =>
  (await s.call('POST', '/v1/events', pay(partyId, name))).body.outcome as string;

/** Creates a customer, finds its open hit on the listed entry and marks it a false positive. */
async function customerCleared(externalId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const party = {
    kind: 'person',
    externalId,
    names: [{ full: NAME, kind: 'primary' }],
    nationalities: ['RU'],
    ...extra,
  };
  const created = await s.call('POST', '/v1/parties', party);
  expect(created.status).toBe(201);
  const hits = (await s.call('GET', `/v1/parties/${created.body.id}/hits`, undefined, analyst)).body.hits;
  const hit = hits.find((h: { entryId: string; status: string }) => h.entryId === 'L-1' && h.status === 'open');
  expect(hit).toBeDefined();
  const d = await s.call(
    'POST',
    `/v1/party-hits/${hit.id}/decision`,
    { decision: 'false_positive', reason: 'Different person: born 1991 in Novosibirsk, passport checked' },
    analyst,
  );
  expect(d.status).toBe(200);
  return created.body.id as string;
}

describe("a reviewer's false positive inside event decisions", () => {
  it('holds for that party (by external id or party id), and only for that party', async () => {
    expect(await outcome('cust-fp-1')).toBe('block');
    const id = await customerCleared('cust-fp-1');
    expect(await outcome('cust-fp-1')).toBe('allow');
    expect(await outcome(id)).toBe('allow');
    // Another customer with the same name has no such decision.
    expect(await outcome('cust-fp-other')).toBe('block');
  });

  it('is dropped when the party changes what screening reads', async () => {
    const id = await customerCleared('cust-fp-2');
    expect(await outcome('cust-fp-2')).toBe('allow');
    const updated = await s.call('PUT', `/v1/parties/${id}`, {
      kind: 'person',
      externalId: 'cust-fp-2',
      names: [{ full: NAME, kind: 'primary' }],
      nationalities: ['RU'],
      dateOfBirth: '1970-05-06',
    });
    expect(updated.status).toBe(200);
    expect(await outcome('cust-fp-2')).toBe('block');
  });

  it('is dropped when the list entry changes, and holds again for an unchanged entry after a reload', async () => {
    await customerCleared('cust-fp-3');
    expect(await outcome('cust-fp-3')).toBe('allow');
    // Another entry added: L-1 itself is unchanged, so the decision still holds.
    list([listed, { id: 'L-2', name: 'Someone Else Entirely', kind: 'person' }]);
    expect((await reloadLists(s, sys)).status).toBe('done');
    expect(await outcome('cust-fp-3')).toBe('allow');
    // L-1 gains an alias: a changed entry, the reviewer has not seen it.
    list([{ ...listed, aliases: ['Vova Kuznetsov'] }]);
    expect((await reloadLists(s, sys)).status).toBe('done');
    expect(await outcome('cust-fp-3')).toBe('block');
  });
});
