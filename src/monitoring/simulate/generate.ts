import { closeSync, openSync, writeSync } from 'node:fs';
import { parseTimestamp } from '../../kernel/index.ts';
import { DAY, type Draft } from './model.ts';
import { orgDay, personDay, type DayContext } from './ordinary.ts';
import { patternKinds, plant, type PatternKind } from './patterns.ts';
import { buildPopulation } from './population.ts';
import { Rng } from './rng.ts';

export interface SimulateOptions {
  /** Events to aim for (the count comes out within a few per cent). */
  readonly events: number;
  readonly days: number;
  readonly seed: number;
  /** RFC 3339 instant of the first day's local midnight. */
  readonly start: string;
  /** Instances of each injected pattern; default one per 700 customers. */
  readonly patternsPerKind?: number;
  /** JSON Lines file to write; the account labels go beside it as `<name>.labels.csv`. */
  readonly out: string;
}

export interface SimulateSummary {
  readonly events: number;
  readonly patternEvents: number;
  readonly days: number;
  readonly persons: number;
  readonly merchants: number;
  readonly patterns: Record<PatternKind, number>;
  readonly labelledAccounts: number;
  readonly out: string;
  readonly labels: string;
  readonly seconds: number;
}

/** Ordinary events per customer per day, measured on the default run; sizes the population. */
const eventsPerPersonDay = 1.02;
const TZ_OFFSET_MS = 8 * 3_600_000;
/** Structuring and pass-through schemes run over a week or so; shorter runs cannot hold them. */
export const minDays = 10;

export const labelsFileFor = (out: string): string => out.replace(/\.(jsonl|ndjson)$/, '') + '.labels.csv';

function dayContext(start: number, day: number): DayContext {
  const local = new Date(start + day * DAY + TZ_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  return {
    day,
    start: start + day * DAY,
    weekday: local.getUTCDay(),
    dom: local.getUTCDate(),
    monthDays: new Date(Date.UTC(y, m + 1, 0)).getUTCDate(),
  };
}

/** Parties and devices recur on every other line: their JSON is built once. */
const jsonCache = new WeakMap<object, string>();
const cached = (x: object): string => {
  let j = jsonCache.get(x);
  if (j === undefined) jsonCache.set(x, (j = JSON.stringify(x)));
  return j;
};

/** One event as a JSON line, keys in the order of the API schema; built by hand, it is the hot loop. */
function wire(d: Draft, id: string): string {
  let s = `{"id":"${id}","type":"${d.type}","occurredAt":"${new Date(d.t).toISOString()}"`;
  if (d.minor !== undefined)
    s += `,"amount":{"value":"${Math.floor(d.minor / 100)}.${String(d.minor % 100).padStart(2, '0')}","currency":"CNY"}`;
  if (d.debtor) s += `,"debtor":${cached(d.debtor)}`;
  if (d.creditor) s += `,"creditor":${cached(d.creditor)}`;
  s += `,"channel":"${d.channel}"`;
  if (d.device) s += `,"device":${cached(d.device)}`;
  return d.pattern !== undefined ? `${s},"label":1}` : `${s}}`;
}

/**
 * Writes a seeded month of platform traffic as Zhili events (the body of `POST /v1/events`, one per
 * line), day by day, with injected laundering and fraud patterns. Pattern events carry `"label": 1`
 * (the importer takes it off before rules see the event); the labelled accounts and their pattern go
 * to `<name>.labels.csv`.
 */
export function simulate(o: SimulateOptions): SimulateSummary {
  const started = performance.now();
  const start = parseTimestamp(o.start);
  if (start === undefined) throw new RangeError(`bad --start ${o.start}: use RFC 3339`);
  if (o.days < minDays)
    throw new RangeError(
      `--days must be at least ${minDays}: the injected patterns span a week · 注入的模式跨度约一周，天数至少为 ${minDays}`,
    );
  const rng = new Rng(o.seed);
  const people = Math.max(200, Math.round(o.events / (o.days * eventsPerPersonDay)));
  const pop = buildPopulation(rng, people, o.days);
  const perKind = o.patternsPerKind ?? Math.max(2, Math.round(people / 700));
  const planted: Draft[] = [];
  const labels = new Map<string, PatternKind>();
  const planter = { rng, pop, start, days: o.days, out: planted, labels };
  const patterns = {} as Record<PatternKind, number>;
  for (const kind of patternKinds) {
    patterns[kind] = perKind;
    for (let n = 0; n < perKind; n++) plant(planter, kind, n);
  }
  const byDay: Draft[][] = Array.from({ length: o.days }, () => []);
  for (const d of planted) {
    const day = Math.floor((d.t - start) / DAY);
    if (day >= 0 && day < o.days) byDay[day]?.push(d);
  }
  const fd = openSync(o.out, 'w');
  let seq = 0;
  let patternEvents = 0;
  try {
    for (let day = 0; day < o.days; day++) {
      const c = dayContext(start, day);
      const out = byDay[day] ?? [];
      for (const p of pop.persons) if (day >= p.firstDay && day <= p.lastDay) personDay(pop, rng, c, p, out);
      orgDay(pop, rng, c, out);
      out.sort((a, b) => a.t - b.t);
      const lines: string[] = [];
      for (const d of out) {
        if (d.pattern !== undefined) patternEvents++;
        lines.push(wire(d, `ev-${o.seed}-${String(++seq).padStart(8, '0')}`));
      }
      writeSync(fd, lines.join('\n') + '\n');
    }
  } finally {
    closeSync(fd);
  }
  const labelsFile = labelsFileFor(o.out);
  const rows = ['accountId,suspicious,typology', ...[...labels].map(([a, k]) => `${a},1,${k}`)];
  const lf = openSync(labelsFile, 'w');
  writeSync(lf, rows.join('\n') + '\n');
  closeSync(lf);
  return {
    events: seq,
    patternEvents,
    days: o.days,
    persons: people,
    merchants: pop.merchants.length,
    patterns,
    labelledAccounts: labels.size,
    out: o.out,
    labels: labelsFile,
    seconds: (performance.now() - started) / 1000,
  };
}
