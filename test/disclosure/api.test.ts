import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DisclosureDocumentSchema } from '../../src/disclosure/index.ts';
import { canonicalJson, sha256Hex } from '../../src/kernel/index.ts';
import { startServer, type TestServer } from '../support/server.ts';

// A clock the test moves: October's business happens in October, the month is disclosed in November.
const clock = { t: Date.parse('2026-10-20T10:00:00+08:00'), now: () => clock.t };

let s: TestServer;
let ana: string;
let bob: string;
let aud: string;
let seq = 0;
const loanEvent = (
  type: 'loan_disbursement' | 'loan_repayment',
  date: string,
  amount: string,
  customer: string,
  attributes: Record<string, unknown>,
) => ({
  id: `dsc-evt-${process.pid}-${++seq}`,
  type,
  occurredAt: `${date}T10:00:00+08:00`,
  amount: { value: amount, currency: 'CNY' },
  ...(type === 'loan_disbursement'
    ? {
        debtor: { partyId: 'fund-a', partyType: 'organization' },
        creditor: { partyId: customer, partyType: 'person' },
      }
    : {
        debtor: { partyId: customer, partyType: 'person' },
        creditor: { partyId: 'fund-a', partyType: 'organization' },
      }),
  channel: 'api',
  attributes,
});
const post = async (e: unknown) => {
  const r = await s.call('POST', '/v1/events', e);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
};

