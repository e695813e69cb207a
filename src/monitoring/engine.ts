import { TypeCompiler } from '@sinclair/typebox/compiler';
import { canonicalJson, sha256Hex, schemaErrors, ZhiliError, type FxTable, type Histogram } from '../kernel/index.ts';
import type { DecisionRecord, StoredDecision, TenantRecord } from '../store/index.ts';
import { EventSchema } from './core/event-schema.ts';
import { normalizeEvent } from './core/normalize.ts';
import type { FeatureValue } from './core/features/state.ts';
import type { CompiledFeature } from './core/features/compiled.ts';
import type { EventInput } from './core/event-schema.ts';
import type { NormalizedEvent } from './core/normalize.ts';
import type { CompiledRuleSet } from './core/rules/compiled.ts';
import { decide, type Decision } from './core/rules/decide.ts';
import { CommitBuffer, type CommitGate } from './commit-buffer.ts';
import { screenParties, type PartyScreener } from './screen-parties.ts';
import type { CreditPort } from './core/credit-input.ts';
import type { SuitabilityPort } from './core/suitability-input.ts';
import { validationError } from './compile-doc.ts';
import { TenantWindowKeeper, type WindowDeps } from './engine-rebuild.ts';
import { evaluateShadow, shadowFailed, type TenantRuntime, type TenantSetup } from './shadow.ts';

export { compileOrThrow } from './compile-doc.ts';
export type { TenantRuntime } from './shadow.ts';

const checkEvent = TypeCompiler.Compile(EventSchema);

/** `json`: the decision as stored (JSON text made once when decided), for the answer; absent on a replay. */
export type ItemResult =
  { ok: true; decision: Decision; replayed: boolean; json?: string } | { ok: false; error: ZhiliError };

/** Cluster mode (src/cluster, docs/decisions/0008-partitioned-decisions.md): where events are decided. */
export interface ClusterHooks {
  /** The answer of the node owning the event's partition; undefined: this node owns it and decides. */
  route(tenantId: string, body: EventInput, pointerPrefix: string): Promise<ItemResult | undefined>;
  /** Values of the features kept by the owner of the event's counterparty (read and recorded there). */
  counterpart(
    tenantId: string,
    body: EventInput,
    event: NormalizedEvent,
    features: readonly CompiledFeature[],
  ): Promise<Record<string, FeatureValue> | undefined>;
  /** Refuses, at commit, the decisions made under a partition lease that has moved since. */
  gate?: CommitGate;
}

interface InFlight {
  bodyHash: string;
  done: Promise<Decision>;
}

/** Store, clock, FX, calendar and window snapshots: see WindowDeps (engine-rebuild.ts). */
export interface EngineDeps extends WindowDeps {
  maxCommitBatch: number;
  /** Most decisions being made or waiting for their commit; above it an event is refused (503). Default 16,384. */
  maxCommitQueue?: number;
  /** A tenant this process has not seen yet (created by another process): its record and rule set. */
  loadTenant: (tenantId: string) => Promise<{ tenant: TenantRecord; ruleSet: CompiledRuleSet } | undefined>;
  batchSizes?: Histogram;
  /** Counts decisions by outcome for /metrics. */
  onDecision?: (d: Decision) => void;
  onCommitFailure?: (e: unknown) => void;
  /** Screens a party name against sanctions and PEP lists (the `screening` CEL variable). */
  screenParty?: PartyScreener;
  /** Credit on loan events (the `credit` CEL variable); see CreditPort. */
  credit?: CreditPort;
  /** Investor suitability on investment events (the `suitability` CEL variable); see SuitabilityPort. */
  suitability?: SuitabilityPort;
  /**
   * True when this process is the only writer of decisions (the embedded default): then an id the
   * in-memory filter has never seen is new without asking the store. A cluster of writers must say false.
   */
  exclusiveWriter: boolean;
  cluster?: ClusterHooks;
}

const noNeeds: ReadonlySet<string> = new Set();

/**
 * The decision use-case: idempotency, features, rules, durable commit. One engine per process holds each
 * tenant's compiled rule set and window state in memory; the store is the truth it is rebuilt from.
 */
export class DecisionEngine extends TenantWindowKeeper {
  private readonly inFlight = new Map<string, InFlight>();
  private readonly commits: CommitBuffer;

