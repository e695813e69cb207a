export { pgLeaseStore } from './pg-leases.ts';
export { natsLeaseStore } from './nats-leases.ts';
