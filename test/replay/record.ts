/**
 * Records the replay fixture once: `node --import tsx test/replay/record.ts`. The history is two rule-set
 * versions (the default PBOC pack, then the bench pack with time-of-day and account-age rules added), each
 * deciding a run of generated events, and the hash of every decision. Re-run only to record a new history
 * on purpose (a deliberate change of rule semantics); test/replay/replay.test.ts checks the committed one.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { EventGenerator, rng } from '../../bench/events.ts';
import { decisionHash, redecide } from './history.ts';
import type { DecisionContent, History, RecordedEvent } from './history.ts';

const root = new URL('../../', import.meta.url);
const read = (path: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(path, root), 'utf8')) as Record<string, unknown>;

const v1 = read('src/monitoring/packs/default.json');
const bench = read('bench/packs/bench-rules.json');
const timeRules = [
  {
    id: 'replay-night-large-transfer',
    name: 'Large transfer at night (Beijing time)',
    nameZh: '夜间（北京时间）大额转账',
    expression:
      "event.type == 'transfer' && timestamp(event.occurredAt).getHours('Asia/Shanghai') < 6 && event.amount.minor >= cny(5000)",
    reason: 'A transfer of RMB 5,000 or more between 00:00 and 06:00 Beijing time.',
    reasonZh: '北京时间 0 点至 6 点之间单笔转账人民币 5,000 元以上。',
    weight: 15,
  },
  {
    id: 'replay-new-account-large',
    name: 'Large payment from an account younger than 30 days',
    nameZh: '开户不足 30 天的账户大额付款',
    expression:
      "has(party.openedAt) && timestamp(event.occurredAt) - timestamp(party.openedAt) < duration('720h') && event.amount.minor >= cny(2000)",
    reason: 'The paying account was opened less than 30 days before this payment of RMB 2,000 or more.',
    reasonZh: '付款账户开户不足 30 天，且单笔金额人民币 2,000 元以上。',
    weight: 20,
  },
  {
    id: 'replay-weekend-cash',
    name: 'Cash withdrawal at the weekend',
    nameZh: '周末现金支取',
    expression: "event.type == 'cash_withdrawal' && timestamp(event.occurredAt).getDayOfWeek('+08:00') in [0, 6]",
    reason: 'A cash withdrawal on a Saturday or Sunday (UTC+8).',
    reasonZh: '周六或周日（UTC+8）的现金支取。',
    weight: 5,
  },
];
const v2 = { ...bench, version: 'replay-v2', rules: [...(bench.rules as unknown[]), ...timeRules] };

// Friday 2026-03-06 18:00 Beijing time, events every ~60 s on average: the second version decides from
// about 23:00, across midnight into Saturday's small hours.
const gen = new EventGenerator({
  seed: 20261130,
  idPrefix: 'replay',
  startMs: Date.UTC(2026, 2, 6, 10),
  meanGapMs: 60_000,
});
const rand = rng(7);
const EVENTS = 600;
const events = Array.from({ length: EVENTS }, (_, i) => {
  const input = gen.next();
  // Party data as the host passes it: an account-opening date for most parties, some recent.
  const days = Math.floor(rand() * 400);
  const party = rand() < 0.9 ? { openedAt: new Date(Date.UTC(2026, 2, 6) - days * 86_400_000).toISOString() } : {};
  return { input, party, ruleSetVersion: i < EVENTS / 2 ? (v1.version as string) : 'replay-v2' };
});

const history = {
  description: 'Recorded by test/replay/record.ts; checked by test/replay/replay.test.ts. Do not edit by hand.',
  timeZone: 'Asia/Shanghai',
  ruleSets: [
    { version: v1.version as string, document: v1 },
    { version: 'replay-v2', document: v2 },
  ],
};
const decisions = redecide(history, events);
const recorded: RecordedEvent[] = events.map((e, i) => {
  const decision = decisions[i] as DecisionContent;
  const ruleIds = decision.reasons.map((r) => r.ruleId);
  return {
    ...e,
    decisionHash: decisionHash(decision),
    summary: { outcome: decision.outcome, score: decision.score, ruleIds },
  };
});
const out: History = { ...history, events: recorded };
// One event per line: small, and a re-recording shows in a diff event by event.
const lines = recorded.map((e) => JSON.stringify(e));
const head = JSON.stringify({ ...out, events: [] }).replace(/"events":\[\]\}$/, '"events":[\n');
writeFileSync(new URL('test/replay/fixtures/history.json', root), `${head}${lines.join(',\n')}\n]}\n`);
const fired = new Map<string, number>();
for (const d of decisions) for (const r of d.reasons) fired.set(r.ruleId, (fired.get(r.ruleId) ?? 0) + 1);
console.log(JSON.stringify({ events: recorded.length, fired: Object.fromEntries(fired) }));