  constructor(private readonly deps: EngineDeps) {
    super(deps);
    this.commits = new CommitBuffer(deps.store, {
      maxBatch: deps.maxCommitBatch,
      maxQueued: deps.maxCommitQueue ?? 16_384,
      ...(deps.batchSizes ? { batchSizes: deps.batchSizes } : {}),
      ...(deps.cluster?.gate ? { gate: deps.cluster.gate } : {}),
      onFailure: (e, tenants) => {
        deps.onCommitFailure?.(e);
        // Windows already counted the failed batch; rebuild its tenants' from what the store really holds.
        this.recover(tenants).catch((re: unknown) => deps.onCommitFailure?.(re));
      },
      // Refused decisions (a partition lost meanwhile) were counted too: only their tenants are rebuilt.
      onRefused: (tenants) => {
        this.recover(tenants).catch((re: unknown) => deps.onCommitFailure?.(re));
      },
    });
  }

  get isReady(): boolean {
    return this.ready;
  }

  runtime(tenantId: string): TenantRuntime | undefined {
    return this.tenants.get(tenantId);
  }

  /** Whether the tenant's active rule set accepts amounts in the testing currency XTS (loads the tenant if need be). */
  async acceptsTestCurrency(tenantId: string): Promise<boolean> {
    const rt = this.tenants.get(tenantId) ?? (await this.load(tenantId));
    return rt?.ruleSet.acceptTestCurrency === true;
  }

  get fx(): FxTable {
    return this.deps.fx;
  }

  /** Waits until every accepted decision is committed. */
  async drain(): Promise<void> {
    await this.commits.drain();
  }

  /**
   * Another node committed this id first (the store reported the decision as a duplicate): answer with
   * what it stored, as any replay is answered. The windows counted this body once, as a replay of the
   * store would; a body that differs from the stored one must not stay counted.
   */
  private async lostRace(
    rt: TenantRuntime,
    key: string,
    bodyHash: string,
    settle: { resolve: (d: Decision) => void },
    pointerPrefix: string,
  ): Promise<ItemResult> {
    const [tenantId = '', eventId = ''] = key.split('\u0000');
    const stored = await this.deps.store.getDecision(tenantId, eventId);
    if (!stored) throw new ZhiliError('ZHILI_E_STORE_UNAVAILABLE', { message: 'duplicate decision not readable' });
    settle.resolve(stored.decision as Decision);
    if (stored.bodyHash !== bodyHash) {
      this.swap({ tenant: rt.tenant, ruleSet: rt.ruleSet, shadow: keptShadow(rt) }).catch((e: unknown) =>
        this.deps.onCommitFailure?.(e),
      );
    }
    return this.replayOrConflict(
      stored.bodyHash,
      bodyHash,
      Promise.resolve(stored.decision as Decision),
      pointerPrefix,
    );
  }

  /**
   * After a failed or refused commit the in-memory windows count events that were never stored: rebuild
   * those of these tenants (windows are kept per tenant), or of every tenant when none is named.
   */
  async recover(only?: ReadonlySet<string>): Promise<void> {
    if (only) {
      for (const id of only) {
        const rt = this.tenants.get(id);
        if (rt) await this.swap({ tenant: rt.tenant, ruleSet: rt.ruleSet, shadow: keptShadow(rt) });
      }
      return;
    }
    const tenants = [...this.tenants.values()].map((t) => ({
      tenant: t.tenant,
      ruleSet: t.ruleSet,
      shadow: keptShadow(t),
    }));
    await this.start(tenants);
  }

  async get(tenantId: string, eventId: string): Promise<StoredDecision | undefined> {
    return this.deps.store.getDecision(tenantId, eventId);
  }

