import type { AuditSink, Clock, FxTable } from '../kernel/index.ts';
import { normalizeEvent, type CompiledRuleSet, type CreditPort, type EventInput } from '../monitoring/index.ts';
import type { Store } from '../store/index.ts';
import { LoanBookMemory } from './book.ts';
import { rebuildLoanBook } from './book-rebuild.ts';
import { creditPort } from './decision-port.ts';
import { ScorecardLifecycle } from './lifecycle.ts';
import { LiveScorecards } from './live.ts';
import type { CreditStore } from './store.ts';

export interface CreditModule {
  /** Given to the DecisionEngine: credit.* on loan events, in memory. */
  port: CreditPort;
  lifecycle: ScorecardLifecycle;
  book: LoanBookMemory;
  /** Loads the live scorecards and rebuilds the loan book from stored decisions (after the engine started). */
  load(
    store: Pick<Store, 'scanDecisions'>,
    ruleSetOf: (tenantId: string) => CompiledRuleSet | undefined,
    fx: FxTable,
  ): Promise<void>;
  /** Stops watching the database for cards made live elsewhere. */
  stop(): void;
}

/** How often a node checks whether another process (the CLI, another node) changed the live cards. */
const LIVE_POLL_MS = 5_000;

/** The credit module's decision-time parts, wired by the composition root. */
export function creditModule(deps: { store: CreditStore; clock: Clock; audit?: AuditSink }): CreditModule {
  const live = new LiveScorecards(deps.store);
  const book = new LoanBookMemory();
  let stopWatch = (): void => undefined;
  return {
    port: creditPort({ live, book }),
    lifecycle: new ScorecardLifecycle({ store: deps.store, live, clock: deps.clock, audit: deps.audit }),
    book,
    async load(store, ruleSetOf, fx) {
      await live.load();
      await rebuildLoanBook(
        (after, limit) => store.scanDecisions(after, limit),
        (tenantId, body) => {
          const rs = ruleSetOf(tenantId);
          if (!rs) return undefined;
          const n = normalizeEvent(body as EventInput, {
            timeZone: rs.timeZone,
            fx,
            acceptTestCurrency: rs.acceptTestCurrency,
          });
          return n.ok ? n.event : undefined;
        },
        book,
      );
      stopWatch = live.watch(LIVE_POLL_MS, (e) => process.emitWarning(e instanceof Error ? e : new Error(String(e))));
    },
    stop: () => stopWatch(),
  };
}
