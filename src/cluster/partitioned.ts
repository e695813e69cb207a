import { AsyncLocalStorage } from 'node:async_hooks';
import { ZhiliError, type Clock } from '../kernel/index.ts';
import type { ClusterHooks, ItemResult } from '../monitoring/index.ts';
import type { Lease } from './ownership-core.ts';
import { Ownership } from './ownership.ts';
import { routeOf } from './partition.ts';
import type { Claim, CommitFence, LeaseStore, Transport } from './port.ts';
import {
  CounterpartRequest,
  DecideRequest,
  counterpartFromWire,
  itemFromWire,
  itemToWire,
  unavailable,
} from './wire.ts';

type Values = Record<string, number | boolean>;
type Features = Parameters<ClusterHooks['counterpart']>[3];
type Event = Parameters<ClusterHooks['counterpart']>[2];

/** What this service needs of the node's decision engine. */
export interface DecidingEngine {
  decide(tenantId: string, body: unknown, pointerPrefix: string): Promise<ItemResult>;
  counterpartValues(tenantId: string, body: unknown): Promise<Values | ZhiliError>;
  /** Every accepted decision committed. */
  drain(): Promise<void>;
  /** Rebuilds a tenant's windows (all tenants when undefined) from the committed decisions. */
  restore(tenantId?: string): Promise<void>;
  committed(tenantId: string, eventId: string): Promise<boolean>;
}

export interface PartitionedOptions {
  node: string;
  partitions: number;
  ttlMs: number;
  /** NATS subject prefix: several clusters (or test files) share one NATS server. */
  prefix: string;
  forwardTimeoutMs: number;
}

/** A counterparty read not yet seen committed: if it never is, the windows here counted it wrongly. */
interface Pending {
  tenantId: string;
  eventId: string;
  at: number;
  answer: { ok: true; values: Values; epoch: number };
}

const keyOf = (tenantId: string, eventId: string) => `${tenantId}\u0000${eventId}`;

/**
 * Partitioned decisions (docs/decisions/0008-partitioned-decisions.md). An event is decided by the
 * owner of its routing customer's partition: here, or forwarded there and its answer returned as is.
 * When its counterparty is a customer on another partition, the features kept for the counterparty are
 * read from that partition's owner, which records the event in its windows at the same time. Both
 * leases are claimed at commit (the fence), so a decision made under a lease that has since moved is
 * refused, never stored.
 */
export class PartitionedDecisions {
  readonly ownership: Ownership;
  private engine: DecidingEngine | undefined;
  private readonly ready = new Set<number>();
  private readonly serving = new Map<number, { stop(): void }[]>();
  private readonly claims = new Map<string, { at: number; claims: Claim[] }>();
  private readonly pending = new Map<string, Pending>();
  private readonly forwarded = new AsyncLocalStorage<true>();
  private restoring: Promise<void> = Promise.resolve();

  constructor(
    leases: LeaseStore,
    private readonly transport: Transport,
    private readonly fence: CommitFence | undefined,
    private readonly clock: Clock,
    private readonly opts: PartitionedOptions,
    private readonly onError: (e: unknown) => void,
  ) {
    this.ownership = new Ownership(
      leases,
      clock,
      { node: opts.node, partitions: opts.partitions, ttlMs: opts.ttlMs, marginMs: Math.floor(opts.ttlMs / 5) },
      {
        acquired: (got) => this.acquired(got),
        lost: (ps) => this.stopServing(ps),
        releasing: async (ps) => {
          this.stopServing(ps);
          await this.engine?.drain();
        },
      },
    );
  }

  /** Partitions this node decides for now (lease held, windows restored). */
  served(): number[] {
    return [...this.ready].filter((p) => this.ownership.lease(p)).sort((a, b) => a - b);
  }

  attach(engine: DecidingEngine): void {
    this.engine = engine;
  }

  readonly hooks: ClusterHooks = {
    route: async (tenantId, body, pointerPrefix) => {
      const route = routeOf(tenantId, body, this.opts.partitions);
      const lease = this.ownership.lease(route.partition);
      if (lease && this.ready.has(route.partition)) {
        this.claims.set(keyOf(tenantId, body.id), {
          at: this.clock.now(),
          claims: [{ partition: route.partition, epoch: lease.epoch, own: true }],
        });
        return undefined;
      }
      // Forwarded here but not (or no longer) ours: never decide on a non-owner, never forward twice.
      if (this.forwarded.getStore()) return { ok: false, error: unavailable() };
      const answer = await this.transport.request(
        this.subject('decide', route.partition),
        { tenantId, body, pointerPrefix },
        this.opts.forwardTimeoutMs,
      );
      return itemFromWire(answer);
    },
    counterpart: async (tenantId, body, event, features) => {
      const route = routeOf(tenantId, body, this.opts.partitions);
      const cp = route.counterparty;
      if (!cp) return undefined;
      const party = event[cp.side];
      const ids = new Set([party?.partyId, party?.accountId].filter((x) => x !== undefined));
      const remote = remoteFeatures(features, event, ids);
      if (!remote.touched) return undefined; // no feature keeps anything for the counterparty
      // Ours as well: the windows here are that partition's, read and recorded by this decision.
      if (this.ownership.lease(cp.partition) && this.ready.has(cp.partition)) return undefined;
      const answer = counterpartFromWire(
        await this.transport.request(
          this.subject('counterpart', cp.partition),
          { tenantId, body },
          this.opts.forwardTimeoutMs,
        ),
      );
      if (!answer) throw unavailable();
      this.claims
        .get(keyOf(tenantId, body.id))
        ?.claims.push({ partition: cp.partition, epoch: answer.epoch, own: false });
      const out: Values = {};
      for (const id of remote.read) {
        const v = answer.values[id];
        if (v !== undefined) out[id] = v;
      }
      return out;
    },
  };

