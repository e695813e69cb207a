/**
 * Cost of credit on the decision path: `npx tsx test/credit/port-bench.ts`. Trains the German card
 * (seed 1), then times the credit port (scoring with 4 reason codes, the loan's IRR, the loan book) and
 * the prepared scorer alone, 100,000 calls each after 20,000 warm-up calls.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  LiveScorecards,
  LoanBookMemory,
  settingsFrom,
  trainScorecard,
  type CreditStore,
} from '../../src/credit/index.ts';
import { creditPort } from '../../src/credit/decision-port.ts';
import { tableFromCsv } from '../../src/credit/files.ts';
import { prepareScorecard, scoreWith } from '../../src/credit/core/prepared.ts';
import { makeFxTable } from '../../src/kernel/index.ts';
import { normalizeEvent, type NormalizedEvent } from '../../src/monitoring/index.ts';

const csv = readFileSync(join(import.meta.dirname, '../../../shared/testdata/credit/germancredit.csv'), 'utf8');
const { scorecard } = trainScorecard({
  table: tableFromCsv(csv, 'csv'),
  target: 'creditability',
  bad: 'bad',
  settings: settingsFrom({ seed: 1 }, ''),
  dataHash: '0'.repeat(64),
  clock: { now: () => 0 },
});
const stored = {
  tenantId: 't',
  version: 'v',
  name: 'n',
  status: 'active',
  shadow: false,
  card: scorecard,
  createdAt: 0,
  createdBy: 'x',
};
const live = new LiveScorecards({ live: async () => [stored], liveKeys: async () => 'v' } as unknown as CreditStore);
const port = creditPort({ live, book: new LoanBookMemory() });
const fx = makeFxTable({ source: 't', rates: [{ date: '2026-01-01', usdPerUnit: { CNY: '0.14' } }] });
const n = normalizeEvent(
  {
    id: 'a',
    type: 'loan_application',
    occurredAt: '2026-11-26T10:00:00+08:00',
    amount: { value: '10000.00', currency: 'CNY' },
    debtor: { partyId: 'c', partyType: 'person' },
    attributes: {
      status_of_existing_checking_account: '... < 0 DM',
      duration_in_month: 48,
      credit_amount: 12000,
      termMonths: 12,
      interestRate: 0.12,
      statedRate: 0.12,
    },
  },
  { timeZone: 'Asia/Shanghai', fx },
);
if (!n.ok) throw new Error('bad event');
const withTerms = n.event;
const noTerms = { ...withTerms, amount: undefined } as unknown as NormalizedEvent;

const time = (label: string, f: () => unknown): void => {
  for (let i = 0; i < 20_000; i++) f();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < 100_000; i++) f();
  console.log(`${label}: ${(Number(process.hrtime.bigint() - t0) / 1000 / 100_000).toFixed(2)} µs`);
};

void live.load().then(() => {
  const p = prepareScorecard(scorecard);
  const attrs = withTerms.attributes;
  console.log(`German card, ${scorecard.characteristics.length} characteristics`);
  time('scoreWith, 4 reason codes', () =>
    scoreWith(p, (k) => (attrs[k] === undefined ? undefined : String(attrs[k])), 4),
  );
  time('credit port, no loan terms', () => port('t', noTerms, {}, new Set(['score'])));
  time('credit port, 12-month schedule and IRR', () => port('t', withTerms, {}, new Set(['score', 'apr'])));
});
