import type { FxTable } from '../kernel/index.ts';
import type { IdempotencyFilter } from './core/idempotency-filter.ts';
import type { Store, StoredDecision } from '../store/index.ts';
import type { EventInput } from './core/event-schema.ts';
import type { FeatureState } from './core/features/state.ts';
import { normalizeEvent } from './core/normalize.ts';

interface RuleSetClock {
  readonly timeZone: string;
  readonly acceptTestCurrency: boolean;
}

interface Windows {
  readonly ruleSet: RuleSetClock;
  readonly features: FeatureState;
  readonly shadow?: { readonly ruleSet: RuleSetClock; readonly features: FeatureState };
}

/**
 * Replays every committed decision in commit order: each id goes into `seen`, and the event into the
 * windows (active and shadow) of the runtime `target` picks for it, if any.
 */
export async function rebuildWindows(
  store: Store,
  fx: FxTable,
  seen: IdempotencyFilter,
  /** The clock's time: ids of events implausibly far ahead of it are not held (see IdempotencyFilter). */
  now: number,
  target: (d: StoredDecision) => Windows | undefined,
): Promise<void> {
  let after = 0;
  for (;;) {
    const page = await store.scanDecisions(after, 5000);
    if (page.length === 0) break;
    for (const d of page) {
      after = d.seq;
      seen.add(d.tenantId, `${d.tenantId}\u0000${d.eventId}`, d.occurredAt, now);
      const rt = target(d);
      if (!rt) continue;
      const n = normalizeEvent(d.event as EventInput, {
        timeZone: rt.ruleSet.timeZone,
        fx,
        acceptTestCurrency: rt.ruleSet.acceptTestCurrency,
      });
      if (n.ok) rt.features.record(n.event);
      if (!rt.shadow) continue;
      const ns = normalizeEvent(d.event as EventInput, {
        timeZone: rt.shadow.ruleSet.timeZone,
        fx,
        acceptTestCurrency: rt.shadow.ruleSet.acceptTestCurrency,
      });
      if (ns.ok) rt.shadow.features.record(ns.event);
    }
  }
}
