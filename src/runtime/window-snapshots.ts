import { canonicalJson, Counter, sha256Hex, type Registry } from '../kernel/index.ts';
import { fxTableData, snapshotKey, type EngineDeps } from '../monitoring/index.ts';
import type { WindowSnapshotStore } from '../store/index.ts';
import type { Config } from './config.ts';

/**
 * The engine's window snapshots (src/monitoring/snapshot): in the database beside the decisions, sealed
 * under a key derived from the master key every node shares, written every ZHILI_WINDOW_SNAPSHOT_MS (0:
 * neither written nor read), with their figures in /metrics and unusable ones in the process warnings.
 */
export function snapshotDeps(
  config: Pick<Config, 'windowSnapshotMs' | 'fxFile'>,
  stores: { windowSnapshots: WindowSnapshotStore },
  master: { key: Buffer },
  registry: Registry,
): Pick<EngineDeps, 'snapshots'> {
  if (config.windowSnapshotMs === 0) return {};
  const restored = registry.register(
    new Counter(
      'zhili_window_restore_decisions_total',
      'Decisions replayed into feature windows on restores, by start: snapshot (only the log after it) or log (all of it)',
    ),
  );
  const snapshots = registry.register(
    new Counter(
      'zhili_window_snapshots_total',
      'Window snapshots written, or found and rejected (the whole log replayed)',
    ),
  );
  const warn = (e: unknown) => process.emitWarning(e instanceof Error ? e : new Error(String(e)));
  return {
    snapshots: {
      store: stores.windowSnapshots,
      key: snapshotKey(master.key),
      fxFingerprint: sha256Hex(canonicalJson(fxTableData(config.fxFile))),
      everyMs: config.windowSnapshotMs,
      onRestore: (stats) => {
        for (const s of stats) restored.inc({ from: s.snapshotPosition === null ? 'log' : 'snapshot' }, s.replayed);
      },
      onRejected: (stat, reason) => {
        snapshots.inc({ result: 'rejected' });
        warn(new Error(`window snapshot of ${stat.tenantId} ${stat.ruleSetVersion} not used: ${reason.message}`));
      },
      onWritten: (written) => snapshots.inc({ result: 'written' }, written.length),
      onError: warn,
    },
  };
}
