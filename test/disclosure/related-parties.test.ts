/**
 * The related-party register over HTTP: loans to a registered party count as related-party lending
 * from the day the relation began (and not after it ended), entries are audited, bad dates are refused (400).
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.ts';

const clock = { t: Date.parse('2026-10-20T10:00:00+08:00'), now: () => clock.t };
let s: TestServer;
let seq = 0;
const disburse = (date: string, amount: string, customer: string, loanId: string) => ({
  id: `rp-evt-${process.pid}-${++seq}`,
  type: 'loan_disbursement',
  occurredAt: `${date}T10:00:00+08:00`,
  amount: { value: amount, currency: 'CNY' },
  debtor: { partyId: 'fund-a', partyType: 'organization' },
  creditor: { partyId: customer, partyType: 'person' },
  channel: 'api',
  attributes: { loanId, termMonths: 6, payments: `${amount}` },
});

beforeAll(async () => {
  s = await startServer({ clock, screeningLists: '' });
  for (const e of [
    disburse('2026-05-10', '1000.00', 'c1', 'R1'), // before c1's relation began
    disburse('2026-09-01', '2000.00', 'c1', 'R2'), // while related
    disburse('2026-09-02', '4000.00', 'c2', 'R3'), // after c2's relation ended
    disburse('2026-09-03', '8000.00', 'c3', 'R4'), // never related
  ]) {
    const r = await s.call('POST', '/v1/events', e);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
}, 30_000);
afterAll(() => s?.close());

describe('related-party register', () => {
  it('keeps entries with their dates, refuses impossible ones, and only writers may change it', async () => {
    const ana = await s.login(['analyst'], 'ana');
    const aud = await s.login(['auditor'], 'aud');
    const put = (party: string, body: unknown, token = ana) =>
      s.call('PUT', `/v1/disclosures/related-parties/${party}`, body, token);
    expect((await put('c1', { relation: '股东', since: '2026-06-01' })).status).toBe(200);
    expect((await put('c2', { relation: 'director', since: '2026-01-01', until: '2026-08-01' })).status).toBe(200);

    const backwards = await put('c3', { relation: 'x', since: '2026-06-01', until: '2026-06-01' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error).toMatchObject({ code: 'ZHILI_E_VALIDATION', pointer: '/until' });
    expect(backwards.body.error.messageZh).toBeTruthy();
    const notADay = await put('c3', { relation: 'x', since: '2026-02-30' });
    expect(notADay.status).toBe(400);
    expect(notADay.body.error.pointer).toBe('/since');
    expect((await put('c3', { relation: 'x', since: '2026-01-01' }, aud)).status).toBe(403);
    expect(
      (await s.call('PUT', '/v1/disclosures/related-parties/c3', { relation: 'x', since: '2026-01-01' }, null)).status,
    ).toBe(401);

    const list = await s.call('GET', '/v1/disclosures/related-parties', undefined, aud);
    expect(list.status).toBe(200);
    expect(list.body.relatedParties).toEqual([
      expect.objectContaining({ partyId: 'c2', relation: 'director', since: '2026-01-01', until: '2026-08-01' }),
      expect.objectContaining({ partyId: 'c1', relation: '股东', since: '2026-06-01', updatedBy: expect.any(String) }),
    ]);

    await s.zhili.ledger.catchUp();
    const conn = new Database(`${s.dataDir}/zhili.db`, { readonly: true });
    const raw = JSON.stringify(conn.prepare("SELECT entry FROM ledger_leaves WHERE kind != 'decision'").all());
    conn.close();
    expect(raw).toContain('disclosure.related_party');
    expect(raw).not.toContain('股东');
  });

  it('counts a loan as related-party lending when its borrower was related on the day it was disbursed', async () => {
    clock.t = Date.parse('2026-11-02T10:00:00+08:00');
    const ana = await s.login(['analyst'], 'ana2');
    const r = await s.call('POST', '/v1/disclosures', { period: '2026-10' }, ana);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const cny = r.body.doc.currencies[0];
    // Only R2 (c1, related since June, lent in September) is related-party lending.
    expect(cny.relatedPartyCumulative).toEqual({ amount: '2000.00', count: 1 });
    expect(cny.relatedPartyOutstanding.count).toBe(1);
    expect(cny.cumulativeLending).toEqual({ amount: '15000.00', count: 4 });
  });
});
