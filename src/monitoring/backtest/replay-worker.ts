/**
 * Replays a backtest in a worker thread (see replay-thread.ts): the rule set is compiled here from its
 * document, events arrive in time-ordered batches and are replayed as they come, progress and the
 * report go back as messages. The same compileRuleSet, FeatureState and decide as the decision API.
 */
import { parentPort } from 'node:worker_threads';
import { chinaCalendar } from '../../kernel/index.ts';
import type { NormalizedEvent } from '../core/normalize.ts';
import { compileRuleSet } from '../core/rules/compile.ts';
import { buildReport, type ReportInput } from './report.ts';
import { replayStepper, type ReplayStepper } from './runner.ts';
import { EntityInterner } from './intern.ts';
import type { Labels } from '../importers/index.ts';

export type ToWorker =
  | { start: { doc: unknown; timeZone: string; total: number } }
  | { events: NormalizedEvent[] }
  | { end: { labels: Labels | undefined; data: ReportInput['data'] } };

export type FromWorker = { progress: number } | { result: ReturnType<typeof buildReport> } | { error: string };

let replay:
  | { rs: ReportInput['rs']; stepper: ReplayStepper; events: NormalizedEvent[]; busy: number; interner: EntityInterner }
  | undefined;
let lastSent = 0;
const send = (m: FromWorker): void => parentPort?.postMessage(m);

parentPort?.on('message', (m: ToWorker) => {
  try {
    if ('start' in m) {
      // Obligations' working-day due dates are the only use of the calendar, and a report reads none.
      const c = compileRuleSet(m.start.doc, { calendar: chinaCalendar(), defaultTimeZone: m.start.timeZone });
      if (!c.ok) throw new Error(`the rule set no longer compiles: ${JSON.stringify(c.errors.slice(0, 3))}`);
      const stepper = replayStepper(c.ruleSet, m.start.total);
      // Messages arrive as copies: the ids are pooled again here (intern.ts).
      replay = { rs: c.ruleSet, stepper, events: [], busy: 0, interner: new EntityInterner() };
    } else if ('events' in m) {
      if (!replay) throw new Error('events before start');
      const t = performance.now();
      const { stepper, events, interner } = replay;
      for (const raw of m.events) {
        const e = interner.event(raw);
        stepper.step(e, events.length);
        events.push(e);
      }
      replay.busy += performance.now() - t;
      if (t - lastSent >= 100) {
        lastSent = t;
        send({ progress: events.length });
      }
    } else {
      if (!replay) throw new Error('end before start');
      const { rs, stepper, events, busy } = replay;
      send({ progress: events.length });
      send({
        result: buildReport({ rs, events, run: stepper.finish(busy / 1000), labels: m.end.labels, data: m.end.data }),
      });
      replay = undefined;
    }
  } catch (e) {
    send({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
