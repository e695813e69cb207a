import { ZhiliError, type Clock, type FxTable, type WorkingCalendar } from '../kernel/index.ts';
import type { Store, TenantRecord } from '../store/index.ts';
import type { EventInput } from './core/event-schema.ts';
import { FeatureState } from './core/features/state.ts';
import { IdempotencyFilter } from './core/idempotency-filter.ts';
import { normalizeEvent } from './core/normalize.ts';
import type { CompiledRuleSet } from './core/rules/compiled.ts';
import { compileOrThrow } from './compile-doc.ts';
import { rebuildWindows, type RestoreStat, type SnapshotSource } from './rebuild.ts';

export type { RestoreStat };
import { writeSnapshots, type SnapshotWritten } from './snapshot/writer.ts';
import { shadowRuntime, type TenantRuntime, type TenantSetup } from './shadow.ts';

/** What restoring windows needs of the engine's dependencies. */
export interface WindowDeps {
  store: Store;
  clock: Clock;
  fx: FxTable;
  calendar: WorkingCalendar;
  /** Window snapshots (src/monitoring/snapshot): restores start from one plus the log after it. */
  snapshots?: SnapshotSource;
}

/**
 * The engine's tenants and their windows, and how they are (re)built: at start, when a tenant is added,
 * a rule set goes live or a shadow starts, after a failed commit and on a partition takeover — each
 * from the tenant's latest window snapshot plus the decisions committed after it, or the whole log.
 * The decision path (engine.ts) reads the fields; only these methods replace runtimes.
 */