  /** The engine's store with the fence around its group commits. */
  fenced<
    S extends { appendDecisions(batch: readonly R[], ...rest: never[]): Promise<unknown> },
    R extends { tenantId: string; eventId: string },
  >(store: S): S {
    const append = async (batch: readonly R[], ...rest: never[]) => {
      const claims: Claim[] = [];
      for (const d of batch) {
        const c = this.claims.get(keyOf(d.tenantId, d.eventId));
        if (c) claims.push(...c.claims);
        this.claims.delete(keyOf(d.tenantId, d.eventId));
      }
      const own = claims.filter((c) => c.own);
      // Without a database fence (leases in NATS KV): the lease as this node sees it, with its margin.
      if (!this.fence) {
        if (own.some((c) => this.ownership.lease(c.partition)?.epoch !== c.epoch)) throw unavailable();
        return store.appendDecisions(batch, ...rest);
      }
      if (claims.length === 0) return store.appendDecisions(batch, ...rest);
      const held = await this.fence.hold(claims, this.clock.now());
      try {
        if (!held.ok) throw unavailable();
        return await store.appendDecisions(batch, ...rest);
      } finally {
        await held.release();
      }
    };
    return new Proxy(store, {
      get: (target, prop, receiver) => {
        if (prop === 'appendDecisions') return append;
        const v: unknown = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
  }

  /** One renewal round, then the upkeep of what it changed. */
  async tick(): Promise<void> {
    await this.ownership.tick();
    const now = this.clock.now();
    for (const [k, c] of this.claims) if (now - c.at > 60_000) this.claims.delete(k);
    await this.settlePending(now);
  }

  async stop(): Promise<void> {
    await this.ownership.releaseAll();
    for (const p of [...this.serving.keys()]) this.stopServing([p]);
  }

  private subject(kind: 'decide' | 'counterpart', partition: number): string {
    return `${this.opts.prefix}.${kind}.${partition}`;
  }

  private acquired(got: readonly Lease[]): void {
    // Restores one after another: a node taking many partitions at once rebuilds once per batch.
    this.restoring = this.restoring
      .then(async () => {
        const engine = this.engine;
        if (!engine) return;
        await engine.restore();
        for (const l of got) if (this.ownership.lease(l.partition)?.epoch === l.epoch) this.startServing(l.partition);
      })
      .catch((e: unknown) => this.onError(e));
  }

  private startServing(p: number): void {
    if (this.ready.has(p)) return;
    this.ready.add(p);
    const engine = this.engine;
    if (!engine) return;
    const decide = this.transport.serve(this.subject('decide', p), async (msg) => {
      if (!DecideRequest.Check(msg)) return itemToWire({ ok: false, error: new ZhiliError('ZHILI_E_VALIDATION') });
      const r = await this.forwarded.run(true, () => engine.decide(msg.tenantId, msg.body, msg.pointerPrefix));
      return itemToWire(r);
    });
    const counterpart = this.transport.serve(this.subject('counterpart', p), async (msg) => {
      if (!CounterpartRequest.Check(msg) || !isIdentified(msg.body)) return { ok: false, code: 'ZHILI_E_VALIDATION' };
      const lease = this.ownership.lease(p);
      if (!lease || !this.ready.has(p)) return { ok: false, code: 'ZHILI_E_PARTITION_UNAVAILABLE' };
      const key = keyOf(msg.tenantId, msg.body.id);
      // Asked again (the deciding node retried): the same answer, the event counted once.
      const again = this.pending.get(key);
      if (again && again.answer.epoch === lease.epoch) return again.answer;
      const values = await engine.counterpartValues(msg.tenantId, msg.body);
      if (values instanceof ZhiliError) return { ok: false, code: values.code };
      const answer = { ok: true as const, values, epoch: lease.epoch };
      this.pending.set(key, { tenantId: msg.tenantId, eventId: msg.body.id, at: this.clock.now(), answer });
      return answer;
    });
    this.serving.set(p, [decide, counterpart]);
  }

  private stopServing(ps: readonly number[]): void {
    for (const p of ps) {
      this.ready.delete(p);
      for (const s of this.serving.get(p) ?? []) s.stop();
      this.serving.delete(p);
    }
  }

  /**
   * A counterparty read whose decision was never committed (its node died, or its commit was refused)
   * left the event counted here: after a while far beyond any commit, such a tenant's windows are
   * rebuilt from what was committed.
   */
  private async settlePending(now: number): Promise<void> {
    const engine = this.engine;
    if (!engine) return;
    const stale = new Set<string>();
    for (const [k, p] of this.pending) {
      if (now - p.at < 10 * this.opts.forwardTimeoutMs) continue;
      this.pending.delete(k);
      if (!(await engine.committed(p.tenantId, p.eventId))) stale.add(p.tenantId);
    }
    for (const t of stale) await engine.restore(t);
  }
}

function isIdentified(body: unknown): body is { id: string } {
  return typeof body === 'object' && body !== null && typeof (body as { id?: unknown }).id === 'string';
}

/** Which features the counterparty's owner keeps for this event: those read there, and whether any is. */
function remoteFeatures(
  features: Features,
  event: Event,
  ids: ReadonlySet<string>,
): { read: string[]; touched: boolean } {
  const read: string[] = [];
  let touched = false;
  for (const f of features) {
    const entity = f.entity(event);
    const lookup = (f.lookup ?? f.entity)(event);
    if (lookup !== undefined && ids.has(lookup)) read.push(f.id);
    if ((entity !== undefined && ids.has(entity)) || (lookup !== undefined && ids.has(lookup))) touched = true;
  }
  return { read, touched };
}
