/**
 * Whether a feature's cost per event stays flat when one entity is very busy: a merchant receiving
 * 100,000 payments (max over 30 days, distinct payers and the same payer's count over 24 hours, sum over
 * 7 days, is_new payer over 90 days) and a device shared by 2,000 accounts (distinct accounts over 24
 * hours). The baseline, in the same run, is the same events spread over 20,000 merchants and devices,
 * where every history stays short.
 * Prints JSON: µs per event (read + record), the busy case over the spread one.
 *   node --import tsx bench/heavy-entities.ts [--events 100000]
 */
import { loadavg } from 'node:os';
import { chinaCalendar, makeFxTable } from '../src/kernel/index.ts';
import {
  compileRuleSet,
  FeatureState,
  fxTableData,
  normalizeEvent,
  type NormalizedEvent,
} from '../src/monitoring/index.ts';

const at = process.argv.indexOf('--events');
const total = at > 0 ? Number(process.argv[at + 1]) : 100_000;
const fx = makeFxTable(fxTableData());
const compiled = compileRuleSet(
  {
    version: 'heavy',
    name: 'Busy entities',
    nameZh: '繁忙实体',
    timeZone: 'Asia/Shanghai',
    typologies: [],
    rules: [],
    features: [
      {
        id: 'max_in_30d',
        entity: 'creditor.partyId',
        aggregation: 'max',
        window: '30d',
        value: 'amount',
        currency: 'CNY',
      },
      { id: 'payers_24h', entity: 'creditor.partyId', aggregation: 'distinct', window: '24h', of: 'debtor.accountId' },
      {
        id: 'sum_in_7d',
        entity: 'creditor.partyId',
        aggregation: 'sum',
        window: '7d',
        value: 'amount',
        currency: 'CNY',
      },
      {
        id: 'same_payer_24h',
        entity: 'creditor.partyId',
        aggregation: 'count_same',
        window: '24h',
        of: 'debtor.accountId',
      },
      { id: 'new_payer_90d', entity: 'creditor.partyId', aggregation: 'is_new', window: '90d', of: 'debtor.accountId' },
      {
        id: 'accts_per_device_24h',
        entity: 'device.id',
        aggregation: 'distinct',
        window: '24h',
        of: 'debtor.accountId',
      },
    ],
  },
  { calendar: chinaCalendar(), defaultTimeZone: 'Asia/Shanghai' },
);
if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
const rs = compiled.ruleSet;

/** `total` payments, one every 20 s (23 days), from 20,000 payers, to `merchants` merchants on as many devices. */
function events(merchants: number, seed: number): NormalizedEvent[] {
  let s = seed;
  const rnd = (): number => (s = (s * 48271) % 2147483647) / 2147483647;
  const t0 = Date.parse('2026-11-01T00:00:00+08:00');
  const out: NormalizedEvent[] = [];
  for (let i = 0; i < total; i++) {
    const payer = `acct${Math.floor(rnd() * 20_000)}`;
    const m = Math.floor(rnd() * merchants);
    const n = normalizeEvent(
      {
        id: `e${i}`,
        type: 'payment',
        occurredAt: new Date(t0 + i * 20_000).toISOString(),
        amount: { value: `${1 + Math.floor(rnd() * 5000)}.00`, currency: 'CNY' },
        debtor: { partyId: payer, partyType: 'person', accountId: payer },
        creditor: { partyId: `merchant${m}`, partyType: 'organization', accountId: `m${m}` },
        device: { id: `device${m}` },
      },
      { timeZone: rs.timeZone, fx },
    );
    if (n.ok) out.push(n.event);
  }
  return out;
}

/** Best of three: µs of this thread's CPU per event, read and recorded. */
function cost(evs: readonly NormalizedEvent[]): number {
  let best = Infinity;
  for (let run = 0; run < 3; run++) {
    const state = new FeatureState(rs.features);
    const c0 = process.cpuUsage();
    for (const e of evs) {
      state.values(e);
      state.record(e);
    }
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / evs.length);
  }
  return Math.round(best * 100) / 100;
}

const spread = cost(events(20_000, 7));
const busy = cost(events(1, 7));
process.stdout.write(
  `${JSON.stringify(
    {
      benchmark: 'feature cost per event: one very busy merchant and device against the same events spread',
      events: total,
      features: rs.features.map((f) => `${f.id} (${f.aggregation})`),
      spreadUsPerEvent: spread,
      busyUsPerEvent: busy,
      busyOverSpread: Math.round((busy / spread) * 100) / 100,
      loadAverage: loadavg().map((x) => Math.round(x * 100) / 100),
    },
    null,
    2,
  )}\n`,
);
