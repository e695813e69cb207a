/**
 * Backtest replay speed: events per second through compileRuleSet + FeatureState + decide, one thread,
 * events read and normalized beforehand (that phase is reported apart). Prints JSON.
 *   node --import tsx bench/backtest.ts [--events N]
 * Data: the AMLSim 20K cycle set when ../shared/testdata is present, and the synthetic generator's
 * events (bench/events.ts). Packs: `default` (threshold rules on same-day sums), `bench-rules`
 * (threshold and window rules: counts, sums, distinct, is_new, since_last over 10m–90d) and
 * `aml-typologies` (with the cycle search). Best of three runs per pair (`--runs N`), as wall-clock
 * events/s and as events per second of this thread's CPU time: on a shared machine the second moves
 * far less with other people's load, which is printed beside it.
 *   --packs default,aml-typologies   --data amlsim|synthetic   --runs 3
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { makeFxTable } from '../src/kernel/index.ts';
import { compilePack, loadEvents, readPack, replay } from '../src/monitoring/backtest/index.ts';
import { openDataset } from '../src/monitoring/importers/index.ts';
import { fxTableData, normalizeEvent, type NormalizedEvent } from '../src/monitoring/index.ts';
import { EventGenerator } from './events.ts';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const list = (name: string): string[] | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? (process.argv[i + 1] ?? '').split(',') : undefined;
};
const only = <T>(names: string[] | undefined, name: string, x: T): T[] =>
  names === undefined || names.includes(name) ? [x] : [];
const load = (): number[] => loadavg().map((x) => Math.round(x * 100) / 100);
const fx = makeFxTable(fxTableData());
const amlsim = new URL('../../shared/testdata/aml/amlsim-20k-cycle200', import.meta.url).pathname;
const packNames = list('--packs');
const packs: Record<string, unknown> = Object.fromEntries([
  ...only(packNames, 'default', ['default', readPack('default')]),
  ...only(packNames, 'bench-rules', [
    'bench-rules',
    JSON.parse(readFileSync(new URL('./packs/bench-rules.json', import.meta.url), 'utf8')) as unknown,
  ]),
  ...only(packNames, 'aml-typologies', ['aml-typologies', readPack('aml-typologies')]),
]);
const dataNames = list('--data');

function synthetic(n: number): NormalizedEvent[] {
  const gen = new EventGenerator({ seed: 20260303, idPrefix: 'bt' });
  const out: NormalizedEvent[] = [];
  while (out.length < n) {
    const r = normalizeEvent(gen.next(), { timeZone: 'Asia/Shanghai', fx });
    if (r.ok) out.push(r.event);
  }
  return out.sort((a, b) => a.time - b.time);
}

const datasets: { name: string; events: NormalizedEvent[]; loadEventsPerSec?: number }[] = [];
if (existsSync(amlsim) && (dataNames === undefined || dataNames.includes('amlsim'))) {
  const loaded = await loadEvents(openDataset(amlsim), { timeZone: 'Asia/Shanghai', fx });
  datasets.push({
    name: 'amlsim-20k-cycle200',
    events: loaded.events,
    loadEventsPerSec: Math.round(loaded.read / loaded.seconds),
  });
}
if (dataNames === undefined || dataNames.includes('synthetic'))
  datasets.push({ name: 'synthetic', events: synthetic(arg('--events', 200_000)) });

const results = [];
for (const d of datasets) {
  for (const [pack, doc] of Object.entries(packs)) {
    const rs = compilePack(doc);
    let best = 0;
    let bestCpu = 0;
    const loadBefore = load();
    for (let run = 0; run < arg('--runs', 3); run++) {
      const c0 = process.cpuUsage();
      best = Math.max(best, replay(rs, d.events).eventsPerSecond);
      const c = process.cpuUsage(c0);
      bestCpu = Math.max(bestCpu, d.events.length / ((c.user + c.system) / 1e6));
    }
    results.push({
      data: d.name,
      pack,
      rules: rs.rules.length,
      features: rs.features.length,
      events: d.events.length,
      replayEventsPerSec: Math.round(best),
      replayEventsPerCpuSec: Math.round(bestCpu),
      loadAverage: { before: loadBefore, after: load() },
      ...(d.loadEventsPerSec ? { importAndNormalizeEventsPerSec: d.loadEventsPerSec } : {}),
    });
  }
}
console.log(JSON.stringify({ bench: 'backtest', node: process.version, results }, null, 2));