export abstract class TenantWindowKeeper {
  protected readonly tenants = new Map<string, TenantRuntime>();
  /** Cluster mode: counterparty reads recorded in the windows here whose decisions are not yet seen committed. */
  protected readonly provisional = new Map<string, { tenantId: string; body: EventInput }>();
  /** Set while a tenant's windows are rebuilt: new decisions wait for it. */
  protected pausing: Promise<void> | undefined;
  protected ready = false;
  protected seen = new IdempotencyFilter();
  /** How the last restore went, per tenant and version (tests, figures). */
  lastRestore: readonly RestoreStat[] = [];
  private snapshotTimer: NodeJS.Timeout | undefined;
  private snapshotRound: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly windowDeps: WindowDeps) {}

  /** Waits until every accepted decision is committed. */
  abstract drain(): Promise<void>;

  /** Compiles a rule set document for a tenant; throws ZHILI_E_RULESET_INVALID with every problem. */
  compile(doc: unknown, timeZone: string): CompiledRuleSet {
    return compileOrThrow(doc, { calendar: this.windowDeps.calendar, defaultTimeZone: timeZone });
  }

  /** Loads every tenant and restores their windows (snapshot plus log, or the whole log). */
  async start(tenants: readonly TenantSetup[]): Promise<void> {
    this.ready = false;
    this.tenants.clear();
    this.seen = new IdempotencyFilter();
    for (const t of tenants) this.tenants.set(t.tenant.id, await this.fresh(t));
    await this.replay();
    this.ready = true;
    this.scheduleSnapshots();
  }

  /**
   * Writes each tenant's window snapshots at the end of the commit log now (snapshot/writer.ts); a
   * tenant's written within half the interval (here or on another node) is left.
   */
  async writeSnapshots(): Promise<SnapshotWritten[]> {
    const d = this.windowDeps;
    if (!d.snapshots) return [];
    const runtimes = [...this.tenants.values()];
    return writeSnapshots({
      store: d.store,
      snapshots: d.snapshots,
      fx: d.fx,
      clock: d.clock,
      minAgeMs: (d.snapshots.everyMs ?? 0) / 2,
      tenants: async () =>
        runtimes.map((rt) => ({
          tenantId: rt.tenant.id,
          ruleSets: rt.shadow ? [rt.ruleSet, rt.shadow.ruleSet] : [rt.ruleSet],
        })),
    });
  }

  /** Stops writing snapshots (waits for a round under way) and drains the commits. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.snapshotTimer);
    await this.snapshotRound;
    await this.drain();
  }

  private scheduleSnapshots(): void {
    const s = this.windowDeps.snapshots;
    if (!s?.everyMs || this.closed || this.snapshotTimer) return;
    this.snapshotTimer = setTimeout(() => {
      this.snapshotRound = this.writeSnapshots()
        .catch((e: unknown) => s.onError?.(e))
        .finally(() => {
          this.snapshotTimer = undefined;
          this.scheduleSnapshots();
        });
    }, s.everyMs);
    this.snapshotTimer.unref();
  }

  /** Adds a tenant created while running (by the CLI or the API); replays its history, if any. */
  async addTenant(tenant: TenantRecord, ruleSet: CompiledRuleSet): Promise<TenantRuntime> {
    await this.swap({ tenant, ruleSet });
    return this.tenants.get(tenant.id) as TenantRuntime;
  }

  /** Makes a new rule set live for a tenant: its features are rebuilt from the tenant's history first. */
  async activate(tenantId: string, ruleSet: CompiledRuleSet): Promise<void> {
    const rt = this.tenants.get(tenantId);
    if (!rt) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/tenantId' });
    // A shadow that failed to compile is read from the store again (undefined), unless it is the one going live.
    const shadow = rt.shadow
      ? rt.shadow.ruleSet.version !== ruleSet.version
        ? rt.shadow.ruleSet
        : null
      : rt.shadowFailure && rt.shadowFailure.version !== ruleSet.version
        ? undefined
        : null;
    await this.swap({ tenant: rt.tenant, ruleSet, shadow });
  }

  /** Runs a version in shadow beside the active one (null: stops shadowing); its windows come from history. */
  async setShadow(tenantId: string, shadow: CompiledRuleSet | null): Promise<void> {
    const rt = this.tenants.get(tenantId);
    if (!rt) throw new ZhiliError('ZHILI_E_NOT_FOUND', { pointer: '/tenantId' });
    await this.swap({ tenant: rt.tenant, ruleSet: rt.ruleSet, shadow });
  }

  /** A runtime with empty windows; the shadow version is read from the store unless given. */
  private async fresh(t: TenantSetup): Promise<TenantRuntime> {
    let shadow = t.shadow;
    let shadowFailure: TenantRuntime['shadowFailure'];
    if (shadow === undefined) {
      const stored = await this.windowDeps.store.getShadowRuleSet(t.tenant.id);
      try {
        shadow = stored ? this.compile(stored.content, t.tenant.timeZone) : null;
      } catch (e) {
        // A shadow version that no longer compiles must not stop the tenant, nor vanish unsaid.
        shadow = null;
        if (stored) shadowFailure = { version: stored.version, error: shadowCompileError(e) };
      }
    }
    const rt = { tenant: t.tenant, ruleSet: t.ruleSet, features: new FeatureState(t.ruleSet.features) };
    if (shadow) return { ...rt, shadow: shadowRuntime(shadow) };
    return shadowFailure ? { ...rt, shadowFailure } : rt;
  }

  protected async swap(setup: TenantSetup): Promise<void> {
    // Hold new decisions while the tenant's state is rebuilt so none is counted in the old state only.
    let release = (): void => undefined;
    const previous = this.pausing;
    const mine = new Promise<void>((r) => {
      release = r;
    });
    this.pausing = mine;
    try {
      await previous;
      await this.drain();
      this.tenants.set(setup.tenant.id, await this.fresh(setup));
      await this.replay(setup.tenant.id);
    } finally {
      release();
      // A rebuild begun meanwhile has set its own pause (it waits for this one): it stays set until it ends.
      if (this.pausing === mine) this.pausing = undefined;
    }
  }

  /** Restores the windows of one tenant's fresh runtime, or of all of them. */
  private async replay(only?: string): Promise<void> {
    const d = this.windowDeps;
    const targets = [...this.tenants.values()].filter((rt) => only === undefined || rt.tenant.id === only);
    const { stats, position } = await rebuildWindows({
      store: d.store,
      fx: d.fx,
      seen: this.seen,
      now: d.clock.now(),
      targets,
      ...(d.snapshots ? { snapshots: d.snapshots } : {}),
    });
    // Counterparty reads the restored windows do not hold — their decisions not committed up to the
    // position restored (from a snapshot or the log) — are counted again, once.
    for (const p of this.provisional.values()) {
      const rt = this.tenants.get(p.tenantId);
      if (!rt || (only !== undefined && p.tenantId !== only)) continue;
      const stored = await d.store.getDecision(p.tenantId, p.body.id);
      if (stored && stored.seq <= position) continue;
      const n = normalizeEvent(p.body, {
        timeZone: rt.ruleSet.timeZone,
        fx: d.fx,
        acceptTestCurrency: rt.ruleSet.acceptTestCurrency,
      });
      if (n.ok) rt.features.record(n.event);
    }
    this.lastRestore = stats;
    d.snapshots?.onRestore?.(stats);
  }
}

/** Why a stored shadow version did not compile, in one line for each decision's shadow summary. */
function shadowCompileError(e: unknown): string {
  if (e instanceof ZhiliError) {
    const first = e.details[0];
    return `${e.code}: the shadow version no longer compiles${first ? ` (${first.pointer} ${first.message})` : ''}`;
  }
  return `the shadow version no longer compiles: ${e instanceof Error ? e.message : String(e)}`;
}
