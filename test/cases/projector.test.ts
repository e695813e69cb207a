import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseProjector, type CaseStore } from '../../src/cases/index.ts';
import { openSqliteCaseStore } from '../../src/cases/adapters.ts';
import { fixedClock, systemIds } from '../../src/kernel/index.ts';
import type { DecisionRecord, Store } from '../../src/store/index.ts';
import { openSqliteStore } from '../../src/store/adapters.ts';

const DAY = 86_400_000;
const t0 = Date.parse('2026-11-01T00:00:00Z');
let n = 0;
type Partial2 = {
  score: number;
  reasons: { ruleId: string; typology?: string; weight: number }[];
  obligations: unknown[];
};
// A decision as monitoring commits it (the DecisionCommitted contract), from the parts these tests vary.
const full = (eventId: string, outcome: string, at: number, d: Partial2) => ({
  eventId,
  outcome,
  score: d.score,
  reasons: d.reasons.map((r) => ({ ...r, message: r.ruleId, messageZh: r.ruleId })),
  obligations: d.obligations,
  shadow: [],
  features: {},
  ruleSetVersion: 'v1',
  decidedAt: new Date(at).toISOString(),
});
const dec = (
  customer: string,
  at: number,
  over: Partial<Omit<DecisionRecord, 'decision'>> & { decision?: Partial2 } = {},
): DecisionRecord => {
  const id = `pe-${++n}`;
  const { decision, ...rest } = over;
  const outcome = rest.outcome ?? 'review';
  return {
    tenantId: 'ten_a',
    eventId: id,
    type: 'transfer',
    occurredAt: at,
    bodyHash: id,
    event: {
      id,
      type: 'transfer',
      occurredAt: new Date(at).toISOString(),
      amount: { value: '10.00', currency: 'CNY' },
      debtor: { partyId: customer, accountId: `a-${customer}` },
      creditor: { partyId: 'x', accountId: 'a-x' },
    },
    decision: full(
      id,
      outcome,
      at,
      decision ?? {
        score: 60,
        reasons: [{ ruleId: 'r-struct', typology: 'structuring', weight: 60 }],
        obligations: [],
      },
    ),
    outcome,
    ruleSetVersion: 'v1',
    decidedAt: at,
    ...rest,
  };
};

describe('case projector', () => {
  let file: string;
  let store: Store;
  let cases: CaseStore;
  beforeAll(async () => {
    file = join(mkdtempSync(join(tmpdir(), 'zhili-proj-')), 'zhili.db');
    store = openSqliteStore(file, { writerThread: false });
    await store.migrate();
    cases = openSqliteCaseStore(file);
    await cases.migrate();
  });
  afterAll(async () => {
    await cases.close();
    await store.close();
  });
  const projector = (batchSize = 2) =>
    new CaseProjector({ store, cases, clock: fixedClock(t0), ids: systemIds(), batchSize, groupingWindowMs: 3 * DAY });

  it('groups alerts on one customer within the window into one case, and starts a new one after it', async () => {
    await store.appendDecisions([
      dec('c1', t0),
      dec('c1', t0 + DAY),
      dec('c2', t0 + DAY),
      dec('c1', t0 + 2 * DAY, { outcome: 'allow', decision: { score: 0, reasons: [], obligations: [] } }),
      dec('c1', t0 + 10 * DAY, {
        outcome: 'block',
        decision: {
          score: 95,
          reasons: [{ ruleId: 'r-x', weight: 95 }],
          obligations: [{ kind: 'large_value_report', code: '0503', dueBy: '2026-11-18', ruleId: 'r-x' }],
        },
      }),
    ]);
    await projector().catchUp();
    const c1 = await cases.listCases('ten_a', { customerId: 'c1', limit: 10 });
    expect(c1.map((c) => [c.alertCount, c.priority])).toEqual([
      [2, 'critical'],
      [2, 'high'],
    ]);
    expect(await cases.progress()).toBe((await store.scanDecisions(0, 100)).at(-1)!.seq);
    expect((await cases.movementsOfParty('ten_a', 'c1', { limit: 10 })).length).toBe(4);
  });

  it('resumes exactly after the last projected decision: a second projector adds nothing twice', async () => {
    const before = (await cases.listAlerts('ten_a', { limit: 100 })).length;
    await projector(1).catchUp();
    expect((await cases.listAlerts('ten_a', { limit: 100 })).length).toBe(before);
    await store.appendDecisions([dec('c2', t0 + 2 * DAY)]);
    await Promise.all([projector(1).catchUp(), projector(1).catchUp()]);
    expect((await cases.listAlerts('ten_a', { limit: 100 })).length).toBe(before + 1);
    const [c2] = await cases.listCases('ten_a', { customerId: 'c2', limit: 10 });
    expect(c2!.alertCount).toBe(2);
  });
});
