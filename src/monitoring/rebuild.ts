import type { FxTable } from '../kernel/index.ts';
import type { IdempotencyFilter } from './core/idempotency-filter.ts';
import type { Store, StoredDecision, WindowSnapshotStore } from '../store/index.ts';
import type { EventInput } from './core/event-schema.ts';
import type { FeatureState } from './core/features/state.ts';
import type { CompiledRuleSet } from './core/rules/compiled.ts';
import { normalizeEvent } from './core/normalize.ts';
import { decodeSnapshot, featuresHash, SnapshotRejected } from './snapshot/codec.ts';

interface Windows {
  readonly ruleSet: CompiledRuleSet;
  readonly features: FeatureState;
}

/** A tenant's runtime as far as its windows go: the active version's and the shadow's. */
export interface TenantWindows extends Windows {
  readonly tenant: { readonly id: string };
  readonly shadow?: Windows;
}

/** Where window snapshots are kept, how they are opened, how often written (src/monitoring/snapshot). */
export interface SnapshotSource {
  readonly store: WindowSnapshotStore;
  /** Seals and opens bodies (derived from the master key); undefined: bodies are not sealed. */
  readonly key: Buffer | undefined;
  /** Names the FX table the windows' "usd" values were computed with (see codec.featuresHash). */
  readonly fxFingerprint: string;
  /** Write every tenant's snapshots this often once started (ms); 0 or absent: only read them. */
  readonly everyMs?: number;
  /** How each restore went (from a snapshot or the whole log, decisions replayed), for logs and metrics. */
  readonly onRestore?: (stats: readonly RestoreStat[]) => void;
  /** A stored snapshot that was not used, and why (the windows came from the whole log). */
  readonly onRejected?: (stat: RestoreStat, reason: SnapshotRejected) => void;
  readonly onWritten?: (written: readonly { tenantId: string; replayed: number; bytes: number }[]) => void;
  /** A round of writing that failed (the next one is tried as usual). */
  readonly onError?: (e: unknown) => void;
}

/** How one version's windows of one tenant were restored. */
export interface RestoreStat {
  readonly tenantId: string;
  readonly ruleSetVersion: string;
  /** Commit position of the snapshot the windows started from; null: the whole log was replayed. */
  readonly snapshotPosition: number | null;
  /** The tenant's decisions recorded into the windows from the log. */
  replayed: number;
  /** The tenant's decisions in the windows: the snapshot's and those replayed. */
  decisions: number;
  /** Latest event time among them (-Infinity: none). */
  maxOccurredAt: number;
  /** Why a stored snapshot was not used (absent: none was stored, or it was used). */
  readonly rejected?: string;
}

/** The windows of one version being restored, and the position its log replay starts after. */
interface Slot {
  readonly windows: Windows;
  readonly after: number;
  readonly stat: RestoreStat;
}

const PAGE = 5000;

export interface RebuildOptions {
  readonly store: Pick<Store, 'scanDecisions'>;
  readonly fx: FxTable;
  /** Ids of the decisions read go here (undefined: not kept, as when writing a snapshot). */
  readonly seen: IdempotencyFilter | undefined;
  /** The clock's time: ids of events implausibly far ahead of it are not held (see IdempotencyFilter). */
  readonly now: number;
  readonly targets: readonly TenantWindows[];
  readonly snapshots?: SnapshotSource;
}

/**
 * Restores the windows of `targets` (fresh runtimes): each version from its snapshot when one fits
 * (same rule-set version, features hash and format, and it opens), then the committed decisions after
 * the snapshot's position, in commit order — or all of them when no snapshot fits. Every decision read
 * goes into `seen`; ids older than a snapshot are marked "ask the store" there. A rejected snapshot is
 * reported in the stats (and to `onRejected`) and the windows come from the full log: fail safe.
 */
export async function rebuildWindows(o: RebuildOptions): Promise<{ stats: RestoreStat[]; position: number }> {
  const byTenant = new Map<string, Slot[]>();
  for (const t of o.targets) {
    const slots: Slot[] = [];
    for (const w of t.shadow ? [t, t.shadow] : [t]) slots.push(await fromSnapshot(t.tenant.id, w, o));
    byTenant.set(t.tenant.id, slots);
  }
  const all = [...byTenant.values()].flat();
  let after = all.length === 0 ? 0 : Math.min(...all.map((s) => s.after));
  for (;;) {
    const page = await o.store.scanDecisions(after, PAGE);
    if (page.length === 0) break;
    for (const d of page) {
      after = d.seq;
      o.seen?.add(d.tenantId, `${d.tenantId}\u0000${d.eventId}`, d.occurredAt, o.now);
      const slots = byTenant.get(d.tenantId);
      if (slots) for (const s of slots) if (d.seq > s.after) replayInto(s, d, o.fx);
    }
  }
  return { stats: all.map((s) => s.stat), position: after };
}

/** A committed event into one version's windows, as the full replay always did. */
function replayInto(s: Slot, d: StoredDecision, fx: FxTable): void {
  // Stored events passed the schema when decided; the sealing store gives them back as received.
  const n = normalizeEvent(d.event as EventInput, {
    timeZone: s.windows.ruleSet.timeZone,
    fx,
    acceptTestCurrency: s.windows.ruleSet.acceptTestCurrency,
  });
  if (n.ok) s.windows.features.record(n.event);
  s.stat.replayed++;
  s.stat.decisions++;
  if (d.occurredAt > s.stat.maxOccurredAt) s.stat.maxOccurredAt = d.occurredAt;
}

async function fromSnapshot(tenantId: string, w: Windows, o: RebuildOptions): Promise<Slot> {
  const { snapshots, seen } = o;
  const ruleSetVersion = w.ruleSet.version;
  const full = (rejected?: string): Slot => ({
    windows: w,
    after: 0,
    stat: {
      tenantId,
      ruleSetVersion,
      snapshotPosition: null,
      replayed: 0,
      decisions: 0,
      maxOccurredAt: Number.NEGATIVE_INFINITY,
      ...(rejected ? { rejected } : {}),
    },
  });
  if (!snapshots) return full();
  const stored = await snapshots.store.get(tenantId, ruleSetVersion);
  if (!stored) return full();
  try {
    const want = { tenantId, ruleSetVersion, featuresHash: featuresHash(w.ruleSet, snapshots.fxFingerprint) };
    const dump = decodeSnapshot(stored, want, snapshots.key);
    try {
      w.features.load(dump);
    } catch (e) {
      throw new SnapshotRejected(`does not load: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  } catch (e) {
    if (!(e instanceof SnapshotRejected)) throw e;
    // FeatureState.load checks everything before taking anything: the windows are still empty.
    const slot = full(e.message);
    snapshots.onRejected?.(slot.stat, e);
    return slot;
  }
  seen?.unsureUpTo(tenantId, stored.maxOccurredAt);
  const stat = { tenantId, ruleSetVersion, snapshotPosition: stored.position, replayed: 0 };
  return {
    windows: w,
    after: stored.position,
    stat: { ...stat, decisions: stored.decisions, maxOccurredAt: stored.maxOccurredAt },
  };
}
