/** The multi-lending stores, for the composition root (`zhili hub` commands) and adapter tests only. */
export { sqlKeyHolderStore, sqlRegistryStore } from './sql-store.ts';