  /** One event, already shaped by the HTTP schema or not: everything is checked here again. */
  async decide(tenantId: string, body: unknown, pointerPrefix = ''): Promise<ItemResult> {
    if (!this.ready) return { ok: false, error: new ZhiliError('ZHILI_E_NOT_READY', { retryAfterSeconds: 1 }) };
    if (this.pausing) await this.pausing;
    let rt = this.tenants.get(tenantId) ?? (await this.load(tenantId));
    if (!rt) return { ok: false, error: new ZhiliError('ZHILI_E_UNAUTHENTICATED') };
    if (!checkEvent.Check(body)) {
      return { ok: false, error: validationError(schemaErrors(checkEvent.Errors(body), pointerPrefix)) };
    }
    const n = normalizeEvent(body, {
      timeZone: rt.ruleSet.timeZone,
      fx: this.deps.fx,
      acceptTestCurrency: rt.ruleSet.acceptTestCurrency,
    });
    if (!n.ok) {
      const first = n.errors[0];
      return {
        ok: false,
        error: new ZhiliError(first?.code ?? 'ZHILI_E_VALIDATION', {
          pointer: pointerPrefix + (first?.pointer ?? ''),
          details: n.errors.map((e) => ({ ...e, pointer: pointerPrefix + e.pointer })),
        }),
      };
    }
    const event = n.event;
    const routed = await this.deps.cluster?.route(tenantId, body, pointerPrefix);
    if (routed) return routed;
    // One walk of the body: its canonical JSON is both the idempotency fingerprint and the stored text.
    const canonical = canonicalJson(body);
    const bodyHash = sha256Hex(canonical);
    const key = `${tenantId}\u0000${event.id}`;

    const pending = this.inFlight.get(key);
    if (pending) return this.replayOrConflict(pending.bodyHash, bodyHash, pending.done, pointerPrefix);

    // Room in the commit queue before any work: above its bound an event is refused, never dropped once decided.
    if (!this.commits.reserve())
      return { ok: false, error: new ZhiliError('ZHILI_E_OVERLOADED', { retryAfterSeconds: 1 }) };
    let reserved = true;
    let settle!: { resolve: (d: Decision) => void; reject: (e: unknown) => void };
    const done = new Promise<Decision>((resolve, reject) => {
      settle = { resolve, reject };
    });
    done.catch(() => undefined); // waiters handle it; an unobserved rejection must not crash the process
    this.inFlight.set(key, { bodyHash, done });
    // What the credit port booked in memory for this event, taken back if the decision is not committed.
    let undoCredit: (() => void) | undefined;
    let undoSuitability: (() => void) | undefined;
    try {
      const maybeSeen =
        !this.deps.exclusiveWriter || this.seen.mightContain(tenantId, key, event.time, this.deps.clock.now());
      const existing = maybeSeen ? await this.deps.store.getDecision(tenantId, event.id) : undefined;
      if (existing) {
        settle.resolve(existing.decision as Decision);
        return this.replayOrConflict(existing.bodyHash, bodyHash, done, pointerPrefix);
      }
      const remote = await this.deps.cluster?.counterpart(tenantId, body, event, rt.ruleSet.features);
      // Screening first: it may wait on a lookup, and nothing may wait between reading and recording features.
      const pending = screenParties(this.deps.screenParty, event, tenantId);
      const screened = pending instanceof Promise ? await pending : pending;
      // A rebuild of the tenant's windows (a rule set made live, a partition taken over) may have begun
      // while this waited: read and record in the windows it leaves, or the event is counted nowhere.
      while (this.pausing) await this.pausing;
      rt = this.tenants.get(tenantId) ?? rt;
      const now = this.deps.clock.now();
      const fv = rt.features.values(event);
      if (remote) Object.assign(fv.values, remote);
      const credit = this.deps.credit?.(tenantId, event, fv.values, rt.ruleSet.creditFields ?? noNeeds);
      undoCredit = credit?.undo;
      const suit = this.deps.suitability?.(tenantId, event, fv.values, rt.ruleSet.suitabilityFields ?? noNeeds);
      undoSuitability = suit?.undo;
      const decision = decide(
        rt.ruleSet,
        event,
        fv.values,
        [
          ...fv.errors.map((e) => ({ featureId: e.featureId, message: e.message })),
          ...screened.errors,
          ...(credit?.errors ?? []),
          ...(suit?.errors ?? []),
        ],
        {},
        now,
        screened.input,
        credit?.input,
        suit?.input,
      );
      rt.features.record(event);
      if (rt.shadow) decision.shadowRuleSet = evaluateShadow(rt.shadow, event, now);
      else if (rt.shadowFailure) decision.shadowRuleSet = shadowFailed(rt.shadowFailure);
      this.seen.add(tenantId, key, event.time, now);
      const json = JSON.stringify(decision);
      const record: DecisionRecord = {
        tenantId,
        eventId: event.id,
        type: event.type,
        occurredAt: event.time,
        bodyHash,
        event: body,
        decision,
        outcome: decision.outcome,
        ruleSetVersion: decision.ruleSetVersion,
        decidedAt: now,
        serialized: { event: body, eventJson: canonical, decision, decisionJson: json },
      };
      reserved = false; // the queue takes the room over
      if ((await this.commits.enqueue(record)) === 'duplicate')
        return await this.lostRace(rt, key, bodyHash, settle, pointerPrefix);
      undoCredit = undefined; // durable: the book keeps it
      undoSuitability = undefined;
      suit?.committed?.(decision.outcome);
      settle.resolve(decision);
      this.deps.onDecision?.(decision);
      return { ok: true, decision, replayed: false, json };
    } catch (e) {
      undoCredit?.();
      undoSuitability?.();
      settle.reject(e);
      const error =
        e instanceof ZhiliError && e.code !== 'ZHILI_E_CONFLICT'
          ? e
          : new ZhiliError('ZHILI_E_STORE_UNAVAILABLE', { cause: e });
      return { ok: false, error };
    } finally {
      if (reserved) this.commits.unreserve();
      this.inFlight.delete(key);
    }
  }

