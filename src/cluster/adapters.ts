export { pgLeaseStore } from './pg-leases.ts';
export { natsLeaseStore } from './nats-leases.ts';
export { pgCommitFence } from './pg-fence.ts';
export { natsTransport } from './nats-transport.ts';
