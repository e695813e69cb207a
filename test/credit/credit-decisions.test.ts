import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionUser } from '../../src/runtime/index.ts';
import { startServer, type TestServer } from '../support/server.ts';

const german = join(import.meta.dirname, '../../../shared/testdata/credit/germancredit.csv');
const present = existsSync(german);

/** A loan event on the lending tenant. */
let n = 0;
const loanEvent = (type: string, attributes: Record<string, unknown>, amount?: string, customer = 'cust-1') => ({
  id: `loan-evt-${process.pid}-${++n}`,
  type,
  occurredAt: '2026-11-26T10:00:00+08:00',
  ...(amount ? { amount: { value: amount, currency: 'CNY' } } : {}),
  ...(type === 'loan_disbursement'
    ? {
        debtor: { partyId: 'lender', partyType: 'organization' },
        creditor: { partyId: customer, partyType: 'person' },
      }
    : {
        debtor: { partyId: customer, partyType: 'person' },
        creditor: { partyId: 'lender', partyType: 'organization' },
      }),
  attributes,
});

// Over real HTTP: a scorecard trained, saved, submitted, approved by another operator and activated,
// then loan applications decided inside POST /v1/events with score and reason codes; the cn-lending
// pack on a second tenant blocking an over-cap loan with the figure in the reason.
describe.skipIf(!present)('credit inside decisions', () => {
  let s: TestServer;
  let analyst: string;
  let approver: string;
  let lenderKey = '';
  let activeVersion = '';
  beforeAll(async () => {
    s = await startServer({ screeningLists: '' });
    analyst = await s.login(['analyst'], 'li.na');
    approver = await s.login(['approver'], 'wang.fang');
  });
  afterAll(async () => {
    await s?.close();
  });

  it('train → save → submit → approve (other user) → activate → loan_application scored with reason codes', async () => {
    const started = await s.call(
      'POST',
      '/v1/credit/training-jobs',
      {
        csv: readFileSync(german, 'utf8'),
        target: 'creditability',
        bad: 'bad',
        config: { seed: 1, exclude: ['personal_status_and_sex'] },
      },
      analyst,
    );
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    let job = started.body;
    for (let i = 0; i < 400 && (job.status === 'queued' || job.status === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await s.call('GET', `/v1/credit/training-jobs/${job.id}`, undefined, analyst)).body;
    }
    expect(job.status).toBe('done');

    // Without an active card, a loan application is still decided; a rule that reads credit.score would fail closed.
    const limits = {
      currency: 'CNY',
      bands: [
        { minScore: 0, limitMinor: 500_000 },
        { minScore: 550, limitMinor: 5_000_000 },
      ],
    };
    const saved = await s.call('POST', '/v1/credit/scorecards', { trainingJobId: job.id, limits }, analyst);
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    expect(saved.body).toMatchObject({ status: 'draft', createdBy: expect.any(String) });
    const v = saved.body.version;
    const step2 = (version: string, verb: string, who: string, body?: unknown) =>
      s.call('POST', `/v1/credit/scorecards/${version}/${verb}`, body ?? {}, who);
    const step = (verb: string, who: string) => step2(v, verb, who);

    expect((await step('activate', analyst)).status).toBe(409); // a draft cannot go live
    expect((await step('submit', analyst)).body.status).toBe('submitted');
    const self = await step('approve', analyst);
    expect(self.status).toBe(403); // an analyst may not approve at all
    expect((await step('approve', approver)).body.status).toBe('approved');
    expect((await step('activate', analyst)).body.status).toBe('active');

    const detail = await s.call('GET', `/v1/credit/scorecards/${v}`, undefined, analyst);
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual([
      'create',
      'submit',
      'approve',
      'activate',
    ]);
    expect(detail.body.scorecard.limits).toEqual(limits);

    const risky = await s.call(
      'POST',
      '/v1/events',
      loanEvent(
        'loan_application',
        {
          status_of_existing_checking_account: '... < 0 DM',
          duration_in_month: 48,
          credit_amount: 12000,
          termMonths: 12,
          interestRate: 0.12,
          statedRate: 0.12,
        },
        '8000.00',
      ),
    );
    expect(risky.status, JSON.stringify(risky.body)).toBe(200);
    const c = risky.body.credit;
    expect(c.scorecard).toBe(v);
    expect(c.score).toEqual(expect.any(Number));
    expect(c.reasons).toHaveLength(4);
    expect(c.reasons[0]).toMatchObject({ code: expect.any(String), lost: expect.any(Number) });
    expect(c.reasons[0].zh).toMatch(/分/);
    // 12 % nominal, monthly equal instalments, no fees: the annualised cost is 12 % (to rounding of fen).
    expect(c.apr).toBeCloseTo(0.12, 4);
    expect(c.limit).toBe(c.score >= 550 ? 5_000_000 : 500_000);

    const safe = await s.call(
      'POST',
      '/v1/events',
      loanEvent('loan_application', {
        status_of_existing_checking_account: 'no checking account',
        duration_in_month: 6,
        credit_amount: 1000,
      }),
    );
    expect(safe.body.credit.score).toBeGreaterThan(c.score);
    expect(safe.body.credit.apr).toBe(-1); // no terms sent, and no rule needs them

    // A second card (the same bins under another version) in shadow: scored beside the active one.
    const both = await s.login(['analyst', 'approver'], 'zhao.lei');
    const v2 = `${v}-b`;
    const card2 = { ...detail.body.scorecard, version: v2 };
    expect((await s.call('POST', '/v1/credit/scorecards', { scorecard: card2 }, both)).status).toBe(201);
    expect((await step2(v2, 'submit', both)).status).toBe(200);
    const own = await step2(v2, 'approve', both);
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('ZHILI_E_FOUR_EYES');
    expect((await step2(v2, 'approve', approver)).status).toBe(200);
    expect((await step2(v2, 'shadow', analyst)).body).toMatchObject({ status: 'approved', shadow: true });
    const shadowed = await s.call(
      'POST',
      '/v1/events',
      loanEvent('loan_application', { duration_in_month: 6, credit_amount: 1000 }),
    );
    expect(shadowed.body.credit.scorecard).toBe(v);
    expect(shadowed.body.credit.shadow).toEqual({ scorecard: v2, score: shadowed.body.credit.score });
    // v2 goes live, then an admin rolls back to v1 with a reason.
    expect((await step2(v2, 'activate', analyst)).body.status).toBe('active');
    const admin = await s.login(['admin'], 'chen.jie');
    expect((await step2(v, 'rollback', admin, {})).status).toBe(400);
    expect((await step2(v, 'rollback', admin, { reason: 'v2 misread incomes' })).body.status).toBe('active');
    const listed = await s.call('GET', '/v1/credit/scorecards', undefined, analyst);
    expect(listed.body.map((x: { version: string; status: string }) => `${x.version}:${x.status}`).sort()).toEqual(
      [`${v}:active`, `${v2}:superseded`].sort(),
    );
    const back = await s.call('POST', '/v1/events', loanEvent('loan_application', { duration_in_month: 6 }));
    expect(back.body.credit.scorecard).toBe(v);
    activeVersion = v;

    // Four eyes on the ledger: every step audited with the card's hash.
    const audited: string[] = [];
    const count = Number((await s.call('GET', '/v1/ledger/checkpoint', undefined, analyst)).body.split('\n')[1]);
    for (let i = 0; i < count; i++) {
      const e = (await s.call('GET', `/v1/ledger/entries/${i}`, undefined, analyst)).body.entry;
      if (e?.kind === 'audit' && e.action.startsWith('credit.scorecard.')) audited.push(e.action);
    }
    expect(audited).toEqual([
      'credit.scorecard.train',
      'credit.scorecard.create',
      'credit.scorecard.submit',
      'credit.scorecard.approve',
      'credit.scorecard.activate',
      'credit.scorecard.create',
      'credit.scorecard.submit',
      'credit.scorecard.approve',
      'credit.scorecard.shadow',
      'credit.scorecard.activate',
      'credit.scorecard.rollback',
    ]);
  }, 60_000);

  it('cn-lending: an over-cap annualised cost is blocked with the figure; outstanding cap from the loan book; no scorecard fails closed', async () => {
    const { tenant, apiKey } = await s.zhili.createTenant('Lender 贷款公司', 'Asia/Shanghai', 'cn-lending');
    lenderKey = apiKey;
    await provisionUser(s.zhili.store, {
      tenantId: tenant.id,
      username: 'risk',
      password: 'correct horse battery',
      roles: ['analyst'],
    });
    const post = (body: unknown) => s.call('POST', '/v1/events', body, apiKey);

    // Hand-computed: 10,000.00 lent, a 100.00 fee taken at disbursement, 10,100.00 repaid after one
    // month. IRR per month = 10,100 / 9,900 − 1 = 0.0202020…; × 12 = 24.24 % > 24 %.
    const over = await post(
      loanEvent(
        'loan_application',
        { termMonths: 1, upfrontFee: '100.00', payments: '10100.00', statedRate: 0.24 },
        '10000.00',
      ),
    );
    expect(over.status, JSON.stringify(over.body)).toBe(200);
    expect(over.body.outcome).toBe('block');
    expect(over.body.credit.apr).toBeCloseTo(0.2424242424, 8);
    const cap = over.body.reasons.find((r: { ruleId: string }) => r.ruleId === 'lend.apr_over_cap');
    expect(cap.message).toContain('24.24%');
    expect(cap.messageZh).toContain('24.24%');
    expect(cap.message).toContain('法释〔2015〕18号');
    const mismatch = over.body.reasons.find((r: { ruleId: string }) => r.ruleId === 'lend.stated_rate_mismatch');
    expect(mismatch.message).toContain('24.00%');
    // The pack reads credit.score but the tenant has no active scorecard: review, the error named.
    const closed = over.body.reasons.find((r: { ruleId: string }) => r.ruleId === 'feature:credit.score');
    expect(closed).toMatchObject({ error: 'ZHILI_E_RULE_RUNTIME' });
    expect(closed.message).toContain('no active scorecard');

    // 195,000.00 disbursed to cust-2 and 5,000.00 repaid; a new 10,000.00 application would take the
    // balance over RMB 200,000 per customer.
    const terms = { termMonths: 12, interestRate: 0.1, statedRate: 0.1, loanId: 'L-1' };
    expect((await post(loanEvent('loan_disbursement', terms, '195000.00', 'cust-2'))).status).toBe(200);
    const repay = {
      ...loanEvent('loan_repayment', { loanId: 'L-1' }, '5000.00', 'cust-2'),
      occurredAt: '2026-11-27T10:00:00+08:00',
    };
    expect((await post(repay)).status).toBe(200);
    const app = {
      ...loanEvent('loan_application', { termMonths: 12, interestRate: 0.1, statedRate: 0.1 }, '10000.00', 'cust-2'),
      occurredAt: '2026-11-28T10:00:00+08:00',
    };
    const capped = await post(app);
    expect(capped.body.outcome).toBe('block');
    // The repayment settles the first instalment, interest first: 195,000 × 10 % / 12 = 1,625.00 interest,
    // 3,375.00 principal, so 191,625.00 is outstanding.
    expect(capped.body.credit.outstanding).toBe(19_162_500);
    const c = capped.body.reasons.find((r: { ruleId: string }) => r.ruleId === 'lend.customer_cap');
    expect(c.message).toContain('191625.00');

    const book = await s.call('GET', '/v1/credit/loan-book?asOf=2026-11-30', undefined, apiKey);
    expect(book.status, JSON.stringify(book.body)).toBe(200);
    expect(book.body.currencies[0]).toMatchObject({ currency: 'CNY', loans: 1, open: 1, balanceMinor: 19_162_500 });
    expect(book.body.currencies[0].buckets.M0).toEqual({ loans: 1, balanceMinor: 19_162_500 });
    expect(book.body.currencies[0].vintages[0]).toMatchObject({ cohort: '2026-11', loans: 1 });
  }, 30_000);

  it('after a restart: the active scorecard is loaded from the database and the loan book rebuilt from decisions', async () => {
    const { dataDir, apiKey } = s;
    await s.close();
    s = await startServer({ screeningLists: '', dataDir });
    const scored = await s.call('POST', '/v1/events', loanEvent('loan_application', { duration_in_month: 6 }), apiKey);
    expect(scored.body.credit.scorecard).toBe(activeVersion);
    const book = await s.call('GET', '/v1/credit/loan-book?asOf=2026-11-30', undefined, lenderKey);
    expect(book.body.currencies[0]).toMatchObject({ loans: 1, balanceMinor: 19_162_500 });
  }, 30_000);
});