beforeAll(async () => {
  s = await startServer({ clock, screeningLists: '' });
  // October: three loans (one paid back on its due day), a complaint compensated from the risk reserve and one open.
  await post(
    loanEvent('loan_disbursement', '2026-08-15', '12000.00', 'c1', {
      loanId: 'L1',
      termMonths: 1,
      payments: '12120.00',
    }),
  );
  await post(
    loanEvent('loan_disbursement', '2026-10-05', '5000.00', 'c2', {
      loanId: 'L2',
      termMonths: 1,
      payments: '5050.00',
      relatedParty: true,
      lenderIds: 'fund-b,fund-c',
    }),
  );
  await post(
    loanEvent('loan_disbursement', '2026-09-01', '3000.00', 'c3', { loanId: 'L3', termMonths: 1, payments: '3030.00' }),
  );
  await post(loanEvent('loan_repayment', '2026-10-01', '3030.00', 'c3', { loanId: 'L3' }));
  const admin = await s.login(['admin'], 'adm');
  const analyst = await s.login(['analyst'], 'ana');
  const approver = await s.login(['approver'], 'bob');
  expect(
    (
      await s.call(
        'POST',
        '/v1/risk-reserve/movements',
        { kind: 'deposit', amount: { value: '10000.00', currency: 'CNY' } },
        admin,
      )
    ).status,
  ).toBe(201);
  const filing = { customerId: 'c1', channel: 'phone', category: 'B05', cause: 'C05', complainant: { name: '张三' } };
  const paid = (await s.call('POST', '/v1/complaints', filing)).body.id as string;
  await s.call('POST', '/v1/complaints', { ...filing, customerId: 'c2' });
  const act = async (token: string, body: unknown) => {
    const r = await s.call('POST', `/v1/complaints/${paid}/actions`, body, token);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  await act(analyst, { action: 'acknowledge' });
  await act(analyst, { action: 'investigate' });
  await act(analyst, { action: 'propose', outcome: 'upheld', compensation: { value: '1500.00', currency: 'CNY' } });
  await act(approver, { action: 'approve' });
  await act(analyst, { action: 'communicate' });
  await act(analyst, { action: 'close' });

  clock.t = Date.parse('2026-11-02T10:00:00+08:00');
  ana = await s.login(['analyst'], 'ana2');
  bob = await s.login(['approver'], 'bob2');
  aud = await s.login(['auditor'], 'aud');
}, 30_000);
afterAll(() => s?.close());

const act = (id: string, action: string, token: string) =>
  s.call('POST', `/v1/disclosures/${id}/actions`, { action }, token);

describe('disclosure over HTTP', () => {
  let v1 = '';
  it('computes October from the loan events, the reserve and the complaints', async () => {
    const r = await s.call('POST', '/v1/disclosures', { period: '2026-10' }, ana);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    v1 = r.body.id;
    expect(r.body).toMatchObject({ state: 'draft', version: 1, period: '2026-10' });
    // Hand-computed: L1 12,000 unpaid since 09-15; L2 5,000 (related party, two lenders) not yet due; L3 repaid.
    expect(r.body.doc.participants).toEqual({
      cumulativeBorrowers: 3,
      periodBorrowers: 1,
      cumulativeLenders: 3,
      periodLenders: 2,
      outstandingBorrowers: 2,
      outstandingLenders: 3, // fund-a on L1, fund-b and fund-c on L2
    });
    expect(r.body.doc.currencies).toEqual([
      {
        currency: 'CNY',
        cumulativeLending: { amount: '20000.00', count: 3 },
        periodLending: { amount: '5000.00', count: 1 },
        outstanding: { amount: '17000.00', count: 2 },
        top10BorrowersShare: 1,
        largestBorrowerShare: 0.7059,
        relatedPartyOutstanding: { amount: '5000.00', count: 1 },
        relatedPartyCumulative: { amount: '5000.00', count: 1 },
        overdue: { amount: '12000.00', count: 1 },
        overdue90: { amount: '0.00', count: 0 },
        amountOverdueRate: 0.7059,
        projectOverdueRate: 0.5,
        compensationPeriod: { amount: '1500.00', count: 1 },
        compensationCumulative: { amount: '1500.00', count: 1 },
        interestOutstanding: { amount: '170.00', count: 2 }, // L1's 120.00 and L2's 50.00
        averagePerBorrower: '6666.67', // 20,000.00 over c1, c2, c3
        averagePerLender: '6666.67', // over fund-a, fund-b, fund-c
        top10LendersShare: 1,
        largestLenderShare: 0.7059, // fund-a is owed 12,000.00 of 17,000.00 (L2 split between b and c)
      },
    ]);
    expect(r.body.doc.complaints).toEqual({
      received: 2,
      resolved: 1,
      resolutionRate: 0.5,
      byCategory: [{ code: 'B05', count: 2 }],
    });
    expect(r.body.hash).toBe(sha256Hex(canonicalJson(r.body.doc)));
  });

  it('refuses what it must: a month not over, a second version in progress, readers and API keys', async () => {
    expect((await s.call('POST', '/v1/disclosures', { period: '2026-11' }, ana)).body.error.code).toBe(
      'ZHILI_E_DISCLOSURE_PERIOD',
    );
    const again = await s.call('POST', '/v1/disclosures', { period: '2026-10' }, ana);
    expect([again.status, again.body.error.code]).toEqual([409, 'ZHILI_E_DISCLOSURE_PENDING']);
    expect((await s.call('POST', '/v1/disclosures', { period: '2026-10' }, aud)).status).toBe(403);
    expect((await s.call('POST', '/v1/disclosures', { period: '2026-10' })).status).toBe(403);
    expect((await s.call('POST', '/v1/disclosures', { period: '2026-10', extra: 1 }, ana)).status).toBe(400);
  });

  it('publishes with four eyes and puts the hash on the audit ledger', async () => {
    expect((await act(v1, 'approve', bob)).body.error.code).toBe('ZHILI_E_DISCLOSURE_TRANSITION');
    expect((await act(v1, 'submit', ana)).body.state).toBe('submitted');
    const self = await act(v1, 'approve', ana);
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('ZHILI_E_FORBIDDEN'); // analysts hold no approve permission at all
    const admin2 = await s.login(['admin'], 'adm2');
    expect((await act(v1, 'submit', admin2)).body.error.code).toBe('ZHILI_E_DISCLOSURE_TRANSITION');
    expect((await act(v1, 'approve', bob)).body.state).toBe('approved');
    const pub = await act(v1, 'publish', ana);
    expect(pub.body).toMatchObject({
      state: 'published',
      approvedBy: expect.any(String),
      publishedBy: expect.any(String),
    });
    expect(pub.body.approvedBy).not.toBe(pub.body.submittedBy);

    const v = await s.call('GET', `/v1/disclosures/${v1}/verify`, undefined, aud);
    expect(v.status, JSON.stringify(v.body)).toBe(200);
    expect(v.body).toMatchObject({ ok: true, storedHash: pub.body.hash, computedHash: pub.body.hash, problems: [] });
    expect(v.body.ledger).toMatchObject({ inclusion: true, signature: true });
    expect(JSON.parse(v.body.ledger.entry)).toMatchObject({
      kind: 'audit',
      action: 'disclosure.publish',
      subjectId: v1,
      dataHash: pub.body.hash,
    });
  });

  it('an admin who computed and submitted a version cannot approve it either', async () => {
    const adm = await s.login(['admin'], 'adm3');
    const d = await s.call('POST', '/v1/disclosures', { period: '2026-09' }, adm);
    expect(d.status, JSON.stringify(d.body)).toBe(201);
    expect((await act(d.body.id, 'submit', adm)).body.state).toBe('submitted');
    const r = await act(d.body.id, 'approve', adm);
    expect([r.status, r.body.error.code]).toEqual([403, 'ZHILI_E_FOUR_EYES']);
    expect((await act(d.body.id, 'discard', adm)).body.state).toBe('discarded');
  });

  it('a published version is never edited; a correction is a new version with its reason and difference', async () => {
    const edit = await act(v1, 'submit', ana);
    expect([edit.status, edit.body.error.code]).toEqual([409, 'ZHILI_E_DISCLOSURE_PUBLISHED']);
    // L1 turns out to have been repaid on 20 October (the event arrived late).
    await post(loanEvent('loan_repayment', '2026-10-20', '12120.00', 'c1', { loanId: 'L1' }));
    const noReason = await s.call('POST', '/v1/disclosures', { period: '2026-10' }, ana);
    expect(noReason.body.error.code).toBe('ZHILI_E_DISCLOSURE_REASON');
    const c = await s.call('POST', '/v1/disclosures', { period: '2026-10', reason: 'L1 repayment recorded late' }, ana);
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    expect(c.body).toMatchObject({ version: 2, corrects: v1, reason: 'L1 repayment recorded late' });
    expect(c.body.diff).toEqual(
      expect.arrayContaining([
        { path: 'currencies[CNY].outstanding.amount', before: '17000.00', after: '5000.00' },
        { path: 'currencies[CNY].overdue.count', before: 1, after: 0 },
        { path: 'currencies[CNY].amountOverdueRate', before: 0.7059, after: 0 },
      ]),
    );
    await act(c.body.id, 'submit', ana);
    await act(c.body.id, 'approve', bob);
    expect((await act(c.body.id, 'publish', ana)).body.state).toBe('published');
    for (const id of [v1, c.body.id])
      expect((await s.call('GET', `/v1/disclosures/${id}/verify`, undefined, aud)).body.ok).toBe(true);
    const list = await s.call('GET', '/v1/disclosures?period=2026-10', undefined, aud);
    expect(list.body.disclosures.map((d: { version: number; state: string }) => [d.version, d.state])).toEqual([
      [2, 'published'],
      [1, 'published'],
    ]);
  });

  it('public pages: HTML in both languages, JSON that validates and hashes to the published hash, PDF', async () => {
    const base = `/portal/${s.tenantId}/disclosures`;
    const zh = await fetch(`${s.url}${base}/2026-10`);
    expect(zh.status).toBe(200);
    expect(zh.headers.get('content-type')).toContain('text/html');
    const zhHtml = await zh.text();
    expect(zhHtml).toContain('<html lang="zh-CN">');
    expect(zhHtml).toContain('借贷余额');
    expect(zhHtml).toContain('更正说明');
    expect(zhHtml).toContain('T/NIFA 1—2017');
    expect(zh.headers.get('content-security-policy')).toContain("script-src 'self'");
    // No inline script runs under that CSP: only a JSON data block and same-origin files.
    const scripts = [...zhHtml.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!.trim());
    expect(scripts.every((a) => a.startsWith('src="/portal/_assets/') || a.startsWith('type="application/json"'))).toBe(
      true,
    );

    const en = await (await fetch(`${s.url}${base}/2026-10?lang=en`)).text();
    expect(en).toContain('<html lang="en">');
    expect(en).toContain('Outstanding (amount)');
    expect(en).toContain('5000.00');
    const v1Html = await (await fetch(`${s.url}${base}/2026-10?lang=en&version=1`)).text();
    expect(v1Html).toContain('17000.00');

    const list = await fetch(`${s.url}/portal/test-pay/disclosures?lang=en`);
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('2026-10');
    expect((await fetch(`${s.url}/portal/nobody/disclosures`)).status).toBe(404);
    expect((await fetch(`${s.url}${base}/2026-09`)).status).toBe(404); // discarded, never published

    const json = await fetch(`${s.url}${base}/2026-10.json`);
    expect(json.status).toBe(200);
    const body = (await json.json()) as { document: unknown; hash: string; version: number };
    expect(new Ajv({ strict: false }).compile(DisclosureDocumentSchema)(body.document)).toBe(true);
    expect(sha256Hex(canonicalJson(body.document))).toBe(body.hash);
    expect(body.version).toBe(2);

    const pdf = await fetch(`${s.url}${base}/2026-10.pdf?lang=en`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    for (const f of ['echarts.min.js', 'page.js']) {
      const a = await fetch(`${s.url}/portal/_assets/disclosure/${f}`);
      expect(a.status).toBe(200);
      expect(a.headers.get('content-type')).toContain('javascript');
    }
    const api = await s.call('GET', '/openapi.json');
    expect(Object.keys(api.body.paths)).toEqual(
      expect.arrayContaining(['/v1/disclosures', '/v1/disclosures/{id}/actions', '/v1/disclosures/{id}/verify']),
    );
    expect(Object.keys(api.body.paths).some((p) => p.startsWith('/portal/'))).toBe(false);
    const defs = await s.call('GET', '/v1/disclosures/definitions', undefined, aud);
    expect(defs.body.standard).toContain('T/NIFA 1—2017');
    expect(defs.body.definitions).toContainEqual(
      expect.objectContaining({
        key: 'amountOverdueRate',
        zh: '金额逾期率',
        en: 'Overdue rate by amount',
        kind: 'ratio',
      }),
    );
    const pv = await fetch(`${s.url}${base}/2026-10/verify`);
    expect(((await pv.json()) as { ok: boolean }).ok).toBe(true);
  });

  it('a stored row changed behind the service fails verification', async () => {
    const db = new Database(join(s.dataDir, 'zhili.db'));
    try {
      const row = db.prepare('SELECT doc FROM disclosure_versions WHERE id = ?').get(v1) as { doc: string };
      const d = JSON.parse(row.doc);
      d.doc.currencies[0].overdue.amount = '0.00';
      db.prepare('UPDATE disclosure_versions SET doc = ? WHERE id = ?').run(JSON.stringify(d), v1);
      let v = await s.call('GET', `/v1/disclosures/${v1}/verify`, undefined, aud);
      expect(v.body.ok).toBe(false);
      expect(v.body.computedHash).not.toBe(v.body.storedHash);
      // Rewriting the recorded hash too does not help: the ledger holds the published one.
      d.hash = sha256Hex(canonicalJson(d.doc));
      db.prepare('UPDATE disclosure_versions SET doc = ?, hash = ? WHERE id = ?').run(JSON.stringify(d), d.hash, v1);
      v = await s.call('GET', `/v1/disclosures/${v1}/verify`, undefined, aud);
      expect(v.body.ok).toBe(false);
      expect(v.body.problems.map((p: { en: string }) => p.en).join(' ')).toContain('No ledger entry');
    } finally {
      db.close();
    }
  });
});