  /**
   * Cluster mode: this node owns the partition of an event's counterparty, decided on another node.
   * Its feature values as of the event, the event recorded in the windows here (docs/decisions/0008).
   */
  async counterpartValues(tenantId: string, body: unknown): Promise<Record<string, FeatureValue> | ZhiliError> {
    if (!this.ready) return new ZhiliError('ZHILI_E_NOT_READY', { retryAfterSeconds: 1 });
    // A rebuild may start while the previous one's pause resolves: never read half-rebuilt windows.
    while (this.pausing) await this.pausing;
    const rt = this.tenants.get(tenantId) ?? (await this.load(tenantId));
    if (!rt || !checkEvent.Check(body)) return new ZhiliError('ZHILI_E_VALIDATION');
    const n = normalizeEvent(body, {
      timeZone: rt.ruleSet.timeZone,
      fx: this.deps.fx,
      acceptTestCurrency: rt.ruleSet.acceptTestCurrency,
    });
    if (!n.ok) return new ZhiliError('ZHILI_E_VALIDATION');
    const fv = rt.features.values(n.event);
    rt.features.record(n.event);
    this.provisional.set(`${tenantId}\u0000${n.event.id}`, { tenantId, body });
    return fv.values;
  }

  /**
   * A counterparty read recorded here is settled: `counted` (its decision is committed, so every replay
   * has it; or its partition is no longer this node's) keeps the windows; otherwise the read was voided
   * and the tenant's windows are rebuilt without it.
   */
  async settleCounterpart(tenantId: string, eventId: string, counted: boolean): Promise<void> {
    if (!this.provisional.delete(`${tenantId}\u0000${eventId}`) || counted) return;
    await this.recover(new Set([tenantId]));
  }

  private async load(tenantId: string): Promise<TenantRuntime | undefined> {
    const found = await this.deps.loadTenant(tenantId);
    if (!found) return undefined;
    return this.tenants.get(tenantId) ?? this.addTenant(found.tenant, found.ruleSet);
  }

  private async replayOrConflict(
    originalHash: string,
    bodyHash: string,
    done: Promise<Decision>,
    pointerPrefix: string,
  ): Promise<ItemResult> {
    if (originalHash !== bodyHash) {
      return { ok: false, error: new ZhiliError('ZHILI_E_IDEMPOTENCY_CONFLICT', { pointer: `${pointerPrefix}/id` }) };
    }
    try {
      return { ok: true, decision: await done, replayed: true };
    } catch (e) {
      return { ok: false, error: new ZhiliError('ZHILI_E_STORE_UNAVAILABLE', { cause: e }) };
    }
  }
}

/** The shadow a rebuild keeps: the running one, or for one that failed to compile, the store's (undefined). */
function keptShadow(rt: TenantRuntime): TenantSetup['shadow'] {
  return rt.shadow?.ruleSet ?? (rt.shadowFailure ? undefined : null);
}
