/**
 * Memory the window state holds per active entity, with the 30-rule, 33-feature bench pack: events
 * for N distinct customers (each with its account, usual device and counterparties) are recorded into
 * one FeatureState, and the heap is measured after a full GC, before and after. Then the clock moves
 * past every window and idle entities are evicted: what is left is what features that remember an
 * entity for ever (first_seen, last_seen, since_last) keep. Prints one JSON document.
 *
 *   node --expose-gc --import tsx bench/entity-memory.ts [customers=1000000] [eventsPerCustomer=2]
 */
import { readFileSync } from 'node:fs';
import { chinaCalendar, makeFxTable } from '../src/kernel/index.ts';
import { compileRuleSet, FeatureState, fxTableData, normalizeEvent } from '../src/monitoring/index.ts';
import { EventGenerator } from './events.ts';

const customers = Number(process.argv[2] ?? 1_000_000);
const perCustomer = Number(process.argv[3] ?? 2);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const heap = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};

const doc: unknown = JSON.parse(readFileSync(new URL('./packs/bench-rules.json', import.meta.url), 'utf8'));
const compiled = compileRuleSet(doc, { calendar: chinaCalendar(), defaultTimeZone: 'Asia/Shanghai' });
if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
const rs = compiled.ruleSet;
const fx = makeFxTable(fxTableData());
const gen = new EventGenerator({ seed: 7, idPrefix: 'mem', customers, devices: customers / 5, externals: customers });
const state = new FeatureState(rs.features);

const before = heap();
const started = performance.now();
let latest = 0;
const events = customers * perCustomer;
for (let i = 0; i < events; i++) {
  const n = normalizeEvent(gen.next(), { timeZone: rs.timeZone, fx });
  if (!n.ok) continue;
  state.record(n.event);
  latest = Math.max(latest, n.event.time);
  if (i % 250_000 === 0) process.stderr.write(`[entity-memory] ${i}/${events}\n`);
}
const recordMs = performance.now() - started;
const held = heap() - before;
const histories = state.entityCount;
const evicted = state.evictIdle(latest + 400 * 86_400_000);
const left = heap() - before;

console.log(
  JSON.stringify(
    {
      bench: 'entity-memory',
      ruleSet: rs.version,
      features: rs.features.length,
      customers,
      events,
      recordMs: Math.round(recordMs),
      heapBytes: held,
      bytesPerCustomer: Math.round(held / customers),
      mbPerMillionCustomers: Math.round(((held / customers) * 1e6) / 2 ** 20),
      histories,
      bytesPerHistory: Math.round(held / histories),
      afterIdleEviction: {
        evicted,
        heapBytes: left,
        mbPerMillionCustomers: Math.round(((left / customers) * 1e6) / 2 ** 20),
      },
    },
    null,
    2,
  ),
);
