import type { AuditSink, Clock, FxTable } from '../kernel/index.ts';
import { normalizeEvent, type CompiledRuleSet, type CreditPort, type EventInput } from '../monitoring/index.ts';
import type { Store } from '../store/index.ts';
import { LoanBookMemory } from './book.ts';
import { rebuildLoanBook } from './book-rebuild.ts';
import { creditPort } from './decision-port.ts';
import { ScorecardLifecycle } from './lifecycle.ts';
import { LiveScorecards } from './live.ts';
import { CreditMonitor } from './monitor.ts';
import type { CreditStore } from './store.ts';

export interface CreditModule {
  /** Given to the DecisionEngine: credit.* on loan events, in memory. */
  port: CreditPort;
  lifecycle: ScorecardLifecycle;
  book: LoanBookMemory;
  /** Weekly score stability of the active cards, from the stored decisions. */
  monitor: CreditMonitor;
  /**
   * Loads the live scorecards and rebuilds the loan book from stored decisions (after the engine
   * started); from then on checks every tenant's score stability hourly (raising the week's alert).
   */
  load(
    store: Pick<Store, 'scanDecisions' | 'scanTenantDecisions' | 'getTenant'>,
    ruleSetOf: (tenantId: string) => CompiledRuleSet | undefined,
    fx: FxTable,
  ): Promise<void>;
  /** Stops watching the database for cards made live elsewhere, and the stability checks. */
  stop(): void;
}

/** How often a node checks whether another process (the CLI, another node) changed the live cards. */
const LIVE_POLL_MS = 5_000;
/** How often a node checks the current week's score stability (an alert is raised once, whichever node is first). */
const MONITOR_MS = 3_600_000;

/** The credit module's decision-time parts, wired by the composition root. */
export function creditModule(deps: {
  store: CreditStore;
  clock: Clock;
  audit?: AuditSink;
  /** `credit.external.*`: the multi-lending check's result at hand for a customer (composition root wires it). */
  external?: Parameters<typeof creditPort>[0]['external'];
  /** The one-year LPR table, when the configuration adds to the shipped one. */
  lpr?: Parameters<typeof creditPort>[0]['lpr'];
}): CreditModule {
  const live = new LiveScorecards(deps.store);
  const book = new LoanBookMemory();
  const monitor = new CreditMonitor({ store: deps.store, clock: deps.clock, audit: deps.audit });
  let stopWatch = (): void => undefined;
  let timer: NodeJS.Timeout | undefined;
  const warn = (e: unknown): void => process.emitWarning(e instanceof Error ? e : new Error(String(e)));
  return {
    port: creditPort({
      live,
      book,
      ...(deps.external ? { external: deps.external } : {}),
      ...(deps.lpr ? { lpr: deps.lpr } : {}),
    }),
    lifecycle: new ScorecardLifecycle({ store: deps.store, live, clock: deps.clock, audit: deps.audit, monitor }),
    book,
    monitor,
    async load(store, ruleSetOf, fx) {
      monitor.attach(store);
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
      stopWatch = live.watch(LIVE_POLL_MS, warn);
      timer = setInterval(() => {
        deps.store
          .live()
          .then(async (cards) => {
            for (const c of cards) if (c.status === 'active') await monitor.report(c.tenantId, {});
          })
          .catch(warn);
      }, MONITOR_MS);
      timer.unref();
    },
    stop: () => {
      stopWatch();
      if (timer) clearInterval(timer);
    },
  };
}
