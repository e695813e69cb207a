import type { Clock, FxTable } from '../../kernel/index.ts';
import type { Store } from '../../store/index.ts';
import { FeatureState } from '../core/features/state.ts';
import type { CompiledRuleSet } from '../core/rules/compiled.ts';
import { rebuildWindows, type SnapshotSource, type TenantWindows } from '../rebuild.ts';
import { encodeSnapshot, featuresHash } from './codec.ts';

export interface SnapshotWriterDeps {
  readonly store: Pick<Store, 'scanDecisions'>;
  readonly snapshots: SnapshotSource;
  readonly fx: FxTable;
  readonly clock: Clock;
  /** The tenants and the versions whose windows are kept (the active one, and the shadow if any). */
  readonly tenants: () => Promise<readonly { tenantId: string; ruleSets: readonly CompiledRuleSet[] }[]>;
  /** A snapshot written within this long (by this node or another) is not written again yet. */
  readonly minAgeMs: number;
}

export interface SnapshotWritten {
  readonly tenantId: string;
  readonly ruleSetVersion: string;
  readonly position: number;
  /** Decisions read from the log for it (the tail after the previous snapshot, or the whole log). */
  readonly replayed: number;
  readonly bytes: number;
}

/**
 * Writes each tenant's window snapshots at the current end of the commit log. The windows are built
 * apart from the live ones — previous snapshot plus the log after it, as a restore would — never read
 * from the engine: a node's live windows also hold counterparty reads not (yet) committed and lack the
 * events other nodes decided, and a snapshot must equal a replay of the log up to its position.
 * Every node may write; the store keeps the latest position, and `minAgeMs` spares a node the work
 * another has just done.
 */
export async function writeSnapshots(deps: SnapshotWriterDeps): Promise<SnapshotWritten[]> {
  const now = deps.clock.now();
  const targets: TenantWindows[] = [];
  const prior = new Map<string, number>();
  for (const t of await deps.tenants()) {
    for (const rs of t.ruleSets) {
      const stored = await deps.snapshots.store.get(t.tenantId, rs.version);
      if (stored && now - stored.createdAt < deps.minAgeMs) continue;
      prior.set(`${t.tenantId}\u0000${rs.version}`, stored?.position ?? -1);
      // One target per version (no shadow slot): stats come back in this order.
      targets.push({ tenant: { id: t.tenantId }, ruleSet: rs, features: new FeatureState(rs.features) });
    }
  }
  if (targets.length === 0) return [];
  const { stats, position } = await rebuildWindows({
    store: deps.store,
    fx: deps.fx,
    seen: undefined,
    now,
    targets,
    snapshots: deps.snapshots,
  });
  const out: SnapshotWritten[] = [];
  for (const [i, t] of targets.entries()) {
    const stat = stats[i];
    if (!stat || position <= (prior.get(`${t.tenant.id}\u0000${t.ruleSet.version}`) ?? -1)) continue;
    const record = encodeSnapshot(
      {
        tenantId: t.tenant.id,
        ruleSetVersion: t.ruleSet.version,
        featuresHash: featuresHash(t.ruleSet, deps.snapshots.fxFingerprint),
        position,
        decisions: stat.decisions,
        maxOccurredAt: Number.isFinite(stat.maxOccurredAt) ? stat.maxOccurredAt : 0,
        createdAt: deps.clock.now(),
      },
      t.features.dump(),
      deps.snapshots.key,
    );
    if (await deps.snapshots.store.put(record))
      out.push({
        tenantId: t.tenant.id,
        ruleSetVersion: t.ruleSet.version,
        position,
        replayed: stat.replayed,
        bytes: record.body.byteLength,
      });
  }
  deps.snapshots.onWritten?.(out);
  return out;
}
