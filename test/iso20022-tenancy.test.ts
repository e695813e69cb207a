/**
 * ISO 20022 intake tenancy, over real HTTP: pacs.008 messages waiting for their pacs.002 are kept per
 * tenant in the database, each tenant under its own bound (429 ZHILI_E_ISO_PENDING_FULL past it), so
 * one tenant cannot evict another's; they survive a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './support/server.ts';
import { pacs002, pacs008, tazamaClient } from './iso20022-messages.ts';

const LIMIT = 3;
let s: TestServer | undefined;
let dataDir: string;
let keyA: string;
let keyB: string;

const party = (id: string) => ({ id, member: 'dfsp001' });
const m8 = (tag: string) => pacs008({ debtor: party(`${tag}-d`), creditor: party(`${tag}-c`), amount: 10 });

beforeAll(async () => {
  s = await startServer({ config: { isoPendingLimit: LIMIT } });
  dataDir = s.dataDir;
  keyA = s.apiKey;
  keyB = (await s.zhili.createTenant('Other Pay 另一支付')).apiKey;
});
afterAll(async () => {
  await s?.close();
});

describe('ISO 20022 pending messages per tenant', () => {
  const waitingB: Record<string, any>[] = [];

  it("refuses a tenant past its own bound with 429 and a stable code; the other tenant's messages stay", async () => {
    const a = tazamaClient(s!.url, keyA);
    const b = tazamaClient(s!.url, keyB);
    waitingB.push(m8('b1'));
    expect((await b.evaluate(waitingB[0]!)).status).toBe(200);

    const mine = Array.from({ length: LIMIT }, (_, i) => m8(`a${i}`));
    for (const m of mine) expect((await a.evaluate(m)).status).toBe(200);
    const over = await a.evaluate(m8('a-over'));
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('ZHILI_E_ISO_PENDING_FULL');
    expect(over.body.error.messageZh).toMatch(/pacs\.008/);
    // Resending a message already waiting is not a new one: still accepted.
    expect((await a.evaluate(mine[0]!)).status).toBe(200);

    // Tenant B is untouched by A's flood: its message is still there and completes.
    const st = pacs002(waitingB[0]!);
    expect((await b.evaluate(st)).status).toBe(200);
    expect((await b.report(st.FIToFIPmtSts.GrpHdr.MsgId)).status).toBe(200);
    // B still has room of its own.
    waitingB.push(m8('b2'));
    expect((await b.evaluate(waitingB[1]!)).status).toBe(200);

    // A completing one of its messages frees a place.
    const done = pacs002(mine[1]!);
    expect((await a.evaluate(done)).status).toBe(200);
    expect((await a.evaluate(m8('a-next'))).status).toBe(200);
    // A cannot see B's report.
    expect((await a.report(st.FIToFIPmtSts.GrpHdr.MsgId, 0)).status).toBe(204);
  });

  it('keeps waiting messages and reports across a restart', async () => {
    const before = pacs002(waitingB[0]!);
    await s!.close();
    s = await startServer({ dataDir, config: { isoPendingLimit: LIMIT } });
    const b = tazamaClient(s.url, keyB);
    const st = pacs002(waitingB[1]!);
    expect((await b.evaluate(st)).status).toBe(200);
    const r = await b.report(st.FIToFIPmtSts.GrpHdr.MsgId);
    expect(r.status).toBe(200);
    expect(r.body.data.transaction.FIToFIPmtSts.GrpHdr.MsgId).toBe(st.FIToFIPmtSts.GrpHdr.MsgId);
    // A status for the transfer completed before the restart is still known as completed.
    const again = await b.evaluate(before);
    expect(again.status).toBe(409);
  });
});
