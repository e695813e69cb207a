/**
 * Exit plans of winding-down platforms, kept current from the data they still send (core/exit-plan.ts).
 * The move to `exited` is a status change under four eyes; the registry asks `ready` before proposing
 * and again before approving it.
 */
import type { Clock } from '../../kernel/index.ts';
import { exitReady, updateExitPlan, type ExitData, type ExitPlan, type ExitVerdict } from '../core/exit-plan.ts';
import type { HubStore, PlatformRecord } from '../hub-store.ts';
import { incidentOpen, latestFilings } from './read.ts';

export class ExitPlans {
  constructor(private readonly d: { store: HubStore; clock: Clock }) {}

  /** What the latest filings say, summed over the platform's tenants; undefined: no indicators yet. */
  async data(platformId: string): Promise<ExitData | undefined> {
    const f = await latestFilings(this.d.store, platformId);
    if (f.indicators.length === 0) return undefined;
    // When the hub received them (its own clock, as the plan's opening is).
    const received = (await this.d.store.filings(platformId, 'indicators', 10_000)).map((x) => x.receivedAt);
    const loans = new Map<string, { currency: string; open: number; balanceMinor: number }>();
    for (const i of f.indicators)
      for (const l of i.loans) {
        const x = loans.get(l.currency) ?? { currency: l.currency, open: 0, balanceMinor: 0 };
        x.open += l.open;
        x.balanceMinor += l.balanceMinor;
        loans.set(l.currency, x);
      }
    return {
      // The oldest tenant's figures: the plan is only as current as its stalest part.
      at: Math.min(...received),
      loans: [...loans.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
      customersToNotify: f.indicators.reduce((s, i) => s + i.customersToNotify, 0),
      complaintsOpen: f.indicators.reduce((s, i) => s + i.complaintsOpen, 0),
      incidentsOpen: f.incidents.filter(incidentOpen).length,
    };
  }

  /** Opens or updates the plan of a winding-down platform from its latest data; the plan otherwise. */
  async refresh(p: PlatformRecord): Promise<ExitPlan | undefined> {
    const plan = await this.d.store.exitPlan(p.id);
    if (p.status !== 'winding_down') return plan;
    // The plan opens when the wind-down was approved: only data received since then counts.
    const since = (await this.d.store.changes(p.id))
      .filter((c) => c.decision === 'approved' && c.to === 'winding_down')
      .reduce((t, c) => Math.max(t, c.decidedAt ?? 0), 0);
    const next = updateExitPlan(p.id, plan, await this.data(p.id), since || this.d.clock.now());
    await this.d.store.putExitPlan(next);
    return next;
  }

  async ready(p: PlatformRecord): Promise<ExitVerdict> {
    return exitReady(await this.refresh(p));
  }
}
