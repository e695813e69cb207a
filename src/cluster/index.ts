export { fnv1a, partitionOf, routeOf, type Route, type RoutingEvent } from './partition.ts';
export { plan, fairShare, liveNodes, type Lease, type Member, type Plan } from './ownership-core.ts';
export { Ownership, type OwnershipOptions, type OwnershipEvents } from './ownership.ts';
export type { LeaseStore } from './port.ts';
export { PartitionedDecisions, type DecidingEngine, type PartitionedOptions } from './partitioned.ts';
export type { Claim, CommitFence, Transport } from './port.ts';
