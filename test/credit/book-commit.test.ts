import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/adapters.ts';
import type { Store } from '../../src/store/index.ts';
import { startServer, type TestServer } from '../support/server.ts';

// A real SQLite store whose decision commits can be made to fail (the disk is "full"): the loan book
// must not keep a disbursement or repayment whose decision was never stored.
let failing = false;
function failableStore(file: string): Store {
  const real = openSqliteStore(file);
  return new Proxy(real, {
    get(target, key) {
      if (key === 'appendDecisions' && failing) return () => Promise.reject(new Error('disk full (test)'));
      const v: unknown = Reflect.get(target, key);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

let n = 0;
const loanEvent = (type: string, amount: string, attributes: Record<string, unknown>, id = `bk-${++n}`) => ({
  id,
  type,
  occurredAt: '2026-11-26T10:00:00+08:00',
  amount: { value: amount, currency: 'CNY' },
  ...(type === 'loan_disbursement'
    ? {
        debtor: { partyId: 'lender', partyType: 'organization' },
        creditor: { partyId: 'cust-b', partyType: 'person' },
      }
    : {
        debtor: { partyId: 'cust-b', partyType: 'person' },
        creditor: { partyId: 'lender', partyType: 'organization' },
      }),
  attributes,
});
const terms = { termMonths: 12, interestRate: 0.12, statedRate: 0.12 };

describe('loan book and failed commits', () => {
  let s: TestServer;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhili-book-'));
    s = await startServer({ store: failableStore(join(dir, 'zhili.db')), dataDir: dir, screeningLists: '' });
  });
  afterAll(async () => {
    await s?.close();
  });

  const book = async () => (await s.call('GET', '/v1/credit/loan-book?asOf=2026-11-30')).body.currencies[0];
  /** Posts until the engine is ready again (it rebuilds its state after a failed commit). */
  const postWhenReady = async (e: unknown): Promise<number> => {
    let status = 0;
    await expect
      .poll(async () => (status = (await s.call('POST', '/v1/events', e)).status), { timeout: 10_000 })
      .not.toBe(503);
    return status;
  };

  it('a disbursement or repayment whose commit failed leaves the balance unchanged; a retry books it once', async () => {
    expect(
      (await s.call('POST', '/v1/events', loanEvent('loan_disbursement', '10000.00', { ...terms, loanId: 'A' })))
        .status,
    ).toBe(200);
    expect(await book()).toMatchObject({ loans: 1, balanceMinor: 1_000_000 });

    failing = true;
    const second = loanEvent('loan_disbursement', '5000.00', { ...terms, loanId: 'B' });
    const repay = {
      ...loanEvent('loan_repayment', '2000.00', { loanId: 'A' }),
      occurredAt: '2026-11-27T10:00:00+08:00',
    };
    const r1 = await s.call('POST', '/v1/events', second);
    const r2 = await s.call('POST', '/v1/events', repay);
    expect(r1.status).toBe(503);
    expect(r2.status).toBe(503);
    failing = false;
    expect(await book()).toMatchObject({ loans: 1, balanceMinor: 1_000_000 });

    // The same events again: booked now, once.
    expect(await postWhenReady(second)).toBe(200);
    expect(await postWhenReady(repay)).toBe(200);
    const after = await book();
    // 15,000.00 lent; the 2,000.00 repaid settles instalment 1 of loan A (interest first), then principal.
    expect(after).toMatchObject({ loans: 2, open: 2 });
    expect(after.balanceMinor).toBeLessThan(1_500_000);
    expect(after.balanceMinor).toBeGreaterThan(1_300_000);
    expect((await s.call('POST', '/v1/events', repay)).status).toBe(200); // a replay changes nothing
    expect((await book()).balanceMinor).toBe(after.balanceMinor);
  }, 30_000);
});
