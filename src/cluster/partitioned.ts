import { AsyncLocalStorage } from 'node:async_hooks';
import { ZhiliError, type Clock } from '../kernel/index.ts';
import type { ClusterHooks, ItemResult } from '../monitoring/index.ts';
import { CounterpartReads, type Settling } from './counterpart-reads.ts';
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
export interface DecidingEngine extends Settling {
  decide(tenantId: string, body: unknown, pointerPrefix: string): Promise<ItemResult>;
  counterpartValues(tenantId: string, body: unknown): Promise<Values | ZhiliError>;
  /** Every accepted decision committed. */
  drain(): Promise<void>;
  /** Rebuilds every tenant's windows from the committed decisions. */
  restore(): Promise<void>;
}

export interface PartitionedOptions {
  node: string;
  partitions: number;
  ttlMs: number;
  /** NATS subject prefix: several clusters (or test files) share one NATS server. */
  prefix: string;
  forwardTimeoutMs: number;
}

/** A counterparty read not committed this long after it was answered is voided (ten forward timeouts). */
export const readBound = (forwardTimeoutMs: number): number => 10 * forwardTimeoutMs;

const keyOf = (tenantId: string, eventId: string) => `${tenantId}\u0000${eventId}`;

/**
 * Partitioned decisions (docs/decisions/0008-partitioned-decisions.md). An event is decided by the
 * owner of its routing customer's partition: here, or forwarded there and its answer returned as is.
 * When its counterparty is a customer on another partition, the features kept for the counterparty are
 * read from that partition's owner, which records the event in its windows at the same time. Both
 * leases are claimed at commit (the fence, in the database whatever the lease store), so a decision made
 * under a lease that has since moved is refused, never stored — that decision, not its batch.
 */
export class PartitionedDecisions {
  readonly ownership: Ownership;
  private engine: DecidingEngine | undefined;
  private readonly ready = new Set<number>();
  private readonly serving = new Map<number, { stop(): void }[]>();
  private readonly claims = new Map<string, { at: number; claims: Claim[] }>();
  private readonly reads: CounterpartReads;
  private readonly forwarded = new AsyncLocalStorage<true>();
  private restoring: Promise<void> = Promise.resolve();
  private settling: Promise<void> | undefined;

  constructor(
    leases: LeaseStore,
    private readonly transport: Transport,
    private readonly fence: CommitFence,
    private readonly clock: Clock,
    private readonly opts: PartitionedOptions,
    private readonly onError: (e: unknown) => void,
  ) {
    this.reads = new CounterpartReads(fence, readBound(opts.forwardTimeoutMs));
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

  /** Counterparty reads answered here whose decisions are not yet seen committed (or voided). */
  openReads(): number {
    return this.reads.open;
  }

  attach(engine: DecidingEngine): void {
    this.engine = engine;
  }

  readonly hooks: ClusterHooks = {
    route: async (tenantId, body, pointerPrefix) => {
      const route = routeOf(tenantId, body, this.opts.partitions);
      let lease = this.ownership.lease(route.partition);
      // A read of this very event answered here as its counterparty's owner, still open: its first decider
      // (elsewhere, under the partition's former lease) died or lost it between read and commit, so that
      // commit is refused by the fence, yet the windows here count the event — since the read, or again
      // after the takeover's rebuild. Deciding it on them would count it twice: rebuilt without it first.
      if (lease && this.ready.has(route.partition) && this.reads.take(tenantId, body.id)) {
        await this.engine?.settleCounterpart(tenantId, body.id, false);
        lease = this.ownership.lease(route.partition);
      }
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
      // Ours as well: the windows here are that partition's, read and recorded by this decision, which
      // therefore depends on this lease too (a takeover restores from the log what committed before it).
      const local = this.ownership.lease(cp.partition);
      if (local && this.ready.has(cp.partition)) {
        this.claims
          .get(keyOf(tenantId, body.id))
          ?.claims.push({ partition: cp.partition, epoch: local.epoch, own: true });
        return undefined;
      }
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
        ?.claims.push({ partition: cp.partition, epoch: answer.epoch, own: false, read: answer.read });
      const out: Values = {};
      for (const id of remote.read) {
        const v = answer.values[id];
        if (v !== undefined) out[id] = v;
      }
      return out;
    },
    /**
     * Each decision's claims, checked by the fence. A decision with none, or routed longer ago than the
     * read bound (its node stalled: its counterparty read may be voided and swept by now), is refused.
     */
    gate: {
      check: async (batch, tx) => {
        const now = this.clock.now();
        const claims = batch.map((d) => {
          const key = keyOf(d.tenantId, d.eventId);
          const c = this.claims.get(key);
          this.claims.delete(key);
          return c && now - c.at <= readBound(this.opts.forwardTimeoutMs) ? c.claims : [];
        });
        const refused = new Set(await this.fence.check(tx, claims, now));
        claims.forEach((c, i) => {
          if (c.length === 0) refused.add(i);
        });
        return refused;
      },
    },
  };

  /** One renewal round, then the upkeep of what it changed. */
  async tick(): Promise<void> {
    await this.ownership.tick();
    const now = this.clock.now();
    for (const [k, c] of this.claims) if (now - c.at > readBound(this.opts.forwardTimeoutMs)) this.claims.delete(k);
    // Off the renewal path: a void rebuilds a tenant's windows, which must not hold up the next renewal.
    const engine = this.engine;
    if (engine && !this.settling)
      this.settling = this.reads
        .settle(now, engine)
        .catch((e: unknown) => this.onError(e))
        .finally(() => {
          this.settling = undefined;
        });
  }

  async stop(): Promise<void> {
    await this.ownership.releaseAll();
    for (const p of [...this.serving.keys()]) this.stopServing([p]);
    await this.settling;
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
        const held = () => got.filter((l) => this.ownership.lease(l.partition)?.epoch === l.epoch);
        // The fence first: commits held under the old epochs end before it moves, and later ones are refused;
        // the windows restored next include every decision the fence let through.
        const fenced = await this.fence.advance(held());
        await engine.restore();
        for (const l of held()) if (fenced.has(l.partition)) this.startServing(l.partition);
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
      // Asked again (the deciding node retried): the same answer, the event counted once.
      const again = this.reads.again(msg.tenantId, msg.body.id, lease.epoch);
      if (again) return again;
      const values = await engine.counterpartValues(msg.tenantId, msg.body);
      if (values instanceof ZhiliError) return { ok: false, code: values.code };
      return this.reads.answered(msg.tenantId, msg.body.id, p, lease.epoch, values, this.clock.now());
    });
    this.serving.set(p, [decide, counterpart]);
  }

  private stopServing(ps: readonly number[]): void {
    for (const p of ps) {
      this.ready.delete(p);
      for (const s of this.serving.get(p) ?? []) s.stop();
      this.serving.delete(p);
    }
    if (this.engine) this.reads.forget(ps, this.engine).catch((e: unknown) => this.onError(e));
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
