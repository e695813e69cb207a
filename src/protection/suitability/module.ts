import type { AuditSink, Clock, FxTable, Ids } from '../../kernel/index.ts';
import { normalizeEvent, type CompiledRuleSet, type EventInput, type SuitabilityPort } from '../../monitoring/index.ts';
import type { Store } from '../../store/index.ts';
import { SuitabilityAdvice } from './advice.ts';
import { recordPurchase, suitabilityPort } from './decision-port.ts';
import { SuitabilityMemory } from './memory.ts';
import type { SuitabilityRoutesOptions } from './routes.ts';
import { SuitabilitySelf } from './self.ts';
import { SuitabilityService } from './service.ts';
import type { SuitabilityStore } from './storage/port.ts';

export interface SuitabilityModule {
  profiles: SuitabilityService;
  advice: SuitabilityAdvice;
  /** The consumer's own questionnaire, category, recommendations and lessons (the portal). */
  self: SuitabilitySelf;
  /** Given to the DecisionEngine: `suitability.*` on investment events, in memory. */
  port: SuitabilityPort;
  memory: SuitabilityMemory;
  /** With the access service: the options of `app.register(suitabilityRoutes, …)`. */
  routes: Omit<SuitabilityRoutesOptions, 'access'>;
  /** Loads the memory from the store and rebuilds purchases from stored decisions (after the engine started). */
  load(
    decisions: Pick<Store, 'scanDecisions'>,
    ruleSetOf: (tenantId: string) => CompiledRuleSet | undefined,
    fx: FxTable,
  ): Promise<void>;
  /** Stops watching the database for changes made by another process (the CLI, another node). */
  stop(): void;
}

/** How often a node checks whether another process changed categories, products or settings. */
const WATCH_MS = 5_000;

/** Wires investor suitability: questionnaires, products, matching in decisions, recommendations, education. */
export function createSuitability(o: {
  store: SuitabilityStore;
  clock: Clock;
  ids: Ids;
  audit?: AuditSink | undefined;
  settleAudit?: () => Promise<unknown>;
}): SuitabilityModule {
  const memory = new SuitabilityMemory();
  const deps = { ...o, memory };
  const profiles = new SuitabilityService(deps);
  const advice = new SuitabilityAdvice(deps, profiles);
  let seen = '';
  let timer: ReturnType<typeof setInterval> | undefined;
  const refresh = async (): Promise<void> => {
    const f = await o.store.fingerprint();
    if (f === seen) return;
    memory.load(await o.store.snapshot());
    seen = f;
  };
  return {
    profiles,
    advice,
    self: new SuitabilitySelf(profiles, advice),
    memory,
    port: suitabilityPort(memory),
    routes: { profiles, advice },
    stop: () => clearInterval(timer),
    async load(decisions, ruleSetOf, fx) {
      await refresh();
      let busy = false;
      timer = setInterval(() => {
        if (busy) return;
        busy = true;
        refresh()
          .catch((e: unknown) => process.emitWarning(e instanceof Error ? e : new Error(String(e))))
          .finally(() => {
            busy = false;
          });
      }, WATCH_MS);
      timer.unref();
      // Purchases come from the decisions store (the truth), in commit order.
      let after = 0;
      for (;;) {
        const page = await decisions.scanDecisions(after, 5000);
        if (page.length === 0) break;
        for (const d of page) {
          after = d.seq;
          // Only purchases that were allowed happened: a blocked or held one is not past behaviour.
          if (d.type !== 'investment_purchase' || d.outcome !== 'allow') continue;
          const rs = ruleSetOf(d.tenantId);
          if (!rs) continue;
          const n = normalizeEvent(d.event as EventInput, {
            timeZone: rs.timeZone,
            fx,
            acceptTestCurrency: rs.acceptTestCurrency,
          });
          if (n.ok) recordPurchase(memory, d.tenantId, n.event);
        }
      }
    },
  };
}
