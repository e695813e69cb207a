/** Window snapshots: a tenant's feature windows at a commit position, so a restore replays only the log after it. */
export { snapshotKey, featuresHash, SnapshotRejected, SNAPSHOT_FORMAT } from './codec.ts';
export { writeSnapshots, type SnapshotWritten } from './writer.ts';
